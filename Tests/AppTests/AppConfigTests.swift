@testable import App
import Testing

@Suite("Configuration")
struct AppConfigTests {
    @Test("Defaults give a server a fresh clone can run")
    func defaults() throws {
        let config = try AppConfig.load(environment: [:])
        #expect(config.hostname == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.database == .sqlite(path: "nguon.sqlite"))
        #expect(config.publicURL == "http://127.0.0.1:8080")
        #expect(config.logLevel == .info)
    }

    @Test("Environment variables are read, and flags win over them")
    func environmentAndFlags() throws {
        let env = ["NGUON_PORT": "9000", "NGUON_HOST": "0.0.0.0", "DATABASE_URL": "postgres://u:p@db:5432/nguon", "LOG_LEVEL": "DEBUG"]
        let fromEnv = try AppConfig.load(environment: env)
        #expect(fromEnv.port == 9000)
        #expect(fromEnv.hostname == "0.0.0.0")
        #expect(fromEnv.database == .postgres(url: "postgres://u:p@db:5432/nguon"))
        #expect(fromEnv.logLevel == .debug)
        let flagged = try AppConfig.load(environment: env, overrides: .init(port: "9100"))
        #expect(flagged.port == 9100)
    }

    @Test("A wrong value names the variable or flag and the rule", arguments: [
        (["NGUON_PORT": "80a"], AppConfig.Overrides(), "NGUON_PORT"),
        (["NGUON_PORT": "70000"], AppConfig.Overrides(), "NGUON_PORT"),
        ([:], AppConfig.Overrides(port: "0"), "--port"),
        (["DATABASE_URL": "mysql://x/y"], AppConfig.Overrides(), "DATABASE_URL"),
        (["DATABASE_URL": "postgres://host-only"], AppConfig.Overrides(), "DATABASE_URL"),
        (["LOG_LEVEL": "loud"], AppConfig.Overrides(), "LOG_LEVEL"),
        (["NGUON_PUBLIC_URL": "ftp://x"], AppConfig.Overrides(), "NGUON_PUBLIC_URL"),
        (["NGUON_AUTO_MIGRATE": "maybe"], AppConfig.Overrides(), "NGUON_AUTO_MIGRATE"),
        (["NGUON_HOST": "bad host"], AppConfig.Overrides(), "NGUON_HOST"),
        ([:], AppConfig.Overrides(databaseURL: "mysql://x/y"), "--database-url"),
        (["DATABASE_URL": "/khong-co-thu-muc/nguon.sqlite"], AppConfig.Overrides(), "DATABASE_URL"),
    ])
    func invalidValues(env: [String: String], overrides: AppConfig.Overrides, variable: String) {
        #expect {
            try AppConfig.load(environment: env, overrides: overrides)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.variable == variable && !error.rule.isEmpty && error.description.hasPrefix(variable)
        }
    }

    @Test("A database password never appears in the printed configuration")
    func passwordRedacted() throws {
        let location = try DatabaseLocation.parse("postgres://nguon:s3cret@db.example:5432/nguon")
        #expect(!location.description.contains("s3cret"))
        #expect(location.description.contains("db.example"))
    }
}
