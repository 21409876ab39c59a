import Testing
@testable import EPCIS

/// The SHA-256 under the event hash ID (swift-crypto's since the hand-written one was retired),
/// checked through the path the library uses, `EventHash.hashID(ofPreHash:)`: FIPS 180-4 / NIST
/// CSRC example vectors and block-boundary lengths (checked against Python's hashlib), so the
/// digest and its lowercase-hex "ni" formatting stay right. The old tests of streaming updates
/// split at every point tested the retired implementation's buffering and are gone with it.
@Suite struct SHA256Tests {
    /// The hex digest inside "ni:///sha-256;<hex>?ver=CBV2.0".
    static func hex(_ bytes: [UInt8]) -> String {
        let id = EventHash.hashID(ofPreHash: bytes)
        #expect(id.hasPrefix("ni:///sha-256;") && id.hasSuffix("?ver=CBV2.0"))
        return String(id.dropFirst("ni:///sha-256;".count).dropLast("?ver=CBV2.0".count))
    }

    static func hex(_ s: String) -> String { hex(Array(s.utf8)) }

    @Test func emptyMessage() {
        #expect(Self.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(Self.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func message448Bits() {
        let m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(m.utf8.count * 8 == 448)
        #expect(Self.hex(m) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func message896Bits() {
        let m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(Self.hex(m) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        #expect(Self.hex([UInt8](repeating: 0x61, count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the 55/56/64-byte padding boundaries, where off-by-one errors live.
    @Test(arguments: [
        (1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ])
    func boundaryLengths(length: Int, expected: String) {
        let m = (0..<length).map { UInt8(($0 * 7 + 3) % 256) }
        #expect(Self.hex(m) == expected)
    }

    @Test func hashesUTF8OfNonASCIIText() {
        #expect(Self.hex("Nguồn – truy xuất nguồn gốc") == "00b8e3c75c0926e3dc34faa91f1486ce49a4b0f3324505333f335f8c559df142")
    }
}
