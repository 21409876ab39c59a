import GS1

/// A realistic Vietnamese supply chain as an EPCIS 2.0 JSON-LD document: VietGAP choy sum
/// (rau cải ngọt) harvested by a cooperative in Đông Triều (Quảng Ninh), washed and packed in
/// Quảng Yên, palletised and shipped to a distributor in Long Biên (Hà Nội), unpacked there and
/// delivered to two supermarkets. The company prefix 8935001 is fictional (GS1 Vietnam's
/// range is 893); check digits are computed, not typed.
///
/// `variant` makes every identifier and time distinct, so tests and benchmarks can capture
/// many chains into one store.
struct DemoSupplyChain {
    let variant: Int
    /// Harvest day as "YYYY-MM-DD"; the chain runs over the following three days.
    let day: String

    init(variant: Int = 1, day: String = "2026-11-20") {
        self.variant = variant
        self.day = day
    }

    static let companyPrefix = "8935001"

    static func gln(_ reference: String) -> String {
        GS1.appendingCheckDigit(to: companyPrefix + reference)!
    }

    static func gtin(indicator: String, _ reference: String) -> String {
        GS1.appendingCheckDigit(to: indicator + companyPrefix + reference)!
    }

    // Places (SGLN URNs with extension 0) and parties.
    static let farm = "urn:epc:id:sgln:\(companyPrefix).00001.0"
    static let packhouse = "urn:epc:id:sgln:\(companyPrefix).00002.0"
    static let distributor = "urn:epc:id:sgln:\(companyPrefix).00003.0"
    static let supermarketA = "urn:epc:id:sgln:\(companyPrefix).00004.0"
    static let supermarketB = "urn:epc:id:sgln:\(companyPrefix).00005.0"
    static let cooperativeParty = "urn:epc:id:pgln:\(companyPrefix).00010"
    static let distributorParty = "urn:epc:id:pgln:\(companyPrefix).00011"

    /// Harvested produce in bulk (GTIN of the raw vegetable) and the 500 g consumer pack.
    static let produceGTIN = gtin(indicator: "0", "00001")
    static let packGTIN = gtin(indicator: "0", "00002")

    var harvestLot: String { "urn:epc:class:lgtin:\(Self.companyPrefix).000001.TH\(variant)" }
    var packLotCode: String { "DT\(variant)" }
    /// The packed lot as a consumer scans it: a GS1 Digital Link.
    var packLotLink: String { "https://id.gs1.org/01/\(Self.packGTIN)/10/\(packLotCode)" }
    var caseA: String { "urn:epc:id:sgtin:\(Self.companyPrefix).100002.\(variant)01" }
    var caseB: String { "urn:epc:id:sgtin:\(Self.companyPrefix).100002.\(variant)02" }
    /// SSCC URN: company prefix, then extension digit 0 and a 9-digit serial reference.
    var pallet: String {
        let serial = String(variant)
        return "urn:epc:id:sscc:\(Self.companyPrefix).0" + String(repeating: "0", count: 9 - serial.count) + serial
    }

