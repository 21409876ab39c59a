extension ImageHeader {
    /// Reads IHDR, which the PNG specification (ISO/IEC 15948 §5.6) requires to be the first chunk,
    /// and looks through the chunk list for an eXIf chunk holding an orientation.
    static func readPNG(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageHeader {
        guard bytes.matches(Array("IHDR".utf8), at: 12),
              let width = bytes.uint32(at: 16, bigEndian: true),
              let height = bytes.uint32(at: 20, bigEndian: true) else {
            throw .corrupt(format: .png, detail: "no IHDR chunk")
        }
        // Dimensions above 2³¹ are invalid in PNG; clamp so they are refused as too large, not wrapped.
        let clamp = { (n: UInt32) in Int(min(n, 0x7FFF_FFFF)) }
        return ImageHeader(format: .png, width: clamp(width), height: clamp(height),
                           orientation: exifOrientation(inPNG: bytes))
    }

    /// Only chunk headers are visited (length + type, skipping the data), so this costs a few
    /// reads per chunk however large the file.
    private static func exifOrientation(inPNG bytes: UnsafeRawBufferPointer) -> ExifOrientation {
        var offset = 8
        while let length = bytes.uint32(at: offset, bigEndian: true).map(Int.init) {
            let data = offset + 8
            if bytes.matches(Array("eXIf".utf8), at: offset + 4) {
                guard let payload = bytes.slice(data..<data + length) else { return .normal }
                return ExifOrientation(exifPayload: payload)
            }
            if bytes.matches(Array("IEND".utf8), at: offset + 4) { break }
            offset = data + length + 4  // data, then the CRC
        }
        return .normal
    }
}
