extension QRCode {
    /// Renders the symbol as a standalone SVG document.
    ///
    /// The drawing uses one unit per module (`viewBox` includes the quiet zone), so it scales
    /// cleanly; `moduleSize` only sets the default `width`/`height` in pixels. Dark modules are one
    /// `<path>` of horizontal runs, drawn with `shape-rendering="crispEdges"` so no seams appear.
    ///
    /// - Parameters:
    ///   - moduleSize: pixels per module for the `width`/`height` attributes, clamped to 1…2²⁰.
    ///   - quietZone: light border in modules, clamped to 0…64; the standard asks for 4.
    ///   - foreground: fill of dark modules (any SVG paint; escaped for the attribute).
    ///   - background: fill of the background; an empty string leaves it transparent.
    public func svg(moduleSize: Int = 8, quietZone: Int = 4, foreground: String = "#000", background: String = "#fff") -> String {
        let qz = min(max(quietZone, 0), 64)
        let full = size + 2 * qz
        let pixels = full * min(max(moduleSize, 1), 1 << 20)

        // Count runs first so the string is allocated once, with a size that cannot be exceeded:
        // a run is "M", " ", "h", "v1h-", "z" (8 bytes) plus four numbers below 1000 (≤ 3 digits).
        var runs = 0
        for line in rows { runs += (line & ~line.up(1)).popcount }
        let capacity = 512 + 6 * (foreground.utf8.count + background.utf8.count) + runs * (8 + 4 * 3)

        return String(unsafeUninitializedCapacity: capacity) { buffer in
            var out = ByteWriter(buffer.baseAddress!)
            out.text(#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 "#)
            out.number(full)
            out.byte(0x20)
            out.number(full)
            out.text(#"" width=""#)
            out.number(pixels)
            out.text(#"" height=""#)
            out.number(pixels)
            out.text(#"" shape-rendering="crispEdges">"#)
            if !background.isEmpty {
                out.text(#"<rect width="100%" height="100%" fill=""#)
                out.escaped(background)
                out.text(#""/>"#)
            }
            out.text(#"<path fill=""#)
            out.escaped(foreground)
            out.text(#"" d=""#)
            rows.withUnsafeBufferPointer { rows in
                for y in 0..<size where !rows[y].isZero {
                    let line = rows[y]
                    var x = line.nextSet(from: 0, limit: size)
                    while x < size {
                        let end = line.nextClear(from: x, limit: size)
                        // One closed rectangle per run: "M x y h w v1 h-w z".
                        out.byte(0x4D)  // M
                        out.number(x + qz)
                        out.byte(0x20)
                        out.number(y + qz)
                        out.byte(0x68)  // h
                        out.number(end - x)
                        out.text("v1h-")
                        out.number(end - x)
                        out.byte(0x7A)  // z
                        x = line.nextSet(from: end, limit: size)
                    }
                }
            }
            out.text("\"/></svg>\n")
            return out.count(from: buffer.baseAddress!)
        }
    }
}

/// Unchecked appender into a buffer whose size was computed beforehand.
struct ByteWriter {
    private var p: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { p = start }

    func count(from start: UnsafeMutablePointer<UInt8>) -> Int { p - start }

    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        p.pointee = byte
        p += 1
    }

    @inline(__always)
    mutating func text(_ text: StaticString) {
        let n = text.utf8CodeUnitCount
        p.update(from: text.utf8Start, count: n)
        p += n
    }

    /// Writes a non-negative decimal number (coordinates and sizes; at most 7 digits here).
    @inline(__always)
    mutating func number(_ value: Int) {
        if value < 10 {
            byte(UInt8(truncatingIfNeeded: 0x30 &+ value))
        } else if value < 100 {
            byte(UInt8(truncatingIfNeeded: 0x30 &+ value / 10))
            byte(UInt8(truncatingIfNeeded: 0x30 &+ value % 10))
        } else {
            var digits = 0
            var v = value
            while v > 0 { v /= 10; digits += 1 }
            v = value
            for i in stride(from: digits - 1, through: 0, by: -1) {
                p[i] = UInt8(truncatingIfNeeded: 0x30 &+ v % 10)
                v /= 10
            }
            p += digits
        }
    }

    /// Writes text for a double-quoted XML attribute (at most 6 bytes per input byte).
    mutating func escaped(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case 0x22: text("&quot;")
            case 0x26: text("&amp;")
            case 0x3C: text("&lt;")
            case 0x3E: text("&gt;")
            default: self.byte(byte)
            }
        }
    }
}
