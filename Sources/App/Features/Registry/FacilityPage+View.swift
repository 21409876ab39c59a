import HTTPTypes
import Plot

extension FacilityPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var status: HTTPResponse.Status { form.status }
        var title: LocalizedText {
            model.facility.map { LocalizedText(vi: $0.name, en: $0.name) } ?? LocalizedText(vi: "Thêm cơ sở", en: "New facility")
        }
        var path: String { model.facility.map { SiteURL.facility($0.id).path } ?? SiteURL.organisationFacilities(model.organisation.id).path }

        var main: Node<HTML.BodyContext> {
            let organisation = model.organisation
            return .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.organisation(organisation.id).path), .text(organisation.name))),
                .h1(.text(title(language))),
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.facility) { facility in
                    AdminView.facts([
                        (t("GLN (mã địa điểm)", "GLN"), facility.gln ?? t("chưa có", "none")),
                        (t("Hoạt động", "Activities"), facility.activities.map { $0.label(language) }.joined(separator: ", ")),
                        (t("Trạng thái", "State"), facility.state.label(language)),
                        (t("Mã số vùng trồng, đăng ký nuôi", "Growing areas, aquaculture"),
                         facility.registrations.isEmpty ? "—" : facility.registrations.map { r in
                             r.code + (r.areaHa.map { " (\(Formatting.decimal($0)) ha)" } ?? "")
                         }.joined(separator: ", ")),
                    ])
                },
                .unwrap(model.facility) { .group(papers($0), inspections($0)) },
                .if(model.canWrite, form.section(model.facility == nil ? t("Thông tin cơ sở", "Facility") : t("Sửa thông tin", "Edit"),
                    form.post(model.facility.map { .facility($0.id) } ?? .organisationFacilities(organisation.id),
                              submit: model.facility == nil ? t("Thêm cơ sở", "Add facility") : t("Lưu", "Save"),
                        form.text("name", t("Tên cơ sở", "Name"), required: true,
                                  hint: t("Ví dụ: Vùng trồng rau thôn Đông Sơn, Xưởng sơ chế, Kho lạnh.", "A farm, a packhouse, a store.")),
                        glnField,
                        model.units.units.map { units in
                            form.select("unit", t("Xã, phường, đặc khu", "Commune"), options: units.map { ($0.code, "\($0.fullName) (\($0.code))") })
                        } ?? form.text("unit", t("Mã xã, phường, đặc khu (5 số)", "Commune code (5 digits)"), required: true),
                        form.text("address", t("Địa chỉ (thôn, số nhà, đường)", "Address")),
                        .div(.class("row"),
                             form.text("latitude", t("Vĩ độ", "Latitude"), hint: t("Ví dụ 21,0836", "e.g. 21.0836")),
                             form.text("longitude", t("Kinh độ", "Longitude"), hint: t("Ví dụ 106,5120", "e.g. 106.5120"))),
                        form.checkboxes("activity", t("Hoạt động", "Activities"),
                                        options: Facility.Activity.allCases.map { ($0.rawValue, $0.label(language)) }),
                        form.text("scale", t("Quy mô", "Scale"), hint: t("Ví dụ: 2,5 ha; 3 ao nuôi; 500 m² nhà xưởng.", "e.g. 2.5 ha")),
                        form.select("state", t("Trạng thái", "State"), options: Facility.State.allCases.map { ($0.rawValue, $0.label(language)) }),
                        form.textarea("growing_area", t("Mã số vùng trồng", "Growing-area codes"),
                                      hint: t("Mỗi dòng một mã, có thể kèm diện tích (ha) sau dấu chấm phẩy: VN-QNGR-0012; 2,5", "One per line: code; area in ha")),
                        form.textarea("aquaculture", t("Đăng ký nuôi trồng thủy sản", "Aquaculture registrations"),
                                      hint: t("Mỗi dòng một số giấy xác nhận, có thể kèm diện tích (ha).", "One per line: number; area in ha"))))))
        }

        /// Certificates and commitments, with the links to record new ones.
        private func papers(_ facility: Facility) -> Node<HTML.BodyContext> {
            guard model.canCertify || !model.certificates.isEmpty || !model.commitments.isEmpty else { return .empty }
            return .group(
                .h2(.text(t("Giấy chứng nhận, cam kết an toàn thực phẩm", "Food-safety certificates and commitments"))),
                .if(model.certificates.isEmpty && model.commitments.isEmpty,
                    .p(.text(t("Chưa có giấy chứng nhận hay bản cam kết nào.", "No certificate or commitment yet.")))),
                .ul(.class("papers"),
                    .forEach(model.certificates) { certificate in
                        .li(.a(.href(SiteURL.certificate(certificate.id).path), .text("\(certificate.kind.shortName) \(certificate.number)")),
                            .text(" · " + t("đến ", "until ") + (certificate.expiresOn?.vietnamese ?? "—") + " "),
                            CertificateList.badge(certificate.status(on: model.today), language))
                    },
                    .forEach(model.commitments) { commitment in
                        .li(.a(.href(SiteURL.commitment(commitment.id).path), .text(t("Bản cam kết ký ", "Commitment signed ") + commitment.signedOn.vietnamese)),
                            .text(" "), CertificateList.badge(commitment.status(on: model.today), language))
                    }),
                .if(model.canCertify, .p(
                    .a(.class("button"), .href(SiteURL.facilityCertificates(facility.id).path), .text(t("Ghi giấy chứng nhận", "Record a certificate"))),
                    .text(" "),
                    .a(.class("button secondary"), .href(SiteURL.facilityCommitments(facility.id).path), .text(t("Ghi bản cam kết", "Record a commitment"))))))
        }

        /// Inspections, violations and outbreaks, the grounds they give, and the links to record more.
        private func inspections(_ facility: Facility) -> Node<HTML.BodyContext> {
            guard model.canInspect || !model.inspections.isEmpty || !model.violations.isEmpty || !model.incidents.isEmpty
                    || !model.samples.isEmpty else { return .empty }
            let grounds = FacilityPage.revocationGrounds(model)
            return .group(
                .h2(.text(t("Kiểm tra, giám sát, vi phạm", "Inspections, samples, violations"))),
                .if(!grounds.isEmpty, .div(.class("error"), .attribute(named: "role", value: "status"),
                    .p(.text(t("Đủ căn cứ xem xét thu hồi giấy chứng nhận ATTP: ", "Grounds to revoke the food-safety certificate: ")
                             + grounds.map { $0.text(language) }.joined(separator: "; "))))),
                .if(model.inspections.isEmpty && model.violations.isEmpty && model.incidents.isEmpty && model.samples.isEmpty,
                    .p(.text(t("Chưa có biên bản kiểm tra hay vi phạm nào.", "No inspections or violations yet.")))),
                .ul(.class("papers"),
                    .forEach(model.inspections) { inspection in
                        .li(.a(.href(SiteURL.inspection(inspection.id).path),
                               .text(t("Kiểm tra ", "Inspection ") + inspection.inspectedOn.vietnamese)),
                            .text(" "), AdminView.badge(inspection.result == .pass ? t("Đạt", "Pass") : t("Không đạt", "Fail"), on: inspection.result == .pass))
                    },
                    .forEach(model.violations) { violation in
                        .li(.a(.href(SiteURL.violation(violation.id).path), .text(t("Vi phạm ", "Violation ") + violation.foundOn.vietnamese)),
                            .text(": " + violation.description))
                    },
                    .forEach(model.samples) { sample in
                        .li(.a(.href(SiteURL.sample(sample.id).path), .text(t("Mẫu ", "Sample ") + sample.code + " — " + sample.productName)),
                            .text(" "), AdminView.badge(sample.verdict.label(language), on: sample.verdict != .fail))
                    },
                    .forEach(model.incidents) { incident in
                        .li(.a(.href(SiteURL.incident(incident.id).path), .text(t("Ngộ độc ", "Outbreak ") + incident.occurredOn.vietnamese)),
                            .text(t(": \(incident.cases) người mắc, \(incident.deaths) tử vong", ": \(incident.cases) cases, \(incident.deaths) deaths")))
                    }),
                .if(model.canInspect, .p(
                    .a(.class("button"), .href(SiteURL.facilityInspections(facility.id).path), .text(t("Ghi biên bản kiểm tra", "Record an inspection"))),
                    .text(" "),
                    .a(.class("button secondary"), .href(SiteURL.facilityViolations(facility.id).path), .text(t("Ghi vi phạm", "Record a violation"))),
                    .text(" "),
                    .a(.class("button secondary"), .href(SiteURL.facilitySamples(facility.id).path), .text(t("Lấy mẫu giám sát", "Take a sample"))),
                    .text(" "),
                    .a(.class("button secondary"), .href(SiteURL.facilityIncidents(facility.id).path), .text(t("Ghi vụ ngộ độc", "Record an outbreak"))))))
        }

        /// GLN: typed (an organisation with its own prefix) or chosen from those it was given.
        private var glnField: Node<HTML.FormContext> {
            .group(
                form.text("gln", t("GLN (mã địa điểm GS1, 13 số)", "GLN (13 digits)"),
                          hint: model.freeGLNs.isEmpty
                            ? t("Chưa có GLN? Xin cấp ở trang tổ chức (mục Mã GS1 được cấp).", "No GLN yet? Ask for one on the organisation's page.")
                            : t("Chọn một GLN đã được cấp: ", "Pick one given to you: ") + model.freeGLNs.prefix(5).joined(separator: ", "),
                          list: "gln-options"),
                .element(named: "datalist", nodes: [.attribute(named: "id", value: "gln-options")]
                    + model.freeGLNs.map { .element(named: "option", nodes: [.attribute(named: "value", value: $0)]) }))
        }
    }
}
