/// The formats a product photo may arrive in. Told apart by their first bytes only, never by the
/// file name or the declared content type, which the client controls.
public enum ImageFormat: String, Sendable, Hashable {
    case jpeg
    case png
    case webp

    /// The name people know the format by.
    public var name: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .webp: "WebP"
        }
    }
}
