/// How much a reader accepts before it refuses a file. The defaults admit anything Excel itself
/// can hold up to a few hundred megabytes of cell XML, and keep a hostile file (a zip bomb, a
/// cell in column XFD of row 1,048,576 on every row) from costing more than that.
public struct SheetLimits: Hashable, Sendable {
    /// Uncompressed bytes of all the parts a workbook's cells live in (workbook, relationships,
    /// styles, shared strings, worksheets), as the zip declares them and as they actually inflate.
    /// For CSV, the size of the file.
    public var maxUncompressedBytes: Int
    /// Parts read whole into an XML tree (workbook, relationships, styles), each.
    public var maxMetadataPartBytes: Int
    /// Rows per sheet; the format's own limit is 1,048,576.
    public var maxRows: Int
    /// Columns per sheet; the format's own limit is 16,384 (XFD).
    public var maxColumns: Int
    /// Cells delivered for one sheet, counting the empty cells that fill the gaps before the
    /// last value of each row. A `Sheet` costs about 24 bytes per cell plus its text.
    public var maxCells: Int
    /// Entries in the zip archive.
    public var maxEntries: Int

    public init(maxUncompressedBytes: Int = 200 * 1_048_576, maxMetadataPartBytes: Int = 16 * 1_048_576,
                maxRows: Int = 1_048_576, maxColumns: Int = 16_384, maxCells: Int = 20_000_000,
                maxEntries: Int = 10_000) {
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxMetadataPartBytes = maxMetadataPartBytes
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        self.maxCells = maxCells
        self.maxEntries = maxEntries
    }

    /// The format's limits and 200 MB of XML.
    public static let `default` = SheetLimits()
}
