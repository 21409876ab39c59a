import App
import Foundation
import Logging
import NguonCore
import Sheets

/// `nguon bench import --rows N`: an officer's facilities sheet of N rows (XLSX, made in memory)
/// imported as `/quan-tri/nhap` imports it: the upload's check (read, parse, validate every
/// row) and kept preview, then the confirmation's one audited transaction. The owners are
/// imported first the same way, as organisations with valid tax codes.
extension RegistryBenchmark {
    public struct ImportReport: Encodable, Sendable {
        public struct Phases: Encodable, Sendable {
            /// Reading the units and the officer's organisations by tax code.
            let context: Double
            /// `RegistryImport.check`: unzip, parse the sheet, validate every row.
            let check: Double
            /// Keeping the checked rows for the officer's answer (JSON in pending_imports).
            let keep: Double
            /// `RegistryImport.store`: the kept rows read back and written in one transaction.
            let store: Double
        }

        public struct Rates: Encodable, Sendable {
            let check: Double
            let store: Double
            let checkAndStore: Double
            /// Context, check, keep and store: what the officer waits for, upload to done.
            let endToEnd: Double
        }

        /// One request's peak: resident in all (VmHWM, exact) and, sampled every 10 ms, its
        /// anonymous part (heap) and file-backed part (SQLite's memory-mapped pages).
        public struct Peak: Encodable, Sendable {
            let residentMB: Double
            let anonymousMB: Double
            let fileMB: Double
        }

        public struct Memory: Encodable, Sendable {
            /// Resident once the input file was made and the generator's memory returned.
            let beforeImportMB: Double
            /// The upload request's work: context, check and keep; and its resident peak up to
            /// the end of the check, before the checked rows are kept as JSON.
            let upload: Peak
            let uploadPeakBeforeKeepMB: Double
            /// The confirmation: store.
            let store: Peak
            /// The larger of the two resident peaks: the import's peak memory.
            let importPeakMB: Double
            /// ru_maxrss of the whole run, the input's generation included.
            let processPeakMB: Double
            /// Whether the kernel let the high-water mark be reset between phases; if not, the
            /// resident peaks above are the process's.
            let peakResetWorked: Bool
        }

        let rows: Int
        let organisations: Int
        let province: String
        let communes: Int
        let fileBytes: Int
        let generateSeconds: Double
        let organisationImportSeconds: Double
        let seconds: Phases
        let checkAndStoreSeconds: Double
        let endToEndSeconds: Double
        let rowsPerSecond: Rates
        let imported: Int
        let problems: Int
        let firstProblems: [String]
        /// The facilities' documents in the search index, and the typo keys of all terms.
        let documents: Int
        let termKeys: Int
        let databaseMB: Double
        let memory: Memory
    }

    public static func runImport(rows: Int, organisations: Int, keep: String? = nil, logger: Logger) async throws -> ImportReport {
        try await withTemporaryDatabase(keep: keep, logger: logger) { database, path in
            let communes = try await communes(in: database)
            guard !communes.isEmpty else { throw BenchError(description: "no communes of province \(province): migration 010 did not run") }
            let actor = Actor(principal: officer, address: "127.0.0.1")
            let clock = ContinuousClock()
            var data = RegistryBenchData(seed: 2026)

            // The owners, through the same import, so facilities name them by tax code.
            var start = clock.now
            let owners = try XLSXWriter().write(organisationsSheet(count: organisations, communes: communes, data: &data))
            let ownersUpload = try await upload(owners, kind: .organisations, actor: actor, database: database)
            guard ownersUpload.problems.isEmpty else {
                throw BenchError(description: "organisation rows refused: \(ownersUpload.problems.prefix(3).joined(separator: "; "))")
            }
            _ = try await RegistryImport.store(ownersUpload.id, actor: actor, database: database)
            let organisationSeconds = seconds(clock.now - start)

            start = clock.now
            let file = try facilitiesFile(rows: rows, organisations: organisations, communes: communes, data: &data)
            let generateSeconds = seconds(clock.now - start)

            // From here on the figures are the import's: the generator's garbage is returned first.
            let resetWorked = ProcessMemory.resetPeak(trimming: true)
            let before = ProcessMemory.residentMB()
            var sampler = MemorySampler()
            let uploaded = try await upload(file, kind: .facilities, actor: actor, database: database)
            var sampled = sampler.stop()
            let uploadPeak = ImportReport.Peak(residentMB: ProcessMemory.peakMB(), anonymousMB: sampled.anonymousMB, fileMB: sampled.fileMB)
            // The confirmation is another request: it starts with what the upload left resident.
            ProcessMemory.resetPeak(trimming: false)
            sampler = MemorySampler()
            start = clock.now
            let imported = try await RegistryImport.store(uploaded.id, actor: actor, database: database)
            let storeSeconds = seconds(clock.now - start)
            sampled = sampler.stop()
            let storePeak = ImportReport.Peak(residentMB: ProcessMemory.peakMB(), anonymousMB: sampled.anonymousMB, fileMB: sampled.fileMB)

            let phases = ImportReport.Phases(context: round3(uploaded.contextSeconds), check: round3(uploaded.checkSeconds),
                                              keep: round3(uploaded.keepSeconds), store: round3(storeSeconds))
            let checkAndStore = uploaded.checkSeconds + storeSeconds
            let endToEnd = uploaded.contextSeconds + uploaded.checkSeconds + uploaded.keepSeconds + storeSeconds
            func rate(_ seconds: Double) -> Double { seconds > 0 ? (Double(imported) / seconds).rounded() : 0 }
            return ImportReport(
                rows: rows, organisations: organisations, province: province, communes: communes.count, fileBytes: file.count,
                generateSeconds: round3(generateSeconds), organisationImportSeconds: round3(organisationSeconds), seconds: phases,
                checkAndStoreSeconds: round3(checkAndStore), endToEndSeconds: round3(endToEnd),
                rowsPerSecond: .init(check: rate(uploaded.checkSeconds), store: rate(storeSeconds), checkAndStore: rate(checkAndStore),
                                     endToEnd: rate(endToEnd)),
                imported: imported, problems: uploaded.problems.count, firstProblems: Array(uploaded.problems.prefix(5)),
                documents: try await count("SELECT count(*) AS n FROM search_documents WHERE kind = 'facility'", in: database),
                termKeys: try await count("SELECT count(*) AS n FROM search_terms", in: database),
                databaseMB: databaseMB(path),
                memory: .init(beforeImportMB: before, upload: uploadPeak, uploadPeakBeforeKeepMB: uploaded.peakBeforeKeepMB, store: storePeak,
                              importPeakMB: max(uploadPeak.residentMB, storePeak.residentMB), processPeakMB: ProcessMemory.lifetimePeakMB(),
                              peakResetWorked: resetWorked))
        }
    }

