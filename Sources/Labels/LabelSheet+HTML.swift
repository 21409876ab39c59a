import Dispatch
import Foundation
import QRCode

extension LabelSheet {
    /// The quiet zone ISO/IEC 18004 asks for, in modules.
    static let quietZone = 4

    /// One HTML document with every label, `layout.labelsPerPage` to a page, filled row by row.
    ///
    /// Each page is an inline SVG whose user unit is one millimetre, so a browser prints it at
    /// size (`@page` margin 0, one page per sheet) or saves it as PDF. Codes use error correction
    /// level M and a 4-module quiet zone. Nothing is loaded from outside: no fonts, no scripts.
    /// Each label's link is also in its `data-link` attribute, for checking a sheet by machine.
    ///
    /// Throws `.invalidLayout` for a layout that does not fit its page, `.qrCode` for a link
    /// too long to encode. Codes are encoded in parallel; the output does not depend on it.
    public static func render(_ labels: [LabelContent], layout: LabelLayout, title: String) throws(LabelError) -> String {
        try layout.validate()
        let pages = layout.pageCount(for: labels.count)

        // Split the pages into a few chunks per core; each chunk writes its own bytes.
        let chunkCount = min(pages, max(1, ProcessInfo.processInfo.activeProcessorCount * 4))
        let results = ChunkResults(count: chunkCount)
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let firstPage = pages * chunk / chunkCount, endPage = pages * (chunk + 1) / chunkCount
            let first = firstPage * layout.labelsPerPage
            let end = min(labels.count, endPage * layout.labelsPerPage)
            var out = MarkupWriter(capacity: (end - first) * 3_500 + 256)
            var fitter = LabelTextFitter(layout: layout)
            do throws(LabelError) {
                for page in firstPage..<endPage {
                    let start = page * layout.labelsPerPage
                    let slice = labels[start..<min(labels.count, start + layout.labelsPerPage)]
                    try writePage(slice, layout: layout, fitter: &fitter, into: &out)
                }
                results.set(chunk, .success(out.bytes))
            } catch {
                results.set(chunk, .failure(error))
            }
        }

