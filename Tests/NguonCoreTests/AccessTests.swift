import NguonCore
import Testing

@Suite("Passwords, sign-in throttle and who reaches what")
struct AccessTests {
    @Test("Short, common, decorated-common, username-bearing and repetitive passwords are refused; passphrases pass")
    func passwordPolicy() {
        #expect(PasswordPolicy.check("ngắn", username: "an") == .tooShort)
        #expect(PasswordPolicy.check("1234567890", username: "an") == .common)
        #expect(PasswordPolicy.check("Password123", username: "an") == .common)
        #expect(PasswordPolicy.check("matkhau2025!!", username: "an") == .common)
        #expect(PasswordPolicy.check("nguyen.van.an-2026", username: "nguyen.van.an") == .containsUsername)
        #expect(PasswordPolicy.check("aaaaaaaaaaaa", username: "an") == .repetitive)
        #expect(PasswordPolicy.check("abcdefghijkl", username: "an") == .repetitive)
        #expect(PasswordPolicy.check(String(repeating: "dài ", count: 30), username: "an") == .tooLong)
        #expect(PasswordPolicy.check("a\u{0}rau cải ngọt Đông Triều", username: "an") == .controlCharacters)
        #expect(PasswordPolicy.check("rau cải ngọt\tĐông Triều", username: "an") == .controlCharacters)
        #expect(PasswordPolicy.check("rau cải ngọt Đông Triều", username: "an") == nil)
        #expect(PasswordPolicy.check("Tom-the-chan-trang-7", username: "an") == nil)
    }

    @Test("A few mistakes cost nothing; then the lock doubles up to an hour")
    func throttle() {
        #expect((0..<SignInThrottle.freeAttempts).allSatisfy { SignInThrottle.delay(afterFailures: $0) == 0 })
        #expect(SignInThrottle.delay(afterFailures: 5) == 30)
        #expect(SignInThrottle.delay(afterFailures: 6) == 60)
        #expect(SignInThrottle.delay(afterFailures: 7) == 120)
        #expect(SignInThrottle.delay(afterFailures: 40) == 3_600)
    }

    let dongTrieu = AdminArea(province: "22", commune: "07093")
    let damHa = AdminArea(province: "22", commune: "06895")
    let baDinh = AdminArea(province: "01", commune: "00004")

    @Test("Officers reach their own area, businesses their own organisation, tokens only the EPCIS interface")
    func scopes() {
        let province = Principal(id: "p", name: "p", role: .departmentOfficer, department: .health, jurisdiction: AdminArea(province: "22"))
        let commune = Principal(id: "c", name: "c", role: .communeOfficer, jurisdiction: dongTrieu)
        let business = Principal(id: "b", name: "b", role: .business, organisationID: "org-a")
        let auditor = Principal(id: "a", name: "a", role: .auditor)
        let capture = Principal(id: "t", name: "t", kind: .token(scopes: [.capture]), role: .business, organisationID: "org-a")
        let portal = Principal(id: "n", name: "n", kind: .token(scopes: [.read]), role: .auditor)

        #expect(province.reaches(.organisations, .write, area: damHa, organisationID: "x"))
        #expect(!province.reaches(.organisations, .read, area: baDinh, organisationID: "x"))
        #expect(commune.reaches(.organisations, .write, area: dongTrieu, organisationID: "x"))
        #expect(!commune.reaches(.organisations, .read, area: damHa, organisationID: "x"))
        #expect(business.reaches(.organisations, .read, area: damHa, organisationID: "org-a"))
        #expect(!business.reaches(.organisations, .read, area: dongTrieu, organisationID: "org-b"))
        #expect(!business.can(.write, .organisations))
        #expect(auditor.can(.read, .auditLog) && !auditor.can(.write, .users) && !auditor.can(.write, .organisations))
        #expect(!province.can(.read, .auditLog) && !province.can(.read, .users))

        #expect(capture.scope(for: .traceability, .write) == .organisation("org-a"))
        #expect(!capture.can(.read, .traceability))
        #expect(!capture.can(.read, .organisations) && !capture.can(.read, .apiTokens))
        #expect(portal.scope(for: .traceability, .read) == .everything && !portal.can(.write, .traceability))
        #expect(!business.can(.read, .traceability) && business.can(.write, .traceability))

        // GS1 codes: officers give them in their area, an organisation asks for its own; only
        // administrators manage the prefixes they come from.
        #expect(commune.reaches(.gs1Codes, .write, area: dongTrieu, organisationID: "x"))
        #expect(!commune.reaches(.gs1Codes, .write, area: damHa, organisationID: "x"))
        #expect(business.reaches(.gs1Codes, .write, area: damHa, organisationID: "org-a"))
        #expect(!business.reaches(.gs1Codes, .write, area: damHa, organisationID: "org-b"))
        #expect(auditor.can(.read, .gs1Codes) && !auditor.can(.write, .gs1Codes))
        #expect(!capture.can(.read, .gs1Codes) && !capture.can(.write, .gs1Codes))
        #expect(!province.can(.write, .gs1Prefixes) && !business.can(.read, .gs1Prefixes) && auditor.can(.read, .gs1Prefixes))

        // Food safety: officers certify in their area and inspectors inspect there; a business
        // reads its own papers and inspections and writes none; tokens reach neither.
        let inspector = Principal(id: "i", name: "i", role: .inspector, jurisdiction: AdminArea(province: "22"))
        #expect(commune.reaches(.foodSafety, .write, area: dongTrieu, organisationID: "x"))
        #expect(!commune.reaches(.foodSafety, .read, area: damHa, organisationID: "x"))
        #expect(inspector.reaches(.foodSafety, .read, area: damHa, organisationID: "x") && !inspector.can(.write, .foodSafety))
        #expect(inspector.reaches(.inspections, .write, area: damHa, organisationID: "x"))
        #expect(!inspector.reaches(.inspections, .read, area: baDinh, organisationID: "x"))
        #expect(business.reaches(.foodSafety, .read, area: damHa, organisationID: "org-a") && !business.can(.write, .foodSafety))
        #expect(business.reaches(.inspections, .read, area: damHa, organisationID: "org-a") && !business.can(.write, .inspections))
        #expect(!business.reaches(.inspections, .read, area: dongTrieu, organisationID: "org-b"))
        #expect(auditor.can(.read, .inspections) && !auditor.can(.write, .inspections))
        #expect(!capture.can(.read, .foodSafety) && !portal.can(.read, .inspections))
    }

