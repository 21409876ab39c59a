import QRCode
import Testing
@testable import Labels

@Suite("Label layouts")
struct LabelLayoutTests {
    @Test("The standard sheets fit their pages exactly as specified", arguments: LabelLayout.standard)
    func standardFit(layout: LabelLayout) throws {
        try layout.validate()
        let right = layout.page.width - layout.marginLeft - Double(layout.columns) * layout.label.width
            - Double(layout.columns - 1) * layout.columnGap
        let bottom = layout.page.height - layout.marginTop - Double(layout.rows) * layout.label.height
            - Double(layout.rows - 1) * layout.rowGap
        #expect(right >= 0 && bottom >= 0)
        #expect(abs(bottom - layout.marginTop) < 0.001, "top and bottom margins match")
    }

    @Test("Labels per page and slot positions")
    func grid() {
        #expect(LabelLayout.a4x10.labelsPerPage == 10)
        #expect(LabelLayout.a4x24.labelsPerPage == 24)
        #expect(LabelLayout.roll50x30.labelsPerPage == 1)
        #expect(LabelLayout.a4x10.label == .init(width: 105, height: 57))
        #expect(LabelLayout.a4x24.label == .init(width: 70, height: 37))
        for (layout, slot, x, y) in [(LabelLayout.a4x24, 0, 0.0, 0.5), (.a4x24, 4, 70, 37.5), (.a4x24, 23, 140, 259.5),
                                     (.a4x10, 9, 105, 234), (.roll50x30, 0, 0, 0)] {
            let origin = layout.origin(ofSlot: slot)
            #expect(origin.x == x && origin.y == y, "\(layout.id) slot \(slot)")
        }
    }

    @Test("Pages for N labels", arguments: [(0, 0), (1, 1), (24, 1), (25, 2), (48, 2), (10_000, 417)])
    func pageCount(labels: Int, pages: Int) {
        #expect(LabelLayout.a4x24.pageCount(for: labels) == pages)
        #expect(LabelLayout.roll50x30.pageCount(for: labels) == labels)
    }

    @Test("The printed symbol is at least 18 mm on A4 and 20 mm on the roll, quiet zone aside",
          arguments: LabelLayout.standard)
    func symbolSize(layout: LabelLayout) throws {
        // A long but realistic serialised link: 20-character lot and serial.
        let label = try Fixture.lot(lot: "LOT-2025-12-05-A1234", serial: "SN-00000000000012345")
        let symbol = try QRCode.encode(label.digitalLink, errorCorrection: .medium)
        let symbolMM = layout.qrSize * Double(symbol.size) / Double(symbol.size + 2 * LabelSheet.quietZone)
        #expect(symbolMM >= (layout.page == .a4 ? 18 : 20), "\(symbolMM) mm for version \(symbol.version)")
    }

    @Test("A new sheet is one line, and impossible ones are refused")
    func customLayouts() throws {
        let custom = LabelLayout(id: "a4-4x10", title: "A4 · 40 nhãn", columns: 4, rows: 10,
                                 label: .init(width: 48.5, height: 25.4), marginTop: 21.5, marginLeft: 8,
                                 padding: 1, qrSize: 23, fontSize: 1.6)
        try custom.validate()
        var tooWide = custom
        tooWide.columnGap = 3
        #expect(throws: LabelError.self) { try tooWide.validate() }
        var bigCode = custom
        bigCode.qrSize = 24
        #expect(throws: LabelError.self) { try bigCode.validate() }
        var noText = custom
        noText.qrSize = 20
        noText.label.width = 25
        #expect(throws: LabelError.self) { try noText.validate() }
        var negative = custom
        negative.marginLeft = -1
        #expect(throws: LabelError.self) { try negative.validate() }
    }

    @Test("The fullest label still fits its text in every standard layout", arguments: LabelLayout.standard)
    func worstCaseFits(layout: LabelLayout) throws {
        let label = try Fixture.lot(name: Fixture.hostileName, producer: String(repeating: "Hợp tác xã ", count: 8),
                                    lot: "WWWWWWWWWWWWWWWWWWWW", limit: .bestBefore(Fixture.expires),
                                    serial: "MMMMMMMMMMMMMMMMMMMM")
        var fitter = LabelTextFitter(layout: layout)
        let text = fitter.text(for: label)
        let last = try #require(text.lines.last)
        // Descenders reach about a quarter of the font size below the baseline.
        #expect(last.baseline + layout.fontSize / 4 <= layout.label.height - layout.padding + 0.001)
        #expect(text.lines.filter(\.isName).count >= 1)
        #expect(text.lines.contains { $0.text.hasSuffix("WWW") }, "the lot is printed whole")
        #expect(text.lines.contains { $0.text.hasSuffix("MMMM") }, "the serial is printed whole")
        #expect(text.lines.contains { $0.text.hasSuffix("05/12/2026") })
        for line in text.lines {
            let fit = TextFit(fontSize: line.isName ? layout.nameFontSize : layout.fontSize, bold: line.isName)
            #expect(line.squeezedTo != nil || fit.width(line.text) <= layout.textWidth + 0.001, "\(line.text)")
        }
    }

    @Test("A crowded label gives up the name's second line, then the producer; never lot, serial or dates")
    func crowded() throws {
        let label = try Fixture.lot(name: Fixture.hostileName, serial: "0001")
        func lines(height: Double) throws -> [LabelText.Line] {
            let layout = LabelLayout(id: "tiny", title: "t", page: .init(width: 50, height: height), columns: 1, rows: 1,
                                     label: .init(width: 50, height: height), marginTop: 0, marginLeft: 0,
                                     padding: 1, qrSize: height - 2, fontSize: 2)
            try layout.validate()
            var fitter = LabelTextFitter(layout: layout)
            return fitter.text(for: label).lines
        }
        let roomy = try lines(height: 30), tight = try lines(height: 20), tighter = try lines(height: 17)
        #expect(roomy.filter(\.isName).count == 2)
        #expect(tight.filter(\.isName).count == 1)
        #expect(tight.contains { $0.text == "HTX Nước mắm Vân Đồn" })
        #expect(tighter.filter(\.isName).count == 1)
        #expect(!tighter.contains { $0.text.hasPrefix("HTX") })
        for set in [roomy, tight, tighter] {
            #expect(set.suffix(4).map(\.text) == ["Lô: DS-2611", "Số sê-ri: 0001", "NSX: 05/12/2025", "HSD: 05/12/2026"])
        }
    }
}
