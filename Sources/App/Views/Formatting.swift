/// How values read in the interface language.
enum Formatting {
    /// YYYY-MM-DD as DD/MM/YYYY for Vietnamese readers; ISO for English.
    static func date(_ iso: String, _ language: Language) -> String {
        let parts = iso.split(separator: "-")
        guard language == .vi, parts.count == 3 else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }
}
