import Foundation

/// Vietnamese text as search compares it: lower case, without tone marks or other accents, and
/// "đ" read as "d", so "Đặc khu Vân Đồn", "dac khu van don" and "DAC KHU VAN DON" are one text.
/// Every search form and every stored search column uses this one function.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "vi_VN"))
            .lowercased()
    }
}
