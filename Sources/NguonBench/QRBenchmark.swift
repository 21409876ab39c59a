import QRCode

/// QR symbols per second: a 60-character Digital Link URI at ECC M, encoded and rendered.
public enum QRBenchmark {
    static let uri = "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ9876543"

    public static func run(seconds: Double) -> BenchReport {
        let results = [
            measure("qr-encode+svg", input: uri, seconds: seconds) {
                (try? QRCode.encode(uri, errorCorrection: .medium))?.svg().utf8.count ?? 0
            },
            measure("qr-encode", input: uri, seconds: seconds) {
                (try? QRCode.encode(uri, errorCorrection: .medium))?.size ?? 0
            },
            measure("qr-encode+png", input: uri, seconds: seconds) {
                (try? QRCode.encode(uri, errorCorrection: .medium))?.png(scale: 4, quietZone: 4).count ?? 0
            },
        ]
        return BenchReport("qr", results)
    }
}
