extension ImageError: CustomStringConvertible {
    /// The message in Vietnamese, for the person who uploaded the photo.
    public var vi: String {
        switch self {
        case .empty:
            return "Tệp ảnh rỗng (0 byte). Hãy chọn lại ảnh."
        case .unsupportedFormat(.some(.heif)):
            return "Ảnh HEIC/HEIF chưa được nhận. Chỉ nhận ảnh JPEG, PNG hoặc WebP. Trên iPhone, chọn "
                + "Cài đặt › Camera › Định dạng › Tương thích nhất rồi chụp lại, hoặc gửi ảnh dạng JPEG."
        case .unsupportedFormat(.some(.animatedWebP)):
            return "Ảnh WebP động không được nhận. Hãy gửi một ảnh tĩnh JPEG, PNG hoặc WebP."
        case let .unsupportedFormat(.some(other)):
            return "Định dạng \(other.rawValue) không được nhận. Chỉ nhận ảnh JPEG, PNG hoặc WebP."
        case .unsupportedFormat(nil):
            return "Tệp này không phải ảnh JPEG, PNG hoặc WebP (định dạng được nhận biết theo nội dung "
                + "tệp, không theo tên tệp). Hãy gửi ảnh chụp từ điện thoại dạng JPEG, PNG hoặc WebP."
        case let .fileTooLarge(byteCount):
            return "Tệp ảnh nặng \(Self.megabytes(byteCount, decimal: ",")) MB, vượt giới hạn "
                + "\(ProductPhoto.maxFileBytes / 1_048_576) MB. Hãy gửi ảnh nhỏ hơn."
        case let .dimensionsTooLarge(width, height):
            return "Ảnh có kích thước \(Self.grouped(width, ".")) × \(Self.grouped(height, ".")) điểm ảnh, "
                + "vượt giới hạn \(ProductPhoto.maxPixels / 1_000_000) megapixel và "
                + "\(Self.grouped(ProductPhoto.maxSide, ".")) điểm ảnh mỗi cạnh."
        case let .corrupt(format, _):
            return "Tệp ảnh \(format.name) bị hỏng hoặc không đầy đủ nên không đọc được. Hãy chụp hoặc gửi lại ảnh."
        case .encodingFailed:
            return "Máy chủ không xử lý được ảnh do lỗi hệ thống. Hãy thử lại sau."
        }
    }

    /// The message in English.
    public var en: String {
        switch self {
        case .empty:
            return "The image file is empty (0 bytes). Please choose the photo again."
        case .unsupportedFormat(.some(.heif)):
            return "HEIC/HEIF photos are not accepted; only JPEG, PNG or WebP. On an iPhone, choose "
                + "Settings › Camera › Formats › Most Compatible and take the photo again, or send a JPEG."
        case .unsupportedFormat(.some(.animatedWebP)):
            return "Animated WebP images are not accepted. Please send a still JPEG, PNG or WebP photo."
        case let .unsupportedFormat(.some(other)):
            return "\(other.rawValue) files are not accepted; only JPEG, PNG or WebP photos are."
        case .unsupportedFormat(nil):
            return "This file is not a JPEG, PNG or WebP image (the type is recognised from the file's "
                + "content, not its name). Please send a phone photo as JPEG, PNG or WebP."
        case let .fileTooLarge(byteCount):
            return "The image file is \(Self.megabytes(byteCount, decimal: ".")) MB, over the "
                + "\(ProductPhoto.maxFileBytes / 1_048_576) MB limit. Please send a smaller photo."
        case let .dimensionsTooLarge(width, height):
            return "The image is \(Self.grouped(width, ",")) × \(Self.grouped(height, ",")) pixels, over the "
                + "limit of \(ProductPhoto.maxPixels / 1_000_000) megapixels and "
                + "\(Self.grouped(ProductPhoto.maxSide, ",")) pixels per side."
        case let .corrupt(format, _):
            return "The \(format.name) file is damaged or incomplete and cannot be read. "
                + "Please take or send the photo again."
        case .encodingFailed:
            return "The server could not process the photo because of a system error. Please try again later."
        }
    }

    /// English message plus the decoder's detail, for logs.
    public var description: String {
        switch self {
        case let .corrupt(_, detail), let .encodingFailed(detail): "\(code): \(en) (\(detail))"
        default: "\(code): \(en)"
        }
    }

    /// `n` with a thousands separator: Vietnamese writes 12.000, English 12,000.
    static func grouped(_ n: Int, _ separator: Character) -> String {
        var digits = String(n.magnitude)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(separator, at: index)
        }
        return n < 0 ? "-" + digits : digits
    }

    /// Bytes as megabytes (1024 × 1024) with one decimal, rounded up so a file just over the limit
    /// never reads as exactly the limit.
    static func megabytes(_ bytes: Int, decimal: Character) -> String {
        let tenths = (bytes * 10 + 1_048_575) / 1_048_576
        return "\(grouped(tenths / 10, decimal == "," ? "." : ","))\(decimal)\(tenths % 10)"
    }
}
