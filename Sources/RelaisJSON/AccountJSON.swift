// AccountJSON: a desk account as JSON (`relais users list --json`), and an API session.

import Foundation
import RelaisCore
import RelaisStore

/// A desk account: its login, role and commune, and whether it may sign in.
public struct AccountJSON: Codable, Sendable, Equatable {
    public var id: Int64
    public var login: String
    /// `ccas`, `staff`, `planner` or `coordinator`.
    public var role: String
    /// The commune's slug, for a CCAS account.
    @Nullable public var commune: String?
    /// The commune's INSEE code (Code officiel géographique), as the database keys it.
    @Nullable public var communeCode: String?
    public var created: String
    public var disabled: Bool
    @Nullable public var disabledAt: String?

    enum CodingKeys: String, CodingKey {
        case id, login, role, commune, created, disabled
        case communeCode = "commune_code"
        case disabledAt = "disabled_at"
    }

    public init(_ account: Account, territory: Territory, localTime: LocalTime) {
        id = account.id
        login = account.login
        role = account.role.rawValue
        commune = account.commune.map { territory.communeSlug(code: $0) }
        communeCode = account.commune
        created = localTime.iso8601(account.createdAt)
        disabled = account.disabledAt != nil
        disabledAt = account.disabledAt.map(localTime.iso8601)
    }
}

/// A session opened by the API's sign-in: the bearer token and whose it is.
public struct SessionJSON: Codable, Sendable, Equatable {
    public var token: String
    public var expiresAt: String
    public var login: String
    public var role: String
    /// The commune's slug, for a CCAS account.
    @Nullable public var commune: String?
    /// The commune's INSEE code (Code officiel géographique), as the database keys it.
    @Nullable public var communeCode: String?

    enum CodingKeys: String, CodingKey {
        case token
        case expiresAt = "expires_at"
        case login, role, commune
        case communeCode = "commune_code"
    }

    public init(token: String, expiresAt: Date, login: String, role: AccountRole, commune: Commune?, localTime: LocalTime) {
        self.token = token
        self.expiresAt = localTime.iso8601(expiresAt)
        self.login = login
        self.role = role.rawValue
        self.commune = commune?.slug
        self.communeCode = commune?.code
    }
}