    @Test("The audit chain catches an edited, a removed and a reordered entry, and names the first one")
    func auditChain() {
        var entries: [AuditEntry] = []
        var previous = AuditChain.genesis
        for sequence in 1...5 as ClosedRange<Int64> {
            let hash = AuditChain.hash(sequence: sequence, at: 1_000 * sequence, actorID: "u1", actorName: "An", address: "10.0.0.1",
                                       action: "organisation.update", entityType: "organisation", entityID: "o\(sequence)",
                                       before: #"{"name":"A"}"#, after: #"{"name":"B"}"#, previousHash: previous)
            entries.append(AuditEntry(sequence: sequence, at: 1_000 * sequence, actorID: "u1", actorName: "An", address: "10.0.0.1",
                                      action: "organisation.update", entityType: "organisation", entityID: "o\(sequence)",
                                      before: #"{"name":"A"}"#, after: #"{"name":"B"}"#, previousHash: previous, hash: hash))
            previous = hash
        }
        #expect(AuditChain.verify(entries, after: nil) == nil)
        // Continuing from a verified prefix gives the same answer as starting over.
        #expect(AuditChain.verify(entries[2...], after: (2, entries[1].hash)) == nil)

        var edited = entries
        let e = edited[2]
        edited[2] = AuditEntry(sequence: e.sequence, at: e.at, actorID: e.actorID, actorName: "Bình", address: e.address, action: e.action,
                               entityType: e.entityType, entityID: e.entityID, before: e.before, after: e.after,
                               previousHash: e.previousHash, hash: e.hash)
        #expect(AuditChain.verify(edited, after: nil) == .contentChanged(sequence: 3))

        var removed = entries
        removed.remove(at: 1)
        #expect(AuditChain.verify(removed, after: nil)?.sequence == 3)

        var reordered = entries
        reordered.swapAt(1, 2)
        #expect(AuditChain.verify(reordered, after: nil)?.sequence == 3)

        // Fields are length-prefixed: moving text from one field to the next changes the hash.
        let a = AuditChain.hash(sequence: 1, at: 1, actorID: "ab", actorName: "c", address: nil, action: "x", entityType: "y",
                                entityID: nil, before: nil, after: nil, previousHash: AuditChain.genesis)
        let b = AuditChain.hash(sequence: 1, at: 1, actorID: "a", actorName: "bc", address: nil, action: "x", entityType: "y",
                                entityID: nil, before: nil, after: nil, previousHash: AuditChain.genesis)
        let c = AuditChain.hash(sequence: 1, at: 1, actorID: "ab", actorName: "c", address: "", action: "x", entityType: "y",
                                entityID: nil, before: nil, after: nil, previousHash: AuditChain.genesis)
        #expect(a != b && a != c)
    }
}
