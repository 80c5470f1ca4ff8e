// UsersCLITests: relais users, driven through the built binary with the password on standard input.

import Foundation
import Testing

@Suite struct UsersCLITests {
    static let password = "Chamois-de-Gex-2027"

    @Test func anAddedAccountKeepsOnlyAYescryptHashOfItsPassword() throws {
        let workspace = Workspace()
        let added = try workspace.relais(
            stdin: UsersCLITests.password + "\n", "users", "add", "ccas-gex", "--role", "ccas", "--commune", "Gex")
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output == "account ccas-gex added (ccas, gex)\n")
        let hash = try workspace.run(
            "/usr/bin/sqlite3", [workspace.database, "SELECT password_hash FROM account WHERE login = 'ccas-gex'"])
        #expect(hash.output.hasPrefix("$y$"), "\(hash.output)")
        #expect(!(try workspace.dump()).contains(UsersCLITests.password))
        let listed = try workspace.relais("users", "list", "--json")
        let accounts = try #require(try workspace.json(listed) as? [[String: Any]])
        #expect(accounts.count == 1)
        #expect(accounts[0]["login"] as? String == "ccas-gex")
        #expect(accounts[0]["commune"] as? String == "gex")
        #expect(accounts[0]["disabled"] as? Bool == false)
        for result in [added, listed] {
            #expect(!result.output.contains(UsersCLITests.password) && !result.errors.contains(UsersCLITests.password))
            #expect(!result.output.contains("$y$") && !result.errors.contains("$y$"))
        }
    }

    @Test func aCoordinatorHasNoCommune() throws {
        let workspace = Workspace()
        let added = try workspace.relais(stdin: UsersCLITests.password + "\n", "users", "add", "agglo", "--role", "coordinator")
        #expect(added.status == 0, "\(added.errors)")
        let refused = try workspace.relais(
            stdin: UsersCLITests.password + "\n", "users", "add", "agglo2", "--role", "coordinator", "--commune", "Gex")
        #expect(refused.status == 64)
    }

    @Test func aShortPasswordIsRefused() throws {
        let workspace = Workspace()
        let refused = try workspace.relais(stdin: "short-pw\n", "users", "add", "ccas-gex", "--role", "ccas", "--commune", "Gex")
        #expect(refused.status == 65)
        #expect(refused.errors == "relais: password refused: it must be at least 12 characters long\n")
        #expect(!refused.errors.contains("short-pw"))
        let listed = try workspace.relais("users", "list", "--json")
        #expect((try workspace.json(listed) as? [Any])?.isEmpty == true)
    }

    @Test func aCCASAccountNeedsAKnownCommune() throws {
        let workspace = Workspace()
        let missing = try workspace.relais(stdin: UsersCLITests.password + "\n", "users", "add", "ccas", "--role", "ccas")
        #expect(missing.status == 64)
        _ = try workspace.relais("users", "list")  // creates the database, so that the dump compares
        let before = try workspace.dump()
        let unknown = try workspace.relais(
            stdin: UsersCLITests.password + "\n", "users", "add", "ccas", "--role", "ccas", "--commune", "Genève")
        #expect(unknown.status == 65)
        #expect(unknown.errors.contains("unknown commune \"Genève\""), "\(unknown.errors)")
        #expect(try workspace.dump() == before)
    }

    @Test func aDuplicateLoginIsRefusedAndChangesNothing() throws {
        let workspace = Workspace()
        _ = try workspace.relais(stdin: UsersCLITests.password + "\n", "users", "add", "ccas-gex", "--role", "ccas", "--commune", "Gex")
        let before = try workspace.dump()
        let again = try workspace.relais(
            stdin: "Another-password-42\n", "users", "add", "ccas-gex", "--role", "ccas", "--commune", "Divonne")
        #expect(again.status == 65)
        #expect(again.errors == "relais: an account \"ccas-gex\" already exists (relais users list shows them)\n")
        #expect(try workspace.dump() == before)
    }

    @Test func disablingResettingAndEnablingWorkAndAreAudited() throws {
        let workspace = Workspace()
        _ = try workspace.relais(stdin: UsersCLITests.password + "\n", "users", "add", "ccas-gex", "--role", "ccas", "--commune", "Gex")
        let hashBefore = try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT password_hash FROM account"]).output
        let disabled = try workspace.relais("users", "disable", "ccas-gex")
        #expect(disabled.status == 0, "\(disabled.errors)")
        #expect(disabled.output == "account ccas-gex disabled\n")
        let newPassword = "Nouveau-mot-de-passe-2027"
        let reset = try workspace.relais(stdin: newPassword + "\n", "users", "reset", "ccas-gex")
        #expect(reset.status == 0, "\(reset.errors)")
        let hashAfter = try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT password_hash FROM account"]).output
        #expect(hashAfter.hasPrefix("$y$") && hashAfter != hashBefore)
        let listed = try #require(try workspace.json(workspace.relais("users", "list", "--json")) as? [[String: Any]])
        #expect(listed[0]["disabled"] as? Bool == true)
        #expect(try workspace.relais("users", "enable", "ccas-gex").output == "account ccas-gex enabled\n")
        #expect(try workspace.relais("users", "enable", "ccas-gex").output == "account ccas-gex was already enabled\n")
        let audit = try workspace.run(
            "/usr/bin/sqlite3", [workspace.database, "SELECT account || ' ' || action || ' ' || detail FROM audit_log ORDER BY id"])
        #expect(
            audit.output == """
                cli account.add login=ccas-gex role=ccas commune=01173
                cli account.disable login=ccas-gex
                cli account.reset-password login=ccas-gex
                cli account.enable login=ccas-gex

                """)
        let dump = try workspace.dump()
        #expect(!dump.contains(UsersCLITests.password) && !dump.contains(newPassword))
    }

    @Test func anUnknownLoginIsRefused() throws {
        let workspace = Workspace()
        _ = try workspace.relais("users", "list")
        let before = try workspace.dump()
        let disabled = try workspace.relais("users", "disable", "nobody")
        #expect(disabled.status == 65)
        #expect(disabled.errors == "relais: no account \"nobody\" (relais users list shows them)\n")
        let reset = try workspace.relais(stdin: UsersCLITests.password + "\n", "users", "reset", "nobody")
        #expect(reset.status == 65)
        #expect(try workspace.dump() == before)
    }
}

extension Workspace {
    /// Runs relais like `relais(...)`, with `stdin` written to its standard input (then closed).
    func relais(stdin: String, _ arguments: String...) throws -> RunResult { try relais(stdin: stdin, arguments) }

    /// Runs relais with `arguments`, with `stdin` written to its standard input (then closed).
    func relais(stdin: String, _ arguments: [String]) throws -> RunResult {
        let process = Process()
        process.executableURL = Workspace.binary
        process.arguments = globalArguments + arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["RELAIS_NOW": now]) { $1 }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        return RunResult(waitingFor: process, output: output, errors: errors)
    }
}
