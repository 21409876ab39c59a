/// Printable label sheets: `render` lays labels out as one self-contained HTML document (one
/// SVG per page, sized in millimetres, with print CSS), `csv` lists them for label printers.
///
/// Both are pure functions of their arguments: same labels, same bytes.
///
/// ```swift
/// let lot = try LabelContent(productName: "Nước mắm Cái Rồng", producerName: "HTX Vân Đồn",
///                            gtin: GTIN("08931000001006"), lot: "DS-2611",
///                            productionDate: LabelDate(year: 2025, month: 12, day: 5),
///                            dateLimit: .expiry(LabelDate(year: 2026, month: 12, day: 5)),
///                            resolver: "https://truyxuat.quangninh.gov.vn")
/// let html = try LabelSheet.render(lot.serialised(.counting(from: 1, count: 500, width: 6)),
///                                  layout: .a4x24, title: "Lô DS-2611")
/// ```
public enum LabelSheet {}
