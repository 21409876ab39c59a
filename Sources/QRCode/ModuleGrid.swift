/// The symbol under construction, kept both by rows and by columns so that every mask penalty
/// rule runs on packed bits in either direction.
///
/// All lines live in one array of six planes (`size` lines each) so drawing needs a single
/// unchecked buffer and no per-module copy-on-write checks.
struct ModuleGrid {
    let version: Int
    let size: Int
    private(set) var storage: [RowBits]

    /// Offsets of the planes inside `storage`, in units of `size` lines.
    enum Plane: Int {
        case rows = 0  // dark modules, row y bit x
        case cols  // dark modules, column x bit y
        case functionRows  // function modules (finders, timing, alignment, format, version)
        case functionCols
        case dataRows  // modules that carry data and are masked: not function, inside the symbol
        case dataCols
    }

    init(version: Int) {
        self.version = version
        size = 4 * version + 17
        storage = [RowBits](repeating: .zero, count: 6 * size)
        withLines { $0.drawFunctionPatterns(version: version) }
        // Everything not reserved by now carries data and gets masked.
        let valid = RowBits.ones(size)
        let n = size
        storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<n {
                s[4 * n + i] = ~s[2 * n + i] & valid
                s[5 * n + i] = ~s[3 * n + i] & valid
            }
        }
    }

    /// Dark modules by row (the finished symbol once masked).
    var rows: [RowBits] { Array(storage[0..<size]) }

    /// Runs `body` with unchecked access to the planes.
    @inline(__always)
    mutating func withLines<R>(_ body: (Lines) -> R) -> R {
        let size = size
        return storage.withUnsafeMutableBufferPointer { body(Lines(base: $0.baseAddress!, size: size)) }
    }

    /// Read-only variant of `withLines` (the body must not write).
    @inline(__always)
    func readLines<R>(_ body: (Lines) -> R) -> R {
        let size = size
        return storage.withUnsafeBufferPointer { body(Lines(base: UnsafeMutablePointer(mutating: $0.baseAddress!), size: size)) }
    }

    /// Unchecked view of the six planes; only valid inside `withLines`.
    struct Lines {
        let base: UnsafeMutablePointer<RowBits>
        let size: Int

        @inline(__always)
        func plane(_ p: Plane) -> UnsafeMutablePointer<RowBits> { base + p.rawValue * size }

        /// Sets one module in both orientations, optionally marking it as a function module.
        @inline(__always)
        func put(x: Int, y: Int, _ dark: Bool, function: Bool = false) {
            base[y][bit: x] = dark
            base[size + x][bit: y] = dark
            if function {
                base[2 * size + y][bit: x] = true
                base[3 * size + x][bit: y] = true
            }
        }
    }
}
