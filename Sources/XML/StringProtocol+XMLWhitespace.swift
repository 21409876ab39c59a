extension StringProtocol {
    /// XML whitespace is only space, tab, CR and LF (not the Unicode set Foundation trims).
    public var isXMLWhitespace: Bool { utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }
}

extension String {
    /// The string without leading and trailing XML whitespace: what a simple-content element means.
    public func trimmingXMLWhitespace() -> String {
        // Most values have nothing to trim; answer those without copying.
        if let f = utf8.first, let l = utf8.last, f > 0x20, l > 0x20 { return self }
        let u = Array(utf8)
        var lo = 0, hi = u.count
        func ws(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while lo < hi, ws(u[lo]) { lo += 1 }
        while hi > lo, ws(u[hi - 1]) { hi -= 1 }
        if lo == 0, hi == u.count { return self }
        return String(decoding: u[lo..<hi], as: UTF8.self)
    }
}
