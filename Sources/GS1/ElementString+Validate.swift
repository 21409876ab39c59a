// Pair rules between AIs: repeated AIs must agree, `req=` groups must each be met by some
// other AI present, and `ex=` AIs must be absent. Rules are precompiled to ranges of flat
// AI keys, so this runs without allocating.

extension ElementString {
    /// Throws the first broken pair rule.
    public func validateAssociations() throws(GS1Error) {
        let els = elements
        let n = els.count
        let all = Registry.shared.all
        for i in 0..<n {
            let e = els[i]
            var j = i + 1
            while j < n {
                if els[j].key == e.key && els[j].ai == e.ai && els[j].value != e.value { throw .duplicateAI(ai: e.ai, position: j) }
                j += 1
            }
            guard e.slot >= 0 else { continue }
            let def = all[Int(e.slot)]
            for range in def.exclusionKeys {
                for other in els where other.key != e.key && range.contains(other.key) {
                    throw .mutuallyExclusive(ai: e.ai, with: other.ai)
                }
            }
            for (g, group) in def.requisiteKeys.enumerated() {
                var satisfied = false
                for alternative in group where !satisfied {
                    var all = true
                    for part in alternative where all {
                        var found = false
                        for other in els where other.key != e.key && part.contains(other.key) { found = true; break }
                        all = found
                    }
                    satisfied = all
                }
                if !satisfied { throw .missingRequisite(ai: e.ai, requires: def.requisites[g].joined(separator: ",")) }
            }
        }
    }
}
