import Foundation

/// Vietnamese text as search compares it: lower case, without tone marks or other accents, and
/// "đ" read as "d", so "Đặc khu Vân Đồn", "dac khu van don" and "DAC KHU VAN DON" are one text.
/// Every search form and every stored search column uses this one function.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        // Vietnamese and other Latin text folds letter by letter from a table; anything else
        // takes the general (and many times slower) path, which the table is made from.
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = Int(scalar.value)
            if value < 0x80 {
                folded.append((0x41...0x5A).contains(value) ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else if let index = LatinFolds.index(of: value) {
                folded.append(contentsOf: LatinFolds.table[index].unicodeScalars)
            } else {
                return generalFold(text)
            }
        }
        return String(folded)
    }

    static func generalFold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "d")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "vi_VN"))
            .lowercased()
    }

    /// The fold of each letter and mark of the Latin blocks Vietnamese is written in, made once
    /// by the general fold, so both paths give one result.
    private enum LatinFolds {
        static let ranges = [0x80...0x24F, 0x300...0x36F, 0x1E00...0x1EFF]
        /// A combining mark alone is kept by the general fold, which drops it after its letter.
        static let table: [String] = ranges.flatMap { $0 }.map {
            (0x300...0x36F).contains($0) ? "" : generalFold(String(Unicode.Scalar(UInt32($0))!))
        }

        static func index(of value: Int) -> Int? {
            var offset = 0
            for range in ranges {
                if range.contains(value) { return offset + value - range.lowerBound }
                offset += range.count
            }
            return nil
        }
    }
}

extension SearchText {
    /// Words shorter than this must be typed exactly; from it on, one typo is forgiven.
    public static let typoMinimumLength = 4
    /// Words of a record that are indexed; names and addresses rarely have more.
    public static let maxIndexedWords = 24

    /// Letters of a word that count: a longer word is found by its first `maxWordLength` (no
    /// name has such words; a crafted one must not make hundreds of long keys).
    public static let maxWordLength = 24

    /// The folded words of a text: letters and digits, split at everything else.
    public static func words(_ text: String) -> [String] {
        fold(text).split { !($0.isLetter || $0.isNumber) }.map { String($0.prefix(maxWordLength)) }
    }

    /// The keys a word is found by, with one typo forgiven (the symmetric-delete method): the
    /// word itself and, for words of `typoMinimumLength` letters or more, the word with each
    /// letter left out in turn. Two words one deletion, insertion, substitution or adjacent swap
    /// apart always share a key ("muong" and "muomg" share "muog"). Numbers (tax codes, GTINs)
    /// are exact: one digit off is somebody else's number.
    public static func keys(ofWord word: String) -> Set<String> {
        var keys: Set<String> = [word]
        let letters = Array(word)
        guard letters.count >= typoMinimumLength, !letters.allSatisfy(\.isNumber) else { return keys }
        for index in letters.indices {
            var variant = letters
            variant.remove(at: index)
            keys.insert(String(variant))
        }
        return keys
    }

    /// The distinct words of a record's text that the search index holds (its terms).
    public static func terms(_ text: String) -> Set<String> {
        Set(words(text).prefix(maxIndexedWords))
    }

    /// Every key of a record's text: what migration 009 indexed per record, before the index
    /// kept each term's keys once (migration 011).
    public static func indexKeys(_ text: String) -> Set<String> {
        var keys = Set<String>()
        for word in words(text).prefix(maxIndexedWords) { keys.formUnion(self.keys(ofWord: word)) }
        return keys
    }
}
