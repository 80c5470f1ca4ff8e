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

/// A signed-in agent: a CCAS of one commune, staff, a planner, or a coordinator.
public struct Agent: Sendable, Equatable {
    public var login: String
    public var role: AccountRole
    /// The agent's commune, for a CCAS.
    public var commune: Commune?
    /// The session's token (never logged, never stored in clear).
    public var token: String
    public var expiresAt: Date

    /// The residents and bookings the agent may act on: its commune's for a CCAS agent (the
    /// Authenticator gives it its commune, or no session), all for a coordinator. Staff and
    /// planners have none: asking is refused (DeskError.forbidden), never answered with all.
    public var scope: ShuttleScope {
        get throws(DeskError) {
            switch role {
            case .ccas:
                guard let commune else { throw .forbidden }
                return .ccas(commune)
            case .coordinator: return .coordinator
            case .staff, .planner: throw .forbidden
            }
        }
    }
    public var isCoordinator: Bool { role == .coordinator }

    /// Refuses (DeskError.forbidden) what the agent's role does not allow.
    public func require(_ capability: DeskCapability) throws(DeskError) {
        guard role.allows(capability) else { throw .forbidden }
    }
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
    let unknownLogins: UnknownLogins

    /// `unknownLogins` outlives the authenticator when given: `relais serve` keeps one across reloads.
    public init(
        pool: StorePool, territory: Territory, sessionHours: Int, clock: @escaping @Sendable () -> Date,
        unknownLogins: UnknownLogins = UnknownLogins()
    ) {
        self.pool = pool
        self.unknownLogins = unknownLogins
        self.territory = territory
        self.clock = clock
        self.sessionSeconds = TimeInterval(sessionHours * 3600)
    }

    /// Checks `password` for `login` and opens a session.
    public func signIn(login: String, password: String, kind: SessionKind) throws -> SignInResult {
        let now = clock()
        guard let candidate = try pool.withStore({ try $0.signInCandidate(login: login) }) else {
            // No such account: the same throttle (in memory, keyed by a digest of the login typed)
            // and the same slow hash, so the answers do not tell which logins exist.
            if let lock = unknownLogins.lock(of: login, now: now) { return .locked(until: lock) }
            _ = PasswordHash.verify(password, against: Self.decoyHash)
            try pool.withStore { try $0.recordUnknownSignIn(now: now) }
            return unknownLogins.fail(login, throttle: throttle, now: now).map { .locked(until: $0) } ?? .refused
        }
        let admission = try pool.withStore { try $0.admitSignIn(account: candidate.account, throttle: throttle, now: now) }
        guard case .admitted(let lockIfWrong) = admission else {
            if case .locked(let until) = admission { return .locked(until: until) }
            return .refused
        }
        guard PasswordHash.verify(password, against: candidate.passwordHash) else {
            try pool.withStore { try $0.recordSignInFailure(account: candidate.account, now: now) }
            return lockIfWrong.map { .locked(until: $0) } ?? .refused
        }
        guard !candidate.disabled else { return .refused }
        let token = try SessionToken.make()
        let session: SessionAccount
        do {
            session = try pool.withStore {
                try $0.openSession(
                    account: candidate.account, tokenDigest: SessionToken.digest(token), kind: kind, expiresAt: now + sessionSeconds,
                    now: now)
            }
        } catch Refusal.account(.disabled), Refusal.notFound(.account, _) {
            return .refused  // disabled or removed since its password was checked: the same answer as a wrong password
        }
        return agent(session, token: token).map(SignInResult.signedIn) ?? .refused
    }

    /// The agent holding `token` in a session of `kind`, or nil for an unknown, expired or
    /// malformed token, a token of the other kind, or a disabled account.
    public func agent(token: String?, kind: SessionKind) throws -> Agent? {
        guard let token, SessionToken.isWellFormed(token) else { return nil }
        let digest = SessionToken.digest(token)
        // Kept per connection until the database changes (a sign-out, a disabled account): the
        // lookup is made at the session's creation time, so that the kept answer does not depend
        // on the clock; its expiry is checked against the clock on every request.
        let now = clock()
        guard
            let session = try pool.cachedRead(
                key: "session \(digest)", { try pool.withStore { try $0.sessionAccount(tokenDigest: digest, now: .distantPast) } }),
            session.expiresAt > now, session.kind == kind
        else { return nil }
        return agent(session, token: token)
    }

    /// Ends the session of `agent`.
    public func signOut(_ agent: Agent) throws {
        try pool.withStore { _ = try $0.closeSession(tokenDigest: SessionToken.digest(agent.token), now: clock()) }
    }

    /// The agent of a session; nil for a CCAS account whose commune this territory does not know,
    /// which must never fall back to the coordinator's scope.
    private func agent(_ session: SessionAccount, token: String) -> Agent? {
        var commune: Commune?
        if session.role == .ccas {
            guard let code = session.commune, let known = territory.commune(code: code) else { return nil }
            commune = known
        }
        return Agent(login: session.login, role: session.role, commune: commune, token: token, expiresAt: session.expiresAt)
    }

    /// A hash of no one's password, verified against when the login is unknown so that the answer takes as long.
    private static let decoyHash: String = (try? PasswordHash.make("decoy password of no account")) ?? PasswordHash.prefix
}

/// Wrong sign-ins under logins no account has, counted in memory like an account's (never written
/// down: a login typed may be a password typed in the wrong field), keyed by the login's digest.
public final class UnknownLogins: @unchecked Sendable {
    // @unchecked: `entries` is only touched under `lock`.
    private let lock = NSLock()
    private var entries: [String: (failures: Int, lockedUntil: Date?)] = [:]

    public init() {}
    private let capacity = 10_000

    /// Until when this login is locked, if it is.
    func lock(of login: String, now: Date) -> Date? {
        self.lock.lock()
        defer { self.lock.unlock() }
        return entries[SessionToken.digest(login)]?.lockedUntil.flatMap { $0 > now ? $0 : nil }
    }

    /// Counts a failure; returns the lock it earns, if any.
    func fail(_ login: String, throttle: SignInThrottle, now: Date) -> Date? {
        self.lock.lock()
        defer { self.lock.unlock() }
        if entries.count >= capacity { entries = entries.filter { ($0.value.lockedUntil ?? .distantPast) > now } }
        if entries.count >= capacity { entries.removeAll() }
        let key = SessionToken.digest(login)
        let failures = (entries[key]?.failures ?? 0) + 1
        let until = throttle.lockedUntil(afterFailures: failures, now: now)
        entries[key] = (failures, until)
        return until
    }
}
