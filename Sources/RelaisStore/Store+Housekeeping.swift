// Store+Housekeeping: what the daemon does on a schedule (the retention purge of personal data,
// pruning settled outbox rows, WAL checkpoints), what it tells other processes (service_state),
// and the online backup.

import CSQLite
import Foundation
import RelaisCore

/// What a housekeeping pass removed.
public struct HousekeepingSummary: Sendable, Equatable {
    public var peopleForgotten = 0
    public var messagesPruned = 0
    public var sessionsExpired = 0
    /// Home addresses of on-demand runs that are over, erased.
    public var doorsErased = 0
}

extension Store {
    // MARK: - Retention

    /// Forgets the people whose data is no longer needed: created more than `retentionDays` ago
    /// and with no registration to an occurrence, nor a shuttle booking on a run, that ended less
    /// than `retentionDays` ago (so none upcoming either; a cancelled registration keeps nothing). As `forget` does,
    /// registrations stay as anonymous counts. Also prunes
    /// settled outbox rows older than `outboxKeepDays`, and deletes expired desk sessions.
    public func housekeep(now: Date, retentionDays: Int, outboxKeepDays: Int) throws -> HousekeepingSummary {
        let horizon = now.addingTimeInterval(-Double(retentionDays) * 86_400)
        let pruneBefore = now.addingTimeInterval(-Double(outboxKeepDays) * 86_400)
        return try database.write { database in
            var summary = HousekeepingSummary()
            let expired = try database.rows(
                """
                SELECT p.id FROM participant p WHERE p.created_at < ?1 AND NOT EXISTS (
                    SELECT 1 FROM registration r JOIN occurrence o ON o.id = r.occurrence
                    WHERE r.participant = p.id AND r.status <> 'cancelled' AND o.ends_at >= ?1) AND NOT EXISTS (
                    SELECT 1 FROM shuttle_booking b JOIN shuttle_run s ON s.id = b.run
                    WHERE b.participant = p.id AND s.returns_at >= ?1)
                """, [.date(horizon)])
            for row in expired {
                let id = row.int64("id")!
                try database.run(
                    "UPDATE outbox SET state = 'cancelled', reason = 'retention period over', updated_at = ? WHERE participant = ? AND state IN (\(Self.sqlList(OutboxState.waiting)))",
                    [.date(now), .integer(id)])
                summary.peopleForgotten += try database.run("DELETE FROM participant WHERE id = ?", [.integer(id)])
            }
            summary.messagesPruned = try database.run(
                "DELETE FROM outbox WHERE state IN ('sent', 'failed', 'cancelled', 'dropped') AND updated_at < ?", [.date(pruneBefore)])
            summary.sessionsExpired = try database.run("DELETE FROM session WHERE expires_at <= ?", [.date(now)])
            try deleteExpiredLinks(now: now, in: database)
            summary.doorsErased = try eraseDoorsOfFinishedRuns(now: now, in: database)
            return summary
        }
    }

    /// Copies what the write-ahead log holds into the database file, without waiting for readers
    /// or writers (PASSIVE: https://sqlite.org/c3ref/wal_checkpoint_v2.html), so that the daemon is
    /// never held long enough to miss its watchdog.
    public func checkpoint() throws {
        _ = try database.rows("PRAGMA wal_checkpoint(PASSIVE)")
    }

    // MARK: - Service state

    /// Records a value other processes read (`relais status`).
    public func setServiceState(_ key: String, _ value: String, now: Date) throws {
        try database.write { database in
            try database.run(
                "INSERT INTO service_state (key, value, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (key) DO UPDATE SET value = ?2, updated_at = ?3",
                [.text(key), .text(value), .date(now)])
        }
    }

    /// Removes a value (when the daemon stops).
    public func clearServiceState(_ key: String) throws {
        try database.write { database in try database.run("DELETE FROM service_state WHERE key = ?", [.text(key)]) }
    }

    /// A value and when it was written.
    public func serviceState(_ key: String) throws -> (value: String, updatedAt: Date)? {
        try database.row("SELECT value, updated_at FROM service_state WHERE key = ?", [.text(key)]).map {
            ($0.string("value")!, $0.date("updated_at")!)
        }
    }

    /// `PRAGMA integrity_check`'s answer: "ok", or the problems found.
    public func integrityCheck() throws -> [String] {
        try database.rows("PRAGMA integrity_check").compactMap { $0.string("integrity_check") }
    }

    /// The latest failed messages, newest first (ids, channels and reasons only).
    public func recentFailures(limit: Int = 10) throws -> [OutboxListing] {
        try outbox(state: .failed, limit: 100_000).sorted { $0.due > $1.due }.prefix(limit).map { $0 }
    }
}

extension Database {
    /// Copies the whole database into a new file at `path` with SQLite's online backup API,
    /// while other connections keep reading and writing (https://sqlite.org/backup.html).
    public func backup(to path: String) throws {
        var target: OpaquePointer?
        guard sqlite3_open_v2(path, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let target else {
            let message = target.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(target)
            throw DatabaseError(code: SQLITE_CANTOPEN, message: "\(path): \(message)", sql: nil)
        }
        defer { sqlite3_close_v2(target) }
        guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
            throw DatabaseError(code: sqlite3_extended_errcode(target), message: String(cString: sqlite3_errmsg(target)), sql: nil)
        }
        var status: Int32
        repeat {
            status = sqlite3_backup_step(backup, 256)
            if status == SQLITE_BUSY || status == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED
        sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE else {
            throw DatabaseError(code: status, message: "backup to \(path) failed: \(String(cString: sqlite3_errmsg(target)))", sql: nil)
        }
    }
}
