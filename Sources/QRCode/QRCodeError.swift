/// Why a QR code could not be made.
public enum QRCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input does not fit even in the largest allowed version at this error correction level.
    /// `bitsNeeded` is the length of the best segmentation of the input (at the largest version's
    /// count-indicator sizes); `maxBits` is what `maxVersion` holds at `errorCorrection`.
    case dataTooLong(inputBytes: Int, bitsNeeded: Int, maxBits: Int, errorCorrection: ErrorCorrection, maxVersion: Int)
    /// A version outside 1...40 was asked for.
    case invalidVersion(Int)
    /// The minimum version is larger than the maximum version.
    case invalidVersionRange(min: Int, max: Int)
    /// A mask pattern outside 0...7 was asked for.
    case invalidMask(Int)

    public var description: String {
        switch self {
        case let .dataTooLong(inputBytes, bitsNeeded, maxBits, level, maxVersion):
            // Spell the limit out in the units people think in, not only bits.
            let bytes = QRCodeError.capacity(maxBits, headerBits: 4 + 16, bitsPer: 8, chars: 1)
            let alnum = QRCodeError.capacity(maxBits, headerBits: 4 + 13, bitsPer: 11, chars: 2)
            let digits = QRCodeError.capacity(maxBits, headerBits: 4 + 14, bitsPer: 10, chars: 3)
            return "Data too long for a QR code: \(inputBytes) bytes of input need \(bitsNeeded) bits, "
                + "but version \(maxVersion) at error correction level \(level.rawValue) holds at most "
                + "\(maxBits) bits (\(maxBits / 8) codewords; about \(bytes) bytes of text, "
                + "\(alnum) upper-case alphanumeric characters or \(digits) digits). "
                + "Shorten the data or choose a lower error correction level."
        case let .invalidVersion(v):
            return "Invalid QR code version \(v): versions run from 1 to 40."
        case let .invalidVersionRange(lo, hi):
            return "Invalid QR code version range: minimum version \(lo) is larger than maximum version \(hi)."
        case let .invalidMask(m):
            return "Invalid QR code mask pattern \(m): mask patterns run from 0 to 7."
        }
    }

    /// Characters of one mode that fit in `bits`, approximating with the largest count-indicator size.
    private static func capacity(_ bits: Int, headerBits: Int, bitsPer: Int, chars: Int) -> Int {
        let avail = bits - headerBits
        guard avail > 0 else { return 0 }
        var n = avail / bitsPer * chars
        let rest = avail % bitsPer
        // A trailing group of fewer characters uses fewer bits (digits: 1→4, 2→7; alnum: 1→6).
        if chars == 3 { n += rest >= 7 ? 2 : (rest >= 4 ? 1 : 0) }
        if chars == 2 { n += rest >= 6 ? 1 : 0 }
        return n
    }
}
