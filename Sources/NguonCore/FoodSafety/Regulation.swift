/// A legal document a rule comes from, and the day it took effect. A record is judged by the
/// rules in force on its own date (`FoodSafetyRules.inForce(on:)`), so a new regulation is a
/// new entry, not an edit of the old one.
public struct Regulation: Sendable, Hashable {
    /// "46/2026/NĐ-CP".
    public let number: String
    public let title: String
    public let effective: CivilDate

    public init(number: String, title: String, effective: CivilDate) {
        self.number = number
        self.title = title
        self.effective = effective
    }
}
