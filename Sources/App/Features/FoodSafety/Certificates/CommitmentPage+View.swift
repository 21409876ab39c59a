import HTTPTypes
import NguonCore
import Plot

extension CommitmentPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText {
            model.commitment == nil ? LocalizedText(vi: "Ghi bản cam kết", en: "Record a commitment")
                : LocalizedText(vi: "Bản cam kết ATTP", en: "Food-safety commitment")
        }
        var path: String { model.commitment.map { SiteURL.commitment($0.id).path } ?? SiteURL.facilityCommitments(model.facility.id).path }

        var main: Node<HTML.BodyContext> {
            .group(
                .p(.class("eyebrow"), .a(.href(SiteURL.facility(model.facility.id).path), .text(model.facility.name))),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                .unwrap(model.commitment) { commitment in
                    let status = commitment.status(on: model.today)
                    return .group(
                        AdminView.facts([
                            (t("Cơ sở", "Facility"), model.facility.name + " — " + model.organisation.name),
                            (t("Diện", "Category"), language == .vi ? commitment.category.vietnameseName : commitment.category.englishName),
                            (t("Nơi nhận", "Received by"), commitment.receivedBy),
                            (t("Ngày ký", "Signed on"), commitment.signedOn.vietnamese),
                            (t("Hiệu lực đến", "Valid until"), commitment.validUntil?.vietnamese ?? t("không ghi", "not stated")),
                            (t("Tình trạng", "Status"), language == .vi ? status.vietnameseName : status.englishName),
                            (t("Kiểm tra sau cam kết", "Check after signing"),
                             commitment.checkedOn.map { "\($0.vietnamese): \(commitment.checkResult?.label(language) ?? "")" } ?? t("chưa kiểm tra", "not yet")),
                        ]),
                        .unwrap(commitment.documentID) { _ in
                            .p(.a(.href(SiteURL.commitmentDocument(commitment.id).path), .text(t("Xem bản quét", "Open the scan"))))
                        })
                },
                .if(model.canWrite, form.section(model.commitment == nil ? t("Thông tin bản cam kết", "Commitment") : t("Sửa thông tin", "Edit"),
                    form.post(model.commitment.map { .commitment($0.id) } ?? .facilityCommitments(model.facility.id),
                              submit: model.commitment == nil ? t("Ghi bản cam kết", "Record") : t("Lưu", "Save"),
                        form.select("category", t("Diện không phải cấp giấy chứng nhận", "Why no certificate is needed"),
                                    options: CommitmentCategory.allCases.map { ($0.rawValue, language == .vi ? $0.vietnameseName : $0.englishName) },
                                    hint: t("Nghị định 15/2018/NĐ-CP, điều 12 khoản 1.", "Decree 15/2018/NĐ-CP art. 12(1).")),
                        form.text("receivedBy", t("Cơ quan nhận cam kết", "Received by"), required: true),
                        .div(.class("row"),
                             form.text("signedOn", t("Ngày ký", "Signed on"), type: .date, required: true),
                             form.text("validUntil", t("Hiệu lực đến (nếu có)", "Valid until (if stated)"), type: .date)),
                        .div(.class("row"),
                             form.text("checkedOn", t("Ngày kiểm tra sau cam kết", "Checked on"), type: .date),
                             form.select("checkResult", t("Kết quả kiểm tra", "Result"),
                                         options: [("", t("— chưa kiểm tra —", "— not checked —"))]
                                            + Commitment.CheckResult.allCases.map { ($0.rawValue, $0.label(language)) })),
                        form.textarea("checkNote", t("Ghi chú kiểm tra", "Check notes"))))),
                .unwrap(model.commitment) { commitment in
                    .if(model.canWrite, .group(
                        .h2(.text(t("Bản quét bản cam kết", "Scanned commitment"))),
                        form.upload(.commitmentDocument(commitment.id), name: "document",
                                    label: t("Tệp PDF, JPEG hoặc PNG (tối đa 8 MB)", "PDF, JPEG or PNG (up to 8 MB)"),
                                    accept: "application/pdf,image/jpeg,image/png", submit: t("Tải lên", "Upload"))))
                })
        }
    }
}
