/// A place in the two-tier administration: a province (2-digit code), or a commune, ward or
/// special zone (5-digit code) with the province it belongs to.
public struct AdminArea: Sendable, Equatable, Hashable, Codable {
    public let province: String
    public let commune: String?

    public init(province: String, commune: String? = nil) {
        self.province = province
        self.commune = commune
    }

    /// The unit's own code: the commune's when there is one.
    public var code: String { commune ?? province }

    /// Whether `other` lies inside this area (a province holds its communes).
    public func contains(_ other: AdminArea) -> Bool {
        guard province == other.province else { return false }
        guard let commune else { return true }
        return other.commune == commune
    }

    /// Administrative unit codes are digit strings with their leading zeros (Decision 19/2025/QĐ-TTg):
    /// 2 digits for provinces, 5 for communes, wards and special zones.
    public static func isProvinceCode(_ code: String) -> Bool { code.utf8.count == 2 && code.utf8.allSatisfy { (48...57).contains($0) } }
    public static func isCommuneCode(_ code: String) -> Bool { code.utf8.count == 5 && code.utf8.allSatisfy { (48...57).contains($0) } }
}

/// Who is acting: a signed-in account or an API token, with what it may reach.
/// Every repository takes one and turns `scope(for:)` into its SQL filter, so a page or an API
/// route cannot reach past it even with a guessed ID.
public struct Principal: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case user
        /// An API token; capture and read are its scopes.
        case token(scopes: Set<TokenScope>)
    }

    public let id: String
    public let name: String
    public let kind: Kind
    public let role: Role
    public let department: Department?
    /// Officers and inspectors: where they act. Nil for roles that have none.
    public let jurisdiction: AdminArea?
    /// Business users and organisation tokens: the one organisation they belong to.
    public let organisationID: String?

    public init(id: String, name: String, kind: Kind = .user, role: Role, department: Department? = nil,
                jurisdiction: AdminArea? = nil, organisationID: String? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.role = role
        self.department = department
        self.jurisdiction = jurisdiction
        self.organisationID = organisationID
    }

    public var isToken: Bool { if case .token = kind { true } else { false } }
}

public enum TokenScope: String, Sendable, CaseIterable, Codable {
    /// Post EPCIS documents and read back their capture jobs.
    case capture
    /// Read the EPCIS repository and the trace API (integrations such as the national portal).
    case read
}

/// Which rows of a kind of record a principal reaches.
public enum RecordScope: Sendable, Equatable {
    case everything
    /// Rows located inside the area.
    case area(AdminArea)
    /// Rows of one organisation.
    case organisation(String)
    case nothing
}

/// The kinds of record access is decided for.
public enum Resource: Sendable, CaseIterable {
    case organisations
    case users
    case apiTokens
    case auditLog
    case adminUnits
    /// The EPCIS repository and the trace built on it.
    case traceability
    /// GS1 keys (GTINs, GLNs) given to organisations from the province's prefixes.
    case gs1Codes
    /// The GS1 company prefixes Nguồn knows: the province's pools and organisations' own.
    case gs1Prefixes
    /// Organisations' facilities, products and lots: placed by the facility's or the organisation's area.
    case registry
    /// Certificates and commitments of facilities: placed by the facility's area.
    case foodSafety
    /// Inspections, their plans, violations and poisoning incidents: placed by the facility's area.
    case inspections
}

public enum AccessMode: Sendable {
    case read, write
}

