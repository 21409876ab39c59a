import GS1

/// EPCIS 2.0 / CBV 2.0: event model, JSON-LD and XML codecs, validation and the event hash ID.
/// The traceability-core issue fills this target; it stays free of Hummingbird and Fluent.
public enum EPCIS {}
