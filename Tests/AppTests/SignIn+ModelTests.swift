@testable import App
import Testing

@Suite("Sign-in page states")
struct SignInModelTests {
    @Test("While paused, the seconds left are rounded up, at least one, and sent as Retry-After with 429")
    func lockedSeconds() {
        let cases: [(Int64, Int)] = [(0, 1), (-5_000, 1), (1, 1), (1_000, 1), (1_001, 2), (59_999, 60)]
        for (left, seconds) in cases {
            let model = SignIn.Model.locked(username: "a", next: nil, until: 1_000_000 + left, now: 1_000_000)
            #expect(model.retryAfter == seconds, "\(left) ms")
            #expect(model.error?.status == .tooManyRequests)
            #expect(model.error?.detail.en.contains("in \(seconds) seconds") == true)
        }
    }

    @Test("A missing name or password names the empty field; a failed sign-in is 401 whichever part was wrong")
    func failures() {
        #expect(SignIn.Model.missing(username: "", next: nil).error?.fieldErrors.first?.field == "username")
        #expect(SignIn.Model.missing(username: "an", next: nil).error?.fieldErrors.first?.field == "password")
        let failed = SignIn.Model.failed(username: "an", next: "/quan-tri")
        #expect(failed.error?.status == .unauthorized && failed.retryAfter == nil)
        let html = SignIn.View(model: failed, language: .vi, csrf: "t").main.render()
        #expect(html.contains(#"name="next" value="/quan-tri""#))
        #expect(html.contains(#"value="an""#))
    }
}
