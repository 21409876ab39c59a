import Foundation
import Hummingbird
import NguonCore

/// `/quan-tri/nhap`: registry imports (`RegistryImport`, `ImportPage`).
enum ImportController {
    /// A sheet of 100,000 facilities is a few MB; this leaves room without inviting abuse.
    static let maxBytes = 32 << 20

    static func page(_ request: Request, context: AppRequestContext) throws -> Response {
        let done = try Query(request.uri.query, form: true).integer("done", in: 0...RegistryImport.maxRows)
        return try ImportPage.View(form: context.form(["kind": RegistryImport.Kind.organisations.rawValue]), imported: done).response(request, context: context)
    }

    static func upload(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Response {
        let form = try await services.receiveUpload(for: context.acting) {
            try await Multipart.read(request, context: context, maxBytes: maxBytes)
        }
        let kindText = form["kind"].map { String(decoding: $0.data, as: UTF8.self) } ?? ""
        let values = ["kind": kindText]
        do {
            guard let kind = RegistryImport.Kind(rawValue: kindText) else {
                throw AppError.invalid(field: "kind", rule: "one-of", LocalizedText(vi: "Hãy chọn loại dữ liệu.", en: "Choose what the sheet holds."))
            }
            guard let file = form["file"], !file.data.isEmpty else {
                throw AppError.invalid(field: "file", rule: "required", LocalizedText(vi: "Hãy chọn tệp.", en: "Choose a file."))
            }
            let principal = try context.acting
            guard principal.can(.write, kind.resource) else { throw AccessDenied.forbidden }
            let checkContext = try await RegistryImport.context(for: principal, database: services.database)
            let read = try await services.heavy { try RegistryImport.check(file.data, kind: kind, context: checkContext) }
            let checked = try await RegistryImport.checkKeys(read, database: services.database)
            let id = try await RegistryImport.keep(checked, actor: context.actor, database: services.database) { rows in
                try await services.heavy { try RegistryImport.encode(rows) }
            }
            return try ImportPage.View(form: context.form(values), checked: (id, checked.preview)).response(request, context: context)
        } catch let error as AppError where error.status == .badRequest {
            return try ImportPage.View(form: context.form(values, error: error)).response(request, context: context)
        }
    }

    static func confirm(_ request: Request, context: AppRequestContext, services: AppServices, id: String) async throws -> Response {
        let form = try await Form.read(request, context: context)
        let checked = try await RegistryImport.pending(id, actor: context.actor, database: services.database)
        guard checked.problems.isEmpty || form["skipBad"] == "on" else {
            return try ImportPage.View(form: context.form([:], error: AppError.invalid(field: "skipBad", rule: "accept-skip", LocalizedText(
                vi: "Tệp có \(checked.problems.count) dòng lỗi: hãy đánh dấu đồng ý bỏ qua chúng, hoặc sửa tệp và tải lên lại. Chưa có gì được nhập.",
                en: "The file has \(checked.problems.count) bad rows: accept skipping them, or fix the file. Nothing was imported."))),
                checked: (id, checked)).response(request, context: context)
        }
        let count = try await RegistryImport.store(id, actor: context.actor, database: services.database, changes: services.products.changes)
        return AccountController.redirect(SiteURL.registryImport.url([("done", String(count))]))
    }
}

extension ImportController {
    static func addRoutes(to group: RouterGroup<AppRequestContext>, services: AppServices) {
        group.read(SiteURL.registryImport.routePath) { request, context in try page(request, context: context) }
        group.post(SiteURL.registryImport.routePath) { request, context in try await upload(request, context: context, services: services) }
        group.post(SiteURL.registryImportConfirm("").routePath) { request, context in
            try await confirm(request, context: context, services: services, id: context.parameters.require("id"))
        }
    }
}
