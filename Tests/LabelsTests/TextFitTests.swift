import Testing
@testable import Labels

@Suite("Fitting text to a label")
struct TextFitTests {
    let fit = TextFit(fontSize: 3, bold: false)

    @Test("Vietnamese letters measure as their base letters; ơ and ư a little wider")
    func vietnameseWidths() {
        #expect(TextWidth.em("Nguyễn Thị Ánh", bold: false) == TextWidth.em("Nguyen Thi Anh", bold: false))
        #expect(TextWidth.em("Đặng", bold: true) == TextWidth.em("Dang", bold: true))
        #expect(TextWidth.em("ươ", bold: false) > TextWidth.em("uo", bold: false))
        #expect(TextWidth.em("ươ", bold: false) < TextWidth.em("uo", bold: false) + 0.2)
        // Decomposed input measures the same as composed input.
        #expect(TextWidth.em("e\u{0302}\u{0301}", bold: false) == TextWidth.em("ế", bold: false))
        #expect(TextWidth.em("W", bold: false) > TextWidth.em("i", bold: false) * 3)
        #expect(TextWidth.em("茶", bold: false) == 1)
    }

    @Test("Short text stays whole on one line")
    func shortText() {
        #expect(fit.lines("Chè Tân Cương", maxWidth: 60, maxLines: 2) == ["Chè Tân Cương"])
        #expect(fit.line("HTX Chè", maxWidth: 60) == "HTX Chè")
    }

    @Test("Long text wraps at spaces into two lines, the second ending in an ellipsis")
    func wrapAndCut() {
        let text = "Mật ong hoa nhãn Hưng Yên nguyên chất, hũ thủy tinh 500 g, thu hoạch vụ xuân năm 2025"
        let lines = fit.lines(text, maxWidth: 40, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
        #expect(!lines[1].hasSuffix(" …") && !lines[1].hasSuffix(",…"))
        #expect(lines.allSatisfy { fit.width($0) <= 40 })
        #expect(text.hasPrefix(lines[0] + " "))
        #expect(text.hasPrefix(String(lines.joined(separator: " ").dropLast())), "words are kept in order")
    }

    @Test("A word wider than the line is broken between characters")
    func longWord() {
        let lines = fit.lines(String(repeating: "ABCDEFGHIJ", count: 6), maxWidth: 30, maxLines: 2)
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("ABCDEFGHIJ"))
        #expect(lines[1].hasSuffix("…"))
        #expect(lines.allSatisfy { fit.width($0) <= 30 })
    }

    @Test("One-line text is cut with an ellipsis")
    func oneLine() {
        let line = fit.line("Hợp tác xã nông nghiệp dịch vụ tổng hợp Đông Triều", maxWidth: 30)
        #expect(line.hasSuffix("…"))
        #expect(fit.width(line) <= 30)
    }
}
