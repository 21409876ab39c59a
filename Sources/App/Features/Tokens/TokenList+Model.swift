import NguonCore

/// `/quan-tri/ma-truy-cap`: the API tokens in the account's scope, with the form that creates
/// one; right after creation, the new token's secret, shown this once.
enum TokenList {
    struct Model {
        enum State: Equatable {
            case live, expired, revoked
        }

        struct Row {
            let token: APIToken
            let state: State
            /// Whether this account may revoke it (it is not revoked yet).
            let revocable: Bool
        }

        let rows: [Row]
        /// Whether the account may create and revoke tokens.
        let canWrite: Bool
        /// A business user's organisation: every token it makes is that organisation's.
        let ownOrganisation: String?
        /// The token just created, with its secret: in this response only, never stored.
        let created: (token: APIToken, secret: String)?

        static func query(principal: Principal, tokens: APITokenRepository, created: (token: APIToken, secret: String)? = nil,
                          now: Int64 = Millis.now()) async throws -> Model {
            let canWrite = principal.can(.write, .apiTokens)
            let rows = try await tokens.list(for: principal).map { token in
                Row(token: token, state: token.revokedAt != nil ? .revoked : token.isLive(at: now) ? .live : .expired,
                    revocable: token.revokedAt == nil && canWrite)
            }
            return Model(rows: rows, canWrite: canWrite, ownOrganisation: principal.organisationID, created: created)
        }
    }
}
