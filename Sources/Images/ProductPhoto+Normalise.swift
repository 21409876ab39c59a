import Foundation

extension ProductPhoto {
    /// Checks an uploaded photo and returns it upright, at most `fullSide` px on its longest side,
    /// as JPEG without metadata, together with a `thumbnailSide` px thumbnail.
    ///
    /// The format comes from the first bytes; the size limits are checked on the file and then on
    /// the header, before any pixel is decoded. Any failure is an `ImageError`; no input can crash
    /// the process.
    public static func normalise(_ data: Data) throws(ImageError) -> Normalised {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= maxFileBytes else { throw .fileTooLarge(byteCount: data.count) }
        // Data.withUnsafeBytes rethrows untyped errors; carry the typed one out in a Result.
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(ImageError) -> Normalised in try normalise(bytes) }
        }
        return try result.get()
    }

    private static func normalise(_ bytes: UnsafeRawBufferPointer) throws(ImageError) -> Normalised {
        let format = try ImageFormat.sniff(bytes)
        let header = try ImageHeader.read(bytes, as: format)
        try checkDimensions(width: header.width, height: header.height)

        // Stored (sideways) dimensions of the full photo; the turn upright comes after shrinking,
        // which moves a seventh as many pixels as turning first.
        let target = fitted(width: header.width, height: header.height, within: fullSide)
        let decoded: Raster
        switch format {
        case .jpeg:
            decoded = try TurboJPEG.decode(bytes, header: header, minimumWidth: target.width, minimumHeight: target.height)
        case .png:
            decoded = try LibPNG.decode(bytes, header: header)
        case .webp:
            decoded = try LibWebP.decode(bytes, header: header)
        }
        let full = decoded.resized(width: target.width, height: target.height).oriented(header.orientation)
        let small = fitted(width: full.width, height: full.height, within: thumbnailSide)
        let thumbnail = full.resized(width: small.width, height: small.height)

        return Normalised(
            full: try TurboJPEG.encode(full, quality: jpegQuality),
            thumbnail: try TurboJPEG.encode(thumbnail, quality: jpegQuality),
            width: full.width, height: full.height,
            thumbnailWidth: thumbnail.width, thumbnailHeight: thumbnail.height
        )
    }
}
