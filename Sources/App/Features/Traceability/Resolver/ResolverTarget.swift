import EPCIS
import GS1
import HTTPTypes
import Hummingbird
import Synchronization

/// What a resolver request's path and query name, worked out once: the GS1 data, the canonical
/// Digital Link on this server, its EPCIS key, and the parts the origin page is cached and
/// rendered from. It depends only on the request target and the server's public URL.
struct ResolverTarget: Sendable {
    let data: ElementString
    let query: Query
    /// The canonical Digital Link, with the label's attributes (`?17=…`) in canonical order.
    let link: String
    let key: String
    /// The identifier's path on this server (the origin page's cache entry) and the attributes
    /// (`?17=…`, the entry's variant), split and decoded for the page.
    let path: String
    let attributeQuery: String
    let attributes: [(String, String?)]
    let labelDates: [String: String]
    /// The headers every origin-page answer for this target carries (the ETag is the page's).
    let pageHeaders: HTTPFields

    init(path requestPath: String, query rawQuery: String?, publicURL: String) throws(AppError) {
        let query = try Query(rawQuery)
        let controls = ResolverController.controlParameters
        let attributes = query.values.filter { !controls.contains($0.key) }.sorted { $0.key < $1.key }
        var text = publicURL + requestPath
        if !attributes.isEmpty {
            text += "?" + attributes.map { "\($0.key)=\(SiteURL.encode($0.value))" }.joined(separator: "&")
        }
        do throws(GS1Error) {
            data = try DigitalLink.parse(text)
            link = try data.digitalLink(stem: publicURL)
        } catch {
            throw GS1Controller.invalidGS1(error, field: "path")
        }
        self.query = query
        key = EPCISIdentifier.canonicalKey(link)
        let canonical = link.dropFirst(publicURL.count)
        path = String(canonical.prefix { $0 != "?" })
        attributeQuery = String(canonical.drop { $0 != "?" })
        self.attributes = attributeQuery.dropFirst().split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]).removingPercentEncoding : nil)
        }
        labelDates = Dictionary(data.descriptions().compactMap { d in d.date.map { (d.ai, $0) } }, uniquingKeysWith: { a, _ in a })
        pageHeaders = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .vary: "Accept, Cookie",
                       .link: "<\(ResolverController.url(link, linkType: "linkset"))>; rel=\"linkset\"; type=\"application/linkset+json\""]
    }
}

/// Targets already worked out, by request target: a label scanned again and again is parsed once.
/// Bounded in count and key length; when full it starts over, so a flood of distinct links costs
/// what it would without the memo and never grows the heap.
final class ResolverTargets: Sendable {
    private let targets = Mutex<[String: ResolverTarget]>([:])
    let capacity: Int
    static let maxKeyBytes = 512

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    var count: Int { targets.withLock { $0.count } }

    /// The target of `path?query`; a target that does not parse throws, and is not kept.
    func target(path: String, query: String?, publicURL: String) throws(AppError) -> ResolverTarget {
        let memoKey = query.map { path + "?" + $0 } ?? path
        let keep = memoKey.utf8.count <= Self.maxKeyBytes
        if keep, let known = targets.withLock({ $0[memoKey] }) { return known }
        let target = try ResolverTarget(path: path, query: query, publicURL: publicURL)
        if keep {
            targets.withLock { targets in
                if targets.count >= capacity { targets.removeAll(keepingCapacity: true) }
                targets[memoKey] = target
            }
        }
        return target
    }
}
