import GS1

extension GS1Error {
    /// The error in the words a label printer or an inspector reads: Vietnamese first, and the
    /// library's precise English message as the English text.
    var localized: LocalizedText {
        LocalizedText(vi: vietnamese, en: description)
    }

    private var at: String {
        position.map { " (vị trí \($0))" } ?? ""
    }

    private var vietnamese: String {
        switch self {
        case .emptyInput:
            return "Chưa nhập dữ liệu cần kiểm tra."
        case .unrecognisedFormat:
            return "Không nhận ra định dạng: hãy nhập chuỗi có ngoặc như (01)…(10)…, chuỗi phần tử bắt đầu bằng số AI (dùng ^ làm FNC1 giữa các trường có độ dài thay đổi), hoặc liên kết https://…/01/…"
        case .malformedAI:
            return "Cú pháp mã AI trong ngoặc bị sai\(at): mỗi AI gồm 2–4 chữ số đặt trong ngoặc ( )."
        case .unknownAI(let ai, _):
            return "Không có mã AI “\(ai)” trong Tiêu chuẩn chung GS1\(at)."
        case .emptyValue(let ai, _):
            return "AI (\(ai)) không có giá trị\(at)."
        case .valueTooShort(let ai, _):
            return "Giá trị của AI (\(ai)) ngắn hơn độ dài quy định\(at)."
        case .valueTooLong(let ai, _):
            return "Giá trị của AI (\(ai)) dài hơn độ dài quy định\(at)."
        case .invalidCharacter(let ai, _, let charset):
            let set = switch charset {
            case "N": "chỉ được dùng chữ số 0–9"
            case "X": "chỉ được dùng bộ ký tự GS1 CSET 82 (chữ Latin không dấu, số và một số ký hiệu)"
            case "Y": "chỉ được dùng bộ ký tự GS1 CSET 39 (chữ in hoa, số, # - /)"
            case "Z": "chỉ được dùng ký tự base64url"
            default: "có ký tự không được phép"
            }
            return "Giá trị của AI (\(ai)) \(set)\(at). Lưu ý: chữ tiếng Việt có dấu không được phép trong mã GS1."
        case .badCheckDigit(let ai, _):
            return "Số kiểm tra của AI (\(ai)) không đúng\(at): có thể một chữ số bị gõ sai."
        case .invalidDate(let ai, _):
            return "Ngày hoặc giờ trong AI (\(ai)) không tồn tại\(at) (định dạng NNTTNN: năm, tháng, ngày)."
        case .invalidContent(let ai, _, let rule):
            return "Giá trị của AI (\(ai)) không đúng quy tắc “\(rule)”\(at)."
        case .missingRequisite(let ai, let requires):
            return "AI (\(ai)) phải đi kèm với \(requires)."
        case .mutuallyExclusive(let ai, let other):
            return "AI (\(ai)) không được dùng cùng với (\(other))."
        case .duplicateAI(let ai, _):
            return "AI (\(ai)) xuất hiện hai lần\(at)."
        case .invalidURI(_, let reason):
            return "Liên kết Digital Link không hợp lệ\(at): \(reason)."
        case .noPrimaryKey:
            return "Thiếu khóa chính GS1 (ví dụ /01/ kèm mã GTIN) trong đường dẫn."
        case .qualifierOrder(let ai, _):
            return "AI (\(ai)) đặt sai thứ tự trong đường dẫn Digital Link\(at) (ví dụ: /01/…/22/…/10/…/21/…)."
        case .qualifierInQuery(let ai, _):
            return "AI (\(ai)) phải nằm trong đường dẫn, không được đặt sau dấu ?\(at)."
        case .notDataAttribute(let ai, _):
            return "AI (\(ai)) không được dùng làm thuộc tính dữ liệu Digital Link\(at)."
        case .invalidKey(let key):
            return "Mã khóa “\(key)” không hợp lệ (sai độ dài hoặc có ký tự không phải chữ số)."
        case .invalidEPC(let urn):
            return "Không chuyển đổi được mã EPC “\(urn)”."
        case .invalidCompanyPrefixLength(let n):
            return "Độ dài tiền tố mã doanh nghiệp \(n) không hợp lệ (phải từ 6 đến 12)."
        }
    }
}
