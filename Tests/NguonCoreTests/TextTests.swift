import NguonCore
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

    @Test("Tax codes: 10 digits, or 10-3 for a branch; nothing else", arguments: [
        ("0100109106", true), ("0100109106-001", true), ("010010910", false), ("01001091060", false),
        ("0100109106-01", false), ("0100109106-0011", false), ("01001O9106", false), ("0100109106-", false),
        ("-001", false), ("", false), ("0100109106 001", false), ("١٢٣٤٥٦٧٨٩٠", false),
    ])
    func taxCodes(code: String, valid: Bool) {
        #expect(TaxCode.isWellFormed(code) == valid)
    }
}
