import Foundation
import Logging

/// Where the data lives. SQLite is the zero-set-up default; PostgreSQL is for deployments.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses `DATABASE_URL`: `postgres://…`, `postgresql://…`, `sqlite:///abs/path`, `sqlite://rel/path`
    /// or a bare file path, which is taken as SQLite.
    public static func parse(_ value: String) throws(ConfigError) -> DatabaseLocation {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw ConfigError(variable: "DATABASE_URL", value: value, rule: "không được để trống (must not be empty)")
        }
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            // Check the parts we rely on here, so a typo stops the start instead of the first query.
            guard let url = URLComponents(string: trimmed), let host = url.host, !host.isEmpty else {
                throw ConfigError(variable: "DATABASE_URL", value: redacted(trimmed),
                                  rule: "phải có dạng postgres://người-dùng:mật-khẩu@máy:cổng/csdl (expected postgres://user:password@host:port/database)")
            }
            if let port = url.port, !(1...65535).contains(port) {
                throw ConfigError(variable: "DATABASE_URL", value: redacted(trimmed), rule: "cổng phải từ 1 đến 65535 (port must be 1–65535)")
            }
            guard url.path.count > 1 else {
                throw ConfigError(variable: "DATABASE_URL", value: redacted(trimmed), rule: "thiếu tên cơ sở dữ liệu sau dấu / (database name missing)")
            }
            return .postgres(url: trimmed)
        }
        if trimmed.hasPrefix("sqlite://") {
            let path = String(trimmed.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw ConfigError(variable: "DATABASE_URL", value: value, rule: "thiếu đường dẫn tệp SQLite (SQLite file path missing)")
            }
            return .sqlite(path: path)
        }
        if trimmed.contains("://") {
            throw ConfigError(variable: "DATABASE_URL", value: redacted(trimmed),
                              rule: "chỉ hỗ trợ postgres://, postgresql:// hoặc sqlite:// (only postgres or sqlite URLs are supported)")
        }
        return .sqlite(path: trimmed)
    }

    public var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgresql"
        }
    }

    /// Never prints a password: the URL may end up in logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    static func redacted(_ url: String) -> String {
        // Mask the whole user-info part, whether or not the URL parses: a malformed URL with a
        // password must not end up in a log or an error message.
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@", options: .backwards),
              at.lowerBound > scheme.upperBound else { return url }
        return String(url[..<scheme.upperBound]) + "***" + String(url[at.lowerBound...])
    }
}

/// A configuration value that stops the start. Names the variable (or flag) and the rule broken.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let value: String
    public let rule: String

    public var description: String { "\(variable)=\(value.isEmpty ? "\"\"" : value): \(rule)" }
}

/// Everything the server needs to start, read once from flags and environment.
/// Flags win over environment variables; both are validated here so nothing downstream re-parses.
public struct AppConfig: Sendable {
    public var hostname: String
    public var port: Int
    public var database: DatabaseLocation
    public var logLevel: Logger.Level
    /// Absolute URL the public reaches this server at; used for links printed on labels and QR codes.
    public var publicURL: String
    /// Apply pending migrations at start. Always on for SQLite (a fresh clone must just run); for
    /// PostgreSQL deployments migrations are an explicit step (`nguon migrate`) unless this is set.
    public var autoMigrate: Bool
    /// Requests per minute one client address may make (429 with Retry-After past it); 0 turns
    /// the limit off, e.g. behind a proxy that limits already.
    public var rateLimit: Int
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed; empty believes none.
    public var trustedProxies: Set<String> = []

    /// Session cookies carry `Secure` when the public reaches the server over HTTPS.
    public var secureCookies: Bool { publicURL.lowercased().hasPrefix("https://") }

    public init(
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        database: DatabaseLocation = .sqlite(path: "nguon.sqlite"),
        logLevel: Logger.Level = .info,
        publicURL: String? = nil,
        autoMigrate: Bool = false,
        rateLimit: Int = 1_200
    ) {
        self.hostname = hostname
        self.port = port
        self.database = database
        self.logLevel = logLevel
        self.publicURL = publicURL ?? "http://\(hostname):\(port)"
        self.autoMigrate = autoMigrate
        self.rateLimit = rateLimit
    }

    /// Values given on the command line; nil means "not given, use the environment or the default".
    public struct Overrides: Sendable {
        public var hostname: String?
        public var port: String?
        public var databaseURL: String?
        public var logLevel: String?
        public var publicURL: String?
        public var autoMigrate: Bool?

        public init(hostname: String? = nil, port: String? = nil, databaseURL: String? = nil,
                    logLevel: String? = nil, publicURL: String? = nil, autoMigrate: Bool? = nil) {
            self.hostname = hostname
            self.port = port
            self.databaseURL = databaseURL
            self.logLevel = logLevel
            self.publicURL = publicURL
            self.autoMigrate = autoMigrate
        }
    }

