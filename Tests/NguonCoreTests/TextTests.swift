import Foundation
@testable import NguonCore
import Testing

@Suite("Search text and tax codes")
struct TextTests {
    @Test("Search folds case, tone marks and đ", arguments: [
        ("Đặc khu Vân Đồn", "dac khu van don"), ("NƯỚC MẮM", "nuoc mam"), ("Rau muống", "rau muong"),
        ("Phường Đông Triều", "phuong dong trieu"), ("đĐ", "dd"), ("plain", "plain"),
    ])
    func folds(text: String, folded: String) {
        #expect(SearchText.fold(text) == folded)
    }

    @Test("The letter-by-letter fold agrees with the general fold on Vietnamese text, composed or decomposed, and every Latin letter")
    func fastFoldAgrees() {
        var texts = ["Hợp tác xã Nông nghiệp Yên Đức", "CÔNG TY TNHH THỦY SẢN VÂN ĐỒN", "Chè Bình Liêu – túi 500 g",
                     "Nước mắm Cái Rồng 40°N", "Œuvre ÆØÅ ß ĳ ǅ", "Ĩnh Ũy Ơn Ưng ỹ ỷ ỵ Ỳ", "Ǆǉ ȸ ɏ"]
        texts += texts.map(\.decomposedStringWithCanonicalMapping)
        for value in Array(0x80...0x24F) + Array(0x1E00...0x1EFF) { texts.append("A" + String(Unicode.Scalar(UInt32(value))!) + "b") }
        for text in texts { #expect(SearchText.fold(text) == SearchText.generalFold(text), "\(text)") }
        // Text outside those blocks takes the general path.
        #expect(SearchText.fold("Ελληνικά Кириллица 中文") == SearchText.generalFold("Ελληνικά Кириллица 中文"))
    }

    @Test("Tax codes: 10 digits with their check digit, 10-3 for a branch, or a 12-digit personal number; nothing else", arguments: [
        ("0100109106", true), ("0100109106-001", true), ("010010910", false), ("01001091060", false),
        // Vinamilk's and Viettel's codes check; one digit off does not.
        ("0300588569", true), ("0300588568", false), ("0100109107", false), ("0100109107-001", false),
        ("001095012345", true), ("00109501234", false),
        ("0100109106-01", false), ("0100109106-0011", false), ("01001O9106", false), ("0100109106-", false),
        ("-001", false), ("", false), ("0100109106 001", false), ("١٢٣٤٥٦٧٨٩٠", false),
    ])
    func taxCodes(code: String, valid: Bool) {
        #expect(TaxCode.isWellFormed(code) == valid)
    }

    @Test("A typing slip in a tax code says which check digit the first nine call for")
    func taxCodeCheckDigit() {
        #expect(TaxCode.problem("0300588568") == .checkDigit(expected: 9))
        #expect(TaxCode.problem("03005885") == .shape)
    }
}

@Suite("Search keys: accents ignored, one typo forgiven")
struct SearchKeyTests {
    /// Whether every word of `query` shares a key with some term of `text`, as the index answers.
    static func finds(_ query: String, in text: String) -> Bool {
        let terms = SearchText.terms(text)
        return SearchText.words(query).allSatisfy { word in
            terms.contains { !SearchText.keys(ofWord: word).isDisjoint(with: SearchText.keys(ofWord: $0)) }
        }
    }

    @Test("What the issue asks for, and a typo of each kind", arguments: [
        ("rau muong", "Rau muống Đông Triều", true), ("nuoc mam", "Nước mắm Cái Rồng", true),
        ("nuoc mamm", "Nước mắm", true), ("nuoc mm", "Nước mắm", false),
        ("rau muomg", "Rau muống", true), ("rau mong", "Rau muống", true), ("rau muuong", "Rau muống", true),
        ("rau muogn", "Rau muống", true), ("buoi phuc trach", "Bưởi Phúc Trạch OCOP 4 sao", true),
        ("cam", "Nước mắm", false), ("tom the", "Tôm thẻ chân trắng", true), ("ga", "Gà đồi", true), ("gb", "Gà đồi", false),
        ("rau muoong xanh", "Rau muống", false),
        ("0300588569", "HTX Yên Đức 0300588569", true), ("0300588568", "HTX Yên Đức 0300588569", false),
    ])
    func finds(query: String, text: String, expected: Bool) {
        #expect(Self.finds(query, in: text) == expected, "\(query) in \(text)")
    }
}
