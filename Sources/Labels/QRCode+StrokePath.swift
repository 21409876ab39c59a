import QRCode

extension QRCode {
    /// Writes the dark modules as SVG path data: each run of dark modules in a row is one
    /// horizontal stroke one module wide ("M x y.5h w", then "m dx 0h w" along the row), about
    /// half the bytes of closed rectangles, which matters for 10 000 codes in one document.
    /// Coordinates are in modules with `quietZone` added, so the viewBox is size + 2 × quietZone.
    func writeStrokePath(into out: inout MarkupWriter, quietZone: Int) {
        for y in 0..<size {
            var x = 0
            var pen = -1  // x where the pen stopped in this row, -1 before the first run
            while x < size {
                guard isDark(x: x, y: y) else {
                    x += 1
                    continue
                }
                var end = x + 1
                while end < size && isDark(x: end, y: y) { end += 1 }
                if pen < 0 {
                    out.raw("M")
                    out.int(x + quietZone)
                    out.raw(" ")
                    out.int(y + quietZone)
                    out.raw(".5h")
                } else {
                    out.raw("m")
                    out.int(x - pen)
                    out.raw(" 0h")
                }
                out.int(end - x)
                pen = end
                x = end
            }
        }
    }
}
