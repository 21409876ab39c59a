/// The two languages of the interface. Vietnamese is the default everywhere: the people who rely
/// on Nguồn every day read Vietnamese first; English serves visitors and integrators.
public enum Language: String, Sendable, CaseIterable {
    case vi
    case en

    /// The other language, for the switch in the page header.
    var other: Language { self == .vi ? .en : .vi }

    /// Reads `?lang=` or the cookie value; anything unknown falls back to Vietnamese.
    init(code: String?) {
        self = code.flatMap { Language(rawValue: $0.lowercased()) } ?? .vi
    }
}

/// A piece of interface text in both languages, chosen at render time.
public struct LocalizedText: Sendable, Equatable, ExpressibleByStringLiteral {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// Same text in both languages (codes, names, numbers).
    public init(stringLiteral value: String) {
        self.vi = value
        self.en = value
    }

    public func callAsFunction(_ language: Language) -> String {
        language == .vi ? vi : en
    }
}
