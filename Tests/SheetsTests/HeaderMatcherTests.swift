import Testing
import Sheets

@Suite struct HeaderMatcherTests {
    static let fields = [
        HeaderField("name", headers: ["Tên cơ sở", "Tên cơ sở sản xuất"]),
        HeaderField("code", headers: ["Mã số", "Mã"]),
        HeaderField("address", headers: ["Địa chỉ"]),
        HeaderField("phone", headers: ["Số điện thoại", "SĐT"], required: false),
    ]

    @Test(arguments: ["Tên cơ sở", "TEN CO SO", "Tên  cơ sở (*)", " tên cơ sở:", "TÊN CƠ SỞ", "Ten_co_so", "Tên cơ sở\u{00A0}"])
    func spellingsOfOneHeader(_ header: String) {
        #expect(HeaderMatcher.normalize(header) == "ten co so")
        #expect(HeaderMatcher.match([header], fields: Self.fields)["name"] == 0)
    }

    @Test func aHeaderCellOfAMegabyteIsReadNoFurtherThanAnyHeaderGoes() {
        // A header row is the first thing an upload's check reads; a crafted long cell once cost minutes.
        let long = "Tên cơ sở " + String(repeating: "a", count: 1_000_000)
        #expect(HeaderMatcher.normalize(long) == "ten co so " + String(repeating: "a", count: 190))
        #expect(HeaderMatcher.match([long, "Mã số", "Địa chỉ"], fields: Self.fields)["name"] == nil)
    }

    @Test func decomposedInputAndĐ() {
        // The same words typed with combining marks (NFD), as some Mac and web forms send them.
        #expect(HeaderMatcher.normalize("Địa chỉ".decomposedStringWithCanonicalMapping) == "dia chi")
        #expect(HeaderMatcher.normalize("ĐƯỜNG đi") == "duong di")
        #expect(HeaderMatcher.normalize("Số ĐT 2") == "so dt 2")
    }

    @Test func columnsMissingDuplicatedAndUnknown() {
        let match = HeaderMatcher.match(["STT", "Mã", "TEN CO SO SAN XUAT", "", "mã số", "Ghi chú"], fields: Self.fields)
        #expect(match.columns == ["code": 1, "name": 2])
        #expect(match.missing.map(\.key) == ["address"], "phone is optional")
        #expect(match.missing.first?.headers.first == "Địa chỉ")
        #expect(match.duplicates == ["code": [4]])
        #expect(match.unmatched == [0, 5])
        #expect(!match.isComplete)
    }

    @Test func headerCellsFromASheet() {
        let match = HeaderMatcher.match(["Địa chỉ", .number(1), "SĐT", "Tên cơ sở", "Mã"] as [Cell], fields: Self.fields)
        #expect(match.isComplete)
        #expect(match["phone"] == 2 && match["address"] == 0 && match["name"] == 3 && match["code"] == 4)
    }
}
