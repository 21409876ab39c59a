extension ImageFormat {
    /// The format of `bytes` from its signature, or `.unsupportedFormat` naming what it looks like.
    static func sniff(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageFormat {
        // JPEG: SOI followed by the first marker's 0xFF.
        if bytes.matches([0xFF, 0xD8, 0xFF], at: 0) { return .jpeg }
        if bytes.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: 0) { return .png }
        if bytes.matches(Array("RIFF".utf8), at: 0), bytes.matches(Array("WEBP".utf8), at: 8) { return .webp }
        throw .unsupportedFormat(detected: OtherImageFormat.sniff(bytes))
    }
}

extension OtherImageFormat {
    /// Formats people commonly send by mistake, so the refusal can say what was sent.
    static func sniff(_ bytes: UnsafeRawBufferPointer) -> OtherImageFormat? {
        if bytes.matches(Array("GIF87a".utf8), at: 0) || bytes.matches(Array("GIF89a".utf8), at: 0) { return .gif }
        if bytes.matches(Array("%PDF-".utf8), at: 0) { return .pdf }
        if bytes.matches([0x49, 0x49, 0x2A, 0x00], at: 0) || bytes.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            return .tiff
        }
        // "BM" alone is too common a text prefix; also require the reserved header words to be zero.
        if bytes.matches(Array("BM".utf8), at: 0), bytes.uint32(at: 6, bigEndian: false) == 0 { return .bmp }
        // ISO base media files (HEIC from iPhones, AVIF) open with an `ftyp` box naming the brand.
        if bytes.matches(Array("ftyp".utf8), at: 4), bytes.count >= 12 {
            let brand = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[8..<12]), as: UTF8.self)
            switch brand {
            case "avif", "avis": return .avif
            case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1": return .heif
            default: return nil
            }
        }
        return nil
    }
}
