import HTTPTypes
import Plot

/// `/quan-tri/nhap`: upload a sheet, see what would be imported and every bad row with its
/// number and rule, then accept (skipping the bad rows only when the officer says so).
enum ImportPage {
    struct View: AdminFormPage {
        let form: FormFields
        /// The checked file and its pending id, after an upload.
        var checked: (id: String, result: RegistryImport.Preview)? = nil
        var imported: Int? = nil

        var title: LocalizedText { LocalizedText(vi: "Nhập từ Excel hoặc CSV", en: "Import from XLSX or CSV") }
        var path: String { SiteURL.registryImport.path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.admin, t("Sổ đăng ký", "Registry")),
                heading,
                AdminView.notice(imported.map { t("Đã nhập \($0) dòng.", "\($0) rows imported.") }),
                .unwrap(checked) { preview($0.id, $0.result) },
                form.summary,
                .h2(.text(t("Tải tệp lên", "Upload a file"))),
                .form(.class("stack"), .method(.post), .action(SiteURL.registryImport.path), .attribute(named: "enctype", value: "multipart/form-data"),
                      form.hidden(Form.fieldName, form.csrfToken),
                      form.select("kind", t("Loại dữ liệu", "What the sheet holds"), options: RegistryImport.Kind.allCases.map { ($0.rawValue, $0.label(language)) }),
                      .div(.class("field"),
                           .label(.for("f-file"), .text(t("Tệp XLSX hoặc CSV", "XLSX or CSV file"))),
                           .input(.type(.file), .id("f-file"), .name("file"), .required(true),
                                  .attribute(named: "accept", value: ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
                           .p(.class("hint"), .text(t("Dòng đầu là tiêu đề cột. Tổ chức: Tên tổ chức, Mã số thuế, Loại hình, Mã xã (hoặc tên xã), Địa chỉ, Người đại diện, Điện thoại, Email. Cơ sở: Tên cơ sở, Mã số thuế (của tổ chức), Mã xã, Địa chỉ, Hoạt động, Quy mô, Mã số vùng trồng, Vĩ độ, Kinh độ. Sản phẩm: Tên sản phẩm, Mã số thuế (của tổ chức), GTIN (để trống thì được cấp từ kho mã của tỉnh), Nhóm sản phẩm, Quy cách đóng gói, Khối lượng tịnh (ví dụ 500 g), Hạn sử dụng (ví dụ 12 tháng), Nhãn hiệu, Số bản tự công bố, Tiêu chuẩn áp dụng.",
                                                      "The first row names the columns."))),
                           .unwrap(form.message(for: "file")) { .p(.class("field-error"), .text($0)) }),
                      .button(.type(.submit), .text(t("Kiểm tra tệp", "Check the file")))))
        }

        private func preview(_ id: String, _ result: RegistryImport.Preview) -> Node<HTML.BodyContext> {
            .group(
                .h2(.text(t("Kết quả kiểm tra", "What the file holds"))),
                .p(.text(t("\(result.total) dòng: \(result.good) dòng hợp lệ, \(result.problems.count) dòng lỗi.",
                           "\(result.total) rows: \(result.good) good, \(result.problems.count) with problems."))),
                .if(!result.problems.isEmpty, AdminView.table([t("Dòng", "Row"), t("Cột", "Column"), t("Lỗi", "Problem")], Array(result.problems.prefix(500))) { problem in
                    .tr(.td(.text(String(problem.row))), .td(.text(result.kind.header(of: problem.field))), .td(.text(problem.message)))
                }),
                .if(result.problems.count > 500, .p(.class("hint"), .text(t("và \(result.problems.count - 500) dòng lỗi khác.", "and more.")))),
                .if(result.good > 0, .group(
                    result.kind == .products
                        ? AdminView.table([t("Dòng", "Row"), t("Tên", "Name"), "GTIN"], result.sample) { row in
                            .tr(.td(.text(String(row.number))), .td(.text(row.name)),
                                .td(.text(row.product.map { $0.gtin.isEmpty ? t("cấp từ kho mã", "from the pool") : $0.gtin } ?? "")))
                        }
                        : AdminView.table([t("Dòng", "Row"), t("Tên", "Name"), t("Xã/tỉnh", "Unit")], result.sample) { row in
                            .tr(.td(.text(String(row.number))), .td(.text(row.name)), .td(.text(row.communeCode ?? row.provinceCode)))
                        },
                    form.post(.registryImportConfirm(id), submit: t("Nhập \(result.good) dòng hợp lệ", "Import \(result.good) good rows"),
                              result.problems.isEmpty ? .empty
                                : form.checkbox("skipBad", t("Tôi đồng ý bỏ qua \(result.problems.count) dòng lỗi", "Skip the \(result.problems.count) bad rows"), checked: false)))))
        }
    }
}
