import HTTPTypes
import NguonCore
import Plot

extension ProgrammeList {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Giám sát an toàn thực phẩm", en: "Food-safety monitoring") }
        var path: String { SiteURL.programmes.path }
        var query: [(String, String?)] { [("nam", String(model.year))] }

        var main: Node<HTML.BodyContext> {
            let rate = model.rate
            func percent(_ value: Double?) -> String { value.map { Formatting.decimal(($0 * 1000).rounded() / 10) + "%" } ?? "—" }
            let met = rate.meets(-0.10)
            return .group(
                AdminView.eyebrow(.inspections, t("Kiểm tra", "Inspections")),
                heading,
                AdminView.filterForm(.programmes, submit: t("Xem", "Show"),
                    .div(.class("field"), .label(.for("nam"), .text(t("Năm", "Year"))),
                         .input(.type(.number), .id("nam"), .name("nam"), .value(String(model.year))))),
                AdminView.facts([
                    (t("Mẫu đã có kết quả năm \(model.year)", "Samples with results in \(model.year)"), String(rate.whole)),
                    (t("Tỷ lệ mẫu vi phạm", "Violation rate"), percent(rate.rate) + " (\(rate.part)/\(rate.whole))"),
                    (t("Năm \(model.year - 1)", "In \(model.year - 1)"), percent(rate.previousRate) + " (\(rate.previousPart)/\(rate.previousWhole))"),
                    (t("Thay đổi (mục tiêu −10%)", "Change (target −10%)"),
                     (rate.change.map { ($0 >= 0 ? "+" : "") + percent($0) } ?? "—")
                        + (met == true ? t(" — đạt", " — met") : met == false ? t(" — chưa đạt", " — not met") : "")),
                ]),
                .if(model.programmes.isEmpty, .p(.text(t("Chưa có chương trình giám sát nào năm này.", "No programmes this year.")))),
                .if(!model.programmes.isEmpty, AdminView.table([t("Chương trình", "Programme"), t("Địa bàn", "Area"), t("Đã lấy / kế hoạch", "Taken / planned"),
                                                                t("Không đạt", "Failed")], model.programmes) { summary in
                    .tr(.td(.a(.href(SiteURL.programme(summary.programme.id).path), .text(summary.programme.name))),
                        .td(.text(summary.programme.area.code)),
                        .td(.class("nowrap"), .text("\(summary.taken) / \(summary.programme.planned)")),
                        .td(.text(String(summary.failed))))
                }),
                .if(model.canWrite, form.section(t("Chương trình mới", "New programme"),
                    form.post(.programmes, submit: t("Tạo chương trình", "Create"),
                        form.text("name", t("Tên chương trình", "Name"), required: true,
                                  hint: t("Ví dụ: Giám sát ATTP nông lâm thủy sản năm 2026.", "e.g. Monitoring of agricultural food 2026.")),
                        .div(.class("row"),
                             form.text("year", t("Năm", "Year"), type: .number, required: true),
                             form.text("planned", t("Số mẫu kế hoạch", "Samples planned"), type: .number, required: true)),
                        model.units.units.map { units in
                            form.select("unit", t("Địa bàn", "Area"), options: units.map { ($0.code, "\($0.fullName) (\($0.code))") })
                        } ?? form.text("unit", t("Mã tỉnh hoặc xã", "Province or commune code"), required: true),
                        form.textarea("note", t("Ghi chú", "Notes"))))))
        }
    }
}

extension ProgrammePage {
    struct View: AdminPage {
        let model: Model
        let language: Language

        var title: LocalizedText { LocalizedText(stringLiteral: model.programme.name) }
        var path: String { SiteURL.programme(model.programme.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.programmes, t("Giám sát", "Monitoring")),
                heading,
                AdminView.facts([
                    (t("Năm", "Year"), String(model.programme.year)),
                    (t("Địa bàn", "Area"), model.programme.area.code),
                    (t("Đã lấy / kế hoạch", "Taken / planned"), "\(model.samples.count) / \(model.programme.planned)"),
                    (t("Không đạt / có kết quả", "Failed / with results"), "\(model.failed) / \(model.decided)"),
                ]),
                .p(.class("hint"), .text(t("Lấy mẫu từ trang của cơ sở (mục Giám sát).", "Samples are recorded from a facility's page."))),
                SamplePage.table(model.samples, language))
        }
    }
}

