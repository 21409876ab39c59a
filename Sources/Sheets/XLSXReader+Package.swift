import Foundation
import XML

/// Finding the parts: the package relationships name the workbook, the workbook's
/// relationships name its worksheets, shared strings and styles (OPC, ECMA-376 Part 2).
extension XLSXReader {
    struct Relationship {
        var id: String
        var type: String
        var target: String
        var isExternal: Bool
    }

    struct PackageParts {
        var sheets: [(name: String, entry: ZIPDirectory.Entry)] = []
        var sharedStrings: ZIPDirectory.Entry?
        var styles: ZIPDirectory.Entry?
        var date1904 = false
        /// Bytes of the parts read whole to find the others.
        var metadataBytes = 0
    }

    static func packageParts(_ zip: ZIPDirectory, _ limits: SheetLimits) throws(SheetsError) -> PackageParts {
        var parts = PackageParts()
        var workbookPart = "xl/workbook.xml"
        if let rootRels = zip.entry("_rels/.rels") {
            parts.metadataBytes += rootRels.uncompressedSize
            // Transitional and strict relationship types differ in their prefix only.
            if let main = try relationships(rootRels, zip, limits).first(where: { $0.type.hasSuffix("/officeDocument") && !$0.isExternal }) {
                workbookPart = try resolve(main.target, from: "")
            }
        }
        guard let workbookEntry = part(workbookPart, zip) else {
            throw SheetsError(.notXLSX,
                              vi: "Tệp zip không có \(workbookPart): đây không phải là tệp Excel .xlsx.",
                              en: "The zip has no \(workbookPart): it is not an Excel .xlsx workbook.")
        }
        parts.metadataBytes += workbookEntry.uncompressedSize
        let workbook = try tree(workbookEntry, zip, limits)
        guard workbook.name.local == "workbook" else {
            throw SheetsError.malformed(part: workbookEntry.name, "its root is <\(workbook.name.local)>, not <workbook>")
        }

        var rels: [String: Relationship] = [:]
        let relsPart = relationshipsPart(for: workbookEntry.name)
        if let relsEntry = zip.entry(relsPart) {
            parts.metadataBytes += relsEntry.uncompressedSize
            for r in try relationships(relsEntry, zip, limits) where !r.isExternal { rels[r.id] = r }
        }
        let base = workbookEntry.name
        for r in rels.values.sorted(by: { $0.id < $1.id }) {
            if r.type.hasSuffix("/sharedStrings"), parts.sharedStrings == nil {
                parts.sharedStrings = part(try resolve(r.target, from: base), zip)
            } else if r.type.hasSuffix("/styles"), parts.styles == nil {
                parts.styles = part(try resolve(r.target, from: base), zip)
            }
        }
        // Some writers leave these out of the relationships; the usual names still find them.
        if parts.sharedStrings == nil { parts.sharedStrings = part(try resolve("sharedStrings.xml", from: base), zip) }
        if parts.styles == nil { parts.styles = part(try resolve("styles.xml", from: base), zip) }

        for child in workbook.elements {
            if child.name.local == "workbookPr" {
                let v = child.attribute("date1904") ?? "false"
                parts.date1904 = v == "1" || v == "true"
            }
            guard child.name.local == "sheets" else { continue }
            for (k, sheet) in child.elements.filter({ $0.name.local == "sheet" }).enumerated() {
                let name = sheet.attribute("name").flatMap { $0.isEmpty ? nil : $0 } ?? "Sheet\(k + 1)"
                // r:id is in the relationships namespace, transitional or strict: take it by local name.
                guard let id = sheet.attributes.first(where: { $0.name.local == "id" && !$0.name.namespace.isEmpty })?.value,
                      let rel = rels[id] else {
                    throw SheetsError(.missingPart,
                                      vi: "Không tìm thấy dữ liệu của trang tính \"\(name)\" trong tệp.",
                                      en: "The workbook names sheet \"\(name)\" but no part for it.")
                }
                guard rel.type.hasSuffix("/worksheet") else { continue }
                let target = try resolve(rel.target, from: base)
                guard let entry = part(target, zip) else { throw SheetsError.missingPart(target) }
                parts.sheets.append((name, entry))
            }
        }
        return parts
    }

    /// The entry for a part name, also when the relationship percent-encoded it.
    static func part(_ name: String, _ zip: ZIPDirectory) -> ZIPDirectory.Entry? {
        if let e = zip.entry(name) { return e }
        if let decoded = name.removingPercentEncoding, decoded != name { return zip.entry(decoded) }
        return nil
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relationshipsPart(for part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return "\(part[...slash])_rels/\(part[part.index(after: slash)...]).rels"
    }

    static func relationships(_ entry: ZIPDirectory.Entry, _ zip: ZIPDirectory, _ limits: SheetLimits) throws(SheetsError) -> [Relationship] {
        let root = try tree(entry, zip, limits)
        return root.elements.filter { $0.name.local == "Relationship" }.compactMap { e in
            guard let id = e.attribute("Id"), let target = e.attribute("Target") else { return nil }
            return Relationship(id: id, type: e.attribute("Type") ?? "", target: target,
                                isExternal: e.attribute("TargetMode") == "External")
        }
    }

    /// A relationship target as a part name: absolute ("/xl/x.xml") from the package root,
    /// otherwise relative to the folder of the part it comes from. A target that climbs above
    /// the package root is refused like an unsafe zip entry.
    static func resolve(_ target: String, from source: String) throws(SheetsError) -> String {
        var segments: [Substring] = []
        if !target.hasPrefix("/"), let slash = source.lastIndex(of: "/") {
            segments = source[..<slash].split(separator: "/")
        }
        for segment in target.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else {
                    throw SheetsError(.unsafePath,
                                      vi: "Tệp trỏ tới phần nằm ngoài gói (\(ZIPDirectory.quoted(target))); tệp bị từ chối.",
                                      en: "The file points at a part outside the package (\(ZIPDirectory.quoted(target))); the file is refused.")
                }
                segments.removeLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
