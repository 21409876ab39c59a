/// What a password must be, checked before it is hashed. Long passphrases are welcome; short,
/// common or guessable ones are not (the NIST SP 800-63B approach: length and a block list, no
/// composition rules).
public enum PasswordPolicy {
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes; a longer password would be silently cut.
    public static let maximumBytes = 72

    public enum Problem: String, Sendable, Equatable {
        case tooShort = "too-short"
        case tooLong = "too-long"
        case common
        case containsUsername = "contains-username"
        case repetitive
        case controlCharacters = "control-characters"

        public var vietnamese: String {
            switch self {
            case .tooShort: "Mật khẩu phải có ít nhất \(PasswordPolicy.minimumLength) ký tự."
            case .tooLong: "Mật khẩu dài quá \(PasswordPolicy.maximumBytes) byte (chữ có dấu tính 2–3 byte)."
            case .common: "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị đoán; hãy chọn mật khẩu khác."
            case .containsUsername: "Mật khẩu không được chứa tên đăng nhập."
            case .repetitive: "Mật khẩu chỉ lặp lại một vài ký tự hoặc là một dãy liên tiếp; hãy chọn mật khẩu khác."
            case .controlCharacters: "Mật khẩu không được chứa ký tự điều khiển (xuống dòng, tab, NUL…)."
            }
        }

        public var english: String {
            switch self {
            case .tooShort: "The password must have at least \(PasswordPolicy.minimumLength) characters."
            case .tooLong: "The password is longer than \(PasswordPolicy.maximumBytes) bytes."
            case .common: "This password is on the list of common passwords; choose another."
            case .containsUsername: "The password must not contain the user name."
            case .repetitive: "The password repeats a few characters or is a simple sequence; choose another."
            case .controlCharacters: "The password must not contain control characters (line breaks, tabs, NUL…)."
            }
        }
    }

    /// The first rule the password breaks, or nil when it is acceptable.
    public static func check(_ password: String, username: String) -> Problem? {
        // bcrypt stops at a NUL byte: "a\0long phrase" would be stored as "a".
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacters }
        if password.count < minimumLength { return .tooShort }
        if password.utf8.count > maximumBytes { return .tooLong }
        let lowered = password.lowercased()
        if CommonPasswords.all.contains(lowered) { return .common }
        // "matkhau2025!" is a common word with decoration: strip trailing digits and symbols too.
        let stem = String(lowered.reversed().drop { !$0.isLetter }.reversed())
        if stem.count >= 4, CommonPasswords.all.contains(stem) { return .common }
        let user = username.lowercased()
        if user.count >= 3, lowered.contains(user) { return .containsUsername }
        if Set(lowered).count <= 3 || isSequence(lowered) { return .repetitive }
        return nil
    }

    /// "abcdefghij", "9876543210": every character one step from the one before.
    static func isSequence(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard scalars.count > 2 else { return false }
        let step = Int(scalars[1]) - Int(scalars[0])
        guard abs(step) == 1 else { return false }
        return zip(scalars, scalars.dropFirst()).allSatisfy { Int($1) - Int($0) == step }
    }
}

/// How long an account stays locked after failed sign-ins: free attempts first, then a delay
/// that doubles with each further failure, up to a ceiling, so guessing is slow but a user who
/// mistypes is not locked out for long.
public enum SignInThrottle {
    public static let freeAttempts = 5
    public static let firstDelaySeconds = 30
    public static let maximumDelaySeconds = 3_600

    /// Seconds to lock the account after `failures` consecutive failures (0 = not locked).
    public static func delay(afterFailures failures: Int) -> Int {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return min(firstDelaySeconds << doublings, maximumDelaySeconds)
    }
}
