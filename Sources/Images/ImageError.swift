/// Why a photo was refused. Each case names the rule it broke; `vi` and `en` say it to the person
/// who uploaded it, `code` is stable for API clients and logs.
public enum ImageError: Error, Sendable, Hashable {
    /// The upload has no bytes at all.
    case empty
    /// The bytes are not JPEG, PNG or WebP; `detected` names what they are when recognisable.
    case unsupportedFormat(detected: OtherImageFormat?)
    /// The upload exceeds `ProductPhoto.maxFileBytes`.
    case fileTooLarge(byteCount: Int)
    /// The header announces more than `ProductPhoto.maxPixels` or a side over `ProductPhoto.maxSide`.
    case dimensionsTooLarge(width: Int, height: Int)
    /// The file starts like `format` but cannot be read to the end: truncated, damaged, or its
    /// header contradicts its data. `detail` is the decoder's words, for logs only.
    case corrupt(format: ImageFormat, detail: String)
    /// The server could not produce the JPEG (out of memory, library failure). Not the uploader's fault.
    case encodingFailed(detail: String)

    /// A stable machine code, e.g. for RFC 9457 problem details.
    public var code: String {
        switch self {
        case .empty: "image.empty"
        case .unsupportedFormat: "image.unsupported_format"
        case .fileTooLarge: "image.file_too_large"
        case .dimensionsTooLarge: "image.dimensions_too_large"
        case .corrupt: "image.corrupt"
        case .encodingFailed: "image.encoding_failed"
        }
    }
}
