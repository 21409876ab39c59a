/// What a photo's header says, read without decoding any pixels.
struct ImageHeader: Sendable, Hashable {
    let format: ImageFormat
    let width: Int
    let height: Int
    let orientation: ExifOrientation

    /// Reads the header of `bytes`, already known to be `format`. Throws `.corrupt` when there is
    /// no readable header or it announces an empty image.
    static func read(_ bytes: UnsafeRawBufferPointer, as format: ImageFormat) throws(ImageError) -> ImageHeader {
        let header: ImageHeader
        switch format {
        case .jpeg: header = try readJPEG(bytes)
        case .png: header = try readPNG(bytes)
        case .webp: header = try readWebP(bytes)
        }
        guard header.width > 0, header.height > 0 else {
            throw .corrupt(format: format, detail: "header announces \(header.width)×\(header.height) pixels")
        }
        return header
    }
}
