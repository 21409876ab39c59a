@testable import App
import Foundation
import HTTPTypes
import Hummingbird
import NguonCore
import Testing

/// Capture bodies that arrive slowly, or never, must not hold the server's capture slots.
@Suite("Upload gate")
struct UploadGateTests {
    /// A request whose body sends a few bytes and then nothing more, like a stalled or hostile client.
    static func stalledRequest() -> Request {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        continuation.yield(ByteBuffer(string: #"{"type":"EPCISDocument","#))
        let head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/epcis/capture",
                               headerFields: [.contentType: "application/ld+json"])
        return Request(head: head, body: RequestBody(asyncSequence: stream))
    }

    // Without the deadline the stalled upload would wait for ever; the time limit turns that into a
    // failure instead of a clock comparison (a busy CI machine may run the timer late).
    @Test("An upload that stalls is cut off at the deadline with 408, and gives its place back", .timeLimit(.minutes(1)))
    func stalledUploadTimesOut() async throws {
        let gate = UploadGate(total: 4, perSender: 2, deadline: .milliseconds(200))
        do {
            _ = try await EPCISCaptureController.receive(Self.stalledRequest(), sender: "token-a", gate: gate)
            Issue.record("a stalled upload was accepted")
        } catch let error as any ProblemConvertible {
            #expect(error.appError.status == .requestTimeout)
        }
        #expect(gate.running == 0)
    }

    @Test("One sender's stalled uploads take at most its own share: the next from it is refused, another sender's goes through")
    func perSenderShare() async throws {
        let gate = UploadGate(total: 4, perSender: 2, deadline: .seconds(30))
        let stalled = (0..<2).map { _ in
            Task { try await EPCISCaptureController.receive(Self.stalledRequest(), sender: "token-a", gate: gate) }
        }
        defer { stalled.forEach { $0.cancel() } }
        while gate.running < 2 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: UploadGate.Full.self) {
            _ = try await EPCISCaptureController.receive(Self.stalledRequest(), sender: "token-a", gate: gate)
        }
        #expect(UploadGate.Full().appError.status == .serviceUnavailable)
        let other = try await gate.receive(from: "token-b") { "đã nhận" }
        #expect(other == "đã nhận")
    }

    @Test("All of an organisation's accounts and tokens share one upload share: making more tokens gives no more")
    func oneSharePerOrganisation() {
        let token1 = Principal(id: "t1", name: "ERP 1", kind: .token(scopes: [.capture]), role: .business, organisationID: "org-a")
        let token2 = Principal(id: "t2", name: "ERP 2", kind: .token(scopes: [.capture]), role: .business, organisationID: "org-a")
        let user = Principal(id: "u1", name: "An", role: .business, organisationID: "org-a")
        let other = Principal(id: "t3", name: "ERP B", kind: .token(scopes: [.capture]), role: .business, organisationID: "org-b")
        let senders = [token1, token2, user].map(EPCISCaptureController.uploadSender)
        #expect(Set(senders).count == 1)
        #expect(EPCISCaptureController.uploadSender(other) != senders[0])
    }
}
