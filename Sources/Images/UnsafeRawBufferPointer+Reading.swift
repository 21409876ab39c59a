// Bounds-checked reads for header parsing: every offset comes from an untrusted file, so a read
// past the end yields nil instead of trapping.
extension UnsafeRawBufferPointer {
    func uint8(at offset: Int) -> UInt8? {
        guard offset >= 0, offset < count else { return nil }
        return self[offset]
    }

    func uint16(at offset: Int, bigEndian: Bool) -> UInt16? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        let a = UInt16(self[offset]), b = UInt16(self[offset + 1])
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func uint32(at offset: Int, bigEndian: Bool) -> UInt32? {
        guard let first = uint16(at: offset, bigEndian: bigEndian),
              let second = uint16(at: offset + 2, bigEndian: bigEndian) else { return nil }
        return bigEndian ? UInt32(first) << 16 | UInt32(second) : UInt32(second) << 16 | UInt32(first)
    }

    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= count - expected.count else { return false }
        for (i, byte) in expected.enumerated() where self[offset + i] != byte { return false }
        return true
    }

    /// The bytes in `range`, or nil when it does not lie within the buffer.
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer? {
        guard range.lowerBound >= 0, range.upperBound <= count else { return nil }
        return UnsafeRawBufferPointer(rebasing: self[range])
    }
}
