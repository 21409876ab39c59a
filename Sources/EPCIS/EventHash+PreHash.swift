// Building the canonical pre-hash string from the event model.
//
// Layout (CBV 2.0 event hash rules 1-4 and 10-13, with the property order the reference
// implementation uses, which the published test vectors pin down):
//
//   eventType eventTime eventTimeZoneOffset certificationInfo epcList parentID inputEPCList
//   childEPCs quantityList childQuantityList inputQuantityList outputEPCList outputQuantityList
//   action transformationID bizStep disposition persistentDisposition readPoint bizLocation
//   sensorElementList
//
// followed by one lexically sorted group holding bizTransactionList, destinationList, ilmd,
// sourceList and the user extension members. (The reference finds those three lists and ilmd
// only in its "everything else" pass, so they sort among the extensions by their names; its
// vectors, e.g. destinationList before sourceList, depend on that.)
//
// Every key/value is "key=value", containers are their name followed by their children, list
// items and sibling extension elements are sorted by their UTF-8 bytes, and empty values and
// containers are left out. Sorting works on byte ranges of one output buffer: siblings are
// written one after the other, then the ranges are reordered in place.

extension EventHash {
    /// Standard-vocabulary prefixes for bare CBV terms (JSON writes "shipping" for
    /// https://ref.gs1.org/cbv/BizStep-shipping; the hash always uses the full URI).
    enum Vocab {
        static let bizStep: StaticString = "https://ref.gs1.org/cbv/BizStep-"
        static let disposition: StaticString = "https://ref.gs1.org/cbv/Disp-"
        static let bizTransactionType: StaticString = "https://ref.gs1.org/cbv/BTT-"
        static let sourceDestinationType: StaticString = "https://ref.gs1.org/cbv/SDT-"
        static let component: StaticString = "https://ref.gs1.org/cbv/Comp-"
        /// Measurement types and sensor alert types live in the GS1 Web Vocabulary.
        static let gs1Voc: StaticString = "https://gs1.org/voc/"
    }

    /// Start offsets of sibling items written since `base`; `end` sorts them.
    struct SortGroup {
        let base: Int
        var starts: [Int] = []
    }

    struct PreHashBuilder {
        var out: [UInt8] = []
        let options: Options

        init(options: Options) {
            self.options = options
            out.reserveCapacity(1024)
        }

        // MARK: Event

        mutating func event(_ e: EPCISEvent) {
            lit("eventType=")
            out.append(contentsOf: e.eventType.rawValue.utf8)
            time("eventTime", e.eventTime)
            field("eventTimeZoneOffset", e.eventTimeZoneOffset)
            if !e.certificationInfo.isEmpty {
                var g = begin()
                for c in e.certificationInfo { g.starts.append(out.count); field("certificationInfo", c) }
                end(g)
            }
            epcs("epcList", e.epcList)
            field("parentID", e.parentID)
            epcs("inputEPCList", e.inputEPCList)
            epcs("childEPCs", e.childEPCs)
            quantities("quantityList", e.quantityList)
            quantities("childQuantityList", e.childQuantityList)
            quantities("inputQuantityList", e.inputQuantityList)
            epcs("outputEPCList", e.outputEPCList)
            quantities("outputQuantityList", e.outputQuantityList)
            if let a = e.action { lit("action="); out.append(contentsOf: a.rawValue.utf8) }
            field("transformationID", e.transformationID)
            field("bizStep", e.bizStep, vocab: Vocab.bizStep)
            field("disposition", e.disposition, vocab: Vocab.disposition)
            if let p = e.persistentDisposition { persistentDisposition(p) }
            if let l = e.readPoint { location("readPoint", l) }
            if let l = e.bizLocation { location("bizLocation", l) }
            if !e.sensorElementList.isEmpty { sensorElements(e.sensorElementList) }
            remainder(e)
        }

