/// Serialisation of `JSONValue` back to JSON text (numbers as their stored lexical form).
extension JSONValue {
    /// UTF-8 JSON; `pretty` indents by two spaces, one member per line, as the GS1 examples do.
    public func jsonBytes(pretty: Bool = false) -> [UInt8] {
        var w = JSONByteWriter(pretty: pretty)
        w.out.reserveCapacity(256)
        w.write(self, indent: 0)
        if pretty { w.out.append(0x0A) }
        return w.out
    }

    public func jsonString(pretty: Bool = false) -> String {
        String(decoding: jsonBytes(pretty: pretty), as: UTF8.self)
    }
}

struct JSONByteWriter {
    var out: [UInt8] = []
    let pretty: Bool

    init(pretty: Bool) { self.pretty = pretty }

    mutating func newline(_ indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    mutating func write(_ v: JSONValue, indent: Int) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.utf8)
        case .string(let s): writeString(s)
        case .array(let a):
            out.append(0x5B)
            if a.isEmpty { out.append(0x5D); return }
            for (k, item) in a.enumerated() {
                if k > 0 { out.append(0x2C) }
                newline(indent + 1)
                write(item, indent: indent + 1)
            }
            newline(indent)
            out.append(0x5D)
        case .object(let o):
            out.append(0x7B)
            if o.members.isEmpty { out.append(0x7D); return }
            for (k, m) in o.members.enumerated() {
                if k > 0 { out.append(0x2C) }
                newline(indent + 1)
                writeString(m.key)
                out.append(0x3A)
                if pretty { out.append(0x20) }
                write(m.value, indent: indent + 1)
            }
            newline(indent)
            out.append(0x7D)
        }
    }

    mutating func writeString(_ s: String) {
        out.append(0x22)
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for c in s.utf8 {
            switch c {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0..<0x20:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }
}
