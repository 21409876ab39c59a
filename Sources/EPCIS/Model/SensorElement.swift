/// One sensorElementList entry: optional metadata shared by its reports, and the reports.
public struct SensorElement: Sendable, Hashable {
    public var sensorMetadata: SensorMetadata?
    public var sensorReport: [SensorReport]
    /// Extension members directly inside the sensorElement.
    public var extensions: JSONObject

    public init(sensorMetadata: SensorMetadata? = nil, sensorReport: [SensorReport] = [], extensions: JSONObject = JSONObject()) {
        self.sensorMetadata = sensorMetadata
        self.sensorReport = sensorReport
        self.extensions = extensions
    }
}

/// sensorMetadata: which device measured, when, and how the data was processed.
public struct SensorMetadata: Sendable, Hashable {
    public var time: EPCISTimestamp?
    public var startTime: EPCISTimestamp?
    public var endTime: EPCISTimestamp?
    public var deviceID: String?
    public var deviceMetadata: String?
    public var rawData: String?
    public var dataProcessingMethod: String?
    public var bizRules: String?
    public var extensions: JSONObject

    public init(time: EPCISTimestamp? = nil, startTime: EPCISTimestamp? = nil, endTime: EPCISTimestamp? = nil,
                deviceID: String? = nil, deviceMetadata: String? = nil, rawData: String? = nil,
                dataProcessingMethod: String? = nil, bizRules: String? = nil, extensions: JSONObject = JSONObject()) {
        self.time = time
        self.startTime = startTime
        self.endTime = endTime
        self.deviceID = deviceID
        self.deviceMetadata = deviceMetadata
        self.rawData = rawData
        self.dataProcessingMethod = dataProcessingMethod
        self.bizRules = bizRules
        self.extensions = extensions
    }
}

/// sensorReport: one measurement (or alert) with every EPCIS 2.0 attribute.
public struct SensorReport: Sendable, Hashable {
    /// Measurement type: normalised GS1 Web Vocabulary term ("Temperature") or another URI.
    public var type: String?
    /// "ALARM_CONDITION" / "ERROR_CONDITION" or a URI.
    public var exception: String?
    public var deviceID: String?
    public var deviceMetadata: String?
    public var rawData: String?
    public var dataProcessingMethod: String?
    public var bizRules: String?
    public var time: EPCISTimestamp?
    public var microorganism: String?
    public var chemicalSubstance: String?
    public var coordinateReferenceSystem: String?
    public var value: EPCISNumber?
    /// Normalised CBV component term ("latitude") or a URI.
    public var component: String?
    public var stringValue: String?
    public var booleanValue: Bool?
    public var hexBinaryValue: String?
    public var uriValue: String?
    public var minValue: EPCISNumber?
    public var maxValue: EPCISNumber?
    public var meanValue: EPCISNumber?
    public var sDev: EPCISNumber?
    public var percRank: EPCISNumber?
    public var percValue: EPCISNumber?
    /// UN/ECE Rec 20 unit code ("CEL").
    public var uom: String?
    public var extensions: JSONObject

    public init(type: String? = nil, exception: String? = nil, deviceID: String? = nil, deviceMetadata: String? = nil,
                rawData: String? = nil, dataProcessingMethod: String? = nil, bizRules: String? = nil,
                time: EPCISTimestamp? = nil, microorganism: String? = nil, chemicalSubstance: String? = nil,
                coordinateReferenceSystem: String? = nil, value: EPCISNumber? = nil, component: String? = nil,
                stringValue: String? = nil, booleanValue: Bool? = nil, hexBinaryValue: String? = nil,
                uriValue: String? = nil, minValue: EPCISNumber? = nil, maxValue: EPCISNumber? = nil,
                meanValue: EPCISNumber? = nil, sDev: EPCISNumber? = nil, percRank: EPCISNumber? = nil,
                percValue: EPCISNumber? = nil, uom: String? = nil, extensions: JSONObject = JSONObject()) {
        self.type = type
        self.exception = exception
        self.deviceID = deviceID
        self.deviceMetadata = deviceMetadata
        self.rawData = rawData
        self.dataProcessingMethod = dataProcessingMethod
        self.bizRules = bizRules
        self.time = time
        self.microorganism = microorganism
        self.chemicalSubstance = chemicalSubstance
        self.coordinateReferenceSystem = coordinateReferenceSystem
        self.value = value
        self.component = component
        self.stringValue = stringValue
        self.booleanValue = booleanValue
        self.hexBinaryValue = hexBinaryValue
        self.uriValue = uriValue
        self.minValue = minValue
        self.maxValue = maxValue
        self.meanValue = meanValue
        self.sDev = sDev
        self.percRank = percRank
        self.percValue = percValue
        self.uom = uom
        self.extensions = extensions
    }
}
