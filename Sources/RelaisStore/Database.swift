// Database: the one SQLite connection class, and the one function that opens every connection.
//
// Several relais processes share one file: the daemon, and the commands CCAS agents and planners
// run. Every connection is opened the same way (Database.open): extended result codes, a busy
// timeout, WAL, synchronous=FULL, foreign keys, then migrations. Every write goes through
// `write`, which begins with BEGIN IMMEDIATE: "If the BEGIN IMMEDIATE operation succeeds, then no
// subsequent operations in that transaction will ever fail with an SQLITE_BUSY error"
// (https://sqlite.org/lang_transaction.html), so the busy timeout is the only place a process
// waits for another, and a deferred read can never fail to upgrade mid-transaction.

import CSQLite
import Foundation

/// An error from SQLite: the extended result code, SQLite's message and the SQL that failed.
/// Bound values are never kept: they hold personal data.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var sql: String?

    /// The primary result code (the low byte of the extended one).
    public var primaryCode: Int32 { code & 0xFF }
    /// True for a CHECK, UNIQUE, FOREIGN KEY or trigger refusal.
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }
    /// True for a UNIQUE key or a PRIMARY KEY already taken: SQLITE_CONSTRAINT_UNIQUE and
    /// SQLITE_CONSTRAINT_PRIMARYKEY, which sqlite3.h defines as macros Swift does not import
    /// ("(SQLITE_CONSTRAINT | (8<<8))" and "(SQLITE_CONSTRAINT | (6<<8))", https://sqlite.org/rescode.html).
    public var isUniqueViolation: Bool { code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8) }

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " (in: \($0.prefix(200)))" } ?? "")
    }
}

/// One SQLite connection. Not Sendable: a connection belongs to the code that opened it.
public final class Database {
    let handle: OpaquePointer
    /// The file this connection is open on.
    public let path: String
    /// Statements already prepared, by SQL (Database+StatementCache).
    var statementCache = StatementCache()

    private init(handle: OpaquePointer, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Refuses a database written by a newer relais.
    public static func open(path: String, busyTimeoutMilliseconds: Int32 = 30_000) throws -> Database {
        _ = processConfigured
        var pointer: OpaquePointer?
        // NOMUTEX ("multi-thread" mode): SQLite takes no lock of its own on each call into a connection
        // (a report's million rows made several million calls, each locking and unlocking). That is safe
        // "provided that no single database connection nor any object derived from database connection,
        // such as a prepared statement, is used in two or more threads at the same time"
        // (https://sqlite.org/threadsafe.html): a Database is not Sendable, and the server's pool
        // (RelaisWeb/StorePool) lends a connection to one thread at a time.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard let pointer else { throw DatabaseError(code: status, message: "cannot allocate a connection", sql: nil) }
        let database = Database(handle: pointer, path: path)
        guard status == SQLITE_OK else {
            throw DatabaseError(code: status, message: "cannot open \(path): \(String(cString: sqlite3_errmsg(pointer)))", sql: nil)
        }
        sqlite3_extended_result_codes(pointer, 1)
        installBusyHandler(pointer, timeoutMilliseconds: busyTimeoutMilliseconds)
        // journal_mode=WAL needs a moment of exclusive access the first time; another process
        // creating the same file may hold it, and this pragma does not always call the busy handler.
        try database.retryingWhileBusy(for: Double(busyTimeoutMilliseconds) / 1000) {
            try database.execute("PRAGMA journal_mode = WAL")
        }
        try database.execute("PRAGMA synchronous = FULL")
        try database.execute("PRAGMA foreign_keys = ON")
        // Temporary tables and statement journals in memory: the counting triggers write other tables,
        // so SQLite keeps a statement journal for each INSERT or UPDATE of a registration or a message,
        // and with the default it is a temp file written at every row (637,957 pwrite64 calls against
        // 8,781 for `reminders plan` over 20,000 people).
        try database.execute("PRAGMA temp_store = MEMORY")
        try Migrations.apply(to: database)
        return database
    }

    /// SQLite's process-wide settings, made once before the first connection opens: no memory
    /// statistics (a mutex every allocation takes, contended by the desk's threads).
    private static let processConfigured: Void = { _ = relais_sqlite_disable_memory_statistics() }()

    // MARK: - Executing SQL

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(message)
            throw DatabaseError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Prepares a statement, binds `arguments` in order, and returns it ready to step.
    public func prepare(_ sql: String, _ arguments: [SQLValue] = []) throws -> Statement {
        let statement = try Statement(database: self, sql: sql)
        try statement.bind(arguments)
        return statement
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        try withCachedStatement(sql, arguments) { statement in
            while try statement.step() {}
            return Int(sqlite3_changes(handle))
        }
    }

    /// Every row a query returns.
    public func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [Row] {
        try withCachedStatement(sql, arguments) { statement in
            var rows: [Row] = []
            while try statement.step() { rows.append(statement.row) }
            return rows
        }
    }

    /// The first row a query returns, or nil.
    public func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> Row? {
        try withCachedStatement(sql, arguments) { statement in try statement.step() ? statement.row : nil }
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    // MARK: - Transactions

    /// Runs `body` in a write transaction (BEGIN IMMEDIATE): all of it is kept, or none of it.
    @discardableResult
    public func write<Result>(_ body: (Database) throws -> Result) throws -> Result {
        try retryingWhileBusy(for: 60) { try execute("BEGIN IMMEDIATE") }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a read transaction: one consistent snapshot of the database.
    public func read<Result>(_ body: (Database) throws -> Result) throws -> Result {
        try execute("BEGIN DEFERRED")
        defer { try? execute("COMMIT") }
        return try body(self)
    }

    /// Retries `body` while SQLite answers SQLITE_BUSY, for at most `seconds`. The busy timeout
    /// already waits inside SQLite; this covers the few cases where SQLite returns BUSY without
    /// calling the busy handler (https://sqlite.org/c3ref/busy_handler.html: "the presence of a
    /// busy handler does not guarantee that it will be invoked when there is lock contention").
    func retryingWhileBusy(for seconds: Double, _ body: () throws -> Void) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.primaryCode == SQLITE_BUSY && Date() < deadline {
                usleep(UInt32.random(in: 5_000...50_000))
            }
        }
    }

    /// Waits for another process's write with short, jittered sleeps (0.5 to 3 ms) until
    /// `timeoutMilliseconds` have passed. sqlite3_busy_timeout's own handler sleeps 1, 2, 5, 10...
    /// up to 100 ms between tries, so with many processes a waiter often sleeps long after the lock
    /// was released: the tail latency of concurrent bookings came from there. The handler is a C
    /// function: the timeout travels in its context pointer, the attempts count is SQLite's.
    private static func installBusyHandler(_ handle: OpaquePointer, timeoutMilliseconds: Int32) {
        let context = UnsafeMutableRawPointer(bitPattern: Int(max(timeoutMilliseconds, 1)))
        sqlite3_busy_handler(
            handle,
            { context, attempts in
                // Each try sleeps 1.75 ms on average: stop once the expected wait reaches the timeout.
                let timeout = Int(bitPattern: context)
                guard Int(attempts) * 7 / 4 < timeout else { return 0 }
                usleep(UInt32.random(in: 500...3_000))
                return 1
            }, context)
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func error(sql: String?) -> DatabaseError {
        DatabaseError(code: sqlite3_extended_errcode(handle), message: lastMessage, sql: sql)
    }
}
