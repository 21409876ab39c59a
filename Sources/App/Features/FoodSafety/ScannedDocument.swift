import Foundation
import Hummingbird
import SQLKit

/// A scanned paper (a certificate, a signed commitment, an inspection record): PDF, JPEG or
/// PNG, known by its first bytes rather than by what the browser claims, and at most
/// `maxBytes`. Kept whole in `food_safety_documents`, one per record it belongs to.
struct ScannedDocument: Sendable {
    let contentType: String
    let fileName: String
    let data: Data

    static let maxBytes = 8 << 20

    /// Checks an upload; the error names the field and the rule.
    init(_ data: Data, fileName: String?, field: String) throws(AppError) {
        guard !data.isEmpty else {
            throw AppError.invalid(field: field, rule: "required", LocalizedText(vi: "Hãy chọn tệp bản quét.", en: "Choose the scanned file."))
        }
        guard data.count <= Self.maxBytes else {
            throw AppError.invalid(field: field, rule: "max-size", LocalizedText(
                vi: "Tệp lớn hơn \(Self.maxBytes >> 20) MB: hãy quét ở độ phân giải thấp hơn hoặc nén lại.",
                en: "The file is larger than \(Self.maxBytes >> 20) MB."))
        }
        guard let type = Self.contentType(of: data) else {
            throw AppError.invalid(field: field, rule: "file-type", LocalizedText(
                vi: "Chỉ nhận tệp PDF, JPEG hoặc PNG.", en: "Only PDF, JPEG or PNG files are accepted."))
        }
        self.contentType = type
        self.data = data
        // Kept for the download's name only: path separators, quotes and control characters go.
        let cleaned = String((fileName ?? "").unicodeScalars.filter { scalar in
            // Controls, bidirectional and other format marks, and line separators go too.
            ![.control, .format, .lineSeparator, .paragraphSeparator, .unassigned].contains(scalar.properties.generalCategory)
                && !"/\\\"".unicodeScalars.contains(scalar)
        }.prefix(120))
        self.fileName = cleaned.isEmpty ? "ban-quet" : cleaned
    }

    /// The type the bytes are, or nil for anything else.
    static func contentType(of data: Data) -> String? {
        if data.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if data.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }

    /// Replaces the document of `owner` with this one, under `id` (inside the owner's transaction).
    func replace(owner: String, id: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM food_safety_documents WHERE owner_id = \(bind: owner)").run()
        try await add(owner: owner, id: id, on: sql)
    }

    /// Adds this document to `owner`'s, under `id` (inside the owner's transaction).
    func add(owner: String, id: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            INSERT INTO food_safety_documents (id, owner_id, content_type, file_name, bytes, created_at)
            VALUES (\(bind: id), \(bind: owner), \(bind: contentType), \(bind: fileName), \(bind: data), \(bind: Millis.now()))
            """).run()
    }

    /// What `owner` has attached, oldest first, without the bytes.
    static func list(owner: String, database: AppDatabase) async throws -> [(id: String, fileName: String, contentType: String)] {
        try await database.sql.raw("""
            SELECT id, file_name, content_type FROM food_safety_documents WHERE owner_id = \(bind: owner) ORDER BY created_at, id
            """).all().map { row in
            (try row.decode(column: "id", as: String.self), try row.decode(column: "file_name", as: String.self),
             try row.decode(column: "content_type", as: String.self))
        }
    }

    /// A stored document's description, for its download: the bytes stay in the database.
    struct Stored: Sendable {
        let id: String
        let contentType: String
        let fileName: String
        let size: Int
    }

    /// The stored document `id` of `owner` (the caller has checked access to the owner).
    static func stored(_ id: String, owner: String, database: AppDatabase) async throws -> Stored? {
        guard id.utf8.count <= 64, let row = try await database.sql.raw("""
            SELECT content_type, file_name, length(bytes) AS size FROM food_safety_documents WHERE id = \(bind: id) AND owner_id = \(bind: owner)
            """).first() else { return nil }
        return Stored(id: id, contentType: try row.decode(column: "content_type", as: String.self),
                      fileName: try row.decode(column: "file_name", as: String.self), size: try row.decode(column: "size", as: Int.self))
    }

    /// Bytes are read and sent a quarter megabyte at a time: a slow download holds that much,
    /// not the whole file, so many at once cannot fill the server's memory.
    static let chunkBytes = 256 * 1024

    /// The document as a download for those who may read its owner. Images open in the browser;
    /// PDFs download. Whatever a file holds, it runs nothing here (a sandboxing policy).
    static func response(_ stored: Stored, database: AppDatabase) -> Response {
        let disposition = stored.contentType == "application/pdf" ? "attachment" : "inline"
        let asciiName = String(stored.fileName.unicodeScalars.map { $0.isASCII && $0 != ";" ? Character($0) : "_" })
        let body = ResponseBody(contentLength: stored.size) { writer in
            var offset = 0
            while offset < stored.size {
                // substr() counts from 1, in bytes for a blob (SQLite) and a bytea (PostgreSQL, whose
                // substr takes 32-bit integers: the binds are cast).
                guard let row = try await database.sql.raw("""
                    SELECT substr(bytes, CAST(\(bind: offset + 1) AS INTEGER), CAST(\(bind: chunkBytes) AS INTEGER)) AS part
                    FROM food_safety_documents WHERE id = \(bind: stored.id)
                    """).first() else { break }
                let part = try row.decode(column: "part", as: Data.self)
                guard !part.isEmpty else { break }
                try await writer.write(ByteBuffer(data: part))
                offset += part.count
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: stored.contentType, .cacheControl: "private, no-store",
            .contentDisposition: "\(disposition); filename=\"\(asciiName)\"; filename*=UTF-8''\(SiteURL.encode(stored.fileName))",
            .contentSecurityPolicy: "sandbox; default-src 'none'; img-src 'self'",
        ], body: body)
    }
}
