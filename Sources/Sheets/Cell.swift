import Foundation

/// One cell's value, as a spreadsheet stores it (not as it displays it).
///
/// Dates: SpreadsheetML stores a date as a number (days since 1899-12-30) that a date number
/// format displays as a date. The XLSX reader returns such a number as `.date`, the instant
/// whose wall-clock time in the reader's time zone (UTC unless chosen) is the one Excel shows;
/// the writer turns `.date` back into that number with a date format. Formulas are not
/// evaluated: a formula cell reads as the value Excel saved with it.
public enum Cell: Hashable, Sendable {
    case empty
    /// Never empty: the readers give `.empty` for "".
    case text(String)
    case number(Double)
    case date(Date)
    case bool(Bool)
    /// An error value such as "#DIV/0!" or "#N/A".
    case error(String)

    public var isEmpty: Bool { if case .empty = self { return true } else { return false } }

    /// The value as text: numbers in their shortest exact form ("12", "0.1", "1e-05"), dates as
    /// ISO 8601 in UTC ("2024-03-15", or "2024-03-15 08:30:00" when there is a time of day),
    /// booleans as "TRUE"/"FALSE", "" for an empty cell.
    public var text: String { text(in: .gmt) }

    /// As `text`, with dates shown in `timeZone`.
    public func text(in timeZone: TimeZone) -> String {
        switch self {
        case .empty: return ""
        case .text(let s), .error(let s): return s
        case .number(let d): return Self.format(d)
        case .date(let d): return SheetDate.isoText(d, timeZone: timeZone)
        case .bool(let b): return b ? "TRUE" : "FALSE"
        }
    }

    /// Shortest text that reads back as the same Double; integral values without ".0".
    static func format(_ d: Double) -> String {
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = value.isEmpty ? .empty : .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