        /// The sorted group after the ordered fields (see the file comment).
        mutating func remainder(_ e: EPCISEvent) {
            var g = begin()
            if !e.bizTransactionList.isEmpty {
                g.starts.append(out.count)
                container("bizTransactionList") { b in
                    var items = b.begin()
                    for t in e.bizTransactionList {
                        items.starts.append(b.out.count)
                        // The type attribute precedes the identifier (rule 13).
                        b.field("type", t.type, vocab: Vocab.bizTransactionType)
                        b.field("bizTransaction", t.value)
                    }
                    b.end(items)
                }
            }
            if !e.destinationList.isEmpty {
                g.starts.append(out.count)
                sourceDestination("destinationList", "destination", e.destinationList)
            }
            if let ilmd = e.ilmd {
                g.starts.append(out.count)
                lit("ilmd")
                var items = begin()
                for m in ilmd.members { member(m.key, m.value, &items) }
                end(items)
            }
            if !e.sourceList.isEmpty {
                g.starts.append(out.count)
                sourceDestination("sourceList", "source", e.sourceList)
            }
            for m in e.extensions.members where !isExcludedEventMember(m.key) {
                member(m.key, m.value, &g)
            }
            reportBizRulesLeftover(e.sensorElementList, &g)
            end(g)
        }

        /// Comments never count (the reference drops rdfs:comment), nor fields the document
        /// told us to ignore.
        func isExcludedEventMember(_ key: String) -> Bool {
            if key == "comment" || key == "rdfs:comment" { return true }
            if options.ignoredFields.isEmpty && !key.hasSuffix(":comment") && !key.hasSuffix("}comment") { return false }
            let name = EventHash.expandedName(key, options.namespaces)
            if name == "{http://www.w3.org/2000/01/rdf-schema#}comment" { return true }
            return options.ignoredFields.contains(name) || options.ignoredFields.contains(key)
        }

        // MARK: What

        mutating func epcs(_ name: StaticString, _ list: [String]) {
            guard !list.isEmpty else { return }
            container(name) { b in
                var g = b.begin()
                for s in list { g.starts.append(b.out.count); b.field("epc", s) }
                b.end(g)
            }
        }

        mutating func quantities(_ name: StaticString, _ list: [QuantityElement]) {
            guard !list.isEmpty else { return }
            container(name) { b in
                var g = b.begin()
                for q in list {
                    g.starts.append(b.out.count)
                    b.container("quantityElement") { b in
                        b.field("epcClass", q.epcClass)
                        b.number("quantity", q.quantity)
                        b.field("uom", q.uom)
                    }
                }
                b.end(g)
            }
        }

        // MARK: Why / where

        mutating func persistentDisposition(_ p: PersistentDisposition) {
            container("persistentDisposition") { b in
                var g = b.begin()
                for s in p.set { g.starts.append(b.out.count); b.field("set", s, vocab: Vocab.disposition) }
                b.end(g)
                g = b.begin()
                for s in p.unset { g.starts.append(b.out.count); b.field("unset", s, vocab: Vocab.disposition) }
                b.end(g)
            }
        }

        /// readPoint / bizLocation: the id, then its extension members sorted (rule 21).
        mutating func location(_ name: StaticString, _ l: Location) {
            container(name) { b in
                b.field("id", l.id)
                b.extensions(l.extensions)
            }
        }

        mutating func sourceDestination(_ listName: StaticString, _ itemName: StaticString, _ list: [SourceDestination]) {
            container(listName) { b in
                var g = b.begin()
                for s in list {
                    g.starts.append(b.out.count)
                    b.field("type", s.type, vocab: Vocab.sourceDestinationType)
                    b.field(itemName, s.value)
                }
                b.end(g)
            }
        }

        // MARK: How (sensor data)

        mutating func sensorElements(_ list: [SensorElement]) {
            container("sensorElementList") { b in
                var g = b.begin()
                for el in list {
                    g.starts.append(b.out.count)
                    b.container("sensorElement") { b in
                        if let md = el.sensorMetadata { b.sensorMetadata(md) }
                        var reports = b.begin()
                        for r in el.sensorReport { reports.starts.append(b.out.count); b.sensorReport(r) }
                        b.end(reports)
                        // Extensions of the sensorElement follow its regular content (rule 21).
                        b.extensions(el.extensions)
                    }
                }
                b.end(g)
            }
        }

        mutating func sensorMetadata(_ m: SensorMetadata) {
            container("sensorMetadata") { b in
                b.time("time", m.time)
                b.time("startTime", m.startTime)
                b.time("endTime", m.endTime)
                b.field("deviceID", m.deviceID)
                b.field("deviceMetadata", m.deviceMetadata)
                b.field("rawData", m.rawData)
                b.field("dataProcessingMethod", m.dataProcessingMethod)
                b.field("bizRules", m.bizRules)
                b.extensions(m.extensions)
            }
        }

