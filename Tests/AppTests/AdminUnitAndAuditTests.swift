@testable import App
import Foundation
import Hummingbird
import NguonCore
import HummingbirdTesting
import SQLKit
import TestSupport
import Testing

@Suite("Administrative units and the audit log", .serialized)
struct AdminUnitAndAuditTests {
    // Skipped, and shown as skipped, where ../shared/data is absent.
    @Test("A fresh server knows every commune; the national list imports idempotently; a renamed unit updates in place, is audited, and is found by either name",
          .enabled(if: SharedFolder.has("data/admin-units/vn-units-2025.json")))
    func importNationalList() async throws {
        let file = try #require(SharedFolder.file("data/admin-units/vn-units-2025.json"))
        let config = try await TestApp.config()
        // Migration 010 compiled the list in: importing the file finds nothing new.
        let first = try await AccountCommands.importAdminUnits(config: config, file: file.path, logger: TestApp.quietLogger)
        #expect(first.contains("thêm 0, cập nhật 0, không đổi 3355"), "\(first)")
        let second = try await AccountCommands.importAdminUnits(config: config, file: file.path, logger: TestApp.quietLogger)
        #expect(second.contains("thêm 0, cập nhật 0, không đổi 3355"), "\(second)")

        // The same file with one ward renamed.
        var list = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [[String: Any]])
        var hanoi = list[0]
        var wards = try #require(hanoi["Wards"] as? [[String: Any]])
        #expect(wards[0]["Code"] as? String == "00004")
        wards[0]["Name"] = "Ba Đình Mới"
        wards[0]["FullName"] = "Phường Ba Đình Mới"
        hanoi["Wards"] = wards
        list[0] = hanoi
        let changed = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: list).write(to: changed)
        let third = try await AccountCommands.importAdminUnits(config: config, file: changed.path, logger: TestApp.quietLogger)
        #expect(third.contains("thêm 0, cập nhật 1"), "\(third)")

        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            let units = Repositories(database: database).units
            let counts = try await units.count()
            #expect(counts.provinces == 34 && counts.communes == 3_321)
            #expect(try await units.find("00004")?.fullName == "Phường Ba Đình Mới")
            // Old labels still find it, with or without accents.
            #expect(try await units.search("ba dinh").contains { $0.code == "00004" })
            #expect(try await units.search("Phường Ba Đình Mới").contains { $0.code == "00004" })
            let entries = try await AuditLog.list(.init(entityType: "admin_unit", entityID: "00004"),
                                                  for: Principal.commandLine, on: database.sql)
            #expect(entries.count == 1)
            #expect(entries.first?.before?.contains("Ba Đình") == true && entries.first?.after?.contains("Ba Đình Mới") == true)
        }
    }

    @Test("A file with a bad row names the row and the rule, and nothing of it is imported")
    func badFile() async throws {
        let config = try await TestApp.config()
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
        try "code,name,full_name,parent_code\n07093,Đông Triều Mới,Phường Đông Triều Mới,22\n0713,Quảng Yên,Phường Quảng Yên,22\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        await #expect(throws: AccountCommands.Failure.self) {
            _ = try await AccountCommands.importAdminUnits(config: config, file: csv.path, logger: TestApp.quietLogger)
        }
        do {
            _ = try await AccountCommands.importAdminUnits(config: config, file: csv.path, logger: TestApp.quietLogger)
        } catch let failure as AccountCommands.Failure {
            #expect(failure.description.contains("0713") && failure.description.contains("5 chữ số"))
        }
        let unknownParent = FileManager.default.temporaryDirectory.appendingPathComponent("orphan-\(UUID().uuidString).csv")
        try "code,name,full_name,parent_code\n07093,Đông Triều Mới,Phường Đông Triều Mới,99\n".write(to: unknownParent, atomically: true, encoding: .utf8)
        await #expect(throws: AccountCommands.Failure.self) {
            _ = try await AccountCommands.importAdminUnits(config: config, file: unknownParent.path, logger: TestApp.quietLogger)
        }
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            // The good row of the bad file did not get in either.
            let unit = try await Repositories(database: database).units.find("07093")
            #expect(unit?.name != "Đông Triều Mới")
        }
    }

    @Test("Editing, removing or reordering one audit row in the database is caught by `nguon audit verify`, which names it")
    func tamperDetection() async throws {
        for tamper in ["edit", "delete", "swap"] {
            let config = try await TestApp.config()
            try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
                _ = try await AccountFixtures.seed(database)
            }
            #expect(try await AccountCommands.verifyAudit(config: config, logger: TestApp.quietLogger).ok)
            try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
                let sql = try database.sql
                switch tamper {
                case "edit":
                    try await sql.update("audit_log").set("actor_name", to: SQLBind("người khác")).where("sequence", .equal, SQLBind(4)).run()
                case "delete":
                    try await sql.delete(from: "audit_log").where("sequence", .equal, SQLBind(4)).run()
                default:
                    // Swap the contents of two entries, keeping their sequence numbers.
                    let rows = try await sql.select().column("*").from("audit_log").where("sequence", .in, SQLBind.group([4, 5] as [Int64]))
                        .orderBy("sequence").all().map(AuditLog.entry)
                    for (target, source) in [(rows[0], rows[1]), (rows[1], rows[0])] {
                        try await sql.update("audit_log").set("action", to: SQLBind(source.action)).set("entity_id", to: SQLBind(source.entityID))
                            .set("after", to: SQLBind(source.after)).set("previous_hash", to: SQLBind(source.previousHash))
                            .set("hash", to: SQLBind(source.hash)).where("sequence", .equal, SQLBind(target.sequence)).run()
                    }
                }
            }
            let result = try await AccountCommands.verifyAudit(config: config, logger: TestApp.quietLogger)
            #expect(!result.ok, "\(tamper)")
            #expect(result.message.contains("#4") || result.message.contains("#5"), "\(tamper): \(result.message)")
        }
    }

    @Test("Entries cut off the end are caught when the check is given the anchor an earlier check printed")
    func truncationNeedsAnAnchor() async throws {
        let config = try await TestApp.config()
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in _ = try await AccountFixtures.seed(database) }
        let first = try await AccountCommands.verifyAudit(config: config, logger: TestApp.quietLogger)
        let anchor = try #require(first.message.components(separatedBy: "--anchor ").last)
        #expect(first.ok && anchor.contains(":"))
        try await AppDatabase.using(config, logger: TestApp.quietLogger) { database in
            let last = try await database.sql.select().column(SQLFunction("max", args: SQLColumn("sequence")), as: "m").from("audit_log").first()!
                .decode(column: "m", as: Int64.self)
            try await database.sql.delete(from: "audit_log").where("sequence", .equal, SQLBind(last)).run()
        }
        // The chain alone still links up …
        #expect(try await AccountCommands.verifyAudit(config: config, logger: TestApp.quietLogger).ok)
        // … the anchor does not.
        let anchored = try await AccountCommands.verifyAudit(config: config, anchor: anchor, logger: TestApp.quietLogger)
        #expect(!anchored.ok && anchored.message.contains("không còn"))
        await #expect(throws: AccountCommands.Failure.self) {
            _ = try await AccountCommands.verifyAudit(config: config, anchor: "12:khong-phai-ma-bam", logger: TestApp.quietLogger)
        }
    }

    @Test("The audit log's date filter refuses dates that do not exist, naming the field")
    func auditDateFilter() async throws {
        let box = FixtureBox()
        try await TestApp.run(prepare: { database in box.set(try await AccountFixtures.seed(database)) }) { client in
            let f = box.get()
            for (query, field) in [("from=2026-02-31", "from"), ("until=2026-13-01", "until"), ("from=hom-qua", "from")] {
                let response = try await client.anonymous.execute(uri: "/quan-tri/nhat-ky?" + query, method: .get, headers: f.headers(.auditor))
                #expect(response.status == .badRequest && response.text.contains(field), "\(query)")
            }
            let valid = try await client.anonymous.execute(uri: "/quan-tri/nhat-ky?from=2024-02-29&until=2099-12-31", method: .get,
                                                           headers: f.headers(.auditor))
            #expect(valid.status == .ok && valid.text.contains("<td>Tạo tài khoản</td>"))
        }
    }
}
