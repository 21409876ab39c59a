import HTTPTypes
import NguonCore
import Plot

extension RecallList {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields

        var title: LocalizedText { LocalizedText(vi: "Thu hồi sản phẩm", en: "Recalls") }
        var path: String { SiteURL.recalls.path }

        var main: Node<HTML.BodyContext> {
            .group(
                AdminView.eyebrow(.inspections, t("Kiểm tra", "Inspections")),
                heading,
                .if(model.recalls.isEmpty, .p(.text(t("Chưa có đợt thu hồi nào.", "No recalls yet.")))),
                .if(!model.recalls.isEmpty, AdminView.table([t("Mã, sản phẩm", "Code, product"), t("Bắt đầu", "Opened"), t("Nơi nhận đã xác nhận", "Holders confirmed")],
                                                            model.recalls) { row in
                    .tr(.td(.a(.href(SiteURL.recall(row.recall.id).path), .text(row.recall.code)), .br(), .small(.text(row.recall.title))),
                        .td(.class("nowrap"), .text(Formatting.dateTime(millis: row.recall.openedAt, language)), .br(),
                            AdminView.badge(row.recall.isOpen ? t("Đang thu hồi", "Open") : t("Đã kết thúc", "Closed"), on: row.recall.isOpen)),
                        .td(.text("\(row.confirmed) / \(row.holders)")))
                }),
                .if(model.canWrite, form.section(t("Mở đợt thu hồi", "Open a recall"),
                    form.post(.recalls, submit: t("Mở thu hồi và tính phạm vi", "Open the recall and work out its scope"),
                        .unwrap(model.sample) { form.hidden("sample", $0.id) },
                        .if(model.needsUnit, form.text("unit", t("Mã tỉnh hoặc xã của đợt thu hồi", "Province or commune code"),
                                                        hint: t("Tài khoản quản trị không có địa bàn: ghi địa bàn phụ trách đợt thu hồi.",
                                                                "An administrator has no area: name the recall's."))),
                        form.text("title", t("Tiêu đề", "Title"), required: true),
                        form.textarea("reason", t("Lý do", "Reason")),
                        form.textarea("lots", t("Lô hàng (mỗi dòng một mã: Digital Link, hoặc (01)GTIN(10)số lô)", "Lots (one per line: Digital Link or (01)…(10)…)"),
                                      hint: t("Phạm vi là mọi thứ làm ra từ các lô này và mọi nơi đã nhận chúng, theo dữ liệu truy xuất.",
                                              "The scope is everything made from these lots and everywhere they went, from the traceability data.")),
                        form.select("mode", t("Hình thức", "Mode"), options: RecallMode.allCases.map { ($0.rawValue, language == .vi ? $0.vietnameseName : $0.englishName) }),
                        form.select("basis", t("Căn cứ", "Basis"), options: RecallBasis.allCases.map { ($0.rawValue, $0.vietnameseName) }),
                        form.select("type", t("Loại thông báo", "Notification type"), options: RecallType.allCases.map { ($0.rawValue, $0.vietnameseName) })))))
        }
    }
}

extension RecallPage {
    struct View: AdminFormPage {
        let model: Model
        let form: FormFields
        let saved: Bool

        var title: LocalizedText { LocalizedText(stringLiteral: model.recall.code + " — " + model.recall.title) }
        var path: String { SiteURL.recall(model.recall.id).path }

