// Migrations+Accounts: schema steps 6 and 7, the accounts of the CCAS desk and the audit log, kept beside
// the other steps' list in Migrations.swift (append-only, never edited once shipped).
//
// A CCAS account belongs to exactly one commune and a coordinator to none; a password is stored
// only as a yescrypt hash ("$y$..."), which the CHECK makes impossible to forget. The audit log
// names the acting account ("cli" for the command line) and never holds a password or a hash.
// A session row keeps the SHA-256 of its token, never the token, and dies with its account.

extension Migrations {
    static let accountsStep = """
        CREATE TABLE account (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE CHECK (login <> ''),
            role TEXT NOT NULL CHECK (role IN ('ccas', 'coordinator')),
            commune TEXT REFERENCES commune(slug),
            password_hash TEXT NOT NULL CHECK (password_hash LIKE '$y$%'),
            disabled_at INTEGER,
            created_at INTEGER NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
            locked_until INTEGER,
            CHECK ((role = 'ccas') = (commune IS NOT NULL))
        ) STRICT;
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            account TEXT NOT NULL,
            action TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX audit_log_by_account ON audit_log(account, at);
        """
}

extension Migrations {
    static let sessionsStep = """
        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            token_digest TEXT NOT NULL UNIQUE CHECK (length(token_digest) = 64),
            account INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')),
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL CHECK (expires_at > created_at)
        ) STRICT;
        CREATE INDEX session_by_expiry ON session(expires_at);
        CREATE INDEX session_by_account ON session(account);
        """
}

extension Migrations {
    /// Step 10: the roles `staff` and `planner`. SQLite changes a CHECK only by rebuilding the table
    /// (https://www.sqlite.org/lang_altertable.html#otheralter: "create new table, copy data, drop
    /// old table, rename new into old"), which this step does with foreign keys off (see
    /// `foreignKeysOffSteps`) so that dropping the old `account` does not cascade to its sessions;
    /// `PRAGMA foreign_key_check` then proves every session still has its account.
    static let rolesStep = """
        CREATE TABLE account_with_roles (
            id INTEGER PRIMARY KEY,
            login TEXT NOT NULL UNIQUE CHECK (login <> ''),
            role TEXT NOT NULL CHECK (role IN ('ccas', 'staff', 'planner', 'coordinator')),
            commune TEXT REFERENCES commune(slug),
            password_hash TEXT NOT NULL CHECK (password_hash LIKE '$y$%'),
            disabled_at INTEGER,
            created_at INTEGER NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
            locked_until INTEGER,
            CHECK ((role = 'ccas') = (commune IS NOT NULL))
        ) STRICT;
        INSERT INTO account_with_roles (id, login, role, commune, password_hash, disabled_at, created_at, failed_logins, locked_until)
            SELECT id, login, role, commune, password_hash, disabled_at, created_at, failed_logins, locked_until FROM account;
        DROP TABLE account;
        ALTER TABLE account_with_roles RENAME TO account;
        """
}
