// Sessions and sign-in bookkeeping in the store: what a session row holds, when it stops
// opening, and how failures lock an account.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct SessionStoreTests {
    static let hash = "$y$j9T$abcdefghijklmnop$0123456789012345678901234567890123456789012"
    static let digest = String(repeating: "ab", count: 32)

    func storeWithAccount() throws -> (TemporaryDatabase, Store, Int64) {
        let file = TemporaryDatabase()
        let store = try file.open()
        let id = try store.addAccount(login: "agent-gex", role: .ccas, commune: "01173", passwordHash: Self.hash, now: Sample.now)
        return (file, store, id)
    }

    @Test func anOpenSessionFindsItsAccountUntilItExpiresOrIsClosed() throws {
        let (_, store, id) = try storeWithAccount()
        let expires = Sample.now + 3600
        let opened = try store.openSession(account: id, tokenDigest: Self.digest, kind: .browser, expiresAt: expires, now: Sample.now)
        #expect(
            opened == SessionAccount(account: id, login: "agent-gex", role: .ccas, commune: "01173", expiresAt: expires, kind: .browser))
        #expect(try store.sessionAccount(tokenDigest: Self.digest, now: Sample.now + 3599) == opened)
        #expect(try store.sessionAccount(tokenDigest: Self.digest, now: expires) == nil)
        #expect(try store.sessionAccount(tokenDigest: String(repeating: "cd", count: 32), now: Sample.now) == nil)
        #expect(try store.closeSession(tokenDigest: Self.digest, now: Sample.now))
        #expect(try store.sessionAccount(tokenDigest: Self.digest, now: Sample.now) == nil)
        #expect(try !store.closeSession(tokenDigest: Self.digest, now: Sample.now))
        let actions = try store.database.rows("SELECT action FROM audit_log WHERE account = 'agent-gex' ORDER BY id").map {
            $0.string("action")!
        }
        #expect(actions == ["signin", "signout"])
    }

    @Test func disablingOrResettingAnAccountEndsItsSessionsAndADisabledAccountOpensNone() throws {
        let (_, store, id) = try storeWithAccount()
        _ = try store.openSession(account: id, tokenDigest: Self.digest, kind: .api, expiresAt: Sample.now + 3600, now: Sample.now)
        try store.resetPassword(login: "agent-gex", passwordHash: Self.hash, now: Sample.now)
        #expect(try store.sessionAccount(tokenDigest: Self.digest, now: Sample.now) == nil)
        _ = try store.openSession(account: id, tokenDigest: Self.digest, kind: .api, expiresAt: Sample.now + 3600, now: Sample.now)
        try store.disableAccount(login: "agent-gex", now: Sample.now)
        #expect(try store.sessionAccount(tokenDigest: Self.digest, now: Sample.now) == nil)
        #expect(throws: Refusal.account(.disabled(login: "agent-gex"))) {
            try store.openSession(account: id, tokenDigest: Self.digest, kind: .browser, expiresAt: Sample.now + 60, now: Sample.now)
        }
        #expect(try store.signInCandidate(login: "agent-gex")?.disabled == true)
    }

    @Test func attemptsAreCountedBeforeTheyAreCheckedLockTheAccountAndASignInClearsThem() throws {
        let (_, store, id) = try storeWithAccount()
        let throttle = SignInThrottle()
        let admissions = try (1...5).map { _ in try store.admitSignIn(account: id, throttle: throttle, now: Sample.now) }
        #expect(
            admissions == [
                .admitted(lockIfWrong: nil), .admitted(lockIfWrong: nil), .admitted(lockIfWrong: nil), .admitted(lockIfWrong: nil),
                .admitted(lockIfWrong: Sample.now + 30),
            ])
        // The fifth attempt's lock is written before its password is checked: a sixth, sent at the same time, waits.
        #expect(try store.admitSignIn(account: id, throttle: throttle, now: Sample.now + 1) == .locked(until: Sample.now + 30))
        #expect(try store.admitSignIn(account: id, throttle: throttle, now: Sample.now + 30) == .admitted(lockIfWrong: Sample.now + 90))
        try store.recordSignInFailure(account: id, now: Sample.now + 30)
        #expect(try store.signInCandidate(login: "agent-gex")?.lockedUntil == Sample.now + 90)
        _ = try store.openSession(account: id, tokenDigest: Self.digest, kind: .browser, expiresAt: Sample.now + 600, now: Sample.now + 90)
        let row = try store.database.row("SELECT failed_logins, locked_until FROM account WHERE id = ?", [.integer(id)])
        #expect(row?.int("failed_logins") == 0 && row?["locked_until"] == .null)
        let audit = try store.database.rows("SELECT detail FROM audit_log WHERE action = 'signin.failed'").map { $0.string("detail")! }
        #expect(audit == ["failures=6 locked"])
    }

    @Test func theSessionTableRefusesAnythingButADigest() throws {
        let (_, store, id) = try storeWithAccount()
        #expect(throws: DatabaseError.self) {
            try store.database.run(
                "INSERT INTO session (token_digest, account, kind, created_at, expires_at) VALUES ('short', ?, 'browser', 1, 2)",
                [.integer(id)])
        }
    }
}
