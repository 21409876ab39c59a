import HTTPTypes
import NguonCore
import Plot

extension CertificatePage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText {
            guard let certificate = model.certificate else { return LocalizedText(vi: "Ghi giấy chứng nhận", en: "Record a certificate") }
            return LocalizedText(vi: "\(certificate.kind.shortName) số \(certificate.number)", en: "\(certificate.kind.englishName) \(certificate.number)")
        }
        var path: String { model.certificate.map { SiteURL.certificate($0.id).path } ?? SiteURL.facilityCertificates(model.facility.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.facility(model.facility.id).path), .text(model.facility.name)),
                   .text(" · "), .a(.href(SiteURL.certificates.path), .text(t("Giấy chứng nhận", "Certificates")))),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.certificate) { facts($0) },
                .if(model.canWrite, form.section(model.certificate == nil ? t("Thông tin giấy chứng nhận", "Certificate") : t("Sửa thông tin", "Edit"),
                    form.post(model.certificate.map { .certificate($0.id) } ?? .facilityCertificates(model.facility.id),
                              submit: model.certificate == nil ? t("Ghi giấy chứng nhận", "Record") : t("Lưu", "Save"),
                        form.select("kind", t("Loại", "Kind"), options: CertificateKind.allCases.map { ($0.rawValue, language == .vi ? $0.vietnameseName : $0.englishName) }),
                        form.text("number", t("Số giấy chứng nhận", "Number"), required: true),
                        form.text("issuer", t("Cơ quan, tổ chức cấp", "Issued by"), required: true,
                                  hint: t("Ví dụ: Chi cục Quản lý chất lượng nông lâm sản và thủy sản; tổ chức chứng nhận VietGAP.",
                                          "The authority or certification body.")),
                        .div(.class("row"),
                             form.text("issuedOn", t("Ngày cấp", "Issued on"), type: .date, required: true),
                             form.text("expiresOn", t("Ngày hết hạn", "Expires on"), type: .date,
                                       hint: t("Giấy chứng nhận ATTP: bỏ trống để tính theo luật (3 năm).", "Food-safety certificate: leave empty for the legal 3 years."))),
                        .if(!model.products.isEmpty, form.checkboxes("product", t("Sản phẩm được chứng nhận (bỏ trống: cả cơ sở)", "Products covered (none: the whole facility)"),
                                                                     options: model.products.map { ($0.id, $0.name) })),
                        form.textarea("scopeNote", t("Phạm vi, ghi chú", "Scope, notes"))))),
                .unwrap(model.certificate) { certificate in
                    .if(model.canWrite, .group(stateForm(certificate), documentForm(certificate)))
                })
        }

        private func facts(_ certificate: Certificate) -> Node<HTML.BodyContext> {
            let status = certificate.status(on: model.today)
            let products = model.products.filter { certificate.productIDs.contains($0.id) }.map(\.name)
            var facts: [(String, String)] = [
                (t("Loại", "Kind"), language == .vi ? certificate.kind.vietnameseName : certificate.kind.englishName),
                (t("Cơ sở", "Facility"), model.facility.name + " — " + model.organisation.name),
                (t("Cơ quan cấp", "Issued by"), certificate.issuer),
                (t("Ngày cấp", "Issued on"), certificate.issuedOn.vietnamese),
                (t("Hiệu lực đến", "Valid until"), certificate.expiresOn?.vietnamese ?? t("không ghi", "not stated")),
                (t("Tình trạng", "Status"), language == .vi ? status.vietnameseName : status.englishName),
                (t("Phạm vi", "Scope"), products.isEmpty ? t("Cả cơ sở", "The whole facility") : products.joined(separator: ", ")),
            ]
            if let opens = certificate.renewalOpens {
                let rules = FoodSafetyRules.inForce(on: certificate.issuedOn)
                facts.append((t("Hồ sơ cấp lại", "Renewal file"),
                              t("nộp từ \(opens.vietnamese) đến trước \(certificate.expiresOn?.vietnamese ?? "") (\(rules.renewalLeadMonths) tháng trước khi hết hạn — \(rules.citation))",
                                "due from \(opens) until \(certificate.expiresOn?.description ?? "") (\(rules.renewalLeadMonths) months before expiry — \(rules.citation))")))
            }
            if certificate.state != .issued {
                facts.append((t("Quyết định", "Decision"), "\(certificate.stateOn?.vietnamese ?? "") — \(certificate.stateReason ?? "")"))
            }
            return .group(
                AdminView.facts(facts),
                .unwrap(certificate.documentID) { _ in
                    .p(.a(.href(SiteURL.certificateDocument(certificate.id).path), .text(t("Xem bản quét", "Open the scan"))))
                })
        }

        private func stateForm(_ certificate: Certificate) -> Node<HTML.BodyContext> {
            let options: [(String, String)] = [
                (CertificateState.issued.rawValue, t("Còn hiệu lực (khôi phục)", "In force (reinstate)")),
                (CertificateState.suspended.rawValue, t("Đình chỉ", "Suspend")),
                (CertificateState.revoked.rawValue, t("Thu hồi", "Revoke")),
            ]
            return form.section(t("Đình chỉ, thu hồi", "Suspend or revoke"),
                form.post(.certificateState(certificate.id), submit: t("Ghi quyết định", "Record the decision"),
                    form.select("state", t("Quyết định", "Decision"), options: options, selected: certificate.state.rawValue),
                    form.text("stateOn", t("Ngày quyết định", "Decided on"), type: .date, value: certificate.stateOn?.description ?? model.today.description),
                    form.textarea("stateReason", t("Lý do, số quyết định", "Reason and decision number"))))
        }

        private func documentForm(_ certificate: Certificate) -> Node<HTML.BodyContext> {
            .group(
                .h2(.text(t("Bản quét giấy chứng nhận", "Scanned certificate"))),
                form.upload(.certificateDocument(certificate.id), name: "document",
                            label: t("Tệp PDF, JPEG hoặc PNG (tối đa 8 MB)", "PDF, JPEG or PNG (up to 8 MB)"),
                            accept: "application/pdf,image/jpeg,image/png",
                            hint: certificate.documentID == nil ? nil : t("Tệp mới thay tệp đã lưu.", "A new file replaces the stored one."),
                            submit: t("Tải lên", "Upload")))
        }
    }
}
