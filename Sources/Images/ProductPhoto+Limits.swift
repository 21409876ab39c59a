// The rules for product photos, in one place. They are the platform's own product decisions
// (image handling brief for product photos), not a regulation: phone photos are 2–8 MB and at most
// about 50 megapixels, product pages show them at most 1200 px wide.
extension ProductPhoto {
    /// Largest upload accepted, in bytes (10 MB, counted as 10 × 1024 × 1024).
    public static let maxFileBytes = 10 * 1024 * 1024
    /// Largest pixel count the header may announce. Checked before decoding, since a few kilobytes
    /// of PNG or JPEG can announce gigabytes of pixels.
    public static let maxPixels = 40_000_000
    /// Longest side the header may announce, in pixels.
    public static let maxSide = 12_000
    /// Longest side of the normalised photo.
    public static let fullSide = 1200
    /// Longest side of the thumbnail.
    public static let thumbnailSide = 320
    /// JPEG quality of both outputs: artefacts stay invisible on photos at about a tenth of the upload size.
    public static let jpegQuality = 82

    /// Throws when the header's dimensions exceed the limits above.
    static func checkDimensions(width: Int, height: Int) throws(ImageError) {
        if width > maxSide || height > maxSide || width * height > maxPixels {
            throw .dimensionsTooLarge(width: width, height: height)
        }
    }

    /// The size that fits `width` × `height` within `side` on its longest side, keeping the aspect
    /// ratio and never enlarging.
    static func fitted(width: Int, height: Int, within side: Int) -> (width: Int, height: Int) {
        let longest = max(width, height)
        guard longest > side else { return (width, height) }
        // Round to nearest, and keep at least one pixel for extreme panoramas.
        let scale = { (n: Int) in max(1, (n * side + longest / 2) / longest) }
        return (scale(width), scale(height))
    }
}
