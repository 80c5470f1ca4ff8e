// Database+StatementCache: the statements `run`, `rows` and `row` prepared before, kept per
// connection and used again. Parsing and planning a query costs more than running it on the
// desk's small reads (issue 16: sqlite3_prepare_v2 was half of the time of GET /api/v1/runs/{id});
// a statement kept here is reset after each use, so it holds no read snapshot and no lock
// between uses. A statement is taken out of the cache while it runs: the same SQL run again
// meanwhile (a query inside another's loop) prepares its own. A statement that failed is not
// kept. `prepare` (statements the caller steps itself) never uses the cache.

import CSQLite
import Foundation

/// A connection's prepared statements, by SQL text; at most `capacity` of them.
struct StatementCache {
    private var statements: [String: Statement] = [:]
    /// Enough for every query of a request or a command; beyond it, the cache starts again.
    static let capacity = 128

    /// The statement for `sql`, out of the cache, or nil.
    mutating func take(_ sql: String) -> Statement? { statements.removeValue(forKey: sql) }

    /// Keeps `statement` (already reset) for the next use of its SQL.
    mutating func keep(_ statement: Statement) {
        if statements.count >= Self.capacity { statements.removeAll() }
        statements[statement.sql] = statement
    }
}

extension Database {
    /// Runs `body` with the statement for `sql`, prepared or taken from the cache, `arguments`
    /// bound; the statement is reset and kept once `body` returned, dropped if it threw.
    func withCachedStatement<Result>(_ sql: String, _ arguments: [SQLValue], _ body: (Statement) throws -> Result) throws -> Result {
        let statement = try statementCache.take(sql) ?? Statement(database: self, sql: sql)
        try statement.bind(arguments)
        let result = try body(statement)
        statement.reset()
        statementCache.keep(statement)
        return result
    }
}
