/// A class-level quantity (quantityList, childQuantityList, input/outputQuantityList).
public struct QuantityElement: Sendable, Hashable {
    /// Class identifier as written: urn:epc:class:lgtin:…, urn:epc:idpat:sgtin:…, or a Digital Link.
    public var epcClass: String
    /// Absent means "an unspecified quantity" (EPCIS 2.0 §7.3.3.3).
    public var quantity: EPCISNumber?
    /// UN/ECE Recommendation 20 unit code ("KGM", "LTR"); absent means a count of items.
    public var uom: String?

    public init(epcClass: String, quantity: EPCISNumber? = nil, uom: String? = nil) {
        self.epcClass = epcClass
        self.quantity = quantity
        self.uom = uom
    }
}