extension Principal {
    /// The single table of who reaches what; repositories apply it, pages only hide links.
    public func scope(for resource: Resource, _ mode: AccessMode) -> RecordScope {
        if case .token(let scopes) = kind {
            // Tokens reach only the EPCIS interface, never the administration.
            guard resource == .traceability else { return .nothing }
            switch mode {
            case .write: return scopes.contains(.capture) ? (organisationID.map(RecordScope.organisation) ?? .everything) : .nothing
            // Reading the repository shows every business's movements: integrations only, not a business's token.
            case .read: return scopes.contains(.read) && organisationID == nil ? .everything : .nothing
            }
        }
        switch (resource, role, mode) {
        case (_, .admin, _): return .everything
        case (.adminUnits, _, .read): return .everything
        case (.adminUnits, _, .write): return .nothing

        case (.organisations, .departmentOfficer, _), (.organisations, .communeOfficer, _):
            return jurisdiction.map(RecordScope.area) ?? .nothing
        case (.organisations, .inspector, .read):
            return jurisdiction.map(RecordScope.area) ?? .nothing
        // Auditors read the whole system, the audit log included; they have no jurisdiction.
        case (.organisations, .auditor, .read):
            return .everything
        case (.organisations, .business, .read):
            return organisationID.map(RecordScope.organisation) ?? .nothing

        case (.users, .auditor, .read): return .everything

        case (.apiTokens, .business, _): return organisationID.map(RecordScope.organisation) ?? .nothing
        case (.apiTokens, .auditor, .read): return .everything

        case (.auditLog, .auditor, .read): return .everything

        // A recall follows the product across provinces, so officers read the whole chain;
        // businesses write their own events and read them back through their capture jobs.
        case (.traceability, .departmentOfficer, .read), (.traceability, .communeOfficer, .read),
             (.traceability, .inspector, .read), (.traceability, .auditor, .read):
            return .everything
        case (.traceability, .business, .write):
            return organisationID.map(RecordScope.organisation) ?? .nothing
        // Codes go to organisations as officers register them, or when an organisation asks.
        case (.gs1Codes, .departmentOfficer, _), (.gs1Codes, .communeOfficer, _), (.gs1Codes, .inspector, .read):
            return jurisdiction.map(RecordScope.area) ?? .nothing
        case (.gs1Codes, .business, _):
            return organisationID.map(RecordScope.organisation) ?? .nothing
        case (.gs1Codes, .auditor, .read), (.gs1Prefixes, .auditor, .read):
            return .everything
        // Officers register and edit records in their jurisdiction; inspectors read them there;
        // a business keeps its own organisation's.
        case (.registry, .departmentOfficer, _), (.registry, .communeOfficer, _), (.registry, .inspector, .read):
            return jurisdiction.map(RecordScope.area) ?? .nothing
        case (.registry, .business, _):
            return organisationID.map(RecordScope.organisation) ?? .nothing
        case (.registry, .auditor, .read):
            return .everything
        // Officers certify and take commitments in their jurisdiction; inspectors read them there
        // (they inspect against them); a business sees its own facilities' papers.
        case (.foodSafety, .departmentOfficer, _), (.foodSafety, .communeOfficer, _), (.foodSafety, .inspector, .read):
            return jurisdiction.map(RecordScope.area) ?? .nothing
        case (.foodSafety, .business, .read):
            return organisationID.map(RecordScope.organisation) ?? .nothing
        case (.foodSafety, .auditor, .read):
            return .everything
        // Inspectors inspect and record violations in their jurisdiction, as officers do; a
        // business reads the inspections and violations of its own facilities.
        case (.inspections, .departmentOfficer, _), (.inspections, .communeOfficer, _), (.inspections, .inspector, _):
            return jurisdiction.map(RecordScope.area) ?? .nothing
        case (.inspections, .business, .read):
            return organisationID.map(RecordScope.organisation) ?? .nothing
        case (.inspections, .auditor, .read):
            return .everything

        default: return .nothing
        }
    }

    public func can(_ mode: AccessMode, _ resource: Resource) -> Bool {
        scope(for: resource, mode) != .nothing
    }

    /// Whether a record located at `area` and belonging to `organisationID` is inside the scope.
    public func reaches(_ resource: Resource, _ mode: AccessMode, area: AdminArea?, organisationID owner: String?) -> Bool {
        switch scope(for: resource, mode) {
        case .everything: true
        case .nothing: false
        case .area(let mine): area.map(mine.contains) ?? false
        case .organisation(let mine): owner == mine
        }
    }
}
