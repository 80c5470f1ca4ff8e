// Statement: one prepared SQLite statement, its bound values and the rows it yields.

import CSQLite
import Foundation

/// A value SQLite stores: Relais uses integers, reals, text and NULL.
public enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    public static func int(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    public static func string(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// An instant, stored as whole seconds since 1970 UTC.
    public static func date(_ value: Date?) -> SQLValue { value.map { .integer(Int64($0.timeIntervalSince1970.rounded())) } ?? .null }
    public static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

/// One result row, by column name.
public struct Row: Sendable {
    var values: [String: SQLValue]

    public subscript(_ column: String) -> SQLValue { values[column] ?? .null }

    public func int(_ column: String) -> Int? {
        if case .integer(let value) = self[column] { return Int(value) }
        return nil
    }

    public func int64(_ column: String) -> Int64? {
        if case .integer(let value) = self[column] { return value }
        return nil
    }

    public func string(_ column: String) -> String? {
        if case .text(let value) = self[column] { return value }
        return nil
    }

    public func date(_ column: String) -> Date? {
        int64(column).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    public func bool(_ column: String) -> Bool { int(column).map { $0 != 0 } ?? false }
}

/// A prepared statement; finalized when released. It holds its connection weakly, so that the
/// connection's statement cache (Database+StatementCache) does not keep the connection alive.
public final class Statement {
    let handle: OpaquePointer
    private weak var database: Database?
    let sql: String

    init(database: Database, sql: String) throws {
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v2(database.handle, sql, -1, &pointer, nil)
        guard status == SQLITE_OK, let pointer else { throw database.error(sql: sql) }
        self.handle = pointer
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds values to the `?` parameters in order.
    func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .real(let number): status = sqlite3_bind_double(handle, index, number)
            case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, relais_sqlite_transient())
            case .null: status = sqlite3_bind_null(handle, index)
            }
            guard status == SQLITE_OK else { throw failure() }
        }
    }

    /// Advances to the next row; false when done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure()
        }
    }

    /// Makes the statement ready to be bound and stepped again: its read ends, its values are cleared.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// The connection's error for this statement (a connection already closed says so).
    private func failure() -> DatabaseError {
        database?.error(sql: sql) ?? DatabaseError(code: SQLITE_MISUSE, message: "the connection is closed", sql: sql)
    }

    /// The current row.
    var row: Row {
        var values: [String: SQLValue] = [:]
        for column in 0..<sqlite3_column_count(handle) {
            let name = String(cString: sqlite3_column_name(handle, column))
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: values[name] = .integer(sqlite3_column_int64(handle, column))
            case SQLITE_FLOAT: values[name] = .real(sqlite3_column_double(handle, column))
            case SQLITE_TEXT: values[name] = .text(String(cString: sqlite3_column_text(handle, column)))
            default: values[name] = .null
            }
        }
        return Row(values: values)
    }
}
