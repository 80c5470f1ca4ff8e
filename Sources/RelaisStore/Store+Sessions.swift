// Store+Sessions: signing in and out of the CCAS desk, and finding who holds a session.
//
// A sign-in is four steps, so the slow password hash never runs inside a write transaction:
// `signInCandidate` reads the account, `admitSignIn` counts the attempt as failed and sets the
// lock it would deserve (or refuses while locked), the caller verifies the password (RelaisAuth),
// then `openSession` clears the count or `recordSignInFailure` audits the failure. Counting before
// checking keeps parallel guesses from slipping past a lock that is not written yet. Sessions are stored as the SHA-256 digest of
// their token; disabling an account or resetting its password ends its sessions.
// Every step is in the audit log, with the login; never the password, the token or its digest.

import Foundation
import RelaisCore

/// The account behind a session.
public struct SessionAccount: Sendable, Equatable {
    public var account: Int64
    public var login: String
    public var role: AccountRole
    /// The commune's INSEE code for a CCAS account.
    public var commune: String?
    public var expiresAt: Date
    public var kind: SessionKind
}

/// What the desk needs to judge a sign-in: the stored hash and the lock.
public struct SignInCandidate: Sendable {
    public var account: Int64
    public var passwordHash: String
    public var disabled: Bool
    public var lockedUntil: Date?
}

/// Whether a password attempt may go ahead.
public enum SignInAdmission: Sendable, Equatable {
    /// Check the password; if it is wrong, the account is locked until `lockIfWrong` (nil: not locked).
    case admitted(lockIfWrong: Date?)
    /// Too many failures: no password is checked before `until`.
    case locked(until: Date)
}

/// The kind of client holding a session.
public enum SessionKind: String, Sendable, Equatable {
    case browser
    case api
}

extension Store {
    /// The account signing in as `login`, or nil when there is none.
    public func signInCandidate(login: String) throws -> SignInCandidate? {
        try database.row("SELECT id, password_hash, disabled_at, locked_until FROM account WHERE login = ?", [.text(login)]).map { row in
            SignInCandidate(
                account: row.int64("id")!, passwordHash: row.string("password_hash")!, disabled: row.date("disabled_at") != nil,
                lockedUntil: row.date("locked_until"))
        }
    }

    /// Admits one password attempt for `account`, or refuses it while the account is locked. An
    /// admitted attempt is counted as failed at once, and locks the account as `throttle` says if it
    /// would be one failure too many, before the password is even checked: so attempts sent in
    /// parallel cannot all slip in before the first one's lock is written. A right password then
    /// clears the count (openSession).
    public func admitSignIn(account: Int64, throttle: SignInThrottle, now: Date) throws -> SignInAdmission {
        try database.write { database in
            let row = try database.row("SELECT failed_logins, locked_until FROM account WHERE id = ?", [.integer(account)])!
            if let lock = row.date("locked_until"), lock > now { return .locked(until: lock) }
            let failures = row.int("failed_logins")! + 1
            let lock = throttle.lockedUntil(afterFailures: failures, now: now)
            try database.run(
                "UPDATE account SET failed_logins = ?, locked_until = ? WHERE id = ?", [.int(failures), .date(lock), .integer(account)])
            return .admitted(lockIfWrong: lock)
        }
    }

    /// Writes a wrong password for `account` in the audit log (admitSignIn has counted it).
    public func recordSignInFailure(account: Int64, now: Date) throws {
        try database.write { database in
            let row = try database.row("SELECT login, failed_logins, locked_until FROM account WHERE id = ?", [.integer(account)])!
            let locked = (row.date("locked_until") ?? now) > now
            try audit(
                actor: row.string("login")!, action: "signin.failed",
                detail: "failures=\(row.int("failed_logins")!)" + (locked ? " locked" : ""),
                now: now, in: database)
        }
    }

    /// Records a sign-in under a login no account has (the login typed is not kept: it may be a mistyped password).
    public func recordUnknownSignIn(now: Date) throws {
        try database.write { database in try audit(actor: "-", action: "signin.unknown-login", detail: "", now: now, in: database) }
    }

    /// Opens a session for `account`, which must still be enabled, and clears its failures.
    public func openSession(account: Int64, tokenDigest: String, kind: SessionKind, expiresAt: Date, now: Date) throws -> SessionAccount {
        try database.write { database in
            guard
                let row = try database.row(
                    "SELECT login FROM account WHERE id = ? AND disabled_at IS NULL", [.integer(account)])
            else {
                let login = try database.row("SELECT login FROM account WHERE id = ?", [.integer(account)])?.string("login")
                throw login.map { Refusal.account(.disabled(login: $0)) } ?? Refusal.notFound(.account, id: String(account))
            }
            try database.run(
                "INSERT INTO session (token_digest, account, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [.text(tokenDigest), .integer(account), .text(kind.rawValue), .date(now), .date(expiresAt)])
            try database.run("UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = ?", [.integer(account)])
            try audit(actor: row.string("login")!, action: "signin", detail: "kind=\(kind.rawValue)", now: now, in: database)
            return try sessionAccount(tokenDigest: tokenDigest, now: now, in: database)!
        }
    }

    /// The enabled account holding an unexpired session with this digest, or nil.
    public func sessionAccount(tokenDigest: String, now: Date) throws -> SessionAccount? {
        try sessionAccount(tokenDigest: tokenDigest, now: now, in: database)
    }

    private func sessionAccount(tokenDigest: String, now: Date, in database: Database) throws -> SessionAccount? {
        try database.row(
            """
            SELECT a.id, a.login, a.role, a.commune, s.expires_at, s.kind FROM session s JOIN account a ON a.id = s.account
            WHERE s.token_digest = ? AND s.expires_at > ? AND a.disabled_at IS NULL
            """, [.text(tokenDigest), .date(now)]
        ).map { row in
            SessionAccount(
                account: row.int64("id")!, login: row.string("login")!, role: AccountRole(rawValue: row.string("role")!)!,
                commune: row.string("commune"), expiresAt: row.date("expires_at")!, kind: SessionKind(rawValue: row.string("kind")!)!)
        }
    }

    /// Ends the session with this digest (signing out). Returns false when there was none.
    @discardableResult
    public func closeSession(tokenDigest: String, now: Date) throws -> Bool {
        try database.write { database in
            guard
                let row = try database.row(
                    "SELECT a.login FROM session s JOIN account a ON a.id = s.account WHERE s.token_digest = ?", [.text(tokenDigest)])
            else { return false }
            try database.run("DELETE FROM session WHERE token_digest = ?", [.text(tokenDigest)])
            try audit(actor: row.string("login")!, action: "signout", detail: "", now: now, in: database)
            return true
        }
    }
}
