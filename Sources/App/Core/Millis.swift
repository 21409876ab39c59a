import Foundation
import NguonCore

/// Times in the database are milliseconds since 1970 (UTC), as 64-bit integers both dialects
/// compare and index the same way.
enum Millis {
    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

extension CivilDate {
    /// Today in Vietnam: the day deadlines and validity are judged on.
    static var today: CivilDate { .vietnam(millis: Millis.now()) }
}
