/// Interface text used on more than one page. Text used by one page lives in that page's view.
enum Strings {
    static let tagline = LocalizedText(
        vi: "Nguồn — nền tảng truy xuất nguồn gốc nông, lâm, thủy sản và quản lý an toàn thực phẩm của tỉnh.",
        en: "Nguồn — the provincial platform for tracing farm, forest and fishery products and managing food safety.")
    static let skipToContent = LocalizedText(vi: "Chuyển đến nội dung chính", en: "Skip to main content")
    static let mainNavigation = LocalizedText(vi: "Điều hướng chính", en: "Main navigation")
    static let home = LocalizedText(vi: "Trang chủ", en: "Home")
    static let gs1Check = LocalizedText(vi: "Kiểm tra mã GS1", en: "Check a GS1 code")
    static let footer = LocalizedText(
        vi: "Nguồn · Truy xuất nguồn gốc theo TCVN 12850:2019, GS1 Digital Link và EPCIS 2.0 · Dữ liệu do cơ quan quản lý và cơ sở sản xuất cung cấp.",
        en: "Nguồn · Traceability per TCVN 12850:2019, GS1 Digital Link and EPCIS 2.0 · Data provided by authorities and producers.")
    static let backHome = LocalizedText(vi: "Về trang chủ", en: "Back to the home page")
}
