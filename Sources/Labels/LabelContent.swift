import Foundation
import GS1

/// What one label shows and encodes: the product, its lot and dates, who made it, and the GS1
/// Digital Link in its QR code (optionally serialised with AI 21).
///
/// Made only through the throwing initialiser, which builds the link with the GS1 library and
/// parses it back, so every label's link has valid check digits, character sets, dates and
/// qualifier order (/01/{gtin}/10/{lot}/21/{serial}, date limit as a query attribute).
public struct LabelContent: Sendable, Hashable {
    /// Serials per run that rendering is sized and measured for.
    public static let maximumSerialsPerRun = 10_000

    public let productName: String
    public let producerName: String
    public let gtin: GTIN
    public let lot: String
    public let productionDate: LabelDate
    public let dateLimit: DateLimit
    public let serial: String?
    /// Resolver stem the link is built on, e.g. "https://truyxuat.quangninh.gov.vn".
    public let resolver: String
    /// e.g. "https://truyxuat.quangninh.gov.vn/01/08931000001006/10/DS-2611?17=261205".
    public let digitalLink: String

    /// Names are tidied for printing (see `tidy`); lot and serial must be GS1 CSET 82 (AI 10
    /// and 21, up to 20 characters). Throws `.gs1` with the GS1 library's reason otherwise.
    public init(
        productName: String, producerName: String, gtin: GTIN, lot: String,
        productionDate: LabelDate, dateLimit: DateLimit, serial: String? = nil, resolver: String
    ) throws(LabelError) {
        let name = Self.tidy(productName), producer = Self.tidy(producerName)
        guard !name.isEmpty else { throw .emptyField("product name") }
        guard !producer.isEmpty else { throw .emptyField("producer name") }
        guard !lot.isEmpty else { throw .emptyField("lot") }
        guard serial?.isEmpty != true else { throw .emptyField("serial") }
        guard dateLimit.date >= productionDate else {
            throw .dateLimitBeforeProduction(production: productionDate, limit: dateLimit.date)
        }
        var elements = [AIElement(ai: "01", value: gtin.gtin14), AIElement(ai: "10", value: lot)]
        if let serial { elements.append(AIElement(ai: "21", value: serial)) }
        elements.append(AIElement(ai: dateLimit.ai, value: dateLimit.date.gs1))
        let link: String
        do throws(GS1Error) {
            link = try DigitalLink.uri(for: ElementString(elements), stem: resolver)
            // Generation does not check values; parsing does (CSET 82, lengths, dates, order).
            _ = try DigitalLink.parse(link)
        } catch {
            throw .gs1(error)
        }
        self.productName = name
        self.producerName = producer
        self.gtin = gtin
        self.lot = lot
        self.productionDate = productionDate
        self.dateLimit = dateLimit
        self.serial = serial
        self.resolver = resolver
        self.digitalLink = link
    }

    /// The same label with another serial (nil for the lot-level label).
    public func withSerial(_ serial: String?) throws(LabelError) -> LabelContent {
        try LabelContent(
            productName: productName, producerName: producerName, gtin: gtin, lot: lot,
            productionDate: productionDate, dateLimit: dateLimit, serial: serial, resolver: resolver)
    }

    /// One label per serial, in the order given; at most `maximumSerialsPerRun`.
    public func serialised(_ serials: SerialNumbers) throws(LabelError) -> [LabelContent] {
        let values = try serials.values()
        var labels: [LabelContent] = []
        labels.reserveCapacity(values.count)
        for s in values { labels.append(try withSerial(s)) }
        return labels
    }

    /// NFC (names typed on some systems arrive decomposed, which fonts render badly); one space
    /// for any run of white space or control characters, so a name cannot break the layout;
    /// format characters (bidi overrides that could make a name read backwards, soft hyphens)
    /// dropped, except the joiner inside emoji.
    static func tidy(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let category = scalar.properties.generalCategory
            if scalar.properties.isWhitespace || category == .control {
                pendingSpace = !out.isEmpty
                continue
            }
            if category == .format && scalar != "\u{200D}" { continue }
            if pendingSpace {
                out.unicodeScalars.append(" ")
                pendingSpace = false
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// The serials of a run: consecutive numbers, zero-padded, or an explicit list.
public enum SerialNumbers: Sendable, Hashable {
    /// `count` numbers from `start`, each zero-padded to `width` digits (1…20, AI 21's limit).
    case counting(from: Int, count: Int, width: Int)
    /// These serials, in this order.
    case list([String])

    /// The serials, checked for count (1…10 000), range and duplicates.
    public func values() throws(LabelError) -> [String] {
        switch self {
        case let .counting(start, count, width):
            guard (1...LabelContent.maximumSerialsPerRun).contains(count) else { throw .serialCount(count) }
            guard start >= 0, start <= Int.max - count, (1...20).contains(width), String(start + count - 1).utf8.count <= width else {
                throw .serialOutOfRange(start: start, count: count, width: width)
            }
            return (start..<(start + count)).map { n in
                let digits = String(n)
                return String(repeating: "0", count: width - digits.utf8.count) + digits
            }
        case .list(let serials):
            guard (1...LabelContent.maximumSerialsPerRun).contains(serials.count) else { throw .serialCount(serials.count) }
            var seen = Set<String>(minimumCapacity: serials.count)
            for s in serials where !seen.insert(s).inserted { throw .duplicateSerial(s) }
            return serials
        }
    }
}
