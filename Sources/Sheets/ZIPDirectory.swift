import Foundation
import ZIPFoundation

/// The entries of a zip archive held in memory, read from its central directory, and their
/// contents, inflated within a size budget.
///
/// ZIPFoundation's `Archive` (0.9.20) hides where an entry's data lies and, given a deflate
/// stream that does not end before the archive does, waits forever for more input inside
/// `extract`. So the directory is read here (it is a few fixed records) and only the inflating
/// is ZIPFoundation's, through `Data.decompress` with a provider that stops at the entry's end.
struct ZIPDirectory {
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    /// Output chunk size; also the input chunk size ZIPFoundation asks for.
    static let chunkSize = 64 * 1024

    private let data: Data
    private(set) var entries: [Entry] = []
    private var indexByFoldedName: [String: Int] = [:]

    init(data: Data, limits: SheetLimits) throws(SheetsError) {
        // Offsets below are from 0; a slice of a larger Data starts elsewhere.
        self.data = data.startIndex == 0 ? data : Data(data)
        try Self.refuseKnownNonZip(self.data)
        try readCentralDirectory(limits: limits)
    }

    /// The entry with this name, compared without case as OPC part names are.
    func entry(_ name: String) -> Entry? {
        indexByFoldedName[name.lowercased()].map { entries[$0] }
    }

    // MARK: - Directory

    private func u16(_ at: Int) -> Int? {
        guard at >= 0, at + 2 <= data.count else { return nil }
        return Int(data[at]) | Int(data[at + 1]) << 8
    }

    private func u32(_ at: Int) -> Int? {
        guard at >= 0, at + 4 <= data.count else { return nil }
        return Int(data[at]) | Int(data[at + 1]) << 8 | Int(data[at + 2]) << 16 | Int(data[at + 3]) << 24
    }

    private func u64(_ at: Int) -> Int? {
        guard let lo = u32(at), let hi = u32(at + 4), hi < 0x8000 else { return nil }
        return lo | hi << 32
    }

    private static func refuseKnownNonZip(_ data: Data) throws(SheetsError) {
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if data.count >= 8, Array(data.prefix(8)) == ole2 {
            // Excel 97–2003 workbooks and password-protected XLSX files are both OLE2 compound files.
            throw SheetsError(.unsupported,
                              vi: "Đây là tệp Excel 97–2003 (.xls) hoặc tệp XLSX có mật khẩu. Hãy mở bằng Excel và lưu thành .xlsx không đặt mật khẩu.",
                              en: "This is an Excel 97–2003 (.xls) file or a password-protected XLSX. Save it in Excel as .xlsx without a password.")
        }
    }

    private static var notZip: SheetsError {
        SheetsError(.notXLSX,
                    vi: "Tệp không phải là tệp Excel .xlsx (không đọc được như tệp zip).",
                    en: "The file is not an Excel .xlsx workbook (it is not a zip archive).")
    }

