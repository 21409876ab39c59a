/// A QR code symbol (ISO/IEC 18004, Model 2, versions 1–40).
///
/// Make one with `QRCode.encode(_:)`, then read modules with `isDark(x:y:)` or render it with
/// `svg(...)` / `png(...)`. The value is immutable and cheap to pass between tasks.
public struct QRCode: Sendable, Hashable {
    /// Version 1…40; the symbol is `4 × version + 17` modules wide.
    public let version: Int
    /// Width and height in modules, without quiet zone.
    public let size: Int
    /// The error correction level actually used (may be above the requested one when boosted).
    public let errorCorrection: ErrorCorrection
    /// The data mask pattern 0…7 applied to the symbol.
    public let mask: Int
    /// Dark modules, one packed line per row.
    let rows: [RowBits]

    init(version: Int, errorCorrection: ErrorCorrection, mask: Int, rows: [RowBits]) {
        self.version = version
        self.size = 4 * version + 17
        self.errorCorrection = errorCorrection
        self.mask = mask
        self.rows = rows
    }

    /// Whether the module at column `x`, row `y` is dark. Coordinates outside the symbol (the
    /// quiet zone) are light.
    @inlinable
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return _isDark(x: x, y: y)
    }

    @usableFromInline
    func _isDark(x: Int, y: Int) -> Bool { rows[y][bit: x] }
}
