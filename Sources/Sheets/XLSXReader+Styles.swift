import XML

/// What the reader needs of styles.xml: which cell formats (the `s` index of a cell) show
/// numbers as dates, and the workbook's date system.
struct CellStyles: Sendable {
    /// Indexed by a cell's `s` attribute (cellXfs order).
    var isDate: [Bool] = []
    var date1904 = false

    init(date1904: Bool) { self.date1904 = date1904 }

    init(_ root: XMLTree.Element, date1904: Bool) {
        self.date1904 = date1904
        var custom: [Int: String] = [:]
        for child in root.elements where child.name.local == "numFmts" {
            for f in child.elements where f.name.local == "numFmt" {
                if let id = f.attribute("numFmtId").flatMap({ Int($0) }), let code = f.attribute("formatCode") {
                    custom[id] = code
                }
            }
        }
        for child in root.elements where child.name.local == "cellXfs" {
            isDate = child.elements.filter { $0.name.local == "xf" }.map { xf in
                let id = xf.attribute("numFmtId").flatMap { Int($0) } ?? 0
                return Self.isDateFormat(id: id, custom: custom)
            }
        }
    }

    func isDate(style: Int) -> Bool { style >= 0 && style < isDate.count && isDate[style] }

    /// Built-in formats 14–22 are dates and times, 45–47 times (ECMA-376 Part 1, 18.8.30); a
    /// file may also define a format under any id, and then its code decides.
    static func isDateFormat(id: Int, custom: [Int: String]) -> Bool {
        if let code = custom[id] { return isDateFormatCode(code) }
        return (14...22).contains(id) || (45...47).contains(id)
    }

    /// Whether a format code shows a date: it has a day or year token, or a month token that
    /// is not minutes (minutes are "m" beside hours or seconds). Quoted text, backslash-escaped
    /// and padding characters, and bracketed parts (colours, locales, conditions, elapsed
    /// [h]:mm durations) are skipped; only the first section (positive numbers) is read.
    static func isDateFormatCode(_ code: String) -> Bool {
        var day = false, month = false, year = false, hour = false, second = false
        var it = code.utf8.makeIterator()
        scan: while let c = it.next() {
            switch c {
            case 0x22: // "quoted"
                while let q = it.next(), q != 0x22 {}
            case 0x5B: // [bracketed]
                while let q = it.next(), q != 0x5D {}
            case 0x5C, 0x5F, 0x2A: // \x, _x (space as wide as x), *x (fill with x)
                _ = it.next()
            case 0x3B: // ; ends the first section
                break scan
            case 0x64, 0x44: day = true
            case 0x6D, 0x4D: month = true
            case 0x79, 0x59: year = true
            case 0x68, 0x48: hour = true
            case 0x73, 0x53: second = true
            default: continue
            }
        }
        return day || year || (month && !hour && !second)
    }
}
