/// The four error correction levels of ISO/IEC 18004; each recovers roughly 7, 15, 25 and 30 %
/// of the codewords respectively.
public enum ErrorCorrection: String, CaseIterable, Sendable, Hashable, Comparable {
    case low = "L"
    case medium = "M"
    case quartile = "Q"
    case high = "H"

    /// Parses "L", "M", "Q", "H" (or "low", "medium", "quartile", "high") in any letter case,
    /// ignoring surrounding spaces, so command-line and query-string values can be passed straight in.
    public init?(_ text: String) {
        var letters: [UInt8] = []
        for byte in text.utf8 where byte != 0x20 && byte != 0x09 {
            letters.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
        }
        switch String(decoding: letters, as: UTF8.self) {
        case "L", "LOW": self = .low
        case "M", "MEDIUM": self = .medium
        case "Q", "QUARTILE": self = .quartile
        case "H", "HIGH": self = .high
        default: return nil
        }
    }

    /// Position in the standard's tables, ordered from weakest to strongest.
    var ordinal: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .quartile: 2
        case .high: 3
        }
    }

    /// The two-bit indicator in the format information; deliberately not in L-M-Q-H order.
    var formatBits: UInt32 {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }

    public static func < (lhs: ErrorCorrection, rhs: ErrorCorrection) -> Bool { lhs.ordinal < rhs.ordinal }
}

extension ErrorCorrection: LosslessStringConvertible {
    public var description: String { rawValue }
}
