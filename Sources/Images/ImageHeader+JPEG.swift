extension ImageHeader {
    /// Walks the JPEG marker segments (ITU-T T.81 §B.1) up to the first frame header (SOFn), taking
    /// the dimensions from it and the orientation from an earlier Exif APP1 segment.
    static func readJPEG(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageHeader {
        var orientation: ExifOrientation?
        var offset = 2  // after SOI
        while true {
            guard bytes.uint8(at: offset) == 0xFF else {
                throw .corrupt(format: .jpeg, detail: "no marker at byte \(offset)")
            }
            // A marker may be preceded by any number of 0xFF fill bytes (§B.1.1.2).
            while bytes.uint8(at: offset) == 0xFF { offset += 1 }
            guard let marker = bytes.uint8(at: offset) else {
                throw .corrupt(format: .jpeg, detail: "ends before the frame header")
            }
            offset += 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue  // TEM and RSTn stand alone, without a length
            case 0xD8, 0xD9, 0xDA:
                throw .corrupt(format: .jpeg, detail: "marker \(hex(marker)) before the frame header")
            default:
                break
            }
            guard let length = bytes.uint16(at: offset, bigEndian: true).map(Int.init), length >= 2,
                  let segment = bytes.slice(offset + 2..<offset + length)
            else {
                throw .corrupt(format: .jpeg, detail: "segment \(hex(marker)) runs past the end")
            }
            if marker == 0xE1, orientation == nil,
               segment.matches(Array("Exif".utf8) + [0, 0], at: 0) {
                orientation = ExifOrientation(exifPayload: segment)
            }
            if isStartOfFrame(marker) {
                // SOFn: precision (1 byte), number of lines, samples per line (§B.2.2).
                guard let height = segment.uint16(at: 1, bigEndian: true),
                      let width = segment.uint16(at: 3, bigEndian: true) else {
                    throw .corrupt(format: .jpeg, detail: "frame header too short")
                }
                return ImageHeader(format: .jpeg, width: Int(width), height: Int(height),
                                   orientation: orientation ?? .normal)
            }
            offset += length
        }
    }

    private static func hex(_ marker: UInt8) -> String { "0x" + String(marker, radix: 16, uppercase: true) }

    /// SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }
}
