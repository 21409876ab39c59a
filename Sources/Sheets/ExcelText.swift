/// Text as SpreadsheetML stores it in strings (ST_Xstring): characters XML 1.0 cannot carry are
/// written "_xHHHH_" (a UTF-16 code unit in hex), and a literal "_xHHHH_" has its "_" written
/// "_x005F_" so it survives. Excel and LibreOffice both read and write this form.
enum ExcelText {
    /// UTF-8 bytes of a decoded XML text node to the string a cell holds.
    static func decode(_ utf8: [UInt8]) -> String {
        guard utf8.contains(0x5F) else { return String(decoding: utf8, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingHigh: UInt16?
        var k = 0
        func flushHigh() {
            if pendingHigh != nil { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); pendingHigh = nil }
        }
        while k < utf8.count {
            if let unit = codeUnit(utf8, at: k) {
                k += 7
                if (0xD800...0xDBFF).contains(unit) {
                    flushHigh()
                    pendingHigh = unit
                    continue
                }
                var scalar: Unicode.Scalar?
                if (0xDC00...0xDFFF).contains(unit) {
                    if let high = pendingHigh {
                        scalar = Unicode.Scalar(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00))
                        pendingHigh = nil
                    }
                } else {
                    flushHigh()
                    scalar = Unicode.Scalar(unit)
                }
                out.append(contentsOf: String(Character(scalar ?? "\u{FFFD}")).utf8)
                continue
            }
            flushHigh()
            out.append(utf8[k])
            k += 1
        }
        flushHigh()
        return String(decoding: out, as: UTF8.self)
    }

    /// The code unit of an "_xHHHH_" escape starting at `k`, if one does.
    private static func codeUnit(_ b: [UInt8], at k: Int) -> UInt16? {
        guard k + 7 <= b.count, b[k] == 0x5F, b[k + 1] == 0x78, b[k + 6] == 0x5F else { return nil }
        var v: UInt16 = 0
        for j in (k + 2)..<(k + 6) {
            let c = b[j]
            let d: UInt16
            switch c {
            case 0x30...0x39: d = UInt16(c - 0x30)
            case 0x41...0x46: d = UInt16(c - 0x41 + 10)
            case 0x61...0x66: d = UInt16(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// Whether XML 1.0 can carry the scalar at all.
    static func isXMLCharacter(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
    }

    /// Text ready for a cell: control characters XML 1.0 forbids removed (they cannot be in the
    /// file at all, and a cell that shows them is a cell nobody meant), and literal "_xHHHH_"
    /// sequences protected so a reader does not turn them into characters.
    static func encode(_ s: String) -> String {
        let needsWork = s.utf8.contains { $0 < 0x20 || $0 == 0x5F || $0 == 0xEF }
        guard needsWork else { return s }
        let bytes = Array(s.utf8)
        var out = String.UnicodeScalarView()
        var k = 0
        for scalar in s.unicodeScalars {
            defer { k += scalar.utf8.count }
            guard isXMLCharacter(scalar.value) else { continue }
            if scalar == "_", codeUnit(bytes, at: k) != nil {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
