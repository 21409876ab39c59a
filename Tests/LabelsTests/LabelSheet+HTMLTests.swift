import GS1
import QRCode
import Testing
@testable import Labels

@Suite("Label sheets as HTML")
struct LabelSheetHTMLTests {
    @Test("Labels per page and pages for N labels",
          arguments: [(LabelLayout.a4x24, 0), (.a4x24, 1), (.a4x24, 24), (.a4x24, 50), (.a4x10, 21), (.roll50x30, 3)])
    func pagination(layout: LabelLayout, count: Int) throws {
        let labels = count == 0 ? [] : try Fixture.lot().serialised(.counting(from: 1, count: count, width: 4))
        let html = try LabelSheet.render(labels, layout: layout, title: "Lô DS-2611")
        let pages = Sheet.pages(html)
        #expect(pages.count == layout.pageCount(for: count))
        for (i, page) in pages.enumerated() {
            let expected = min(layout.labelsPerPage, count - i * layout.labelsPerPage)
            #expect(Sheet.links(page).count == expected, "page \(i + 1)")
            #expect(page.ranges(of: "<svg class=\"q\"").count == expected)
        }
        #expect(html.hasSuffix("</body>\n</html>\n"))
    }

    @Test("Serials run in order across pages, row by row, and every link parses back")
    func serialOrder() throws {
        let labels = try Fixture.lot().serialised(.counting(from: 7, count: 30, width: 6))
        let html = try LabelSheet.render(labels, layout: .a4x24, title: "t")
        let links = Sheet.links(html)
        #expect(links == labels.map(\.digitalLink))
        let serials = try links.map { link in
            let data = try DigitalLink.parse(link)
            #expect(data.gtin == Fixture.gtin)
            #expect(data["10"] == "DS-2611")
            #expect(data["17"] == "261205")
            return try #require(data["21"])
        }
        let expected: [String] = (7..<37).map { n in n < 10 ? "00000\(n)" : "0000\(n)" }
        #expect(serials == expected)
        // Row by row: the second label of a page is to the right of the first.
        let page = try #require(Sheet.pages(html).first)
        let xs = page.split(separator: "<svg class=\"l\" x=\"").dropFirst().prefix(4).map { $0.prefix { $0 != "\"" } }
        #expect(xs == ["0", "70", "140", "0"])
    }

    @Test("Hostile names, lots and titles are escaped everywhere")
    func escaping() throws {
        let label = try Fixture.lot(name: Fixture.hostileName, producer: "HTX <i>\"Đồng\"</i> & 'Co'", lot: "A<B>&\"'")
        for layout in LabelLayout.standard {
            let html = try LabelSheet.render([label], layout: layout, title: "</title><script>alert(1)</script>")
            #expect(!html.contains("<script"))
            #expect(!html.contains("<b>") && !html.contains("<i>"))
            #expect(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"))
            #expect(html.contains("Lô: A&lt;B&gt;&amp;&quot;&#39;"))
            let texts = Sheet.texts(html)
            #expect(texts.contains { $0.hasPrefix("&lt;script&gt;alert(&#39;x&#39;)") })
            #expect(texts.allSatisfy { !$0.contains("<") && !$0.contains(">") && !$0.contains("\"") && !$0.contains("'") })
            // No raw ampersand: each one starts an entity this renderer writes.
            for text in texts {
                for part in text.split(separator: "&", omittingEmptySubsequences: false).dropFirst() {
                    #expect(["amp;", "lt;", "gt;", "quot;", "#39;"].contains { part.hasPrefix($0) }, "\(text)")
                }
            }
            #expect(Sheet.links(html) == [label.digitalLink])
        }
    }

    @Test("A long name is cut to two lines ending in an ellipsis", arguments: LabelLayout.standard)
    func longName(layout: LabelLayout) throws {
        let html = try LabelSheet.render([try Fixture.lot(name: Fixture.hostileName)], layout: layout, title: "t")
        let names = Sheet.texts(html, class: "n")
        #expect(names.count == 2)
        #expect(names.last?.hasSuffix("…") == true)
        #expect(names.first?.hasSuffix("…") == false)
        let short = try LabelSheet.render([try Fixture.lot(name: "Chè Tân Cương")], layout: layout, title: "t")
        #expect(Sheet.texts(short, class: "n") == ["Chè Tân Cương"])
    }

