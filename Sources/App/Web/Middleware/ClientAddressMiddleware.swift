import Foundation
import HTTPTypes
import Hummingbird

/// Behind a reverse proxy every request comes from the proxy; the rate limits would then count
/// everyone as one client and the audit log would name only the proxy. When the peer is a
/// trusted proxy, the client is the last `X-Forwarded-For` hop that is not itself trusted.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trusted.isEmpty, let peer = context.clientAddress, trusted.contains(peer) else {
            return try await next(request, context)
        }
        var context = context
        context.clientAddress = ClientAddress.fromForwarded(request.headers[values: .xForwardedFor], trusted: trusted) ?? peer
        return try await next(request, context)
    }
}

enum ClientAddress {
    /// The right-most address in the `X-Forwarded-For` lists that is not a trusted proxy; the
    /// entries left of it could have been written by the client and are not believed.
    static func fromForwarded(_ headers: [String], trusted: Set<String>) -> String? {
        let hops = headers.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !trusted.contains(hop) {
            return isIPAddress(hop) ? hop : nil
        }
        return nil
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
