import Foundation

/// Estimated advance widths, in em, for laying out label text without a font engine.
///
/// SVG text does not wrap, so lines are broken here. The figures are Helvetica's published
/// advance widths, which Arial and Liberation Sans share; the print CSS lists those fonts
/// first so the estimate matches what prints. Vietnamese letters measure as their base letter
/// (stacked tone marks take no width) plus a little for the horn of ơ and ư.
enum TextWidth {
    /// Helvetica widths for U+0020…U+007E, in thousandths of an em.
    private static let regular: [UInt16] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,       // p … ~
    ]
    /// Helvetica-Bold widths for U+0020…U+007E.
    private static let bold: [UInt16] = [
        278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
        975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
        333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
        611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    ]

    /// For Latin letters with diacritics (U+00C0…U+024F, U+1E00…U+1EFF): the ASCII base letter,
    /// with bit 7 set when the letter carries a horn; 0 when there is no ASCII base.
    private static let latinBase: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x190 + 0x100)
        for (range, offset) in [(0xC0..<0x250, 0), (0x1E00..<0x1F00, 0x190)] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let parts = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
                guard let base = parts.first, base.value >= 0x20, base.value < 0x7F else { continue }
                table[offset + value - range.lowerBound] = UInt8(base.value) | (parts.contains("\u{031B}") ? 0x80 : 0)
            }
        }
        table[0x111 - 0xC0] = UInt8(ascii: "d")  // đ has no decomposition
        table[0x110 - 0xC0] = UInt8(ascii: "D")  // Đ
        return table
    }()

    /// Width of `text` in em.
    static func em(_ text: some StringProtocol, bold isBold: Bool) -> Double {
        let ascii = isBold ? bold : regular
        var total = 0
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v >= 0x20 && v < 0x7F {
                total += Int(ascii[v - 0x20])
                continue
            }
            let slot = v >= 0xC0 && v < 0x250 ? v - 0xC0 : (v >= 0x1E00 && v < 0x1F00 ? v - 0x1E00 + 0x190 : -1)
            if slot >= 0, case let entry = latinBase[slot], entry != 0 {
                total += Int(ascii[Int(entry & 0x7F) - 0x20]) + (entry & 0x80 != 0 ? 60 : 0)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // combining accents (text kept in NFD) sit over the previous letter
            } else if v == 0x2026 {
                total += 1000  // the ellipsis this module adds
            } else {
                // Other scripts and symbols: a full em, so the estimate errs on the wide side.
                total += v < 0x250 ? 600 : 1000
            }
        }
        return Double(total) / 1000
    }
}

/// Breaking and shortening text to a width in millimetres at one font size.
struct TextFit {
    let fontSize: Double
    let bold: Bool

    /// Fonts other than the Arial-metric ones are a little wider; 4 % absorbs most of that.
    static let safety = 1.04

    func width(_ text: some StringProtocol) -> Double {
        TextWidth.em(text, bold: bold) * fontSize * Self.safety
    }

    func fits(_ text: some StringProtocol, _ maxWidth: Double) -> Bool { width(text) <= maxWidth }

    /// Words across at most `maxLines` lines; the last line ends in "…" when text is left over.
    /// A word wider than a line is broken between characters.
    func lines(_ text: String, maxWidth: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if fits(candidate, maxWidth) {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            for ch in word {
                let next = current + String(ch)
                if !current.isEmpty && !fits(next, maxWidth) {
                    lines.append(current)
                    current = String(ch)
                } else {
                    current = next
                }
            }
            if lines.count > maxLines { break }  // enough to know it is cut
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else { return lines }
        var kept = Array(lines.prefix(maxLines - 1))
        kept.append(ellipsised(lines[maxLines - 1] + " " + lines[maxLines], maxWidth: maxWidth))
        return kept
    }

    /// `text` on one line, cut and ended with "…" when it is too wide.
    func line(_ text: String, maxWidth: Double) -> String {
        fits(text, maxWidth) ? text : ellipsised(text, maxWidth: maxWidth)
    }

    /// The longest start of `text` that fits with "…" after it; cut at a word boundary when
    /// that keeps most of the line, and never leaving a space or comma before the ellipsis.
    private func ellipsised(_ text: String, maxWidth: Double) -> String {
        var chars = Array(text)
        func trimmed() { while let last = chars.last, last == " " || last == "," || last == ";" || last == ":" || last == "-" { chars.removeLast() } }
        while !chars.isEmpty && !fits(String(chars) + "…", maxWidth) { chars.removeLast() }
        if let space = chars.lastIndex(of: " "), width(String(chars[..<space])) >= maxWidth * 0.7 {
            chars.removeSubrange(space...)
        }
        trimmed()
        return String(chars) + "…"
    }
}
