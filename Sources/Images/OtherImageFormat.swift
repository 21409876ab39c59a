/// Formats recognised by their first bytes only to refuse them with a helpful message.
public enum OtherImageFormat: String, Sendable, Hashable {
    case gif = "GIF"
    case heif = "HEIC/HEIF"
    case avif = "AVIF"
    case bmp = "BMP"
    case tiff = "TIFF"
    case pdf = "PDF"
    /// A WebP file holding an animation rather than a single picture.
    case animatedWebP = "WebP (animation)"
}
