import Hummingbird

/// Every path the server answers, in one place: the router registers `routePath`, views link with
/// `url(...)`, so a renamed page cannot leave dead links behind.
public enum SiteURL: Sendable, Equatable {
    // public pages
    case home
    case gs1Check
    case asset(Asset)
    case qrSVG
    case qrPNG
    // resolver
    case wellKnownResolver
    // operations
    case healthz
    // api v1
    case apiGS1Parse
    case apiGS1DigitalLink
    case apiTrace
    // accounts
    case signIn
    case signOut
    case account
    case accountPassword
    // administration
    case admin
    case users
    case user(String)
    case userPasswordReset(String)
    case organisations
    case organisationsExport
    case organisation(String)
    case organisationCodes(String)
    case organisationFacilities(String)
    case products
    case registryImport
    case registryImportConfirm(String)
    case productsExport
    case facilities
    case facilitiesExport
    case organisationProducts(String)
    case facility(String)
    case product(String)
    case productImage(String)
    case productImageUpload(String)
    case workspace
    case workspaceDiary
    case workspaceHarvest
    case workspacePack
    case workspaceShip
    case workspaceReceive
    case workspaceLot(String)
    case workspaceServiceWorker
    case workspaceLotLabels(String)
    case certificates
    case certificateReminders
    case certificateRemindersExport
    case facilityCertificates(String)
    case certificate(String)
    case certificateState(String)
    case certificateDocument(String)
    case facilityCommitments(String)
    case commitment(String)
    case commitmentDocument(String)
    case inspections
    case inspectionProposals
    case facilityInspections(String)
    case inspection(String)
    case inspectionDocuments(String)
    case inspectionDocument(String, String)
    case violations
    case facilityViolations(String)
    case violation(String)
    case facilityIncidents(String)
    case incident(String)
    case programmes
    case programme(String)
    case facilitySamples(String)
    case sample(String)
    case recalls
    case recall(String)
    case recallHolder(String)
    case recallScope(String)
    case recallClose(String)
    case recallExport(String)
    case recallNotice(String)
    case gs1Prefixes
    case tokens
    case tokenRevoke(String)
    case auditLog
    case auditLogExport
    case adminUnits
    // epcis
    case epcisCapture
    case epcisCaptureJob(String)
    case epcisEvents
    case epcisEvent(String)
    case epcisRoot
    case epcisResource(String)

    public enum Asset: String, Sendable, CaseIterable {
        case siteCSS = "site.css"
        case favicon = "favicon.svg"
        case producerJS = "producer.js"
    }

    /// Path as the router sees it (`:name` for parameters).
    public var routePath: RouterPath { RouterPath(routeString) }

    var routeString: String {
        switch self {
        case .asset: "/assets/:name"
        case .epcisCaptureJob: "/epcis/capture/:captureID"
        case .epcisEvent: "/epcis/events/:eventID"
        case .user: "/quan-tri/nguoi-dung/:id"
        case .userPasswordReset: "/quan-tri/nguoi-dung/:id/dat-lai-mat-khau"
        case .organisation: "/quan-tri/to-chuc/:id"
        case .organisationCodes: "/quan-tri/to-chuc/:id/ma-gs1"
        case .organisationFacilities: "/quan-tri/to-chuc/:id/co-so"
        case .organisationProducts: "/quan-tri/to-chuc/:id/san-pham"
        case .facility: "/quan-tri/co-so/:id"
        case .product: "/quan-tri/san-pham/:id"
        case .productImage: "/anh/:id"
        case .productImageUpload: "/quan-tri/san-pham/:id/anh"
        case .workspaceLot: "/san-xuat/lo/:id"
        case .registryImportConfirm: "/quan-tri/nhap/:id/xac-nhan"
        case .workspaceLotLabels: "/san-xuat/lo/:id/tem"
        case .tokenRevoke: "/quan-tri/ma-truy-cap/:id/thu-hoi"
        case .facilityCertificates: "/quan-tri/co-so/:id/chung-nhan"
        case .certificate: "/quan-tri/chung-nhan/:id"
        case .certificateState: "/quan-tri/chung-nhan/:id/trang-thai"
        case .certificateDocument: "/quan-tri/chung-nhan/:id/ban-quet"
        case .facilityCommitments: "/quan-tri/co-so/:id/cam-ket"
        case .commitment: "/quan-tri/cam-ket/:id"
        case .commitmentDocument: "/quan-tri/cam-ket/:id/ban-quet"
        case .facilityInspections: "/quan-tri/co-so/:id/kiem-tra"
        case .inspection: "/quan-tri/kiem-tra/:id"
        case .inspectionDocuments: "/quan-tri/kiem-tra/:id/tai-lieu"
        case .inspectionDocument: "/quan-tri/kiem-tra/:id/tai-lieu/:document"
        case .facilityViolations: "/quan-tri/co-so/:id/vi-pham"
        case .violation: "/quan-tri/vi-pham/:id"
        case .facilityIncidents: "/quan-tri/co-so/:id/ngo-doc"
        case .incident: "/quan-tri/ngo-doc/:id"
        case .programme: "/quan-tri/giam-sat/:id"
        case .facilitySamples: "/quan-tri/co-so/:id/mau"
        case .sample: "/quan-tri/mau/:id"
        case .recall: "/quan-tri/thu-hoi/:id"
        case .recallHolder: "/quan-tri/thu-hoi/:id/noi-nhan"
        case .recallScope: "/quan-tri/thu-hoi/:id/pham-vi"
        case .recallClose: "/quan-tri/thu-hoi/:id/ket-thuc"
        case .recallExport: "/quan-tri/thu-hoi/:id/xuat"
        case .recallNotice: "/thu-hoi/:code"
        default: path
        }
    }

