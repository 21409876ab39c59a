import GS1

/// A realistic Vietnamese supply chain as an EPCIS 2.0 JSON-LD document. The default scenario:
/// VietGAP choy sum (rau cải ngọt) harvested by a cooperative in Đông Triều (Quảng Ninh), washed
/// and packed in Quảng Yên, palletised and shipped to a distributor in Long Biên (Hà Nội),
/// unpacked there and delivered to two supermarkets; also white-leg shrimp from Đầm Hà and
/// OCOP Phúc Trạch pomelo from Hà Tĩnh. Company prefixes are fictional (GS1 Vietnam's range is
/// 893); check digits are computed, not typed.
///
/// `variant` makes every identifier and time distinct, so tests and benchmarks can capture
/// many chains into one store.
package struct DemoSupplyChain {
    let variant: Int
    /// Harvest day as "YYYY-MM-DD"; the chain runs over the following three days.
    let day: String
    let scenario: Scenario

    package init(variant: Int = 1, day: String = "2026-11-20", scenario: Scenario = .vegetables) {
        self.variant = variant
        self.day = day
        self.scenario = scenario
    }

    /// Names and quantities of one kind of chain; identifiers and structure are shared.
    package struct Scenario: Sendable {
        let code: String
        /// Fictional GS1 company prefix in GS1 Vietnam's 893 range, one per scenario.
        let companyPrefix: String
        let producer: (name: String, street: String, city: String)
        let processor: (name: String, street: String, city: String)
        let distributor: (name: String, street: String, city: String)
        let shopA: (name: String, street: String, city: String)
        let shopB: (name: String, street: String, city: String)
        let rawProduct: String
        let packedProduct: String
        let rawQuantity: (made: Int, used: Int, uom: String)

        package static let vegetables = Scenario(
            code: "TH", companyPrefix: "8935001",
            producer: ("HTX Rau an toàn Đông Triều", "Thôn Đông Sơn", "Đông Triều, Quảng Ninh"),
            processor: ("Cơ sở sơ chế rau Quảng Yên", "Khu công nghiệp Đông Mai", "Quảng Yên, Quảng Ninh"),
            distributor: ("Công ty Phân phối Nông sản Long Biên", "Số 12 Ngọc Thụy", "Long Biên, Hà Nội"),
            shopA: ("Siêu thị Xanh Cầu Giấy", "Số 5 Trần Thái Tông", "Cầu Giấy, Hà Nội"),
            shopB: ("Siêu thị Xanh Hoàng Mai", "Số 88 Tam Trinh", "Hoàng Mai, Hà Nội"),
            rawProduct: "Rau cải ngọt VietGAP (hàng rời)", packedProduct: "Rau cải ngọt VietGAP túi 500 g",
            rawQuantity: (500, 480, "KGM"))

        static let seafood = Scenario(
            code: "TOM", companyPrefix: "8935002",
            producer: ("HTX Nuôi trồng thủy sản Đầm Hà", "Xã Đầm Hà", "Đầm Hà, Quảng Ninh"),
            processor: ("Nhà máy chế biến thủy sản Vân Đồn", "Cảng Cái Rồng", "Vân Đồn, Quảng Ninh"),
            distributor: ("Kho lạnh Thủy sản Hải Phòng", "Số 3 Lê Thánh Tông", "Ngô Quyền, Hải Phòng"),
            shopA: ("Siêu thị Biển Xanh Ba Đình", "Số 20 Liễu Giai", "Ba Đình, Hà Nội"),
            shopB: ("Siêu thị Biển Xanh Hà Đông", "Số 1 Quang Trung", "Hà Đông, Hà Nội"),
            rawProduct: "Tôm thẻ chân trắng tươi (nguyên liệu)", packedProduct: "Tôm thẻ chân trắng đông lạnh hộp 1 kg",
            rawQuantity: (1200, 1100, "KGM"))

        static let ocop = Scenario(
            code: "BUOI", companyPrefix: "8935003",
            producer: ("HTX Bưởi Phúc Trạch", "Xã Phúc Trạch", "Hương Khê, Hà Tĩnh"),
            processor: ("Cơ sở đóng gói bưởi OCOP Hương Khê", "Thị trấn Hương Khê", "Hương Khê, Hà Tĩnh"),
            distributor: ("Trung tâm phân phối nông sản Vinh", "Số 9 Lê Lợi", "Vinh, Nghệ An"),
            shopA: ("Cửa hàng OCOP Hà Tĩnh", "Số 15 Phan Đình Phùng", "Thành Sen, Hà Tĩnh"),
            shopB: ("Siêu thị Xanh Đống Đa", "Số 40 Tây Sơn", "Đống Đa, Hà Nội"),
            rawProduct: "Bưởi Phúc Trạch (quả tươi)", packedProduct: "Bưởi Phúc Trạch OCOP 4 sao hộp 2 quả",
            rawQuantity: (2000, 1900, "KGM"))

        static let all: [Scenario] = [.vegetables, .seafood, .ocop]
    }

    var companyPrefix: String { scenario.companyPrefix }

    func gln(_ reference: String) -> String {
        GS1.appendingCheckDigit(to: companyPrefix + reference)!
    }

    func gtin(indicator: String, _ reference: String) -> String {
        GS1.appendingCheckDigit(to: indicator + companyPrefix + reference)!
    }

    // Places (SGLN URNs with extension 0) and parties.
    var farm: String { "urn:epc:id:sgln:\(companyPrefix).00001.0" }
    var packhouse: String { "urn:epc:id:sgln:\(companyPrefix).00002.0" }
    var distributor: String { "urn:epc:id:sgln:\(companyPrefix).00003.0" }
    var supermarketA: String { "urn:epc:id:sgln:\(companyPrefix).00004.0" }
    var supermarketB: String { "urn:epc:id:sgln:\(companyPrefix).00005.0" }
    var producerParty: String { "urn:epc:id:pgln:\(companyPrefix).00010" }
    var distributorParty: String { "urn:epc:id:pgln:\(companyPrefix).00011" }

    /// Harvested produce in bulk (GTIN of the raw product) and the consumer pack.
    var produceGTIN: String { gtin(indicator: "0", "00001") }
    package var packGTIN: String { gtin(indicator: "0", "00002") }

    package var harvestLot: String { "urn:epc:class:lgtin:\(companyPrefix).000001.\(scenario.code)\(variant)" }
    package var packLotCode: String { "L\(scenario.code)\(variant)" }
    /// The packed lot as a consumer scans it: a GS1 Digital Link.
    var packLotLink: String { "https://id.gs1.org/01/\(packGTIN)/10/\(packLotCode)" }
    package var caseA: String { "urn:epc:id:sgtin:\(companyPrefix).100002.\(variant)01" }
    var caseB: String { "urn:epc:id:sgtin:\(companyPrefix).100002.\(variant)02" }
    /// SSCC URN: company prefix, then extension digit 0 and a 9-digit serial reference.
    var pallet: String {
        let serial = String(variant)
        return "urn:epc:id:sscc:\(companyPrefix).0" + String(repeating: "0", count: 9 - serial.count) + serial
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

    package var events: [String] {
        let despatch = "urn:epcglobal:cbv:bt:\(gln("00002")):DESADV-\(variant)"
        return [
            event("ObjectEvent", time(0, "06:30"), #"""
                "action":"ADD","bizStep":"commissioning","disposition":"active",
                "quantityList":[{"epcClass":"\#(harvestLot)","quantity":\#(scenario.rawQuantity.made),"uom":"\#(scenario.rawQuantity.uom)"}],
                "readPoint":{"id":"\#(farm)"},"bizLocation":{"id":"\#(farm)"},
                "ilmd":{"cbvmda:harvestStartDate":"\#(day)","cbvmda:countryOfOrigin":"VN"}
                """#),
            event("TransformationEvent", time(0, "14:00"), #"""
                "bizStep":"commissioning","disposition":"active",
                "inputQuantityList":[{"epcClass":"\#(harvestLot)","quantity":\#(scenario.rawQuantity.used),"uom":"\#(scenario.rawQuantity.uom)"}],
                "outputQuantityList":[{"epcClass":"\#(packLotLink)","quantity":900,"uom":"EA"}],
                "readPoint":{"id":"\#(packhouse)"},"bizLocation":{"id":"\#(packhouse)"},
                "ilmd":{"cbvmda:bestBeforeDate":"\#(time(5, "00:00").prefix(10))","cbvmda:lotNumber":"\#(packLotCode)"}
                """#),
            event("AggregationEvent", time(0, "16:00"), #"""
                "action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(caseA)",
                "childQuantityList":[{"epcClass":"\#(packLotLink)","quantity":450,"uom":"EA"}],
                "readPoint":{"id":"\#(packhouse)"},"bizLocation":{"id":"\#(packhouse)"}
                """#),
            event("AggregationEvent", time(0, "16:05"), #"""
                "action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(caseB)",
                "childQuantityList":[{"epcClass":"\#(packLotLink)","quantity":450,"uom":"EA"}],
                "readPoint":{"id":"\#(packhouse)"},"bizLocation":{"id":"\#(packhouse)"}
                """#),
            event("AggregationEvent", time(0, "17:00"), #"""
                "action":"ADD","bizStep":"packing","disposition":"in_progress","parentID":"\#(pallet)",
                "childEPCs":["\#(caseA)","\#(caseB)"],
                "readPoint":{"id":"\#(packhouse)"},"bizLocation":{"id":"\#(packhouse)"}
                """#),
            event("ObjectEvent", time(1, "04:00"), #"""
                "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(pallet)"],
                "readPoint":{"id":"\#(packhouse)"},
                "bizTransactionList":[{"type":"desadv","bizTransaction":"\#(despatch)"}],
                "sourceList":[{"type":"owning_party","source":"\#(producerParty)"},{"type":"location","source":"\#(packhouse)"}],
                "destinationList":[{"type":"owning_party","destination":"\#(distributorParty)"},{"type":"location","destination":"\#(distributor)"}]
                """#),
            event("ObjectEvent", time(1, "07:30"), #"""
                "action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","epcList":["\#(pallet)"],
                "readPoint":{"id":"\#(distributor)"},"bizLocation":{"id":"\#(distributor)"},
                "bizTransactionList":[{"type":"desadv","bizTransaction":"\#(despatch)"}]
                """#),
            event("AggregationEvent", time(1, "08:00"), #"""
                "action":"DELETE","bizStep":"unpacking","disposition":"in_progress","parentID":"\#(pallet)",
                "childEPCs":["\#(caseA)","\#(caseB)"],
                "readPoint":{"id":"\#(distributor)"},"bizLocation":{"id":"\#(distributor)"}
                """#),
            event("ObjectEvent", time(1, "09:00"), #"""
                "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(caseA)"],
                "readPoint":{"id":"\#(distributor)"},
                "destinationList":[{"type":"location","destination":"\#(supermarketA)"}]
                """#),
            event("ObjectEvent", time(1, "09:10"), #"""
                "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","epcList":["\#(caseB)"],
                "readPoint":{"id":"\#(distributor)"},
                "destinationList":[{"type":"location","destination":"\#(supermarketB)"}]
                """#),
            event("ObjectEvent", time(1, "11:00"), #"""
                "action":"OBSERVE","bizStep":"receiving","disposition":"sellable_not_accessible","epcList":["\#(caseA)"],
                "readPoint":{"id":"\#(supermarketA)"},"bizLocation":{"id":"\#(supermarketA)"}
                """#),
            event("ObjectEvent", time(1, "11:30"), #"""
                "action":"OBSERVE","bizStep":"receiving","disposition":"sellable_not_accessible","epcList":["\#(caseB)"],
                "readPoint":{"id":"\#(supermarketB)"},"bizLocation":{"id":"\#(supermarketB)"}
                """#),
        ]
    }

    /// Names and addresses of places and products, as EPCIS master data.
    var masterData: String {
        func location(_ id: String, _ place: (name: String, street: String, city: String)) -> String {
            #"{"id":"\#(id)","attributes":[{"id":"urn:epcglobal:cbv:mda#name","attribute":"\#(place.name)"},{"id":"urn:epcglobal:cbv:mda#streetAddressOne","attribute":"\#(place.street)"},{"id":"urn:epcglobal:cbv:mda#city","attribute":"\#(place.city)"},{"id":"urn:epcglobal:cbv:mda#countryCode","attribute":"VN"}]}"#
        }
        func product(_ gtin: String, _ name: String) -> String {
            #"{"id":"https://id.gs1.org/01/\#(gtin)","attributes":[{"id":"urn:epcglobal:cbv:mda#descriptionShort","attribute":"\#(name)"}]}"#
        }
        let locations = [
            location(farm, scenario.producer), location(packhouse, scenario.processor), location(distributor, scenario.distributor),
            location(supermarketA, scenario.shopA), location(supermarketB, scenario.shopB),
        ].joined(separator: ",")
        let products = [product(produceGTIN, scenario.rawProduct), product(packGTIN, scenario.packedProduct)].joined(separator: ",")
        return #"{"vocabularyList":[{"type":"urn:epcglobal:epcis:vtype:BusinessLocation","vocabularyElementList":[\#(locations)]},{"type":"urn:epcglobal:epcis:vtype:EPCClass","vocabularyElementList":[\#(products)]}]}"#
    }

    /// The whole chain as one capture document, with master data in its header.
    package var document: String {
        #"{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"\#(time(3, "00:00"))","epcisHeader":{"epcisMasterData":\#(masterData)},"epcisBody":{"eventList":[\#(events.joined(separator: ","))]}}"#
    }
}
