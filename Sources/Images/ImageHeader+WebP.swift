import CWebP

extension ImageHeader {
    /// Dimensions from libwebp's header parser (it reads only the VP8/VP8L/VP8X headers), the
    /// orientation from an EXIF chunk of the RIFF container.
    static func readWebP(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> ImageHeader {
        var features = WebPBitstreamFeatures()
        let status = WebPGetFeatures(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, &features)
        guard status == VP8_STATUS_OK else {
            throw .corrupt(format: .webp, detail: "header unreadable (VP8 status \(status.rawValue))")
        }
        // The one-shot decoder refuses animations; say so rather than calling the file corrupt.
        guard features.has_animation == 0 else { throw .unsupportedFormat(detected: .animatedWebP) }
        return ImageHeader(format: .webp, width: Int(features.width), height: Int(features.height),
                           orientation: exifOrientation(inWebP: bytes))
    }

    /// RIFF chunks: four-character code, little-endian length, data padded to an even length.
    private static func exifOrientation(inWebP bytes: UnsafeRawBufferPointer) -> ExifOrientation {
        var offset = 12  // "RIFF", file length, "WEBP"
        while let length = bytes.uint32(at: offset + 4, bigEndian: false).map(Int.init) {
            let data = offset + 8
            if bytes.matches(Array("EXIF".utf8), at: offset) {
                guard let payload = bytes.slice(data..<data + length) else { return .normal }
                return ExifOrientation(exifPayload: payload)
            }
            offset = data + length + (length & 1)
        }
        return .normal
    }
}
