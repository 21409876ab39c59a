import GS1
import QRCode

/// Why labels could not be made; `code` is stable for logs and API responses.
public enum LabelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a real day, or outside 2000…2099.
    case invalidDate(String)
    /// The use-by or best-before date is before the production date.
    case dateLimitBeforeProduction(production: LabelDate, limit: LabelDate)
    /// A text field that the label must show is empty (after trimming).
    case emptyField(String)
    /// The GTIN, lot, serial or resolver do not make a valid GS1 Digital Link.
    case gs1(GS1Error)
    /// The Digital Link does not fit in a QR code (only for absurdly long resolvers).
    case qrCode(QRCodeError)
    /// A serialised run asks for no serials, or more than `LabelContent.maximumSerialsPerRun`.
    case serialCount(Int)
    /// Counting serials: negative start, or a number that needs more digits than `width`.
    case serialOutOfRange(start: Int, count: Int, width: Int)
    /// The same serial twice in one run.
    case duplicateSerial(String)
    /// The layout does not fit its page, or its QR code does not fit its label.
    case invalidLayout(String)

    public var code: String {
        switch self {
        case .invalidDate: "label_invalid_date"
        case .dateLimitBeforeProduction: "label_date_limit_before_production"
        case .emptyField: "label_empty_field"
        case .gs1(let e): "label_gs1_" + e.code
        case .qrCode: "label_qr_code"
        case .serialCount: "label_serial_count"
        case .serialOutOfRange: "label_serial_out_of_range"
        case .duplicateSerial: "label_duplicate_serial"
        case .invalidLayout: "label_invalid_layout"
        }
    }

    public var description: String {
        switch self {
        case .invalidDate(let s): "Not a valid date in 2000–2099: \(s)"
        case .dateLimitBeforeProduction(let p, let l): "The date limit \(l) is before the production date \(p)"
        case .emptyField(let f): "The label needs a \(f)"
        case .gs1(let e): "GS1: \(e.description)"
        case .qrCode(let e): "QR code: \(e.description)"
        case .serialCount(let n): "A serialised run needs 1 to \(LabelContent.maximumSerialsPerRun) serials, not \(n)"
        case .serialOutOfRange(let s, let c, let w): "Serials \(s) + \(c) do not fit in \(w) digits"
        case .duplicateSerial(let s): "Serial \(s) appears twice in the run"
        case .invalidLayout(let r): "Layout: \(r)"
        }
    }
}
