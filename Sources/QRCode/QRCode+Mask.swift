// The eight data masks and the four penalty rules used to choose between them (ISO/IEC 18004 §7.8).

enum MaskPattern {
    /// Whether mask `m` inverts the module at row `i`, column `j`.
    @inline(__always)
    static func inverts(_ m: Int, i: Int, j: Int) -> Bool {
        switch m {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Every mask repeats every 12 rows and 12 columns, so one packed line per (mask, row mod 12)
    /// covers the whole symbol: `table[m * 12 + i % 12]` bit j, and `table[96 + m * 12 + j % 12]` bit i.
    /// Row lines first (96 entries), then column lines (96 entries), in one array so a single
    /// buffer access serves a whole penalty evaluation.
    static let table: [RowBits] = table(byRow: true) + table(byRow: false)

    private static func table(byRow: Bool) -> [RowBits] {
        var t = [RowBits](repeating: .zero, count: 8 * 12)
        for m in 0..<8 {
            for r in 0..<12 {
                for k in 0..<192 where byRow ? inverts(m, i: r, j: k) : inverts(m, i: k, j: r) {
                    t[m * 12 + r][bit: k] = true
                }
            }
        }
        return t
    }
}

/// The bitwise operations the penalty rules need, so small symbols (≤ 64 modules wide, versions
/// 1–11) can run on a single machine word instead of three.
protocol PackedLine {
    static func & (a: Self, b: Self) -> Self
    static func | (a: Self, b: Self) -> Self
    static func ^ (a: Self, b: Self) -> Self
    static prefix func ~ (a: Self) -> Self
    func down(_ k: UInt64) -> Self
    func up(_ k: UInt64) -> Self
    var popcount: Int { get }
    var isZero: Bool { get }
}

extension RowBits: PackedLine {}

extension UInt64: PackedLine {
    @inline(__always) func down(_ k: UInt64) -> UInt64 { self >> k }
    @inline(__always) func up(_ k: UInt64) -> UInt64 { self << k }
    @inline(__always) var popcount: Int { nonzeroBitCount }
    @inline(__always) var isZero: Bool { self == 0 }
}

extension ModuleGrid {
    /// Penalty score of the symbol with mask `m` applied (format information must already be drawn).
    /// Works on masked copies of one line at a time, so nothing is allocated.
    func penalty(mask m: Int) -> Int {
        size <= 64 ? penalty(mask: m, as: { $0.w0 }) : penalty(mask: m, as: { $0 })
    }

    @inline(__always)
    private func penalty<L: PackedLine>(mask m: Int, as line: (RowBits) -> L) -> Int {
        let validPair = line(RowBits.ones(size - 1))  // positions whose right/lower neighbour exists
        var score = 0
        var dark = 0
        MaskPattern.table.withUnsafeBufferPointer { masks in
            readLines { lines in
                let rows = lines.plane(.rows), dataRows = lines.plane(.dataRows)
                let cols = lines.plane(.cols), dataCols = lines.plane(.dataCols)
                let maskRows = masks.baseAddress! + m * 12, maskCols = maskRows + 96
                var previous = line(.zero)
                var r12 = 0
                for y in 0..<size {
                    let current = line(rows[y]) ^ (line(maskRows[r12]) & line(dataRows[y]))
                    score &+= ModuleGrid.linePenalty(current, validPair: validPair)
                    dark &+= current.popcount
                    if y > 0 {
                        // Rule 2: each 2×2 block of one colour (blocks may overlap) scores 3.
                        let sameVertically = ~(previous ^ current)
                        let sameHorizontally = ~(current ^ current.down(1))
                        let blocks = sameVertically & sameVertically.down(1) & sameHorizontally & validPair
                        score &+= 3 &* blocks.popcount
                    }
                    previous = current
                    r12 = r12 == 11 ? 0 : r12 + 1
                }
                var c12 = 0
                for x in 0..<size {
                    let current = line(cols[x]) ^ (line(maskCols[c12]) & line(dataCols[x]))
                    score &+= ModuleGrid.linePenalty(current, validPair: validPair)
                    c12 = c12 == 11 ? 0 : c12 + 1
                }
            }
        }
        // Rule 4: 10 points for every full 5 % step the dark share is away from 50 %.
        let total = size * size
        score += 10 * (abs(dark * 20 - total * 10) / total)
        return score
    }

    /// Rules 1 and 3 for one row or column (bits outside the symbol are light).
    @inline(__always)
    static func linePenalty<L: PackedLine>(_ line: L, validPair: L) -> Int {
        // Rule 1: a run of n ≥ 5 same-coloured modules scores n − 2. Counting the windows of five
        // equal modules (n − 4 per run) plus 2 per run start gives exactly that.
        let equal = ~(line ^ line.down(1)) & validPair
        let fives = equal & equal.down(1) & equal.down(2) & equal.down(3)
        var score = 0
        if !fives.isZero {
            let starts = fives & ~equal.up(1)
            score = fives.popcount &+ 2 &* starts.popcount
        }
        // Rule 3: dark-light-dark-dark-dark-light-dark with four light modules before or after
        // (the quiet zone counts as light) scores 40 for each side that has them.
        let core = line & ~line.down(1) & line.down(2) & line.down(3) & line.down(4)
            & ~line.down(5) & line.down(6)
        if !core.isZero {
            let lightAfter = ~(line.down(7) | line.down(8) | line.down(9) | line.down(10))
            let lightBefore = ~(line.up(1) | line.up(2) | line.up(3) | line.up(4))
            score &+= 40 &* ((core & lightAfter).popcount &+ (core & lightBefore).popcount)
        }
        return score
    }

    /// Applies mask `m` to the data modules (rows only; columns are not needed afterwards).
    mutating func applyMaskToRows(_ m: Int) {
        MaskPattern.table.withUnsafeBufferPointer { masks in
            withLines { lines in
                let rows = lines.plane(.rows), data = lines.plane(.dataRows)
                for y in 0..<lines.size { rows[y] ^= masks[m * 12 + y % 12] & data[y] }
            }
        }
    }
}