    public var path: String {
        switch self {
        case .home: "/"
        case .gs1Check: "/gs1"
        case .asset(let asset): "/assets/\(asset.rawValue)"
        case .qrSVG: "/qr.svg"
        case .qrPNG: "/qr.png"
        case .healthz: "/healthz"
        case .wellKnownResolver: "/.well-known/gs1resolver"
        case .apiGS1Parse: "/api/v1/gs1/parse"
        case .apiGS1DigitalLink: "/api/v1/gs1/digital-link"
        case .apiTrace: "/api/v1/trace"
        case .signIn: "/dang-nhap"
        case .signOut: "/dang-xuat"
        case .account: "/tai-khoan"
        case .accountPassword: "/tai-khoan/mat-khau"
        case .admin: "/quan-tri"
        case .users: "/quan-tri/nguoi-dung"
        case .user(let id): "/quan-tri/nguoi-dung/\(Self.encode(id))"
        case .userPasswordReset(let id): "/quan-tri/nguoi-dung/\(Self.encode(id))/dat-lai-mat-khau"
        case .organisations: "/quan-tri/to-chuc"
        case .organisationsExport: "/quan-tri/to-chuc/xuat"
        case .organisation(let id): "/quan-tri/to-chuc/\(Self.encode(id))"
        case .organisationCodes(let id): "/quan-tri/to-chuc/\(Self.encode(id))/ma-gs1"
        case .organisationFacilities(let id): "/quan-tri/to-chuc/\(Self.encode(id))/co-so"
        case .organisationProducts(let id): "/quan-tri/to-chuc/\(Self.encode(id))/san-pham"
        case .facility(let id): "/quan-tri/co-so/\(Self.encode(id))"
        case .product(let id): "/quan-tri/san-pham/\(Self.encode(id))"
        case .productImage(let id): "/anh/\(Self.encode(id))"
        case .productImageUpload(let id): "/quan-tri/san-pham/\(Self.encode(id))/anh"
        case .workspace: "/san-xuat"
        case .workspaceDiary: "/san-xuat/nhat-ky"
        case .workspaceHarvest: "/san-xuat/thu-hoach"
        case .workspacePack: "/san-xuat/dong-goi"
        case .workspaceShip: "/san-xuat/giao-hang"
        case .workspaceReceive: "/san-xuat/nhan-hang"
        case .workspaceLot(let id): "/san-xuat/lo/\(Self.encode(id))"
        case .workspaceServiceWorker: "/san-xuat/sw.js"
        case .workspaceLotLabels(let id): "/san-xuat/lo/\(Self.encode(id))/tem"
        case .products: "/quan-tri/san-pham"
        case .registryImport: "/quan-tri/nhap"
        case .registryImportConfirm(let id): "/quan-tri/nhap/\(Self.encode(id))/xac-nhan"
        case .productsExport: "/quan-tri/san-pham/xuat"
        case .facilities: "/quan-tri/co-so"
        case .facilitiesExport: "/quan-tri/co-so/xuat"
        case .certificates: "/quan-tri/chung-nhan"
        case .certificateReminders: "/quan-tri/chung-nhan/nhac-han"
        case .certificateRemindersExport: "/quan-tri/chung-nhan/nhac-han/xuat"
        case .facilityCertificates(let id): "/quan-tri/co-so/\(Self.encode(id))/chung-nhan"
        case .certificate(let id): "/quan-tri/chung-nhan/\(Self.encode(id))"
        case .certificateState(let id): "/quan-tri/chung-nhan/\(Self.encode(id))/trang-thai"
        case .certificateDocument(let id): "/quan-tri/chung-nhan/\(Self.encode(id))/ban-quet"
        case .facilityCommitments(let id): "/quan-tri/co-so/\(Self.encode(id))/cam-ket"
        case .commitment(let id): "/quan-tri/cam-ket/\(Self.encode(id))"
        case .commitmentDocument(let id): "/quan-tri/cam-ket/\(Self.encode(id))/ban-quet"
        case .inspections: "/quan-tri/kiem-tra"
        case .inspectionProposals: "/quan-tri/kiem-tra/de-xuat"
        case .facilityInspections(let id): "/quan-tri/co-so/\(Self.encode(id))/kiem-tra"
        case .inspection(let id): "/quan-tri/kiem-tra/\(Self.encode(id))"
        case .inspectionDocuments(let id): "/quan-tri/kiem-tra/\(Self.encode(id))/tai-lieu"
        case .inspectionDocument(let id, let document): "/quan-tri/kiem-tra/\(Self.encode(id))/tai-lieu/\(Self.encode(document))"
        case .violations: "/quan-tri/vi-pham"
        case .facilityViolations(let id): "/quan-tri/co-so/\(Self.encode(id))/vi-pham"
        case .violation(let id): "/quan-tri/vi-pham/\(Self.encode(id))"
        case .facilityIncidents(let id): "/quan-tri/co-so/\(Self.encode(id))/ngo-doc"
        case .incident(let id): "/quan-tri/ngo-doc/\(Self.encode(id))"
        case .programmes: "/quan-tri/giam-sat"
        case .programme(let id): "/quan-tri/giam-sat/\(Self.encode(id))"
        case .facilitySamples(let id): "/quan-tri/co-so/\(Self.encode(id))/mau"
        case .sample(let id): "/quan-tri/mau/\(Self.encode(id))"
        case .recalls: "/quan-tri/thu-hoi"
        case .recall(let id): "/quan-tri/thu-hoi/\(Self.encode(id))"
        case .recallHolder(let id): "/quan-tri/thu-hoi/\(Self.encode(id))/noi-nhan"
        case .recallScope(let id): "/quan-tri/thu-hoi/\(Self.encode(id))/pham-vi"
        case .recallClose(let id): "/quan-tri/thu-hoi/\(Self.encode(id))/ket-thuc"
        case .recallExport(let id): "/quan-tri/thu-hoi/\(Self.encode(id))/xuat"
        case .recallNotice(let code): "/thu-hoi/\(Self.encode(code))"
        case .gs1Prefixes: "/quan-tri/ma-gs1"
        case .tokens: "/quan-tri/ma-truy-cap"
        case .tokenRevoke(let id): "/quan-tri/ma-truy-cap/\(Self.encode(id))/thu-hoi"
        case .auditLog: "/quan-tri/nhat-ky"
        case .auditLogExport: "/quan-tri/nhat-ky/xuat"
        case .adminUnits: "/quan-tri/don-vi-hanh-chinh"
        case .epcisCapture: "/epcis/capture"
        case .epcisCaptureJob(let id): "/epcis/capture/\(Self.encode(id))"
        case .epcisEvents: "/epcis/events"
        case .epcisEvent(let id): "/epcis/events/\(Self.encode(id))"
        case .epcisRoot: "/epcis"
        case .epcisResource(let name): "/epcis/\(name)"
        }
    }

    /// Path with a percent-encoded query string; pairs with a nil value are left out.
    public func url(_ query: [(String, String?)] = []) -> String {
        let pairs = query.compactMap { key, value in value.map { "\(Self.encode(key))=\(Self.encode($0))" } }
        return pairs.isEmpty ? path : path + "?" + pairs.joined(separator: "&")
    }

    /// RFC 3986 unreserved characters stay; everything else, UTF-8 included, is percent-encoded.
    static func encode(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
