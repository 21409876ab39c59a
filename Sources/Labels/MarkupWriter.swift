/// Appends HTML and SVG text as UTF-8 bytes into one growing buffer, so a sheet of thousands
/// of labels is written without building and concatenating intermediate strings.
struct MarkupWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// Text for an element or a quoted attribute: the five characters HTML gives meaning to.
    mutating func escaped(_ text: String) {
        for b in text.utf8 {
            switch b {
            case 0x26: raw("&amp;")
            case 0x3C: raw("&lt;")
            case 0x3E: raw("&gt;")
            case 0x22: raw("&quot;")
            case 0x27: raw("&#39;")
            default: bytes.append(b)
            }
        }
    }

    mutating func int(_ value: Int) {
        if value < 0 {
            bytes.append(0x2D)
            int(-value)
            return
        }
        if value < 10 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: value))
            return
        }
        var n = 0
        var v = value
        while v > 0 {
            n += 1
            v /= 10
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0x30, count: n))
        v = value
        for i in stride(from: start + n - 1, through: start, by: -1) {
            bytes[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
    }

    /// A length in millimetres to 0.01 mm, without trailing zeros ("12", "12.5", "0.25").
    mutating func mm(_ value: Double) {
        var hundredths = Int((value * 100).rounded())
        if hundredths < 0 {
            bytes.append(0x2D)
            hundredths = -hundredths
        }
        int(hundredths / 100)
        let fraction = hundredths % 100
        guard fraction != 0 else { return }
        bytes.append(0x2E)
        bytes.append(0x30 &+ UInt8(fraction / 10))
        if fraction % 10 != 0 { bytes.append(0x30 &+ UInt8(fraction % 10)) }
    }
}