        var head = MarkupWriter(capacity: 4_096)
        writeHead(title: title, layout: layout, labels: labels.count, pages: pages, into: &head)
        let tail: StaticString = "</body>\n</html>\n"
        var parts: [[UInt8]] = [head.bytes]
        for chunk in 0..<chunkCount { parts.append(try results.get(chunk).get()) }
        let total = parts.reduce(tail.utf8CodeUnitCount) { $0 + $1.count }
        // One allocation for the whole document, filled by copying the chunks in order.
        return String(unsafeUninitializedCapacity: total) { buffer in
            var at = 0
            for part in parts {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + part.count)]).initialize(from: part)
                at += part.count
            }
            tail.withUTF8Buffer { t in
                _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<(at + t.count)]).initialize(from: t)
            }
            return total
        }
    }

    static func writeHead(title: String, layout: LabelLayout, labels: Int, pages: Int, into out: inout MarkupWriter) {
        let page = layout.page
        out.raw("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        out.escaped(title)
        out.raw("</title>\n<style>\n@page{size:")
        if page == .a4 {
            out.raw("A4")
        } else {
            out.mm(page.width)
            out.raw("mm ")
            out.mm(page.height)
            out.raw("mm")
        }
        out.raw(";margin:0}\n")
        out.raw("html,body{margin:0;padding:0}\n")
        out.raw("body{background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n")
        out.raw("svg.p{display:block;width:")
        out.mm(page.width)
        out.raw("mm;height:")
        out.mm(page.height)
        out.raw("mm;background:#fff;break-after:page;page-break-after:always}\n")
        out.raw("svg.p:last-child{break-after:auto;page-break-after:auto}\n")
        // Arial-metric fonts first: line breaks are computed with their widths (TextWidth).
        out.raw("text{font-family:Arial,\"Liberation Sans\",Helvetica,\"Helvetica Neue\",\"Segoe UI\",Roboto,\"Noto Sans\",system-ui,sans-serif;fill:#000}\n")
        // In the pages' SVG one user unit is 1 mm, and CSS px inside SVG are user units.
        out.raw(".n{font-size:")
        out.mm(layout.nameFontSize)
        out.raw("px;font-weight:700}\n.b{font-size:")
        out.mm(layout.fontSize)
        out.raw("px}\n")
        out.raw(".q path{fill:none;stroke:#000;stroke-width:1;shape-rendering:crispEdges}\n")
        out.raw(".e{fill:none;stroke:#999;stroke-width:.2;stroke-dasharray:1 1}\n")
        out.raw(".s{font:14px/1.5 system-ui,sans-serif;margin:0;padding:3mm 4mm}\n")
        // Cut lines and the note help on screen only; paper gets nothing but the labels.
        out.raw("@media print{.e,.s{display:none}}\n")
        out.raw("@media screen{body{background:#ddd;padding-bottom:4mm}svg.p{margin:0 auto 4mm;box-shadow:0 0 2px #666}}\n")
        out.raw("</style>\n</head>\n<body>\n<p class=\"s\">")
        out.escaped(title)
        out.raw(" — ")
        out.int(labels)
        out.raw(" nhãn, ")
        out.int(pages)
        out.raw(" trang, ")
        out.escaped(layout.title)
        out.raw(". In ở tỉ lệ 100 % (tắt “Vừa trang”), không thêm lề.</p>\n")
    }

    static func writePage(
        _ labels: ArraySlice<LabelContent>, layout: LabelLayout, fitter: inout LabelTextFitter,
        into out: inout MarkupWriter
    ) throws(LabelError) {
        out.raw("<svg class=\"p\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        out.mm(layout.page.width)
        out.raw("mm\" height=\"")
        out.mm(layout.page.height)
        out.raw("mm\" viewBox=\"0 0 ")
        out.mm(layout.page.width)
        out.raw(" ")
        out.mm(layout.page.height)
        out.raw("\">\n")
        for (slot, content) in labels.enumerated() {
            let symbol: QRCode
            do throws(QRCodeError) {
                symbol = try QRCode.encode(content.digitalLink, errorCorrection: .medium)
            } catch {
                throw .qrCode(error)
            }
            writeLabel(content, symbol: symbol, at: layout.origin(ofSlot: slot), layout: layout,
                       text: fitter.text(for: content), into: &out)
        }
        out.raw("</svg>\n")
    }

    /// A label is a nested SVG at its place on the page: it clips whatever might overflow, and
    /// its content is drawn in label coordinates.
    static func writeLabel(
        _ content: LabelContent, symbol: QRCode, at origin: (x: Double, y: Double), layout: LabelLayout,
        text: LabelText, into out: inout MarkupWriter
    ) {
        let w = layout.label.width, h = layout.label.height
        out.raw("<svg class=\"l\" x=\"")
        out.mm(origin.x)
        out.raw("\" y=\"")
        out.mm(origin.y)
        out.raw("\" width=\"")
        out.mm(w)
        out.raw("\" height=\"")
        out.mm(h)
        out.raw("\" data-link=\"")
        out.escaped(content.digitalLink)
        out.raw("\"><rect class=\"e\" x=\".1\" y=\".1\" width=\"")
        out.mm(w - 0.2)
        out.raw("\" height=\"")
        out.mm(h - 0.2)
        out.raw("\"/>")

        // The code's box holds the symbol and its quiet zone, so nothing else can intrude on it.
        let modules = symbol.size + 2 * quietZone
        out.raw("<svg class=\"q\" x=\"")
        out.mm(layout.padding)
        out.raw("\" y=\"")
        out.mm((h - layout.qrSize) / 2)
        out.raw("\" width=\"")
        out.mm(layout.qrSize)
        out.raw("\" height=\"")
        out.mm(layout.qrSize)
        out.raw("\" viewBox=\"0 0 ")
        out.int(modules)
        out.raw(" ")
        out.int(modules)
        out.raw("\"><path d=\"")
        symbol.writeStrokePath(into: &out, quietZone: quietZone)
        out.raw("\"/></svg>")

        for line in text.lines {
            out.raw(line.isName ? "<text class=\"n\" x=\"" : "<text class=\"b\" x=\"")
            out.mm(layout.textX)
            out.raw("\" y=\"")
            out.mm(line.baseline)
            if let squeezed = line.squeezedTo {
                out.raw("\" textLength=\"")
                out.mm(squeezed)
                out.raw("\" lengthAdjust=\"spacingAndGlyphs")
            }
            out.raw("\">")
            out.escaped(line.text)
            out.raw("</text>")
        }
        out.raw("</svg>\n")
    }
}

/// Where parallel chunks leave their output; each index is written once, by one worker.
private final class ChunkResults: @unchecked Sendable {
    private var slots: [Result<[UInt8], LabelError>]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: .success([]), count: count) }

    func set(_ index: Int, _ result: Result<[UInt8], LabelError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    func get(_ index: Int) -> Result<[UInt8], LabelError> {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
