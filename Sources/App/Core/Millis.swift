import Foundation

/// Times in the database are milliseconds since 1970 (UTC), as 64-bit integers both dialects
/// compare and index the same way.
enum Millis {
    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
