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
    /// The columns' positions, shared by the rows of one query.
    private var columns: ColumnPositions
    /// The values, by position.
    private var cells: [SQLValue]

    /// A row made by hand (not read): its values by column name.
    init(values: [String: SQLValue]) {
        columns = ColumnPositions(names: Array(values.keys))
        cells = Array(values.values)
    }

    init(columns: ColumnPositions, cells: [SQLValue]) {
        self.columns = columns
        self.cells = cells
    }

    public subscript(_ column: String) -> SQLValue { columns.position[column].map { cells[$0] } ?? .null }

    /// Sets one column's value, adding the column when the row has none of that name.
    mutating func set(_ column: String, _ value: SQLValue) {
        if let position = columns.position[column] {
            cells[position] = value
        } else {
            columns = ColumnPositions(names: columns.names + [column])
            cells.append(value)
        }
    }

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

/// Where each column of a query's rows is, by name, worked out once per query and not per row (a
/// dictionary built and hashed for every row was a part of sending's time, issue 16). A name given
/// twice (`SELECT a.id, b.id`) is the last column of that name, as it was.
final class ColumnPositions: Sendable {
    let names: [String]
    let position: [String: Int]

    init(names: [String]) {
        self.names = names
        var position: [String: Int] = [:]
        position.reserveCapacity(names.count)
        for (index, name) in names.enumerated() { position[name] = index }
        self.position = position
    }
}

/// A prepared statement; finalized when released. It holds its connection weakly, so that the
/// connection's statement cache (Database+StatementCache) does not keep the connection alive.
public final class Statement {
    let handle: OpaquePointer
    private weak var database: Database?
    let sql: String
    /// The current query's column positions, once its first row is read.
    private var columnPositions: ColumnPositions?

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
        // SQLite may prepare the statement again after a change of schema: names read afresh.
        columnPositions = nil
    }

    /// The connection's error for this statement (a connection already closed says so).
    private func failure() -> DatabaseError {
        database?.error(sql: sql) ?? DatabaseError(code: SQLITE_MISUSE, message: "the connection is closed", sql: sql)
    }

    /// The current row.
    var row: Row {
        let count = sqlite3_column_count(handle)
        let columns: ColumnPositions
        if let known = columnPositions, known.names.count == Int(count) {
            columns = known
        } else {
            columns = ColumnPositions(names: (0..<count).map { String(cString: sqlite3_column_name(handle, $0)) })
            columnPositions = columns
        }
        var cells: [SQLValue] = []
        cells.reserveCapacity(Int(count))
        for column in 0..<count {
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER: cells.append(.integer(sqlite3_column_int64(handle, column)))
            case SQLITE_FLOAT: cells.append(.real(sqlite3_column_double(handle, column)))
            case SQLITE_TEXT: cells.append(.text(String(cString: sqlite3_column_text(handle, column))))
            default: cells.append(.null)
            }
        }
        return Row(columns: columns, cells: cells)
    }
}
