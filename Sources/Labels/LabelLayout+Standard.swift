// The sheets we print on. The A4 sheets are the common die-cut sizes sold in Vietnam, which
// follow Avery's; their labels touch each other and the page's sides (no gaps, no side
// margins), so `padding` keeps text and code off the cut. A printer that cannot reach the
// paper's edge (often 3–5 mm) may clip the outer millimetres of edge labels: on the QR side
// that is padding plus quiet zone, on the text side only the padding.

extension LabelLayout {
    /// A4, 2 × 5 = 10 labels of 105 × 57 mm (Avery 3425 size): 5 × 57 = 285 mm, so 6 mm top
    /// and bottom margins; no side margins, no gaps. Code 38 mm (≈ 31 mm without quiet zone).
    public static let a4x10 = LabelLayout(
        id: "a4-2x5", title: "A4 · 10 nhãn 105 × 57 mm", columns: 2, rows: 5,
        label: Size(width: 105, height: 57), marginTop: 6, marginLeft: 0,
        padding: 4, qrSize: 38, fontSize: 3.2)

    /// A4, 3 × 8 = 24 labels of 70 × 37 mm (Avery 3474 size): 8 × 37 = 296 mm, so 0.5 mm top
    /// and bottom margins; no side margins, no gaps. Code 30 mm (≈ 25 mm without quiet zone).
    public static let a4x24 = LabelLayout(
        id: "a4-3x8", title: "A4 · 24 nhãn 70 × 37 mm", columns: 3, rows: 8,
        label: Size(width: 70, height: 37), marginTop: 0.5, marginLeft: 0,
        padding: 3, qrSize: 30, fontSize: 2.5)

    /// Roll of 50 × 30 mm labels for thermal printers: one label per page, page = label.
    /// Code 26 mm (≈ 21 mm without quiet zone).
    public static let roll50x30 = LabelLayout(
        id: "roll-50x30", title: "Cuộn · nhãn 50 × 30 mm", page: Size(width: 50, height: 30),
        columns: 1, rows: 1, label: Size(width: 50, height: 30), marginTop: 0, marginLeft: 0,
        padding: 1.5, qrSize: 26, fontSize: 2)

    /// Every built-in layout, for pickers.
    public static let standard: [LabelLayout] = [.a4x10, .a4x24, .roll50x30]
}
