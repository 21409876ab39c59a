/// Where labels sit on a page, all lengths in millimetres: a grid of `columns × rows` labels
/// of one size, placed from the top-left margin with gaps between them, filled row by row.
/// The right and bottom margins are whatever is left. A new sheet is one initialiser call.
public struct LabelLayout: Sendable, Hashable, Identifiable {
    public struct Size: Sendable, Hashable {
        public var width: Double
        public var height: Double
        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
        public static let a4 = Size(width: 210, height: 297)
    }

    /// Stable identifier for forms and URLs, e.g. "a4-3x8".
    public var id: String
    /// Vietnamese name shown to the user.
    public var title: String
    public var page: Size
    public var columns: Int
    public var rows: Int
    public var label: Size
    public var marginTop: Double
    public var marginLeft: Double
    /// Space between neighbouring columns and between neighbouring rows.
    public var columnGap: Double
    public var rowGap: Double
    /// Blank border inside each label, kept clear of text and code.
    public var padding: Double
    /// Side of the QR code's square, its 4-module quiet zone included.
    public var qrSize: Double
    /// Body text size (the product name is set 1.2 × larger, bold).
    public var fontSize: Double

    public init(
        id: String, title: String, page: Size = .a4, columns: Int, rows: Int, label: Size,
        marginTop: Double, marginLeft: Double, columnGap: Double = 0, rowGap: Double = 0,
        padding: Double, qrSize: Double, fontSize: Double
    ) {
        self.id = id
        self.title = title
        self.page = page
        self.columns = columns
        self.rows = rows
        self.label = label
        self.marginTop = marginTop
        self.marginLeft = marginLeft
        self.columnGap = columnGap
        self.rowGap = rowGap
        self.padding = padding
        self.qrSize = qrSize
        self.fontSize = fontSize
    }

    public var labelsPerPage: Int { columns * rows }

    /// Pages needed for `count` labels (none for none).
    public func pageCount(for count: Int) -> Int {
        count <= 0 ? 0 : (count + labelsPerPage - 1) / labelsPerPage
    }

    /// Top-left corner of the label in slot `index` (0 ..< labelsPerPage, row by row).
    public func origin(ofSlot index: Int) -> (x: Double, y: Double) {
        let column = index % columns, row = index / columns
        return (marginLeft + Double(column) * (label.width + columnGap),
                marginTop + Double(row) * (label.height + rowGap))
    }

    /// Throws unless the grid fits on the page and the code (plus some text) fits in a label.
    public func validate() throws(LabelError) {
        // 0.01 mm of slack: sheet specifications are rounded to a tenth of a millimetre.
        let slack = 0.01
        guard columns >= 1, rows >= 1 else { throw .invalidLayout("\(id): needs at least one column and one row") }
        let numbers = [page.width, page.height, label.width, label.height, marginTop, marginLeft,
                       columnGap, rowGap, padding, qrSize, fontSize]
        guard numbers.allSatisfy({ $0.isFinite && $0 >= 0 }), fontSize > 0, qrSize > 0 else {
            throw .invalidLayout("\(id): lengths must be finite and not negative")
        }
        let usedWidth = marginLeft + Double(columns) * label.width + Double(columns - 1) * columnGap
        let usedHeight = marginTop + Double(rows) * label.height + Double(rows - 1) * rowGap
        guard usedWidth <= page.width + slack, usedHeight <= page.height + slack else {
            throw .invalidLayout("\(id): \(columns) × \(rows) labels do not fit on a \(page.width) × \(page.height) mm page")
        }
        guard qrSize + 2 * padding <= label.height + slack, textWidth >= 4 * fontSize else {
            throw .invalidLayout("\(id): the \(qrSize) mm code leaves no room for text in a \(label.width) × \(label.height) mm label")
        }
    }

    /// Gap between the code's quiet zone and the text; the quiet zone is already blank.
    var textGap: Double { max(1, padding / 2) }
    /// Left edge of the text column, inside the label.
    var textX: Double { padding + qrSize + textGap }
    var textWidth: Double { label.width - textX - padding }
    var nameFontSize: Double { fontSize * 1.2 }
}
