// Database+Columns: steps through a query's rows reading columns by position, for the reads that go
// over tens of thousands of rows (the reports' counts per session and age group).
//
// `rows` builds a Row per row (its values, found by name through the query's column positions) and
// keeps all rows until the last: when each Row was a dictionary keyed by the columns' names, over
// 60,000 rows that was more time than SQLite took to count them, and memory grows with the rows.
// Here each row is handed to the caller while the statement is on it, and nothing is kept once the
// caller returns.

import CSQLite

/// The row a statement is on, read by column position (0 for the first column the query selects).
public struct Columns {
    let statement: Statement

    /// The integer in `column`, nil when it is NULL (or not an integer).
    public func int(_ column: Int32) -> Int? {
        sqlite3_column_type(statement.handle, column) == SQLITE_INTEGER ? Int(sqlite3_column_int64(statement.handle, column)) : nil
    }

    /// The text in `column`, nil when it is NULL (or not text).
    public func string(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement.handle, column) == SQLITE_TEXT, let text = sqlite3_column_text(statement.handle, column)
        else { return nil }
        return String(cString: text)
    }

    /// The integer in `column`, 0 when it is NULL: for columns the query makes never NULL.
    func integer(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement.handle, column))
    }

    /// The bytes of the text in `column`, valid until the statement moves; nil when it is NULL. For a
    /// TEXT column of a STRICT table (a number would be read as its text).
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(statement.handle, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement.handle, column)))
    }
}

extension Database {
    /// Runs the query `sql` with `arguments` and gives `body` each of its rows in turn.
    public func forEachRow(_ sql: String, _ arguments: [SQLValue] = [], _ body: (Columns) throws -> Void) throws {
        try withCachedStatement(sql, arguments) { statement in
            let columns = Columns(statement: statement)
            while try statement.step() { try body(columns) }
        }
    }
}
