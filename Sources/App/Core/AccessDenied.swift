/// A record outside the principal's reach. Repositories throw it; handlers show it as 403 or,
/// for single records, as 404 so that guessed IDs reveal nothing.
enum AccessDenied: Error {
    case forbidden
    case notFound

    var appError: AppError {
        switch self {
        case .forbidden:
            AppError(status: .forbidden, code: "forbidden", detail: LocalizedText(
                vi: "Tài khoản của bạn không có quyền thực hiện việc này.", en: "Your account may not do this."))
        case .notFound:
            AppError.notFound()
        }
    }
}