        mutating func sensorReport(_ r: SensorReport) {
            container("sensorReport") { b in
                b.field("type", r.type, vocab: Vocab.gs1Voc)
                b.field("exception", r.exception, vocab: Vocab.gs1Voc)
                b.field("deviceID", r.deviceID)
                b.field("deviceMetadata", r.deviceMetadata)
                b.field("rawData", r.rawData)
                b.field("dataProcessingMethod", r.dataProcessingMethod)
                b.time("time", r.time)
                b.field("microorganism", r.microorganism)
                b.field("chemicalSubstance", r.chemicalSubstance)
                b.number("value", r.value)
                b.field("component", r.component, vocab: Vocab.component)
                b.field("stringValue", r.stringValue)
                if let v = r.booleanValue { b.lit(v ? "booleanValue=true" : "booleanValue=false") }
                b.field("hexBinaryValue", r.hexBinaryValue)
                b.field("uriValue", r.uriValue)
                b.number("minValue", r.minValue)
                b.number("maxValue", r.maxValue)
                b.number("meanValue", r.meanValue)
                b.number("sDev", r.sDev)
                b.number("percRank", r.percRank)
                b.number("percValue", r.percValue)
                b.field("uom", r.uom)
                b.field("coordinateReferenceSystem", r.coordinateReferenceSystem)
                b.extensions(r.extensions)
            }
        }

        /// bizRules is a sensorMetadata field; on a sensorReport it is outside the canonical
        /// order, and the reference then hashes it as an unrecognised member at event level,
        /// under its full path (sensorElementList/sensorElement/sensorReport/bizRules). The
        /// SensorDataExamples vector pins this down, so we do the same.
        mutating func reportBizRulesLeftover(_ list: [SensorElement], _ g: inout SortGroup) {
            guard list.contains(where: { $0.sensorReport.contains { $0.bizRules != nil } }) else { return }
            g.starts.append(out.count)
            container("sensorElementList") { b in
                var els = b.begin()
                for el in list where el.sensorReport.contains(where: { $0.bizRules != nil }) {
                    els.starts.append(b.out.count)
                    b.container("sensorElement") { b in
                        var reps = b.begin()
                        for r in el.sensorReport where r.bizRules != nil {
                            reps.starts.append(b.out.count)
                            b.container("sensorReport") { b in b.field("bizRules", r.bizRules) }
                        }
                        b.end(reps)
                    }
                }
                b.end(els)
            }
        }

        // MARK: Extensions (user extensions, ilmd content)

        /// Members of an extension point, sorted among themselves.
        mutating func extensions(_ o: JSONObject) {
            guard !o.isEmpty else { return }
            var g = begin()
            for m in o.members { member(m.key, m.value, &g) }
            end(g)
        }

        /// One member as sibling item(s) of `g`: an array becomes one item per element with the
        /// same name (as repeated XML elements are), so they sort individually.
        mutating func member(_ key: String, _ value: JSONValue, _ g: inout SortGroup) {
            var key = key
            if key.utf8.first == 0x40 {
                // The XML binding keeps unqualified attributes as "@name"; they are data, hashed
                // as child "name" like the reference's XML reader does. JSON-LD keywords stay
                // as written; @context only declares prefixes.
                if key == "@context" || key.hasPrefix("@xmlns") { return }
                if !EventHash.jsonLDKeywords.contains(key) { key.removeFirst() }
            }
            if case .array(let items) = value {
                for item in items { member(key, item, &g) }
                return
            }
            g.starts.append(out.count)
            element(key, value)
        }

        /// "{namespace}local" followed by "=value" or by the sorted children.
        mutating func element(_ key: String, _ value: JSONValue) {
            name(key)
            switch value {
            case .string(let s): valueWithEquals(s, vocab: nil)
            case .number(let n): numberWithEquals(n)
            case .bool(let b): lit(b ? "=true" : "=false")
            case .null: break
            case .array: break  // handled by `member`
            case .object(let o):
                // An XML element with attributes or children and text keeps the text in "#text".
                if let text = o["#text"] {
                    switch text {
                    case .string(let s): valueWithEquals(s, vocab: nil)
                    case .number(let n): numberWithEquals(n)
                    case .bool(let b): lit(b ? "=true" : "=false")
                    default: break
                    }
                }
                var g = begin()
                for m in o.members where m.key != "#text" { member(m.key, m.value, &g) }
                end(g)
            }
        }