    func time(_ dayOffset: Int, _ clock: String) -> String {
        // Days run within one month in the demo: the 20th + offset.
        let parts = day.split(separator: "-")
        let date = "\(parts[0])-\(parts[1])-\(String(format2(Int(parts[2])! + dayOffset)))"
        return "\(date)T\(clock):00.000+07:00"
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    func event(_ type: String, _ time: String, _ body: String) -> String {
        #"{"type":"\#(type)","eventTime":"\#(time)","eventTimeZoneOffset":"+07:00",\#(body)}"#
    }

    var events: [String] {
        let despatch = "urn:epcglobal:cbv:bt:\(Self.gln("00002")):DESADV-\(variant)"
        return [
            event("ObjectEvent", time(0, "06:30"), #"""
                "action":"ADD","bizStep":"commissioning","disposition":"active",
                "quantityList":[{"epcClass":"\#(harvestLot)","quantity":500,"uom":"KGM"}],
                "readPoint":{"id":"\#(Self.farm)"},"bizLocation":{"id":"\#(Self.farm)"},
                "ilmd":{"cbvmda:harvestStartDate":"\#(day)","cbvmda:countryOfOrigin":"VN"}
                """#),
            event("TransformationEvent", time(0, "14:00"), #"""
                "bizStep":"commissioning","disposition":"active",
                "inputQuantityList":[{"epcClass":"\#(harvestLot)","quantity":480,"uom":"KGM"}],
                "outputQuantityList":[{"epcClass":"\#(packLotLink)","quantity":900,"uom":"EA"}],
                "readPoint":{"id":"\#(Self.packhouse)"},"bizLocation":{"id":"\#(Self.packhouse)"},
                "ilmd":{"cbvmda:bestBeforeDate":"\#(time(5, "00:00").prefix(10))","cbvmda:lotNumber":"\#(packLotCode)"}
                """#),
            event("AggregationEvent", time(0, "16:00"), #"""
                "action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(caseA)",
                "childQuantityList":[{"epcClass":"\#(packLotLink)","quantity":450,"uom":"EA"}],
                "readPoint":{"id":"\#(Self.packhouse)"},"bizLocation":{"id":"\#(Self.packhouse)"}
                """#),
            event("AggregationEvent", time(0, "16:05"), #"""
                "action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(caseB)",
                "childQuantityList":[{"epcClass":"\#(packLotLink)","quantity":450,"uom":"EA"}],
                "readPoint":{"id":"\#(Self.packhouse)"},"bizLocation":{"id":"\#(Self.packhouse)"}
                """#),
            event("AggregationEvent", time(0, "17:00"), #"""
                "action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(pallet)",
                "childEPCs":["\#(caseA)","\#(caseB)"],
                "readPoint":{"id":"\#(Self.packhouse)"},"bizLocation":{"id":"\#(Self.packhouse)"}
                """#),
            event("ObjectEvent", time(1, "04:00"), #"""
                "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(pallet)"],
                "readPoint":{"id":"\#(Self.packhouse)"},
                "bizTransactionList":[{"type":"desadv","bizTransaction":"\#(despatch)"}],
                "sourceList":[{"type":"owning_party","source":"\#(Self.cooperativeParty)"},{"type":"location","source":"\#(Self.packhouse)"}],
                "destinationList":[{"type":"owning_party","destination":"\#(Self.distributorParty)"},{"type":"location","destination":"\#(Self.distributor)"}]
                """#),
            event("ObjectEvent", time(1, "07:30"), #"""
                "action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","epcList":["\#(pallet)"],
                "readPoint":{"id":"\#(Self.distributor)"},"bizLocation":{"id":"\#(Self.distributor)"},
                "bizTransactionList":[{"type":"desadv","bizTransaction":"\#(despatch)"}]
                """#),
            event("AggregationEvent", time(1, "08:00"), #"""
                "action":"DELETE","bizStep":"unpacking","disposition":"in_progress","parentID":"\#(pallet)",
                "childEPCs":["\#(caseA)","\#(caseB)"],
                "readPoint":{"id":"\#(Self.distributor)"},"bizLocation":{"id":"\#(Self.distributor)"}
                """#),
            event("ObjectEvent", time(1, "09:00"), #"""
                "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(caseA)"],
                "readPoint":{"id":"\#(Self.distributor)"},
                "destinationList":[{"type":"location","destination":"\#(Self.supermarketA)"}]
                """#),
            event("ObjectEvent", time(1, "09:10"), #"""
                "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(caseB)"],
                "readPoint":{"id":"\#(Self.distributor)"},
                "destinationList":[{"type":"location","destination":"\#(Self.supermarketB)"}]
                """#),
            event("ObjectEvent", time(1, "11:00"), #"""
                "action":"OBSERVE","bizStep":"receiving","disposition":"sellable_not_accessible","epcList":["\#(caseA)"],
                "readPoint":{"id":"\#(Self.supermarketA)"},"bizLocation":{"id":"\#(Self.supermarketA)"}
                """#),
            event("ObjectEvent", time(1, "11:30"), #"""
                "action":"OBSERVE","bizStep":"receiving","disposition":"sellable_not_accessible","epcList":["\#(caseB)"],
                "readPoint":{"id":"\#(Self.supermarketB)"},"bizLocation":{"id":"\#(Self.supermarketB)"}
                """#),
        ]
    }

    /// Names and addresses of places and products, as EPCIS master data.
    static var masterData: String {
        func location(_ id: String, _ name: String, _ street: String, _ city: String) -> String {
            #"{"id":"\#(id)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"\#(name)"},{"id":"urn:epcglobal:cbv:mda#streetAddressOne","attribute":"\#(street)"},{"id":"urn:epcglobal:cbv:mda#city","attribute":"\#(city)"},{"id":"urn:epcglobal:cbv:mda#countryCode","attribute":"VN"}]}"#
        }
        func product(_ gtin: String, _ name: String) -> String {
            #"{"id":"https://id.gs1.org/01/\#(gtin)","attributes":[{"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":"\#(name)"}]}"#
        }
        let locations = [
            location(farm, "HTX Rau an toàn Đông Triều", "Thôn Đông Sơn", "Đông Triều, Quảng Ninh"),
            location(packhouse, "Cơ sở sơ chế rau Quảng Yên", "Khu công nghiệp Đông Mai", "Quảng Yên, Quảng Ninh"),
            location(distributor, "Công ty Phân phối Nông sản Long Biên", "Số 12 Ngọc Thụy", "Long Biên, Hà Nội"),
            location(supermarketA, "Siêu thị Xanh Cầu Giấy", "Số 5 Trần Thái Tông", "Cầu Giấy, Hà Nội"),
            location(supermarketB, "Siêu thị Xanh Hoàng Mai", "Số 88 Tam Trinh", "Hoàng Mai, Hà Nội"),
        ].joined(separator: ",")
        let products = [
            product(produceGTIN, "Rau cải ngọt VietGAP (hàng rời)"),
            product(packGTIN, "Rau cải ngọt VietGAP túi 500 g"),
        ].joined(separator: ",")
        return #"{"vocabularyList":[{"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[\#(locations)]},{"type":"urn:epcglobal:epcis:vtype:EPCClass","vocabularyElementList":[\#(products)]}]}"#
    }

    /// The whole chain as one capture document, with master data in its header.
    var document: String {
        #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"\#(time(3, "00:00"))","epcisHeader":{"epcisMasterData":\#(Self.masterData)},"epcisBody":{"eventList":[\#(events.joined(separator: ","))]}}"#
    }
}
