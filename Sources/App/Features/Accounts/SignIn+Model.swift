import NguonCore

/// `/dang-nhap`: the sign-in form; after a failed attempt, what went wrong; while sign-in is
/// paused for the address and name, for how long.
enum SignIn {
    struct Model {
        /// The name typed (never the password).
        var username = ""
        /// Where to go after signing in: a path on this site (`AccountController.safeNext`).
        var next: String?
        var error: AppError?
        /// While sign-in is paused: the seconds left, sent as Retry-After.
        var retryAfter: Int?

        static func missing(username: String, next: String?) -> Model {
            Model(username: username, next: next, error: AppError.invalid(
                field: username.isEmpty ? "username" : "password", rule: "required",
                LocalizedText(vi: "Hãy nhập tên đăng nhập và mật khẩu.", en: "Enter your user name and password.")))
        }

        /// The same answer for unknown names, wrong passwords and closed accounts.
        static func failed(username: String, next: String?) -> Model {
            Model(username: username, next: next, error: AppError(
                status: .unauthorized, code: "sign-in-failed", title: LocalizedText(vi: "Không đăng nhập được", en: "Sign-in failed"),
                detail: LocalizedText(vi: "Tên đăng nhập hoặc mật khẩu không đúng.", en: "The user name or password is wrong.")))
        }

        /// Paused until `until` (ms): the seconds left, rounded up, at least one.
        static func locked(username: String, next: String?, until: Int64, now: Int64 = Millis.now()) -> Model {
            let seconds = max(1, Int((until - now + 999) / 1000))
            return Model(username: username, next: next, error: AppError(
                status: .tooManyRequests, code: "account-locked", title: LocalizedText(vi: "Tài khoản tạm khóa", en: "Account locked"),
                detail: LocalizedText(vi: "Đăng nhập sai nhiều lần. Hãy thử lại sau \(seconds) giây, hoặc nhờ quản trị viên đặt lại mật khẩu.",
                                      en: "Too many failed sign-ins. Try again in \(seconds) seconds, or ask an administrator to reset the password.")),
                retryAfter: seconds)
        }
    }
}