extension SamplePage {
    /// Samples as rows: code, product and lot, facility, date, verdict.
    static func table(_ samples: [(sample: Sample, facilityName: String)], _ language: Language) -> Node<HTML.BodyContext> {
        let vi = language == .vi
        guard !samples.isEmpty else { return .p(.text(vi ? "Chưa có mẫu nào." : "No samples yet.")) }
        return AdminView.table([vi ? "Mã mẫu" : "Code", vi ? "Sản phẩm, lô" : "Product, lot", vi ? "Cơ sở" : "Facility",
                                vi ? "Ngày" : "Date", vi ? "Kết quả" : "Result"], samples) { row in
            .tr(.td(.a(.href(SiteURL.sample(row.sample.id).path), .text(row.sample.code))),
                .td(.text(row.sample.productName + (row.sample.lotNumber.map { " — " + (vi ? "lô " : "lot ") + $0 } ?? ""))),
                .td(.text(row.facilityName)),
                .td(.class("nowrap"), .text(row.sample.sampledOn.vietnamese)),
                .td(AdminView.badge(row.sample.verdict.label(language), on: row.sample.verdict != .fail)))
        }
    }

    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText {
            model.sample.map { LocalizedText(vi: "Mẫu \($0.code)", en: "Sample \($0.code)") } ?? LocalizedText(vi: "Ghi mẫu giám sát", en: "Record a sample")
        }
        var path: String { model.sample.map { SiteURL.sample($0.id).path } ?? SiteURL.facilitySamples(model.facility.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.facility(model.facility.id).path), .text(model.facility.name)),
                   .text(" · "), .a(.href(SiteURL.programmes.path), .text(t("Giám sát", "Monitoring")))),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.sample) { facts($0) },
                .if(model.canWrite && model.sample == nil && !model.programmes.isEmpty, form.section(t("Thông tin mẫu", "Sample"), editor)),
                // Results come later: the form stays folded under the recorded sample until opened.
                .if(model.canWrite && model.sample != nil, .element(named: "details", nodes: [
                    form.error == nil ? .empty : .attribute(named: "open", value: "open"),
                    .element(named: "summary", text: t("Sửa, ghi kết quả", "Edit, enter results")),
                    form.summary, editor,
                ])),
                .if(model.canWrite && model.sample == nil && model.programmes.isEmpty,
                    .p(.class("error"), .text(t("Chưa có chương trình giám sát nào năm nay bao gồm địa bàn của cơ sở: hãy tạo ở trang Giám sát.",
                                                "No programme this year covers the facility's area: create one on the Monitoring page.")))))
        }

        private func facts(_ sample: Sample) -> Node<HTML.BodyContext> {
            .group(
                AdminView.facts([
                    (t("Sản phẩm", "Product"), sample.productName + (sample.gtin.map { " (GTIN \($0))" } ?? "")),
                    (t("Lô", "Lot"), sample.lotNumber ?? "—"),
                    (t("Ngày, nơi lấy mẫu", "Taken on, at"), sample.sampledOn.vietnamese + (sample.place.map { ", " + $0 } ?? "")),
                    (t("Phòng thử nghiệm", "Laboratory"), sample.laboratory),
                    (t("Kết luận", "Verdict"), sample.verdict.label(language)),
                ]),
                .if(!sample.analytes.isEmpty, AdminView.table([t("Chỉ tiêu", "Analyte"), t("Kết quả", "Result"), t("Giới hạn", "Limit"), ""],
                                                              sample.analytes) { analyte in
                    .tr(.td(.text(analyte.name)), .td(.text(analyte.result + " " + analyte.unit)),
                        .td(.text(analyte.limit.map { Formatting.decimal($0) + " " + analyte.unit } ?? t("không được phép có", "none allowed"))),
                        .td(.text(analyte.exceeds.map { $0 ? t("Vượt giới hạn", "Over the limit") : t("Đạt", "Within") } ?? t("Chưa đọc được", "Unreadable"))))
                }),
                // A failed lot's page lists where it went: the start of a recall.
                .if(sample.verdict == .fail && sample.gtin != nil && sample.lotNumber != nil,
                    .p(.a(.class("button"), .href(SiteURL.recalls.url([("mau", sample.id)])), .text(t("Mở thu hồi lô này", "Recall this lot"))),
                       .text(" "),
                       .a(.class("button secondary"), .href("/01/\(sample.gtin ?? "")/10/" + SiteURL.encode(sample.lotNumber ?? "")),
                          .text(t("Xem lô hàng và nơi đã phân phối", "Open the lot and where it went"))))))
        }

        private var editor: Node<HTML.BodyContext> {
            form.post(model.sample.map { .sample($0.id) } ?? .facilitySamples(model.facility.id),
                      submit: model.sample == nil ? t("Ghi mẫu", "Record") : t("Lưu", "Save"),
                .if(model.sample == nil, form.select("programme", t("Chương trình giám sát", "Programme"),
                                                     options: model.programmes.map { ($0.id, "\($0.name) (\($0.year))") })),
                .div(.class("row"),
                     form.text("code", t("Mã mẫu", "Sample code"), required: true),
                     form.text("sampledOn", t("Ngày lấy mẫu", "Taken on"), type: .date, required: true)),
                form.select("product", t("Sản phẩm đã đăng ký", "Registered product"),
                            options: [("", t("— ghi tên bên dưới —", "— name it below —"))] + model.products.map { ($0.id, $0.name) }),
                form.text("productName", t("Tên sản phẩm (nếu chưa đăng ký)", "Product name (if not registered)")),
                .div(.class("row"),
                     form.text("lotNumber", t("Số lô", "Lot")),
                     form.text("place", t("Nơi lấy mẫu", "Taken at"))),
                form.text("laboratory", t("Phòng thử nghiệm", "Laboratory"), required: true),
                .element(named: "fieldset", nodes: [
                    .attribute(named: "class", value: "field checklist"),
                    .element(named: "legend", text: t("Chỉ tiêu phân tích: kết quả (số, “<0,01” hoặc “KPH”), giới hạn tối đa, đơn vị",
                                                      "Analytes: result (a number, “<0.01” or “ND”), maximum level, unit")),
                    .group((0..<SamplePage.rows).map { index in
                        .div(.class("check-row analyte"),
                             input("analyte-\(index)", t("Chỉ tiêu", "Analyte")), input("result-\(index)", t("Kết quả", "Result")),
                             input("limit-\(index)", t("Giới hạn", "Limit")), input("unit-\(index)", t("Đơn vị", "Unit")))
                    }),
                    .unwrap(form.message(for: "analytes")) { .p(.class("field-error"), .text($0)) },
                ]),
                form.textarea("note", t("Ghi chú", "Notes")))
        }

        private func input(_ name: String, _ label: String) -> Node<HTML.FormContext> {
            .input(.type(.text), .name(name), .value(form.values[name] ?? ""), .attribute(named: "placeholder", value: label),
                   .attribute(named: "aria-label", value: label))
        }
    }
}
