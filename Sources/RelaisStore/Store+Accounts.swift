// Store+Accounts: the accounts of the CCAS desk and the coordinators: add, list, disable, enable and
// reset a password. Every change writes an audit_log row in the same transaction, naming the
// acting account (the command line is "cli"); the detail never holds a password or a hash.
// The password hash is made by the caller (RelaisAuth) and only passes through here.

import Foundation
import RelaisCore

/// An account as listed (no password hash).
public struct Account: Sendable, Equatable {
    public var id: Int64
    public var login: String
    public var role: AccountRole
    /// The commune's INSEE code, for a CCAS account; nil for the other roles.
    public var commune: String?
    public var createdAt: Date
    /// When the account was disabled, or nil while it may sign in.
    public var disabledAt: Date?
}

extension Store {
    /// The acting account of changes made on the command line.
    public static let commandLineActor = "cli"

    /// Adds an account with an already hashed password. Refused (Refusal.account) for a duplicate
    /// login, an unknown commune, or a role and commune that do not go together.
    @discardableResult
    public func addAccount(
        login: String, role: AccountRole, commune: String?, passwordHash: String, actor: String = Store.commandLineActor, now: Date
    ) throws -> Int64 {
        try database.write { database in
            if role.worksForACommune {
                guard let commune, try database.row("SELECT 1 AS found FROM commune WHERE code = ?", [.text(commune)]) != nil else {
                    throw Refusal.account(.unknownCommune(typed: commune))
                }
            } else if commune != nil {
                throw Refusal.account(.communeNotForRole(role: role))
            }
            if try database.row("SELECT 1 AS found FROM account WHERE login = ?", [.text(login)]) != nil {
                throw Refusal.account(.loginTaken(login: login))
            }
            try database.run(
                "INSERT INTO account (login, role, commune, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                [.text(login), .text(role.rawValue), .string(commune), .text(passwordHash), .date(now)])
            let id = database.lastInsertedRowID
            let detail = "login=\(login) role=\(role.rawValue)" + (commune.map { " commune=\($0)" } ?? "")
            try audit(actor: actor, action: "account.add", detail: detail, now: now, in: database)
            return id
        }
    }

    /// Every account, by login.
    public func accounts() throws -> [Account] {
        try database.rows("SELECT id, login, role, commune, created_at, disabled_at FROM account ORDER BY login").map { row in
            Account(
                id: row.int64("id") ?? 0, login: row.string("login") ?? "", role: AccountRole(rawValue: row.string("role") ?? "") ?? .ccas,
                commune: row.string("commune"), createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0),
                disabledAt: row.date("disabled_at"))
        }
    }

    /// Disables an account (it stays, for the audit log). Returns false when it was already disabled.
    @discardableResult
    public func disableAccount(login: String, actor: String = Store.commandLineActor, now: Date) throws -> Bool {
        try database.write { database in
            try requireAccount(login, in: database)
            let changed = try database.run(
                "UPDATE account SET disabled_at = ? WHERE login = ? AND disabled_at IS NULL", [.date(now), .text(login)])
            if changed > 0 {
                try database.run("DELETE FROM session WHERE account = (SELECT id FROM account WHERE login = ?)", [.text(login)])
                try audit(actor: actor, action: "account.disable", detail: "login=\(login)", now: now, in: database)
            }
            return changed > 0
        }
    }

    /// Lets a disabled account sign in again. Returns false when it was not disabled.
    @discardableResult
    public func enableAccount(login: String, actor: String = Store.commandLineActor, now: Date) throws -> Bool {
        try database.write { database in
            try requireAccount(login, in: database)
            let changed = try database.run(
                "UPDATE account SET disabled_at = NULL WHERE login = ? AND disabled_at IS NOT NULL", [.text(login)])
            if changed > 0 {
                try audit(actor: actor, action: "account.enable", detail: "login=\(login)", now: now, in: database)
            }
            return changed > 0
        }
    }

    /// Replaces an account's password hash and clears its failed sign-ins and lock.
    public func resetPassword(login: String, passwordHash: String, actor: String = Store.commandLineActor, now: Date) throws {
        try database.write { database in
            try requireAccount(login, in: database)
            try database.run(
                "UPDATE account SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE login = ?",
                [.text(passwordHash), .text(login)])
            try database.run("DELETE FROM session WHERE account = (SELECT id FROM account WHERE login = ?)", [.text(login)])
            try audit(actor: actor, action: "account.reset-password", detail: "login=\(login)", now: now, in: database)
        }
    }

    // MARK: - Helpers

    private func requireAccount(_ login: String, in database: Database) throws {
        guard try database.row("SELECT 1 AS found FROM account WHERE login = ?", [.text(login)]) != nil else {
            throw Refusal.notFound(.account, id: login)
        }
    }

    /// One audit_log row; `detail` must never hold a password or a hash.
    func audit(actor: String, action: String, detail: String, now: Date, in database: Database) throws {
        try database.run(
            "INSERT INTO audit_log (at, account, action, detail) VALUES (?, ?, ?, ?)",
            [.date(now), .text(actor), .text(action), .text(detail)])
    }
}
