extension ExifOrientation {
    /// The orientation in a TIFF structure (the body of a JPEG "Exif" APP1 segment, a PNG eXIf
    /// chunk or a WebP EXIF chunk): tag 0x0112 in IFD0, in either byte order. Anything missing,
    /// malformed or out of range means `.normal`: a photo shown sideways is better than one refused.
    init(tiff: UnsafeRawBufferPointer) {
        self = .normal
        let bigEndian: Bool
        if tiff.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            bigEndian = true
        } else if tiff.matches([0x49, 0x49, 0x2A, 0x00], at: 0) {
            bigEndian = false
        } else {
            return
        }
        guard let ifd = tiff.uint32(at: 4, bigEndian: bigEndian).map(Int.init),
              let entries = tiff.uint16(at: ifd, bigEndian: bigEndian) else { return }
        for index in 0..<Int(entries) {
            let entry = ifd + 2 + 12 * index
            guard let tag = tiff.uint16(at: entry, bigEndian: bigEndian),
                  let type = tiff.uint16(at: entry + 2, bigEndian: bigEndian) else { return }
            guard tag == 0x0112 else { continue }
            // The value sits left-aligned in the entry's 4-byte value field: SHORT per the
            // standard, LONG from a few careless writers.
            let value: Int?
            switch type {
            case 3: value = tiff.uint16(at: entry + 8, bigEndian: bigEndian).map(Int.init)
            case 4: value = tiff.uint32(at: entry + 8, bigEndian: bigEndian).map(Int.init)
            default: value = nil
            }
            if let value, let orientation = ExifOrientation(rawValue: value) { self = orientation }
            return
        }
    }

    /// The orientation in an Exif payload that may or may not open with the APP1 identifier
    /// "Exif\0\0" (PNG and WebP writers disagree on whether to keep it).
    init(exifPayload payload: UnsafeRawBufferPointer) {
        let prefix: [UInt8] = Array("Exif".utf8) + [0, 0]
        if payload.matches(prefix, at: 0), let tiff = payload.slice(prefix.count..<payload.count) {
            self.init(tiff: tiff)
        } else {
            self.init(tiff: payload)
        }
    }
}
