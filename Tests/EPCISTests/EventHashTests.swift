import Foundation
import Testing
@testable import EPCIS

/// Unit tests of the pre-hash rules one at a time; the shared vectors cover whole events.
@Suite struct EventHashTests {
    // MARK: Helpers

    static func canonical(_ s: String, vocab: StaticString? = nil) -> String {
        var out: [UInt8] = []
        var s = s
        s.withUTF8 { EventHash.appendCanonicalValue($0, vocab: vocab, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func event(_ type: EventType = .object, time: String = "2024-05-01T08:30:00+07:00") -> EPCISEvent {
        EPCISEvent(eventType: type, eventTime: EPCISTimestamp(time)!, eventTimeZoneOffset: "+07:00")
    }

    // MARK: Numbers (expected values are what Python's float()/str() give, as the reference does)

    @Test(arguments: [
        ("1", "1"), ("1.0", "1"), ("452.0", "452"), ("+5", "5"), ("-0", "0"), ("-0.0", "0"), ("007", "7"),
        ("0.50", "0.5"), ("0.1", "0.1"), ("26.0", "26"), ("0.005", "0.005"), ("0.0001", "0.0001"),
        ("0.00001", "1e-05"), ("1e5", "100000"), ("1E+05", "100000"), ("1_000", "1000"), ("1.5e-7", "1.5e-07"),
        (".5", "0.5"), ("5.", "5"), ("-12.340", "-12.34"), ("123456789012345678", "123456789012345680"),
        ("111100001111000011110000", "111100001111000003641344"), ("0.1234567890123456789", "0.12345678901234568"),
        ("1e22", "10000000000000000000000"), ("12.345678901234567", "12.345678901234567"),
        ("9007199254740993", "9007199254740992"), ("-2.5e-10", "-2.5e-10"), ("100.5", "100.5"), ("1e-4", "0.0001"),
        ("2e16", "20000000000000000"), ("12e-3", "0.012"),
        // Not numbers: left as written.
        ("nan", "nan"), ("inf", "inf"), ("abc", "abc"), ("1.2.3", "1.2.3"), ("1e", "1e"), ("_1", "_1"),
        ("1__0", "1__0"), ("0x10", "0x10"), ("+01:00", "+01:00"), ("2019-10-21", "2019-10-21"),
    ])
    func numbersFollowPythonFloat(input: String, expected: String) {
        #expect(Self.canonical(input) == expected)
    }

    @Test func hugeIntegralValueIsWrittenExactly() {
        let expected = "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160"
        #expect(Self.canonical("1e300") == expected)
    }

    // MARK: Timestamps

    @Test(arguments: [
        ("2020-03-04T11:00:30.000+01:00", "2020-03-04T10:00:30.000Z"),
        ("2022-02-16T20:33:31.116000-06:00", "2022-02-17T02:33:31.116Z"),
        ("2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.142Z"),
        ("2023-02-02T11:04:03.1414Z", "2023-02-02T11:04:03.141Z"),
        ("2019-09-10T08:40:21.3142715Z", "2019-09-10T08:40:21.314Z"),
        ("2019-12-31T23:59:59.9995Z", "2020-01-01T00:00:00.000Z"),  // rounding carries into the year
        ("2020-01-14T00:00:00+01:00", "2020-01-13T23:00:00.000Z"),
        ("1969-12-31T23:59:59.5Z", "1969-12-31T23:59:59.500Z"),
    ])
    func timestampsAreUTCMilliseconds(input: String, expected: String) throws {
        var out: [UInt8] = []
        EventHash.appendUTCMilliseconds(try #require(EPCISTimestamp(input)), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == expected)
    }

    // MARK: Identifiers

    @Test(arguments: [
        ("urn:epc:id:sgtin:4012345.011111.9876", "https://id.gs1.org/01/04012345111118/21/9876"),
        ("urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()", "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29"),
        ("urn:epc:id:sgtin:415056789012.0.987654", "https://id.gs1.org/01/04150567890128/21/987654"),
        ("urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338"),
        ("urn:epc:id:sscc:4012345.3111111111", "https://id.gs1.org/00/340123451111111111"),
        ("urn:epc:id:sgln:4012345.00011.987", "https://id.gs1.org/414/4012345000115/254/987"),
        ("urn:epc:id:sgln:4012345.00005.0", "https://id.gs1.org/414/4012345000054"),
        ("urn:epc:id:grai:4012345.00022.334455", "https://id.gs1.org/8003/04012345000221334455"),
        ("urn:epc:id:giai:4000001.111", "https://id.gs1.org/8004/4000001111"),
        ("urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657"),
        ("urn:epc:id:gsrnp:4012345.0000000007", "https://id.gs1.org/8017/401234500000000074"),
        ("urn:epc:id:gdti:4012345.00009.PO-4711", "https://id.gs1.org/253/4012345000092PO-4711"),
        ("urn:epc:id:gdti:987659999999..9", "https://id.gs1.org/253/98765999999929"),
        ("urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234", "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234"),
        ("urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11"),
        ("urn:epc:id:gsin:4012345.222333444", "https://id.gs1.org/402/40123452223334442"),
        ("urn:epc:id:itip:4012345.011111.01.02.987", "https://id.gs1.org/8006/040123451111180102/21/987"),
        ("urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB", "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB"),
        ("urn:epc:id:pgln:4000001.00000", "https://id.gs1.org/417/4000001000005"),
        ("urn:epc:id:pgln:999999999999.", "https://id.gs1.org/417/9999999999994"),
        ("urn:epc:id:sgcn:4012345.99999.44", "https://id.gs1.org/255/401234599999044"),
        ("urn:epc:class:lgtin:4012345.012345.Lot987", "https://id.gs1.org/01/04012345123456/10/Lot987"),
        ("urn:epc:idpat:sgtin:4012345.044444.*", "https://id.gs1.org/01/04012345444445"),
        ("urn:epc:idpat:grai:4012345.66666.*", "https://id.gs1.org/8003/04012345666663"),
        ("urn:epc:idpat:gdti:4012345.55555.*", "https://id.gs1.org/253/4012345555554"),
        ("urn:epc:idpat:sgcn:4012345.99999.*", "https://id.gs1.org/255/4012345999990"),
        ("urn:epc:idpat:cpi:4012345.ABC.*", "https://id.gs1.org/8010/4012345ABC"),
        ("urn:epc:idpat:itip:4012345.012345.01.02.*", "https://id.gs1.org/8006/040123451234560102"),
        // Vietnamese 893 prefix, 9-digit company prefix.
        ("urn:epc:id:sgtin:893123456.0789.A1", "https://id.gs1.org/01/08931234567897/21/A1"),
        // Not convertible: left exactly as written.
        ("urn:epc:id:sgtin:4012345.01111.9876", "urn:epc:id:sgtin:4012345.01111.9876"),
        ("urn:epc:id:sgtin:4012345.011111.", "urn:epc:id:sgtin:4012345.011111."),
        ("urn:epc:id:sscc:4012345.000000033", "urn:epc:id:sscc:4012345.000000033"),
        ("urn:epc:idpat:sgtin:4012345.011111.9876", "urn:epc:idpat:sgtin:4012345.011111.9876"),
        ("urn:epc:id:usdod:2S194.12345678901", "urn:epc:id:usdod:2S194.12345678901"),
        ("urn:epcglobal:cbv:bt:0614141073467:1152", "urn:epcglobal:cbv:bt:0614141073467:1152"),
    ])
    func epcURIsBecomeCanonicalDigitalLinks(input: String, expected: String) {
        #expect(Self.canonical(input) == expected)
    }

    @Test(arguments: [
        ("https://id.gs1.de/01/04012345999990/21/XYZ-1234", "https://id.gs1.org/01/04012345999990/21/XYZ-1234"),
        ("https://id.gs1.org/gtin/09780345418913", "https://id.gs1.org/01/09780345418913"),
        ("https://example.com/gtin/09780345418913/21/765tz?abc=211121", "https://id.gs1.org/01/09780345418913/21/765tz"),
        ("https://example.com/01/9780345418913", "https://id.gs1.org/01/09780345418913"),
        ("https://brand.example.vn/san-pham/01/08931234567894/10/LOT1/21/S1", "https://id.gs1.org/01/08931234567894/21/S1"),
        ("https://example.com/01/08931234567894/22/A/10/LOT1", "https://id.gs1.org/01/08931234567894/10/LOT1"),
        ("https://id.example.org/8004/401234599999", "https://id.gs1.org/8004/401234599999"),
        ("https://example.com/253/4012345000054987", "https://id.gs1.org/253/4012345000054987"),
        ("http://example.com/414/4012345000115/254/1", "https://id.gs1.org/414/4012345000115/254/1"),
        ("https://id.gs1.org/00/040123451111111127/", "https://id.gs1.org/00/040123451111111127"),
        // Not a GS1 Digital Link: unchanged.
        ("http://www.opengis.net/def/crs/EPSG/0/27700", "http://www.opengis.net/def/crs/EPSG/0/27700"),
        ("https://www.ncbi.nlm.nih.gov/taxonomy/1126011", "https://www.ncbi.nlm.nih.gov/taxonomy/1126011"),
        ("http://transaction.acme.com/po/12345678", "http://transaction.acme.com/po/12345678"),
        ("https://example.com/01/09780345418", "https://example.com/01/09780345418"),
        ("https://example.com/01/09780345418913/17/250101", "https://example.com/01/09780345418913/17/250101"),
    ])
    func digitalLinksAreConstrained(input: String, expected: String) {
        #expect(Self.canonical(input) == expected)
    }

    // MARK: Vocabulary, CURIEs, whitespace

    @Test func vocabularyAndCURIEs() {
        #expect(Self.canonical("shipping", vocab: EventHash.Vocab.bizStep) == "https://ref.gs1.org/cbv/BizStep-shipping")
        #expect(Self.canonical("urn:epcglobal:cbv:bizstep:receiving") == "https://ref.gs1.org/cbv/BizStep-receiving")
        #expect(Self.canonical("urn:epcglobal:cbv:disp:in_transit") == "https://ref.gs1.org/cbv/Disp-in_transit")
        #expect(Self.canonical("urn:epcglobal:cbv:btt:po") == "https://ref.gs1.org/cbv/BTT-po")
        #expect(Self.canonical("urn:epcglobal:cbv:sdt:owning_party") == "https://ref.gs1.org/cbv/SDT-owning_party")
        #expect(Self.canonical("urn:epcglobal:cbv:er:incorrect_data") == "https://ref.gs1.org/cbv/ER-incorrect_data")
        #expect(Self.canonical("gs1:Temperature") == "https://gs1.org/voc/Temperature")
        #expect(Self.canonical("cbv:Comp-latitude") == "https://ref.gs1.org/cbv/Comp-latitude")
        #expect(Self.canonical("example:x") == "example:x")
        // A URI in a vocabulary field is not a bare term.
        #expect(Self.canonical("http://epcis.example.com/user/vocab/bizstep/exampling", vocab: EventHash.Vocab.bizStep)
                == "http://epcis.example.com/user/vocab/bizstep/exampling")
    }

    @Test func whitespaceIsTrimmed() {
        #expect(Self.canonical("  OBSERVE\n\t") == "OBSERVE")
        #expect(Self.canonical("\u{00A0}Lô 12\u{3000}") == "Lô 12")
        #expect(Self.canonical(" \n ") == "")
        #expect(Self.canonical(" urn:epc:id:giai:4000001.111 ") == "https://id.gs1.org/8004/4000001111")
    }

    // MARK: Whole events

    @Test func minimalEvent() {
        var e = Self.event()
        e.action = .observe
        e.epcList = ["urn:epc:id:sgtin:4012345.011111.2", "urn:epc:id:sgtin:4012345.011111.10"]
        #expect(EventHash.preHashString(e) == "eventType=ObjectEventeventTime=2024-05-01T01:30:00.000ZeventTimeZoneOffset=+07:00"
                + "epcListepc=https://id.gs1.org/01/04012345111118/21/10epc=https://id.gs1.org/01/04012345111118/21/2action=OBSERVE")
    }

    @Test func excludedFieldsDoNotChangeTheHash() {
        var a = Self.event()
        a.action = .observe
        a.bizStep = "shipping"
        var b = a
        b.eventID = "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8"
        b.recordTime = EPCISTimestamp("2024-05-02T00:00:00Z")
        b.errorDeclaration = ErrorDeclaration(declarationTime: EPCISTimestamp("2024-05-03T00:00:00Z")!, reason: "incorrect_data")
        b.extensions.append("rdfs:comment", "a note")
        #expect(a.hashID == b.hashID)
        b.disposition = "in_transit"
        #expect(a.hashID != b.hashID)
    }

    @Test func listOrderAndIdentifierSpellingDoNotMatter() {
        var a = Self.event()
        a.action = .add
        a.epcList = ["urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/01/04012345111118/21/9876"]
        a.bizTransactionList = [BizTransaction(type: "po", value: "urn:epc:id:gdti:4012345.11111.123"),
                                BizTransaction(type: "desadv", value: "urn:epcglobal:cbv:bt:4012345000009:A1")]
        var b = a
        b.epcList = ["urn:epc:id:sgtin:4012345.011111.9876", "https://example.com/00/040123450000003338?x=1"]
        b.bizTransactionList.reverse()
        b.bizTransactionList[0].type = "urn:epcglobal:cbv:btt:desadv"
        #expect(EventHash.preHashString(a) == EventHash.preHashString(b))
    }

    @Test func userExtensionsUseNamespacesAndSort() {
        var e = Self.event()
        e.action = .observe
        e.readPoint = Location(id: "urn:epc:id:sgln:8931234.00001.0", extensions: ["ex:zone": "B", "ex:aisle": 7])
        e.extensions = ["ex:temperature": .number("4.50"), "ex:flags": ["b", "a"], "ex:ok": true,
                        "other:x": ["ex:y": "1", "#text": "t"]]
        let o = EventHash.Options(namespaces: ["ex": "https://ns.nguon.vn/epcis/"])
        let ns = "{https://ns.nguon.vn/epcis/}"
        #expect(EventHash.preHashString(e, options: o) == "eventType=ObjectEventeventTime=2024-05-01T01:30:00.000ZeventTimeZoneOffset=+07:00"
                + "action=OBSERVEreadPointid=https://id.gs1.org/414/8931234000011\(ns)aisle=7\(ns)zone=B"
                + "other:x=t\(ns)y=1\(ns)flags=a\(ns)flags=b\(ns)ok=true\(ns)temperature=4.5")
    }

    @Test func ignoredFieldsFromTheDocument() throws {
        let json = """
        {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                      {"ex": "https://ns.example.com/", "repo": "https://repo.example.com/"}],
         "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2024-01-01T00:00:00Z",
         "repo:ignoreFields": ["repo:hash", "ex:captureID"],
         "epcisBody": {"eventList": [
           {"type": "ObjectEvent", "eventTime": "2024-01-01T00:00:00Z", "eventTimeZoneOffset": "+00:00",
            "action": "OBSERVE", "repo:hash": "x", "ex:captureID": "y", "ex:kept": "z"}]}}
        """
        let doc = try EPCISDocument(json: Array(json.utf8))
        #expect(EventHash.preHashStrings(doc) == ["eventType=ObjectEventeventTime=2024-01-01T00:00:00.000Z"
                                                  + "eventTimeZoneOffset=+00:00action=OBSERVE{https://ns.example.com/}kept=z"])
    }

    @Test func standardContextPrefixesNeedNoDeclaration() {
        var e = Self.event()
        e.action = .add
        e.ilmd = ["cbvmda:lotNumber": "LOT-1", "cbvmda:itemExpirationDate": "2025-01-31"]
        #expect(EventHash.preHashString(e).hasSuffix("ilmd{urn:epcglobal:cbv:mda:}itemExpirationDate=2025-01-31{urn:epcglobal:cbv:mda:}lotNumber=LOT-1"))
        // A document may still rebind a standard prefix.
        let o = EventHash.Options(namespaces: ["cbvmda": "urn:example:"])
        #expect(EventHash.preHashString(e, options: o).hasSuffix("ilmd{urn:example:}itemExpirationDate=2025-01-31{urn:example:}lotNumber=LOT-1"))
    }

    @Test func xmlAttributesAndTextInExtensions() {
        // How the XML binding maps <ex:f unit="KGM" ex:k="1">12.50</ex:f>: "@unit" is an
        // unqualified attribute, "#text" the element's own value; both are data.
        var e = Self.event()
        e.action = .observe
        e.extensions = ["ex:f": ["@unit": "KGM", "ex:k": "1", "#text": "12.50"]]
        let o = EventHash.Options(namespaces: ["ex": "urn:x:"])
        #expect(EventHash.preHashString(e, options: o).hasSuffix("action=OBSERVE{urn:x:}f=12.5unit=KGM{urn:x:}k=1"))
    }

    @Test func sensorReportsSortWithinTheirElement() {
        var e = Self.event()
        e.action = .observe
        e.sensorElementList = [SensorElement(
            sensorMetadata: SensorMetadata(time: EPCISTimestamp("2024-05-01T08:00:00+07:00"), deviceID: "urn:epc:id:giai:4000001.111"),
            sensorReport: [SensorReport(type: "Temperature", value: 26.5, uom: "CEL"),
                           SensorReport(type: "AbsoluteHumidity", value: EPCISNumber(lexical: "12.10"), uom: "A93"),
                           SensorReport(type: "gs1:MT-Speed", booleanValue: true)])]
        #expect(EventHash.preHashString(e).hasSuffix(
            "sensorElementListsensorElementsensorMetadatatime=2024-05-01T01:00:00.000ZdeviceID=https://id.gs1.org/8004/4000001111"
            + "sensorReporttype=https://gs1.org/voc/AbsoluteHumidityvalue=12.1uom=A93"
            + "sensorReporttype=https://gs1.org/voc/MT-SpeedbooleanValue=true"
            + "sensorReporttype=https://gs1.org/voc/Temperaturevalue=26.5uom=CEL"))
    }

    @Test func hashIDFormat() {
        let id = EventHash.hashID(ofPreHash: Array("abc".utf8))
        #expect(id == "ni:///sha-256;ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad?ver=CBV2.0")
    }
}
