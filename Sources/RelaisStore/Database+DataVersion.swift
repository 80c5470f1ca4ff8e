// Database+DataVersion: a number that changes whenever the database file changes, by this
// connection or by any other, in this process or another (SQLite's SQLITE_FCNTL_DATA_VERSION,
// https://sqlite.org/c3ref/c_fcntl_begin_atomic_write.html#sqlitefcntldataversion). The desk keeps
// rendered answers of some reads on each connection and serves one again only while this number
// is unchanged (RelaisWeb's StorePool), so a booking made by the command line shows at once.
//
// The number belongs to the connection: two connections give unrelated numbers. SQLite brings it
// up to date when a read transaction starts, so a short read (the schema version) runs first.

import CSQLite
import Foundation

extension Database {
    /// The connection's data version as of now: equal to an earlier value if and only if no
    /// transaction was committed on the database file since (by anyone).
    public func dataVersion() throws -> UInt32 {
        // Stepped, not read into a Row: only the read transaction it starts and ends matters.
        _ = try withCachedStatement("PRAGMA schema_version", []) { try $0.step() }
        var version: UInt32 = 0
        let status = sqlite3_file_control(handle, "main", SQLITE_FCNTL_DATA_VERSION, &version)
        guard status == SQLITE_OK else {
            throw DatabaseError(code: status, message: "cannot read the data version", sql: nil)
        }
        return version
    }
}
