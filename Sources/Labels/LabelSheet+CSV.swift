extension LabelSheet {
    /// Column names of `csv(_:)`, in order.
    public static let csvColumns = ["serial", "digital_link", "gtin", "lot", "expiry", "product_name"]

    /// The labels as CSV for label-printer software: UTF-8 with a byte-order mark (so Excel
    /// and printer drivers read Vietnamese correctly), CRLF line ends and RFC 4180 quoting.
    ///
    /// `expiry` is the date limit as printed on the label (DD/MM/YYYY), whether it is a use-by
    /// or a best-before date; `serial` is empty for lot-level labels.
    public static func csv(_ labels: [LabelContent]) -> String {
        var out = MarkupWriter(capacity: 64 + labels.count * 160)
        out.raw("\u{FEFF}")
        for (i, column) in csvColumns.enumerated() {
            if i > 0 { out.raw(",") }
            out.raw(column)
        }
        out.raw("\r\n")
        for label in labels {
            csvField(label.serial ?? "", into: &out)
            out.raw(",")
            csvField(label.digitalLink, into: &out)
            out.raw(",")
            csvField(label.gtin.gtin14, into: &out)
            out.raw(",")
            csvField(label.lot, into: &out)
            out.raw(",")
            csvField(label.dateLimit.date.displayed, into: &out)
            out.raw(",")
            csvField(label.productName, into: &out)
            out.raw("\r\n")
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// RFC 4180 §2: a field with a comma, quote or line break is quoted, its quotes doubled.
    /// A field a spreadsheet would run as a formula (= + - @ first) gets a leading space: the
    /// label printer prints it unnoticed, and a spreadsheet shows it as text (CSV injection).
    private static func csvField(_ raw: String, into out: inout MarkupWriter) {
        let value = raw.first.map { "=+-@".contains($0) } == true ? " " + raw : raw
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.raw(value)
            return
        }
        out.raw("\"")
        for part in value.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            if part.offset > 0 { out.raw("\"\"") }
            out.raw(String(part.element))
        }
        out.raw("\"")
    }
}