        /// Writes a member name with its namespace expanded (rules 19-20): "{uri}local".
        mutating func name(_ key: String) {
            var k = key
            k.withUTF8 { u in
                if u.first != 0x7B, let colon = u.firstIndex(of: 0x3A) {
                    let prefix = String(decoding: UnsafeBufferPointer(rebasing: u[..<colon]), as: UTF8.self)
                    if let ns = options.namespaces[prefix] {
                        out.append(0x7B)
                        out.append(contentsOf: ns.utf8)
                        out.append(0x7D)
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[(colon + 1)...]))
                        return
                    }
                }
                out.append(contentsOf: u)
            }
        }

        // MARK: Fields

        /// "name=value" with the value canonicalised; nothing when the value is absent or empty.
        mutating func field(_ name: StaticString, _ value: String?, vocab: StaticString? = nil) {
            guard let value else { return }
            let mark = out.count
            lit(name)
            out.append(0x3D)
            let before = out.count
            appendValue(value, vocab: vocab)
            if out.count == before { out.removeSubrange(mark...) }
        }

        mutating func number(_ name: StaticString, _ value: EPCISNumber?) {
            guard let value else { return }
            lit(name)
            numberWithEquals(value.lexical)
        }

        mutating func time(_ name: StaticString, _ t: EPCISTimestamp?) {
            guard let t else { return }
            lit(name)
            out.append(0x3D)
            EventHash.appendUTCMilliseconds(t, to: &out)
        }

        mutating func valueWithEquals(_ s: String, vocab: StaticString?) {
            let mark = out.count
            out.append(0x3D)
            appendValue(s, vocab: vocab)
            if out.count == mark + 1 { out.removeLast() }
        }

        mutating func numberWithEquals(_ lexical: String) {
            out.append(0x3D)
            var l = lexical
            l.withUTF8 { u in
                if !EventHash.appendCanonicalNumber(u, to: &out) { out.append(contentsOf: u) }
            }
        }

        mutating func appendValue(_ s: String, vocab: StaticString?) {
            var s = s
            s.withUTF8 { EventHash.appendCanonicalValue($0, vocab: vocab, to: &out) }
        }

        // MARK: Buffer plumbing

        @inline(__always) mutating func lit(_ s: StaticString) { EventHash.append(s, to: &out) }

        /// Writes `name` and the body; takes the name back if the body wrote nothing.
        @inline(__always)
        mutating func container(_ name: StaticString, _ body: (inout PreHashBuilder) -> Void) {
            let mark = out.count
            lit(name)
            let after = out.count
            body(&self)
            if out.count == after { out.removeSubrange(mark...) }
        }

        func begin() -> SortGroup { SortGroup(base: out.count) }

        /// Sorts the items written since `g.base` by their bytes (rules 10-12; UTF-8 byte order
        /// is code-point order, which is what the reference's string sort uses). Empty items
        /// (absent values) simply vanish.
        mutating func end(_ g: SortGroup) {
            let total = out.count
            guard g.starts.count > 1 else { return }
            var segs: [Range<Int>] = []
            segs.reserveCapacity(g.starts.count)
            for (k, s) in g.starts.enumerated() {
                let e = k + 1 < g.starts.count ? g.starts[k + 1] : total
                if e > s { segs.append(s..<e) }
            }
            guard segs.count > 1 else { return }
            var alreadySorted = true
            out.withUnsafeBufferPointer { buf in
                for k in 1..<segs.count where EventHash.bytesLess(buf, segs[k], segs[k - 1]) {
                    alreadySorted = false
                    break
                }
                if !alreadySorted { segs.sort { EventHash.bytesLess(buf, $0, $1) } }
            }
            if alreadySorted { return }
            // Items start at the first recorded offset (anything before it stays put).
            let base = g.starts[0]
            let tail = Array(out[base..<total])
            out.removeSubrange(base...)
            for r in segs { out.append(contentsOf: tail[(r.lowerBound - base)..<(r.upperBound - base)]) }
        }
    }

    static let jsonLDKeywords: Set<String> = [
        "@id", "@type", "@value", "@language", "@direction", "@list", "@set", "@index", "@graph",
        "@reverse", "@included", "@json", "@nest", "@none", "@base", "@vocab",
    ]

    /// Byte-wise lexicographic order of two ranges of one buffer.
    static func bytesLess(_ buf: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>) -> Bool {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            let x = buf[a.lowerBound + i], y = buf[b.lowerBound + i]
            if x != y { return x < y }
            i += 1
        }
        return a.count < b.count
    }
}
