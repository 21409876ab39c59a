/// Appends big-endian bit fields into codewords, as QR data streams are defined MSB first.
struct BitBuffer {
    private(set) var bytes: [UInt8]
    private var accumulator: UInt64 = 0
    private var pending = 0  // bits held in `accumulator`, always < 8 between calls
    private(set) var count = 0  // total bits written

    init(capacityBytes: Int) {
        bytes = []
        bytes.reserveCapacity(capacityBytes)
    }

    /// Appends the low `bits` bits of `value` (at most 32 bits), most significant first.
    @inline(__always)
    mutating func append(_ value: UInt32, bits: Int) {
        guard bits > 0 else { return }
        accumulator = (accumulator << UInt64(bits)) | UInt64(value & (UInt32.max >> UInt32(32 - bits)))
        pending += bits
        count += bits
        while pending >= 8 {
            pending -= 8
            bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt64(pending)))
        }
    }

    /// Pads the last partial byte with zero bits.
    mutating func alignToByte() {
        if pending > 0 { append(0, bits: 8 - pending) }
    }
}
