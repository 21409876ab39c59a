/// A share this year against the same share last year, as the plans set targets: "the rate of
/// violating samples falls 10% from 2024" (plan 001) is a relative change of the rate, −10%.
public struct YearOnYear: Sendable, Equatable {
    public let part: Int
    public let whole: Int
    public let previousPart: Int
    public let previousWhole: Int

    public init(part: Int, whole: Int, previousPart: Int, previousWhole: Int) {
        (self.part, self.whole, self.previousPart, self.previousWhole) = (part, whole, previousPart, previousWhole)
    }

    /// part / whole, nil when there is no whole.
    public var rate: Double? { whole > 0 ? Double(part) / Double(whole) : nil }
    public var previousRate: Double? { previousWhole > 0 ? Double(previousPart) / Double(previousWhole) : nil }

    /// (rate − previous) / previous: −0.10 is a tenth lower. Nil without both rates or when last
    /// year's was zero (no relative change from nothing).
    public var change: Double? {
        guard let rate, let previousRate, previousRate > 0 else { return nil }
        return (rate - previousRate) / previousRate
    }

    /// Whether the change reaches `target` (−0.10 for "down 10%", +0.10 for "up 10%"); nil when
    /// it cannot be told yet. A rate that was zero and stays zero meets a target to fall.
    public func meets(_ target: Double) -> Bool? {
        if target < 0, rate == 0, previousRate == 0 { return true }
        guard let change else { return nil }
        return target < 0 ? change <= target + 1e-9 : change >= target - 1e-9
    }
}