    private mutating func readCentralDirectory(limits: SheetLimits) throws(SheetsError) {
        // The end record (22 bytes and a comment of up to 65,535) closes the archive; search back for it.
        let n = data.count
        guard n >= 22 else { throw Self.notZip }
        var eocd = -1
        var k = n - 22
        let lowest = max(0, n - 22 - 65_535)
        while k >= lowest {
            if data[k] == 0x50, data[k + 1] == 0x4B, data[k + 2] == 0x05, data[k + 3] == 0x06,
               let commentLength = u16(k + 20), k + 22 + commentLength <= n {
                eocd = k
                break
            }
            k -= 1
        }
        guard eocd >= 0, let disk = u16(eocd + 4), let cdDisk = u16(eocd + 6),
              var count = u16(eocd + 10), var cdSize = u32(eocd + 12), var cdOffset = u32(eocd + 16) else {
            throw Self.notZip
        }
        // ZIP64: a locator just before the end record points at a larger end record.
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50, let z = u64(eocd - 12), u32(z) == 0x0606_4B50 {
            guard let c = u64(z + 32), let s = u64(z + 40), let o = u64(z + 48) else { throw Self.corruptDirectory }
            count = c
            cdSize = s
            cdOffset = o
        }
        guard disk == 0, cdDisk == 0 else {
            throw SheetsError(.unsupported, vi: "Tệp zip chia nhiều phần không được hỗ trợ.",
                              en: "Zip archives split over several disks are not supported.")
        }
        guard count <= limits.maxEntries else {
            throw SheetsError.limit(vi: "Tệp có hơn \(limits.maxEntries) mục trong zip (giới hạn \(limits.maxEntries)).",
                                    en: "The zip has more than \(limits.maxEntries) entries (the limit is \(limits.maxEntries)).")
        }
        guard cdOffset <= n, cdSize <= n - cdOffset else { throw Self.corruptDirectory }

        var at = cdOffset
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard u32(at) == 0x0201_4B50, let flags = u16(at + 8), let method = u16(at + 10),
                  let crc = u32(at + 16), var csize = u32(at + 20), var usize = u32(at + 24),
                  let nameLength = u16(at + 28), let extraLength = u16(at + 30), let commentLength = u16(at + 32),
                  var offset = u32(at + 42) else { throw Self.corruptDirectory }
            let nameStart = at + 46
            let extraStart = nameStart + nameLength
            guard extraStart + extraLength + commentLength <= n else { throw Self.corruptDirectory }
            let name = String(decoding: data[nameStart..<extraStart], as: UTF8.self)
            // ZIP64 extra field (id 1): 8-byte values for exactly those fields saturated above, in this order.
            if usize == 0xFFFF_FFFF || csize == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                var e = extraStart
                while e + 4 <= extraStart + extraLength, let id = u16(e), let size = u16(e + 2) {
                    if id == 1 {
                        var f = e + 4
                        if usize == 0xFFFF_FFFF { guard let v = u64(f) else { throw Self.corruptDirectory }; usize = v; f += 8 }
                        if csize == 0xFFFF_FFFF { guard let v = u64(f) else { throw Self.corruptDirectory }; csize = v; f += 8 }
                        if offset == 0xFFFF_FFFF { guard let v = u64(f) else { throw Self.corruptDirectory }; offset = v }
                        break
                    }
                    e += 4 + size
                }
            }
            try Self.checkSafe(name)
            at = extraStart + extraLength + commentLength
            if name.hasSuffix("/") { continue }
            let folded = name.lowercased()
            guard indexByFoldedName[folded] == nil else {
                throw SheetsError.corrupt("two zip entries are named \(Self.quoted(name))")
            }
            indexByFoldedName[folded] = entries.count
            entries.append(Entry(name: name, method: UInt16(method), flags: UInt16(flags), crc32: UInt32(crc),
                                 compressedSize: csize, uncompressedSize: usize, localHeaderOffset: offset))
        }
    }

    private static var corruptDirectory: SheetsError { .corrupt("the zip directory is damaged") }

    static func quoted(_ name: String) -> String {
        let shown = name.count > 80 ? String(name.prefix(80)) + "…" : name
        return "\"" + shown.unicodeScalars.map { $0.value < 0x20 ? "?" : String($0) }.joined() + "\""
    }

    /// Entries are only ever read into memory here, but a name that could climb out of a folder
    /// marks a hostile archive; refusing it protects anything that later unpacks the same file.
    static func checkSafe(_ name: String) throws(SheetsError) {
        let u = Array(name.utf8)
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        let drive = u.count >= 2 && u[1] == 0x3A && ((u[0] | 0x20) >= 0x61 && (u[0] | 0x20) <= 0x7A)
        if u.isEmpty || u.first == 0x2F || u.contains(0x5C) || u.contains(0) || drive || segments.contains("..") {
            throw SheetsError(.unsafePath,
                              vi: "Tệp zip có mục với đường dẫn không an toàn \(quoted(name)); tệp bị từ chối.",
                              en: "The zip has an entry with an unsafe path \(quoted(name)); the file is refused.")
        }
    }

    // MARK: - Contents

    /// Calls `consume` with the entry's bytes in order. The entry must inflate to exactly the size
    /// the directory declares (and the caller checks that against its budget before calling) and
    /// match its CRC-32; errors thrown by `consume` pass through unchanged.
    func read(_ entry: Entry, _ consume: (Data) throws -> Void) throws {
        if entry.flags & 1 != 0 {
            throw SheetsError(.unsupported, vi: "Tệp có mã hoá (mật khẩu); hãy lưu lại không đặt mật khẩu.",
                              en: "The file is encrypted; save it again without a password.")
        }
        guard let signature = u32(entry.localHeaderOffset), signature == 0x0403_4B50,
              let nameLength = u16(entry.localHeaderOffset + 26), let extraLength = u16(entry.localHeaderOffset + 28) else {
            throw SheetsError.corrupt("entry \(Self.quoted(entry.name)) has no local header")
        }
        let start = entry.localHeaderOffset + 30 + nameLength + extraLength
        guard start <= data.count, entry.compressedSize <= data.count - start else {
            throw SheetsError.corrupt("entry \(Self.quoted(entry.name)) runs past the end of the file")
        }
        let csize = entry.compressedSize
        var produced = 0
        var crc: UInt32 = 0
        switch entry.method {
        case 0:
            guard csize == entry.uncompressedSize else {
                throw SheetsError.corrupt("stored entry \(Self.quoted(entry.name)) has two different sizes")
            }
            var k = 0
            while k < csize {
                let piece = data.subdata(in: (start + k)..<(start + min(k + Self.chunkSize, csize)))
                crc = piece.crc32(checksum: crc)
                k += piece.count
                try consume(piece)
            }
            produced = csize
        case 8:
            var passthrough: (any Error)?
            var served = false
            let data = self.data
            let declared = entry.uncompressedSize
            do {
                crc = try Data.decompress(size: Int64(csize), bufferSize: Self.chunkSize, skipCRC32: false, provider: { position, size in
                    let pos = Int(position)
                    if pos >= csize {
                        #if canImport(Compression)
                        // Apple's Compression path finalises on a short chunk; give it one empty chunk.
                        if !served { served = true; return Data() }
                        #endif
                        throw SheetsError.corrupt("the compressed data of an entry ends early")
                    }
                    var piece = data.subdata(in: (start + pos)..<(start + min(pos + size, csize)))
                    #if !canImport(Compression)
                    // ZIPFoundation's zlib path tells zlib every chunk holds `size` bytes: pad, so it
                    // never reads past the buffer; padding that gets used shows as a size or CRC error.
                    if piece.count < size { piece.append(Data(count: size - piece.count)) }
                    #endif
                    return piece
                }, consumer: { out in
                    produced += out.count
                    guard produced <= declared else {
                        throw SheetsError.corrupt("an entry inflates to more than its declared size")
                    }
                    do { try consume(out) } catch { passthrough = error; throw error }
                })
            } catch {
                if let passthrough { throw passthrough }
                if let e = error as? SheetsError { throw e }
                throw SheetsError.corrupt("entry \(Self.quoted(entry.name)) does not inflate")
            }
            _ = served
        default:
            throw SheetsError(.unsupported,
                              vi: "Tệp dùng kiểu nén zip không được hỗ trợ (mã \(entry.method)).",
                              en: "The file uses an unsupported zip compression method (\(entry.method)).")
        }
        guard produced == entry.uncompressedSize else {
            throw SheetsError.corrupt("entry \(Self.quoted(entry.name)) is shorter than declared")
        }
        guard crc == entry.crc32 else {
            throw SheetsError.corrupt("entry \(Self.quoted(entry.name)) fails its CRC-32 check")
        }
    }

    /// The whole entry as bytes.
    func bytes(_ entry: Entry) throws(SheetsError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(entry.uncompressedSize, 64 * 1_048_576))
        do {
            try read(entry) { out.append(contentsOf: $0) }
        } catch let e as SheetsError {
            throw e
        } catch {
            throw SheetsError.corrupt("entry \(Self.quoted(entry.name)) could not be read")
        }
        return out
    }
}
