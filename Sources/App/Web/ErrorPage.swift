import Plot

/// The page a person sees when something cannot be done: what happened, in plain Vietnamese,
/// which field to fix if any, and a way back.
struct ErrorPage {
    let error: AppError
    let path: String

    func render(language: Language) -> String {
        BasePage(
            title: error.title,
            language: language,
            path: path,
            main: .group(
                .h1(.text(error.title(language))),
                .div(.class("error"), .attribute(named: "role", value: "alert"), .p(.text(error.detail(language)))),
                .if(error.fieldErrors.count == 1, .p(.text(language == .vi ? "Trường cần sửa: " : "Field to fix: "),
                                                     .strong(.text(error.fieldErrors.first?.field ?? "")))),
                .if(error.fieldErrors.count > 1, .ul(.forEach(error.fieldErrors) { field in
                    .li(.strong(.text(field.field)), .text(": " + field.message(language)))
                })),
                .p(.class("hint"), .text("\(language == .vi ? "Mã lỗi" : "Error code"): \(error.code) · HTTP \(error.status.code)")),
                .p(.a(.href(SiteURL.home.path), .text(Strings.backHome(language))))
            )
        ).render()
    }
}
