/// The lines of text one label shows, placed in its layout's text column (label coordinates, mm).
struct LabelText: Equatable {
    struct Line: Equatable {
        var text: String
        /// The product name is set larger and bold; every other line is body text.
        var isName: Bool
        var baseline: Double
        /// Set when the line is compressed (SVG `textLength`) to this width instead of cut:
        /// a lot, a serial or a date must never lose characters.
        var squeezedTo: Double?
    }

    var lines: [Line]
}

/// Fits label text to one layout, remembering names it has fitted: a run of thousands of
/// labels repeats one product and producer, and breaking them is the costly part.
struct LabelTextFitter {
    let layout: LabelLayout
    private let name: TextFit
    private let body: TextFit
    private var names: [String: [String]] = [:]
    private var shortNames: [String: [String]] = [:]
    private var producers: [String: String] = [:]

    /// A compressed line stays readable down to about 80 % of its width; below that, a caption
    /// and its value go on two lines instead.
    static let minimumSqueeze = 0.8

    init(layout: LabelLayout) {
        self.layout = layout
        name = TextFit(fontSize: layout.nameFontSize, bold: true)
        body = TextFit(fontSize: layout.fontSize, bold: false)
    }

    var nameLineHeight: Double { layout.nameFontSize * 1.2 }
    var bodyLineHeight: Double { layout.fontSize * 1.25 }

    mutating func text(for content: LabelContent) -> LabelText {
        let width = layout.textWidth
        var nameLines = fittedName(content.productName, maxLines: 2)
        let producer = fittedProducer(content.producerName)
        var fields = field("Lô:", content.lot, width: width)
        if let serial = content.serial { fields += field("Số sê-ri:", serial, width: width) }
        fields += field("NSX:", content.productionDate.displayed, width: width)
        fields += field(content.dateLimit.caption, content.dateLimit.date.displayed, width: width)

        // Dates, lot and serial always show; on a crowded label the name gives up its second
        // line first, then the producer goes (the QR code's page names it).
        let available = layout.label.height - 2 * layout.padding
        let gap = layout.fontSize * 0.3
        var showProducer = true
        func height() -> Double {
            Double(nameLines.count) * nameLineHeight + gap
                + Double(fields.count + (showProducer ? 1 : 0)) * bodyLineHeight
        }
        if height() > available && nameLines.count > 1 { nameLines = fittedName(content.productName, maxLines: 1) }
        if height() > available { showProducer = false }

        // Centred beside the code; a line's baseline sits a quarter of its font size above its bottom.
        var top = layout.padding + max(0, (available - height()) / 2)
        var lines: [LabelText.Line] = []
        for text in nameLines {
            top += nameLineHeight
            lines.append(.init(text: text, isName: true, baseline: top - layout.nameFontSize / 4))
        }
        top += gap
        for (text, squeeze) in (showProducer ? [(producer, nil)] : []) + fields {
            top += bodyLineHeight
            lines.append(.init(text: text, isName: false, baseline: top - layout.fontSize / 4, squeezedTo: squeeze))
        }
        return LabelText(lines: lines)
    }

    private mutating func fittedName(_ text: String, maxLines: Int) -> [String] {
        if maxLines == 1 {
            if let hit = shortNames[text] { return hit }
            let lines = [name.line(text, maxWidth: layout.textWidth)]
            shortNames[text] = lines
            return lines
        }
        if let hit = names[text] { return hit }
        let lines = name.lines(text, maxWidth: layout.textWidth, maxLines: maxLines)
        names[text] = lines
        return lines
    }

    private mutating func fittedProducer(_ text: String) -> String {
        if let hit = producers[text] { return hit }
        let line = body.line(text, maxWidth: layout.textWidth)
        producers[text] = line
        return line
    }

    /// "Caption value" on one line, compressed a little if needed, else caption and value on two.
    private func field(_ caption: String, _ value: String, width: Double) -> [(String, Double?)] {
        let full = caption + " " + value
        let natural = body.width(full)
        if natural <= width { return [(full, nil)] }
        if natural * Self.minimumSqueeze <= width { return [(full, width)] }
        return [caption, value].map { ($0, body.width($0) <= width ? nil : width) }
    }
}
