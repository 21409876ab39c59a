// The measurement types of sensor reports (EPCIS 2.0 §7.3.8.2, sensorReport "type"), as data.
//
// `measurementTypes` is the whole of the GS1 Web Vocabulary's gs1:MeasurementType list (every
// instance of the class in gs1Voc v1.16, https://gs1.org/voc/MeasurementType), which is also the
// enum of the EPCIS 2.0 JSON schema and the term map of epcis-context.jsonld: JSON writes these
// bare ("Temperature"), XML and linked data as gs1:Temperature / https://gs1.org/voc/Temperature.
//
// `legacyMeasurementTypes` are names the Web Vocabulary does not define but the published EPCIS
// 2.0 XML examples (WithSensorData/SensorDataExamples.xml, WithExtension/TransactionEvent.xml)
// still use, from drafts of the standard; the JSON versions of the same examples say
// AmountOfSubstancePerUnitVolume and DoseEquivalentRate instead. They are accepted as written
// (gs1:Molar_concentration), never as bare terms, and not rewritten to the current names, so an
// event keeps the hash every other implementation computes for it.

extension CBV {
    public static let measurementTypes: Set<String> = [
        "AbsoluteHumidity", "AbsorbedDose", "AbsorbedDoseRate", "Acceleration", "Altitude",
        "AmountOfSubstance", "AmountOfSubstancePerUnitVolume", "Angle", "AngularAcceleration",
        "AngularMomentum", "AngularVelocity", "Area", "Capacitance", "Conductance", "Conductivity",
        "Count", "Density", "Dimensionless", "DoseEquivalent", "DoseEquivalentRate",
        "DynamicViscosity", "ElectricCharge", "ElectricCurrent", "ElectricCurrentDensity",
        "ElectricFieldStrength", "Energy", "Exposure", "Force", "Frequency", "Illuminance",
        "Inductance", "Irradiance", "KinematicViscosity", "Length", "LinearMomentum", "Luminance",
        "LuminousFlux", "LuminousIntensity", "MagneticFlux", "MagneticFluxDensity",
        "MagneticVectorPotential", "Mass", "MassConcentration", "MassFlowRate", "MassPerAreaTime",
        "MemoryCapacity", "MolalityOfSolute", "MolarEnergy", "MolarMass", "MolarVolume", "Power",
        "Pressure", "Radioactivity", "RadiantFlux", "RadiantIntensity", "RelativeHumidity",
        "Resistance", "Resistivity", "SolidAngle", "SpecificVolume", "Speed", "SurfaceDensity",
        "SurfaceTension", "Temperature", "Time", "Torque", "Voltage", "Volume", "VolumeFlowRate",
        "VolumeFraction", "VolumetricFlux", "Wavenumber",
    ]

    public static let legacyMeasurementTypes: Set<String> = ["Molar_concentration", "EffectiveDoseRate"]

    /// True when `value` is a legacy name written as a GS1 Web Vocabulary CURIE or URI
    /// (gs1:Molar_concentration, https://gs1.org/voc/EffectiveDoseRate).
    static func isLegacyTerm(_ value: String, _ vocabulary: Vocabulary) -> Bool {
        guard vocabulary == .measurementType else { return false }
        for base in gs1VocBases where value.hasPrefix(base) {
            return legacyMeasurementTypes.contains(String(value.dropFirst(base.count)))
        }
        return false
    }
}
