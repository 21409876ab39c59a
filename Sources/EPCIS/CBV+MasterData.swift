// CBV 2.0 master-data attributes that hold dates (CBV 2.0 §10, instance/lot master data in the
// urn:epcglobal:cbv:mda: namespace, written cbvmda:… in JSON-LD). Their values are xsd:date
// (some producers send xsd:dateTime); the origin page shows them as "use by", "best before"
// and harvest dates, so a value that is not a date must not get in.

extension CBV {
    /// The CBV master-data namespace as JSON-LD writes it; XML documents often declare it
    /// without the final colon, which names the same attributes.
    public static let masterDataNamespaces: Set<String> = ["urn:epcglobal:cbv:mda:", "urn:epcglobal:cbv:mda"]

    /// Local names of the instance/lot master-data attributes whose values are dates.
    public static let ilmdDateAttributes: Set<String> = [
        "itemExpirationDate", "bestBeforeDate", "sellByDate", "productionDate",
        "harvestStartDate", "harvestEndDate", "firstFreezeDate",
    ]
}