    @Test("Dates print as DD/MM/YYYY with the caption for expiry or best before")
    func dateLines() throws {
        let expiry = try LabelSheet.render([try Fixture.lot()], layout: .a4x10, title: "t")
        #expect(Sheet.texts(expiry, class: "b").contains("NSX: 05/12/2025"))
        #expect(Sheet.texts(expiry, class: "b").contains("HSD: 05/12/2026"))
        let best = try LabelSheet.render([try Fixture.lot(limit: .bestBefore(Fixture.expires), serial: "0042")],
                                         layout: .a4x10, title: "t")
        #expect(Sheet.texts(best, class: "b").contains("Sử dụng tốt nhất trước: 05/12/2026"))
        #expect(Sheet.texts(best, class: "b").contains("Số sê-ri: 0042"))
    }

    @Test("Each code is the link at level M with a 4-module quiet zone, module for module")
    func codes() throws {
        let label = try Fixture.lot(serial: "000123")
        let symbol = try QRCode.encode(label.digitalLink, errorCorrection: .medium)
        #expect(symbol.errorCorrection == .medium)
        let html = try LabelSheet.render([label], layout: .a4x24, title: "t")
        let full = symbol.size + 8
        #expect(html.contains("width=\"30\" height=\"30\" viewBox=\"0 0 \(full) \(full)\"><path d=\""))
        // Redraw the path: "M x y.5h w" starts a row, "m dx 0h w" continues it.
        let d = try #require(html.split(separator: "<path d=\"").last?.prefix { $0 != "\"" })
        var dark = Set<[Int]>()
        var x = 0, y = 0
        for command in d.split(whereSeparator: { $0 == "M" || $0 == "m" }) {
            let numbers = command.split(whereSeparator: { $0 == " " || $0 == "h" })
            try #require(numbers.count == 3, "\(command)")
            if d[d.index(before: command.startIndex)] == "M" {
                x = try #require(Int(numbers[0]))
                y = try #require(Int(numbers[1].dropLast(2)))
                #expect(numbers[1].hasSuffix(".5"))
            } else {
                x += try #require(Int(numbers[0]))
                #expect(numbers[1] == "0")
            }
            let width = try #require(Int(numbers[2]))
            for i in x..<(x + width) { #expect(dark.insert([i, y]).inserted) }
            x += width
        }
        for row in 0..<full {
            for column in 0..<full {
                #expect(dark.contains([column, row]) == symbol.isDark(x: column - 4, y: row - 4))
            }
        }
    }

    @Test("Self-contained print document: page size, no margins, page breaks, colours kept, nothing external")
    func printCSS() throws {
        let a4 = try LabelSheet.render([try Fixture.lot()], layout: .a4x10, title: "t")
        #expect(a4.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(a4.contains("<meta charset=\"utf-8\">"))
        #expect(a4.contains("@page{size:A4;margin:0}"))
        #expect(a4.contains("-webkit-print-color-adjust:exact"))
        #expect(a4.contains("break-after:page;page-break-after:always"))
        #expect(a4.contains("<svg class=\"p\" xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\">"))
        let roll = try LabelSheet.render([try Fixture.lot()], layout: .roll50x30, title: "t")
        #expect(roll.contains("@page{size:50mm 30mm;margin:0}"))
        for html in [a4, roll] {
            for external in ["<script", "<link", "@import", "url(", "src=", "href=", "@font-face"] {
                #expect(!html.contains(external), "\(external)")
            }
            // The only URLs are the SVG namespace and the labels' own links.
            let urls = html.ranges(of: "http").count
            #expect(urls == Sheet.pages(html).count + Sheet.links(html).count)
        }
    }

    @Test("Rendering is a pure function")
    func deterministic() throws {
        let labels = try Fixture.lot().serialised(.counting(from: 1, count: 100, width: 3))
        let a = try LabelSheet.render(labels, layout: .a4x24, title: "t")
        let b = try LabelSheet.render(labels, layout: .a4x24, title: "t")
        #expect(a == b)
    }

    @Test("An invalid layout is refused before anything is drawn")
    func invalidLayout() throws {
        var layout = LabelLayout.a4x24
        layout.rows = 9
        #expect(throws: LabelError.self) { try LabelSheet.render([try Fixture.lot()], layout: layout, title: "t") }
    }
}