    /// What the upload request leaves behind: the pending import's id, and its timings.
    struct Upload {
        let id: String
        let rows: Int
        let problems: [String]
        let contextSeconds: Double
        let checkSeconds: Double
        let keepSeconds: Double
        /// Resident high-water mark when the check ended (before keep).
        let peakBeforeKeepMB: Double
    }

    /// The upload request's work (`ImportController.upload` without HTTP). The checked rows live
    /// only in here, as they live only in that request.
    static func upload(_ file: Data, kind: RegistryImport.Kind, actor: Actor, database: AppDatabase) async throws -> Upload {
        let clock = ContinuousClock()
        var start = clock.now
        let context = try await RegistryImport.context(for: officer, database: database)
        let contextSeconds = seconds(clock.now - start)
        start = clock.now
        let checked = try RegistryImport.check(file, kind: kind, context: context)
        let checkSeconds = seconds(clock.now - start)
        let peakBeforeKeep = ProcessMemory.peakMB()
        start = clock.now
        let id = try await RegistryImport.keep(checked, actor: actor, database: database)
        return Upload(id: id, rows: checked.rows.count, problems: checked.problems.map { "row \($0.row) \($0.field): \($0.message)" },
                      contextSeconds: contextSeconds, checkSeconds: checkSeconds, keepSeconds: seconds(clock.now - start),
                      peakBeforeKeepMB: peakBeforeKeep)
    }

    /// Owners: cooperatives, companies, household businesses and farms across the province.
    static func organisationsSheet(count: Int, communes: [RegistryBenchData.Commune], data: inout RegistryBenchData) -> Sheet {
        var rows: [[Cell]] = [["TT", "Tên tổ chức", "Mã số thuế", "Loại hình", "Mã xã", "Địa chỉ", "Người đại diện", "Điện thoại"]]
        rows.reserveCapacity(count + 1)
        for serial in 0..<count {
            let commune = data.pick(communes)
            let (name, kind) = data.organisation(in: commune)
            rows.append([.number(Double(serial + 1)), .text(name), .text(RegistryBenchData.taxCode(serial)), .text(kind), .text(commune.code),
                         .text(data.address(in: commune)), .text(data.person()), .text(data.phone())])
        }
        return Sheet(name: "Tổ chức", rows: rows)
    }

    /// The facilities sheet as offices keep it: a row number, the owner's tax code, the commune
    /// mostly as its code (a tenth with the leading zero Excel drops, a few by name), activities
    /// in words, and coordinates for most. Returns only the file's bytes: the sheet is freed here.
    static func facilitiesFile(rows count: Int, organisations: Int, communes: [RegistryBenchData.Commune],
                               data: inout RegistryBenchData) throws -> Data {
        var rows: [[Cell]] = [["TT", "Tên cơ sở", "Mã số thuế", "Mã xã", "Địa chỉ", "Hoạt động", "Quy mô", "Mã số vùng trồng", "Vĩ độ", "Kinh độ"]]
        rows.reserveCapacity(count + 1)
        for serial in 0..<count {
            let commune = data.pick(communes)
            let facility = data.facility(in: commune, serial: serial)
            let unit: Cell = data.chance(10) ? .number(Double(Int(commune.code) ?? 0)) : data.chance(5) ? .text(commune.name) : .text(commune.code)
            var row: [Cell] = [.number(Double(serial + 1)), .text(facility.name),
                               .text(RegistryBenchData.taxCode(data.number(0...(organisations - 1)))), unit, .text(data.address(in: commune)),
                               .text(facility.activities), facility.scale.map(Cell.text) ?? .empty, facility.growingArea.map(Cell.text) ?? .empty]
            if data.chance(80) {
                let (latitude, longitude) = data.coordinates()
                row += [.number(latitude), .number(longitude)]
            }
            rows.append(row)
        }
        return try XLSXWriter().write(Sheet(name: "Danh sách cơ sở", rows: rows))
    }
}
