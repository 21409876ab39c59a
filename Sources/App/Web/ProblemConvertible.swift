/// A domain error that the web layer knows how to answer. Repositories and domain code throw
/// their own error types, which say what went wrong in the domain's terms; the conformance, in
/// the feature's controller file, says which status and message a client gets.
protocol ProblemConvertible: Error {
    var appError: AppError { get }
}

extension AccessDenied: ProblemConvertible {}
