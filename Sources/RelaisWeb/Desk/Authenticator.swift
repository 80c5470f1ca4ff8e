// Authenticator: who is asking. Signs agents in (password checked against the yescrypt hash, the
// throttle applied), finds the agent behind a session token, and signs out.
//
// The browser holds its token in an HttpOnly cookie, an API client in an `Authorization: Bearer`
// header; the two are never mixed (the API ignores cookies, so no other site can make a browser
// call it). A login no account has costs the same slow hash as a wrong password, and both get
// the same answer, so neither time nor words tell which logins exist.

import Foundation
import RelaisAuth
import RelaisCore
import RelaisStore

/// A signed-in agent: a CCAS of one commune, or a coordinator.
public struct Agent: Sendable, Equatable {
    public var login: String
    public var role: AccountRole
    /// The agent's commune, for a CCAS.
    public var commune: Commune?
    /// The session's token (never logged, never stored in clear).
    public var token: String
    public var expiresAt: Date

    /// What the agent may act on.
    public var scope: ShuttleScope { commune.map(ShuttleScope.ccas) ?? .coordinator }
    public var isCoordinator: Bool { role == .coordinator }
    /// The CSRF token of the agent's forms.
    public var csrf: String { SessionToken.csrf(for: token) }
}

/// How a sign-in ended.
public enum SignInResult: Sendable {
    case signedIn(Agent)
    /// Wrong login or password, or a disabled account: one answer for all.
    case refused
    /// Too many wrong passwords: try again after this time.
    case locked(until: Date)
}

/// Signs agents in and out and finds them by token.
public struct Authenticator: Sendable {
    let pool: StorePool
    let territory: Territory
    let clock: @Sendable () -> Date
    let sessionSeconds: TimeInterval
    let throttle = SignInThrottle()

    public init(pool: StorePool, territory: Territory, sessionHours: Int, clock: @escaping @Sendable () -> Date) {
        self.pool = pool
        self.territory = territory
        self.clock = clock
        self.sessionSeconds = TimeInterval(sessionHours * 3600)
    }

    /// Checks `password` for `login` and opens a session.
    public func signIn(login: String, password: String, kind: SessionKind) throws -> SignInResult {
        let now = clock()
        guard let candidate = try pool.withStore({ try $0.signInCandidate(login: login) }) else {
            _ = PasswordHash.verify(password, against: Self.decoyHash)
            try pool.withStore { try $0.recordUnknownSignIn(now: now) }
            return .refused
        }
        if let lock = candidate.lockedUntil, lock > now { return .locked(until: lock) }
        guard PasswordHash.verify(password, against: candidate.passwordHash) else {
            let lock = try pool.withStore { try $0.recordSignInFailure(account: candidate.account, throttle: throttle, now: now) }
            return lock.map { .locked(until: $0) } ?? .refused
        }
        guard !candidate.disabled else { return .refused }
        let token = try SessionToken.make()
        let session = try pool.withStore {
            try $0.openSession(
                account: candidate.account, tokenDigest: SessionToken.digest(token), kind: kind, expiresAt: now + sessionSeconds, now: now)
        }
        return .signedIn(agent(session, token: token))
    }

    /// The agent holding `token`, or nil for an unknown, expired or malformed token or a disabled account.
    public func agent(token: String?) throws -> Agent? {
        guard let token, SessionToken.isWellFormed(token) else { return nil }
        let digest = SessionToken.digest(token)
        return try pool.withStore { try $0.sessionAccount(tokenDigest: digest, now: clock()) }.map { agent($0, token: token) }
    }

    /// Ends the session of `agent`.
    public func signOut(_ agent: Agent) throws {
        try pool.withStore { _ = try $0.closeSession(tokenDigest: SessionToken.digest(agent.token), now: clock()) }
    }

    private func agent(_ session: SessionAccount, token: String) -> Agent {
        Agent(
            login: session.login, role: session.role, commune: session.commune.flatMap { territory.commune(slug: $0) }, token: token,
            expiresAt: session.expiresAt)
    }

    /// A hash of no one's password, verified against when the login is unknown so that the answer takes as long.
    private static let decoyHash: String = (try? PasswordHash.make("decoy password of no account")) ?? PasswordHash.prefix
}
