// relais users: the accounts of the desk (CCAS agents, staff, planners and the agglo's
// coordinators), managed on the command line; they sign in to the pages of `relais serve`.
//
// A password is read from standard input, first line only, so that it never appears in argv, in
// `ps`, or in the shell's history; it is hashed with yescrypt (RelaisAuth) before the store sees
// it. No message, log line or audit row ever holds a password or a hash.

import Foundation
import RelaisAuth
import RelaisCore
import RelaisJSON
import RelaisStore

enum UsersCommand {
    static let help = """
        relais users add LOGIN --role ccas --commune COMMUNE
        relais users add LOGIN --role staff|planner|coordinator
        relais users list [--json]
        relais users disable LOGIN
        relais users enable LOGIN
        relais users reset LOGIN

        Accounts for the desk: a CCAS account works for one commune's residents; staff check
        people in at the sessions of the day (all communes, nothing else); a planner loads
        calendars and reads the reports (masked, never a name); a coordinator does everything for
        the whole agglo. add and reset read the password from standard input (the first line, at least
        \(minimumPasswordLength) characters), so that it never appears on the command line or in the
        shell's history; it is stored only as a salted yescrypt hash. A disabled account is kept
        for the audit log, its sessions end at once, and enable lets it sign in again. reset also
        ends the account's sessions and clears a lock left by wrong passwords. Every change is recorded in the audit log as made by "cli".

        Example:
          printf '%s\\n' "$PASSWORD" | relais users add "ccas-$COMMUNE" --role ccas --commune "$COMMUNE"
          relais users list
        """

    /// The shortest password accepted.
    static let minimumPasswordLength = 12

    static func run(_ words: [String], _ context: Context) throws {
        guard let action = words.first else { throw UserError.usage("users needs add, list, disable, enable or reset\n\n\(help)") }
        let rest = Array(words.dropFirst())
        switch action {
        case "add": try add(rest, context)
        case "list": try list(rest, context)
        case "disable": try disable(rest, context, enabling: false)
        case "enable": try disable(rest, context, enabling: true)
        case "reset": try reset(rest, context)
        default: throw UserError.usage("unknown users action \"\(action)\"; use add, list, disable, enable or reset")
        }
    }

    // MARK: - Actions

    static func add(_ words: [String], _ context: Context) throws {
        let usage = "relais users add LOGIN --role ccas --commune COMMUNE | --role staff|planner|coordinator"
        let arguments = try Arguments(words, options: ["role", "commune"], flags: [])
        try arguments.expectPositional(atMost: 1, usage: usage)
        let login = try self.login(arguments, usage: usage)
        let roles = AccountRole.allCases.map(\.rawValue).joined(separator: ", ")
        guard let roleText = try arguments.value("role") else { throw UserError.usage("users add needs --role (\(roles))") }
        guard let role = AccountRole(rawValue: roleText) else {
            throw UserError.usage("--role is one of \(roles), not \"\(roleText)\"")
        }
        var commune: String?
        switch (role, try arguments.value("commune")) {
        case (.ccas, nil):
            throw UserError.usage("a CCAS account needs --commune (one of the agglo's 27 communes)")
        case (.ccas, let typed?):
            guard let known = context.territory.commune(named: typed) else {
                throw UserError.data("unknown commune \"\(typed)\": a CCAS account needs one of the agglo's 27 communes")
            }
            commune = known.code
        case (_, .some):
            throw UserError.usage("a \(role.rawValue) account works for every commune: leave out --commune")
        case (_, nil):
            break
        }
        let hash = try PasswordHash.make(try readPassword())
        try context.store().addAccount(login: login, role: role, commune: commune, passwordHash: hash, now: context.now)
        print("account \(login) added (\(role.rawValue)\(commune.map { ", \(context.territory.communeSlug(code: $0))" } ?? ""))")
    }

    static func list(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais users list [--json]")
        let accounts = try context.store().accounts()
        if arguments.flag("json") {
            Output.json(accounts.map { AccountJSON($0, territory: context.territory, localTime: context.localTime) })
        } else {
            Output.table(
                ["login", "role", "commune", "created", "state"],
                accounts.map { account in
                    [
                        account.login, account.role.rawValue, account.commune.map { TransportCommand.communeName($0, context) } ?? "-",
                        context.localTime.short(account.createdAt),
                        account.disabledAt.map { "disabled \(context.localTime.short($0))" } ?? "active",
                    ]
                })
        }
    }

    static func disable(_ words: [String], _ context: Context, enabling: Bool) throws {
        let verb = enabling ? "enable" : "disable"
        let usage = "relais users \(verb) LOGIN"
        let arguments = try Arguments(words, options: [], flags: [])
        try arguments.expectPositional(atMost: 1, usage: usage)
        let login = try self.login(arguments, usage: usage)
        let store = try context.store()
        let changed =
            try enabling ? store.enableAccount(login: login, now: context.now) : store.disableAccount(login: login, now: context.now)
        print(changed ? "account \(login) \(verb)d" : "account \(login) was already \(verb)d")
    }

    static func reset(_ words: [String], _ context: Context) throws {
        let usage = "relais users reset LOGIN"
        let arguments = try Arguments(words, options: [], flags: [])
        try arguments.expectPositional(atMost: 1, usage: usage)
        let login = try self.login(arguments, usage: usage)
        // Refuse an unknown login before asking for a password.
        guard try context.store().accounts().contains(where: { $0.login == login }) else {
            throw UserError.data("no account \"\(login)\"")
        }
        let hash = try PasswordHash.make(try readPassword())
        try context.store().resetPassword(login: login, passwordHash: hash, now: context.now)
        print("account \(login): password replaced")
    }

    // MARK: - Input

    /// The one positional word, a login of letters, digits, dots, hyphens and underscores.
    static func login(_ arguments: Arguments, usage: String) throws(UserError) -> String {
        guard let login = arguments.positional.first else { throw .usage("missing LOGIN; usage: \(usage)") }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@")
        guard (1...64).contains(login.count), login.allSatisfy({ allowed.contains($0) }) else {
            throw .usage("LOGIN \"\(login)\" must be 1 to 64 letters, digits, '.', '_', '-' or '@'")
        }
        return login
    }

    /// The password: the first line of standard input, without its line ending. The message on
    /// refusal says why, never what was read.
    static func readPassword() throws(UserError) -> String {
        // readLine stops at the first line ending ("\n" or "\r\n") and removes it.
        let password = readLine(strippingNewline: true) ?? ""
        guard !password.isEmpty else {
            throw .data("no password on standard input: give it as the first line, e.g. printf '%s\\n' \"$PASSWORD\" | relais users ...")
        }
        guard password.count >= minimumPasswordLength else {
            throw .data("password refused: it must be at least \(minimumPasswordLength) characters long")
        }
        return password
    }
}