        var main: Node<HTML.BodyContext> {
            let recall = model.recall
            return .group(
                AdminView.eyebrow(.recalls, t("Thu hồi", "Recalls")),
                heading,
                AdminView.notice(saved ? t("Đã lưu.", "Saved.") : nil),
                AdminView.facts([
                    (t("Lý do", "Reason"), recall.reason),
                    (t("Hình thức, căn cứ", "Mode, basis"), "\(recall.mode.vietnameseName) · \(recall.basis.vietnameseName) · \(recall.type.vietnameseName)"),
                    (t("Bắt đầu", "Opened"), Formatting.dateTime(millis: recall.openedAt, language)),
                    (t("Lô hàng", "Lots"), recall.lots.joined(separator: "\n")),
                    (t("Phạm vi", "Scope"), t("\(model.items) mã hàng, \(model.holders.count) nơi nhận", "\(model.items) identifiers, \(model.holders.count) holders")
                        + (recall.truncated ? t(" (dữ liệu quá lớn: phạm vi bị cắt, hãy kiểm tra thêm)", " (cut short: check further)") : "")),
                    (t("Trạng thái", "State"), recall.closedAt.map { t("Kết thúc ", "Closed ") + Formatting.dateTime(millis: $0, language) } ?? t("Đang thu hồi", "Open")),
                ]),
                .p(.a(.href(SiteURL.recallExport(recall.id).path), .text(t("Tải bảng sự kiện truy xuất (Excel)", "Download the tracking events (XLSX)"))),
                   .text(" · "), .a(.href(SiteURL.recallNotice(recall.code).path), .text(t("Thông báo thu hồi (in)", "Printable notice")))),
                .h2(.text(t("Thời hạn", "Deadlines"))),
                AdminView.table([t("Việc", "Step"), t("Hạn", "Due"), ""], model.deadlines) { deadline in
                    .tr(.td(.text(deadline.label(language))), .td(.class("nowrap"), .text(due(deadline.due))),
                        .td(.text(deadline.met.map { $0 ? t("Đúng hạn", "On time") : t("Quá hạn", "Late") } ?? t("Chưa đến", "Pending"))))
                },
                .if(!model.overdue.isEmpty, .div(.class("error"), .attribute(named: "role", value: "status"),
                    .p(.text(t("\(model.overdue.count) nơi nhận chưa xác nhận đã thu hồi sau thời hạn thông báo: cần đôn đốc hoặc kiểm tra trực tiếp.",
                               "\(model.overdue.count) holders have not confirmed after the notice deadline: follow up or inspect."))))),
                .h2(.text(t("Nơi nhận", "Holders"))),
                .if(model.holders.isEmpty, .p(.text(t("Dữ liệu truy xuất không ghi nơi nào nhận các lô này.", "The traceability data names no holder.")))),
                // Two columns, the actions under the progress, so a phone shows each holder whole.
                .if(!model.holders.isEmpty, AdminView.table([t("Nơi nhận, số lượng", "Holder, quantity"), t("Tiến độ", "Progress")], model.holders) { holder in
                    .tr(.td(.text(holder.name ?? holder.location), .br(), .small(.text(holder.location)),
                            .unwrap(holder.quantity) { .group(.br(), .text(Formatting.decimal($0) + " " + (holder.uom ?? ""))) }),
                        .td(.text(progress(holder)), .if(model.canWrite && recall.isOpen, .div(.class("holder-actions"), actions(holder)))))
                }),
                .if(model.canWrite, .group(
                    .if(recall.isOpen, form.post(.recallScope(recall.id), class: "inline", submit: t("Tính lại phạm vi từ dữ liệu mới", "Work out the scope again"),
                                                 submitClass: "secondary")),
                    form.section(recall.isOpen ? t("Kết thúc thu hồi", "Close the recall") : t("Báo cáo, xử lý", "Report and disposal"),
                        form.post(.recallClose(recall.id), submit: recall.isOpen ? t("Kết thúc", "Close") : t("Lưu", "Save"),
                            form.text("reportedOn", t("Ngày báo cáo kết quả", "Reported on"), type: .date),
                            form.select("disposal", t("Biện pháp xử lý", "Disposal"),
                                        options: [("", "—")] + DisposalMethod.allCases.map { ($0.rawValue, $0.vietnameseName) }),
                            .div(.class("row"),
                                 form.text("disposalApprovedOn", t("Ngày phê duyệt", "Approved on"), type: .date),
                                 form.text("disposalDoneOn", t("Ngày hoàn thành", "Done on"), type: .date)))))))
        }

        private func due(_ due: Recall.Deadline.Due) -> String {
            switch due {
            case .moment(let millis): Formatting.dateTime(millis: millis, language)
            case .day(let day): language == .vi ? day.vietnamese : day.description
            }
        }

        private func progress(_ holder: RecallRepository.Holder) -> String {
            if let confirmed = holder.confirmedAt {
                return t("Đã thu hồi ", "Removed ") + Formatting.dateTime(millis: confirmed, language)
                    + (holder.returned.map { t(", trả lại ", ", returned ") + Formatting.decimal($0) } ?? "")
            }
            if let notified = holder.notifiedAt { return t("Đã thông báo ", "Notified ") + Formatting.dateTime(millis: notified, language) }
            return t("Chưa thông báo", "Not notified")
        }

        private func actions(_ holder: RecallRepository.Holder) -> Node<HTML.BodyContext> {
            .group(
                .if(holder.notifiedAt == nil, form.post(.recallHolder(model.recall.id), class: "inline", submit: t("Đã thông báo", "Notified"),
                                                        submitClass: "secondary", form.hidden("holder", holder.location), form.hidden("step", "notified"))),
                .if(holder.confirmedAt == nil, form.post(.recallHolder(model.recall.id), class: "inline", submit: t("Xác nhận đã thu hồi", "Confirm removal"),
                    form.hidden("holder", holder.location), form.hidden("step", "confirmed"),
                    .input(.type(.text), .name("returned"), .attribute(named: "inputmode", value: "decimal"),
                           .attribute(named: "placeholder", value: t("Số lượng trả lại", "Returned")),
                           .attribute(named: "aria-label", value: t("Số lượng trả lại", "Returned"))))))
        }
    }
}

/// `/thu-hoi/{code}`: the public recall notice, for consumers and shops, printable.
enum RecallNoticePage {
    static func render(_ recall: Recall, holders: Int, language: Language) -> String {
        let t = { (vi: String, en: String) in language == .vi ? vi : en }
        return BasePage(title: LocalizedText(vi: "Thông báo thu hồi " + recall.code, en: "Recall notice " + recall.code), language: language,
                        path: SiteURL.recallNotice(recall.code).path, query: [], main: .group(
            .div(.class(recall.isOpen ? "error recall" : "notice"), .attribute(named: "role", value: recall.isOpen ? "alert" : "status"),
                 .h1(.text(recall.isOpen ? t("Thông báo thu hồi sản phẩm", "Product recall") : t("Đợt thu hồi đã kết thúc", "This recall has ended"))),
                 .p(.strong(.text(recall.title)))),
            AdminView.facts([
                (t("Mã thông báo", "Notice"), recall.code),
                (t("Lý do", "Reason"), recall.reason),
                (t("Lô hàng", "Lots"), recall.lots.joined(separator: "\n")),
                (t("Bắt đầu", "Since"), Formatting.dateTime(millis: recall.openedAt, language)),
                (t("Số nơi đã nhận hàng", "Places that received it"), String(holders)),
            ]),
            .if(recall.isOpen, .p(.text(t("Không sử dụng sản phẩm thuộc các lô trên. Hãy mang trả nơi đã mua hoặc báo cho cơ quan quản lý an toàn thực phẩm.",
                                          "Do not use products of these lots. Return them where you bought them, or tell the food-safety authority."))))
        )).render()
    }
}
