// Schema step 10 rebuilds the account table for the roles staff and planner: accounts, their
// sessions and the audit log come through, and the new roles are held by the database.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct RolesMigrationTests {
    @Test func anAccountAndItsSessionSurviveTheRebuildAndTheNewRolesAreAccepted() throws {
        let file = TemporaryDatabase()
        try file.makeSchema(
            9,
            then: """
                INSERT INTO commune (slug, name) VALUES ('gex', 'Gex');
                INSERT INTO account (id, login, role, commune, password_hash, created_at) VALUES (7, 'agent-gex', 'ccas', 'gex', '\(SessionStoreTests.hash)', 0);
                INSERT INTO session (token_digest, account, kind, created_at, expires_at) VALUES ('\(SessionStoreTests.digest)', 7, 'browser', 0, 4102444800);
                """)
        let store = try file.open()
        #expect(try store.database.row("SELECT max(version) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
        let session = try store.sessionAccount(tokenDigest: SessionStoreTests.digest, now: Sample.now)
        #expect(session?.login == "agent-gex" && session?.role == .ccas && session?.commune == "01173")
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try store.database.row("PRAGMA foreign_keys")?.int("foreign_keys") == 1, "foreign keys are on again")
        for role in [AccountRole.staff, .planner, .coordinator] {
            try store.addAccount(login: "a-\(role.rawValue)", role: role, commune: nil, passwordHash: SessionStoreTests.hash, now: Sample.now)
        }
        #expect(Set(try store.accounts().map(\.role)) == Set(AccountRole.allCases))
        // The database itself refuses a staff account with a commune, and a role it does not know.
        #expect(throws: DatabaseError.self) {
            try store.database.execute(
                "INSERT INTO account (login, role, commune, password_hash, created_at) "
                    + "VALUES ('x', 'staff', '01173', '\(SessionStoreTests.hash)', 0)")
        }
        #expect(throws: DatabaseError.self) {
            try store.database.execute(
                "INSERT INTO account (login, role, password_hash, created_at) VALUES ('y', 'admin', '\(SessionStoreTests.hash)', 0)")
        }
        // Deleting the account still takes its sessions with it (the reference survived the rename).
        try store.database.execute("DELETE FROM account WHERE id = 7")
        #expect(try store.sessionAccount(tokenDigest: SessionStoreTests.digest, now: Sample.now) == nil)
        #expect(try store.database.row("SELECT count(*) AS n FROM session")?.int("n") == 0)
    }
}
