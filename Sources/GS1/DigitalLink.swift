/// GS1 Digital Link URIs: parsing (`parse`) and canonical generation (`uri(for:stem:)`).
public enum DigitalLink {
    /// The canonical resolver domain used when no stem is given.
    public static let canonicalStem = "https://id.gs1.org"

    /// Deprecated path alphas (e.g. /gtin/ for /01/), accepted only with `permitConvenienceAlphas`.
    static let convenienceAlphas: [String: String] = [
        "cpid": "8010", "cpsn": "8011", "cpv": "22", "gcn": "255", "gdti": "253", "giai": "8004",
        "ginc": "401", "gln": "414", "glnx": "254", "gmn": "8013", "grai": "8003", "gsin": "402",
        "gsrn": "8018", "gsrnp": "8017", "gtin": "01", "itip": "8006", "lot": "10", "party": "417",
        "refno": "8020", "ser": "21", "srin": "8019", "sscc": "00",
    ]

    /// True when the `count` qualifiers given by `qualifier(i)` (flat AI keys, in path order)
    /// are an allowed run for `key`: an in-order selection from one of its qualifier sequences.
    @inline(__always)
    static func isValidPath(key: ApplicationIdentifier, count: Int, _ qualifier: (Int) -> Int16) -> Bool {
        guard let sequences = key.qualifierKeys else { return false }
        for seq in sequences {
            var k = 0, ok = true
            for i in 0..<count {
                let q = qualifier(i)
                while k < seq.count && seq[k] != q { k += 1 }
                if k == seq.count { ok = false; break }
                k += 1
            }
            if ok { return true }
        }
        return false
    }
}