    /// The variables `load` reads, with what they mean; README's table is written from the same list.
    public static let variables: [(name: String, flag: String, meaning: String)] = [
        ("NGUON_HOST", "--hostname", "address to listen on (default 127.0.0.1)"),
        ("NGUON_PORT", "--port", "TCP port, 1–65535 (default 8080)"),
        ("DATABASE_URL", "--database-url", "postgres://user:pass@host:port/db, or a SQLite file (default nguon.sqlite)"),
        ("LOG_LEVEL", "--log-level", "trace, debug, info, notice, warning, error, critical (default info)"),
        ("NGUON_PUBLIC_URL", "--public-url", "absolute http(s) URL the public reaches the server at"),
        ("NGUON_AUTO_MIGRATE", "--auto-migrate", "true/false: migrate PostgreSQL at start (SQLite always migrates)"),
        ("NGUON_TRUSTED_PROXIES", "(environment only)", "comma-separated IP addresses of reverse proxies whose X-Forwarded-For is believed"),
        ("NGUON_RATE_LIMIT", "(environment only)", "requests per minute per client address, 0–1000000; 0 turns it off (default 1200)"),
        ("NGUON_ADMIN_PASSWORD", "(user create only)", "password for `nguon user create` when no terminal can prompt; never logged"),
    ]

    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            overrides: Overrides = .init()) throws(ConfigError) -> AppConfig {
        func value(_ flag: String?, _ variable: String) -> (String, String)? {
            if let flag { return (flag, Self.flagName(for: variable)) }
            if let env = environment[variable] { return (env, variable) }
            return nil
        }

        var config = AppConfig()
        if let (host, name) = value(overrides.hostname, "NGUON_HOST") {
            let trimmed = host.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isLetter || $0.isNumber || ".-:_".contains($0) }) else {
                throw ConfigError(variable: name, value: host, rule: "phải là tên máy hoặc địa chỉ IP (must be a host name or IP address)")
            }
            config.hostname = trimmed
        }
        if let (port, name) = value(overrides.port, "NGUON_PORT") {
            guard let number = Int(port.trimmingCharacters(in: .whitespaces)), (1...65535).contains(number) else {
                throw ConfigError(variable: name, value: port, rule: "phải là số cổng từ 1 đến 65535 (must be a port number 1–65535)")
            }
            config.port = number
        }
        if let (url, name) = value(overrides.databaseURL, "DATABASE_URL") {
            do {
                config.database = try DatabaseLocation.parse(url)
            } catch {
                throw ConfigError(variable: name, value: error.value, rule: error.rule)
            }
        }
        if case .sqlite(let path) = config.database {
            // SQLite creates the file but not its folder; say so now rather than at the first query.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                  FileManager.default.isWritableFile(atPath: folder) else {
                throw ConfigError(variable: overrides.databaseURL != nil ? "--database-url" : "DATABASE_URL", value: path,
                                  rule: "thư mục \(folder) không tồn tại hoặc không ghi được (folder missing or not writable)")
            }
        }
        if let (level, name) = value(overrides.logLevel, "LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased().trimmingCharacters(in: .whitespaces)) else {
                throw ConfigError(variable: name, value: level,
                                  rule: "phải là một trong trace, debug, info, notice, warning, error, critical")
            }
            config.logLevel = parsed
        }
        if let (url, name) = value(overrides.publicURL, "NGUON_PUBLIC_URL") {
            var trimmed = url.trimmingCharacters(in: .whitespaces)
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            guard let components = URLComponents(string: trimmed),
                  components.scheme == "http" || components.scheme == "https",
                  let host = components.host, !host.isEmpty,
                  components.query == nil, components.fragment == nil else {
                throw ConfigError(variable: name, value: url,
                                  rule: "phải là URL tuyệt đối http(s)://… không có ?query (must be an absolute http(s) URL without query)")
            }
            config.publicURL = trimmed
        } else {
            config.publicURL = "http://\(config.hostname):\(config.port)"
        }
        if let flag = overrides.autoMigrate, flag {
            config.autoMigrate = true
        } else if let raw = environment["NGUON_AUTO_MIGRATE"] {
            switch raw.lowercased().trimmingCharacters(in: .whitespaces) {
            case "1", "true", "yes", "on": config.autoMigrate = true
            case "0", "false", "no", "off", "": config.autoMigrate = false
            default:
                throw ConfigError(variable: "NGUON_AUTO_MIGRATE", value: raw, rule: "phải là true hoặc false (must be true or false)")
            }
        }
        if let raw = environment["NGUON_RATE_LIMIT"] {
            guard let limit = Int(raw.trimmingCharacters(in: .whitespaces)), (0...1_000_000).contains(limit) else {
                throw ConfigError(variable: "NGUON_RATE_LIMIT", value: raw, rule: "phải là số nguyên từ 0 đến 1000000 (must be a whole number 0–1000000)")
            }
            config.rateLimit = limit
        }
        if let raw = environment["NGUON_TRUSTED_PROXIES"] {
            let addresses = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for address in addresses where !ClientAddress.isIPAddress(address) {
                throw ConfigError(variable: "NGUON_TRUSTED_PROXIES", value: raw,
                                  rule: "“\(address)” không phải địa chỉ IP (is not an IP address); dùng dấu phẩy giữa các địa chỉ (comma-separated)")
            }
            config.trustedProxies = Set(addresses)
        }
        return config
    }

    static func flagName(for variable: String) -> String {
        variables.first { $0.name == variable }?.flag ?? variable
    }
}
