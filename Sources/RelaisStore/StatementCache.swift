// StatementCache: one prepared statement per SQL text on a connection, reset and bound again for
// each use, so that a loop writing 100,000 rows compiles its INSERT once instead of 100,000 times.
//
// `Database.run`, `rows` and `row` take their statement here; `Database.prepare` (a statement the
// caller steps itself) still makes a new one. A cached statement is always reset after use (rows
// read, changes counted, or an error), so it holds no read lock between uses and a nested query of
// the same text never finds it half-stepped: none of the three returns while stepping. SQLite
// recompiles a statement itself when the schema changed ("sqlite3_prepare_v2() ... if the schema
// changes, the statement is automatically recompiled", https://sqlite.org/c3ref/prepare.html).
// The cache is bounded: SQL texts built with values in them would otherwise grow it without end.

import CSQLite
import Foundation

/// The prepared statements of one connection, by SQL text.
final class StatementCache {
    /// At most this many statements are kept; past that the cache starts again empty.
    static let capacity = 200
    private var statements: [String: Statement] = [:]

    /// The statement for `sql`, prepared once, reset, with `arguments` bound.
    func statement(_ sql: String, _ arguments: [SQLValue], on database: Database) throws -> Statement {
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try Statement(database: database, sql: sql)
            if statements.count >= Self.capacity { statements.removeAll() }
            statements[sql] = statement
        }
        statement.reset()
        try statement.bind(arguments)
        return statement
    }

    /// Finalizes every statement (before the connection closes).
    func removeAll() { statements.removeAll() }
}

extension Statement {
    /// Makes the statement ready to run again and forgets its bound values.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
