// Standard vocabularies of GS1 Core Business Vocabulary (CBV) 2.0 (ratified June 2022):
// §7.2 business steps, §7.3 dispositions, §7.4 business transaction types, §7.5 source/destination
// types, §7.6 error reasons, §7.7 sensor-report components; measurement types and sensor alert
// types come from the GS1 Web Vocabulary as EPCIS 2.0 §7.3.8 references them (measurement types in
// CBV+MeasurementTypes.swift). The lists match the enums of the EPCIS 2.0 JSON schema and the term
// maps in epcis-context.jsonld.

/// CBV 2.0 vocabularies and the three spellings each standard term has.
public enum CBV {
    /// A vocabulary-valued EPCIS field.
    public enum Vocabulary: String, Sendable, Hashable, CaseIterable {
        case bizStep, disposition, bizTransactionType, sourceDestinationType, errorReason
        case measurementType, component, sensorAlertType

        /// The standard terms, as EPCIS 2.0 JSON writes them.
        public var terms: Set<String> {
            switch self {
            case .bizStep: CBV.bizSteps
            case .disposition: CBV.dispositions
            case .bizTransactionType: CBV.bizTransactionTypes
            case .sourceDestinationType: CBV.sourceDestinationTypes
            case .errorReason: CBV.errorReasons
            case .measurementType: CBV.measurementTypes
            case .component: CBV.components
            case .sensorAlertType: CBV.sensorAlertTypes
            }
        }

        /// EPCIS 1.x / XML URN prefix; nil for vocabularies introduced with EPCIS 2.0.
        public var urnPrefix: String? {
            switch self {
            case .bizStep: "urn:epcglobal:cbv:bizstep:"
            case .disposition: "urn:epcglobal:cbv:disp:"
            case .bizTransactionType: "urn:epcglobal:cbv:btt:"
            case .sourceDestinationType: "urn:epcglobal:cbv:sdt:"
            case .errorReason: "urn:epcglobal:cbv:er:"
            case .measurementType, .component, .sensorAlertType: nil
            }
        }

        /// Local-name prefix after the web vocabulary base ("BizStep-" in cbv:BizStep-shipping).
        var localPrefix: String {
            switch self {
            case .bizStep: "BizStep-"
            case .disposition: "Disp-"
            case .bizTransactionType: "BTT-"
            case .sourceDestinationType: "SDT-"
            case .errorReason: "ER-"
            case .component: "Comp-"
            // GS1 Web Vocabulary terms have no class prefix: gs1:Temperature, gs1:ALARM_CONDITION.
            case .measurementType, .sensorAlertType: ""
            }
        }

        /// Local-name prefixes read on input only: this library wrote sensor alert types as
        /// gs1:SensorAlertType-ALARM_CONDITION before, a URI the vocabulary does not define.
        var legacyLocalPrefixes: [String] {
            self == .sensorAlertType ? ["SensorAlertType-"] : []
        }

        /// True for the vocabularies that live in the GS1 Web Vocabulary (gs1:) rather than cbv:.
        var isWebVoc: Bool { self == .measurementType || self == .sensorAlertType }

        /// Canonical web URI prefix, e.g. "https://ref.gs1.org/cbv/BizStep-".
        public var webPrefix: String { (isWebVoc ? CBV.gs1Base : CBV.cbvBase) + localPrefix }
    }

    public static let cbvBase = "https://ref.gs1.org/cbv/"
    public static let gs1Base = "https://gs1.org/voc/"

    public static let bizSteps: Set<String> = [
        "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
        "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
        "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
        "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
        "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
        "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing",
        "transporting", "unloading", "unpacking", "void_shipping",
    ]

    public static let dispositions: Set<String> = [
        "active", "available", "completeness_inferred", "completeness_verified", "conformant",
        "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed",
        "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_class",
        "mismatch_instance", "mismatch_quantity", "needs_replacement", "no_pedigree_match",
        "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
        "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen",
        "unavailable", "unknown",
    ]

    public static let bizTransactionTypes: Set<String> = [
        "bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma",
        "testprd", "testres", "upevt",
    ]

    public static let sourceDestinationTypes: Set<String> = ["owning_party", "possessing_party", "location"]

    public static let errorReasons: Set<String> = ["did_not_occur", "incorrect_data"]

    public static let components: Set<String> = [
        "x", "y", "z", "axial_distance", "azimuth", "height", "spherical_radius", "polar_angle",
        "elevation_angle", "easting", "northing", "latitude", "longitude", "altitude",
    ]

    public static let sensorAlertTypes: Set<String> = ["ALARM_CONDITION", "ERROR_CONDITION"]
}
