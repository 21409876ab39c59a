/// The encoding modes this encoder uses; raw values are the 4-bit mode indicators.
enum Mode: UInt8, Sendable {
    case numeric = 0b0001
    case alphanumeric = 0b0010
    case byte = 0b0100

    /// Length of the character count indicator; it grows with the version (three version bands).
    @inline(__always)
    func countBits(band: Int) -> Int {
        switch self {
        case .numeric: 10 + 2 * band
        case .alphanumeric: 9 + 2 * band
        case .byte: band == 0 ? 8 : 16
        }
    }

    /// Bits used by `n` characters' data, excluding the header.
    @inline(__always)
    func dataBits(_ n: Int) -> Int {
        switch self {
        case .numeric: 10 * (n / 3) + (n % 3 == 0 ? 0 : (n % 3 == 1 ? 4 : 7))
        case .alphanumeric: 11 * (n / 2) + 6 * (n % 2)
        case .byte: 8 * n
        }
    }
}

/// The count-indicator band of a version: 1–9, 10–26, 27–40.
@inline(__always)
func versionBand(_ version: Int) -> Int { version <= 9 ? 0 : (version <= 26 ? 1 : 2) }

/// A run of the input's UTF-8 bytes encoded in one mode.
struct Segment: Hashable, Sendable {
    var mode: Mode
    var start: Int
    var count: Int

    /// The most characters one segment header can announce, rounded down to whole groups
    /// (3 digits, 2 alphanumerics) so a split never leaves a short group in the middle.
    @inline(__always)
    func maxCount(countBits cb: Int) -> Int {
        let limit = (1 << cb) - 1
        switch mode {
        case .numeric: return limit - limit % 3
        case .alphanumeric: return limit - limit % 2
        case .byte: return limit
        }
    }

    /// Header plus data bits; a segment longer than its count indicator can express is charged as
    /// several consecutive segments, which is how `write` emits it. (The standard's capacities keep
    /// real segments within the limit, so this is a safeguard.)
    func bits(band: Int) -> Int {
        let cb = mode.countBits(band: band)
        let maxCount = maxCount(countBits: cb)
        var bits = 0, left = count
        repeat {
            let n = min(left, maxCount)
            bits += 4 + cb + mode.dataBits(n)
            left -= n
        } while left > 0
        return bits
    }

    /// Value of an alphanumeric-mode character (0–44), or 0xFF when the byte is not in that set.
    static let alphanumericValue: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        return table
    }()

    /// Appends mode indicator, character count and data for this segment to `buffer`.
    func write(_ input: UnsafeBufferPointer<UInt8>, band: Int, into buffer: inout BitBuffer) {
        let cb = mode.countBits(band: band)
        let maxCount = maxCount(countBits: cb)
        var pos = start
        var left = count
        repeat {
            let n = min(left, maxCount)
            buffer.append(UInt32(mode.rawValue), bits: 4)
            buffer.append(UInt32(n), bits: cb)
            let end = pos + n
            switch mode {
            case .numeric:
                // Three digits per 10 bits; a trailing one or two digits take 4 or 7 bits.
                while pos + 3 <= end {
                    let v = UInt32(input[pos] &- 0x30) * 100 + UInt32(input[pos + 1] &- 0x30) * 10
                        + UInt32(input[pos + 2] &- 0x30)
                    buffer.append(v, bits: 10)
                    pos += 3
                }
                if end - pos == 2 {
                    buffer.append(UInt32(input[pos] &- 0x30) * 10 + UInt32(input[pos + 1] &- 0x30), bits: 7)
                } else if end - pos == 1 {
                    buffer.append(UInt32(input[pos] &- 0x30), bits: 4)
                }
            case .alphanumeric:
                Segment.alphanumericValue.withUnsafeBufferPointer { table in
                    while pos + 2 <= end {
                        let v = UInt32(table[Int(input[pos])]) * 45 + UInt32(table[Int(input[pos + 1])])
                        buffer.append(v, bits: 11)
                        pos += 2
                    }
                    if pos < end { buffer.append(UInt32(table[Int(input[pos])]), bits: 6) }
                }
            case .byte:
                while pos < end {
                    buffer.append(UInt32(input[pos]), bits: 8)
                    pos += 1
                }
            }
            pos = end
            left -= n
        } while left > 0
    }
}
