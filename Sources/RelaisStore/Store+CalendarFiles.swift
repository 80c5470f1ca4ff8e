// Store+CalendarFiles: the daemon's verdict on each file of the calendars folder.
//
// `relais serve` loads every file it finds and each one that changes. A file it refuses is set
// aside: the database keeps the campaign as the last good version left it, the refusal is logged
// once (not at every restart) and recorded here, where `relais status` and `relais doctor` read it.
// The command line's `campaigns load` records nothing here: a refused file leaves the database as
// it was.

import Foundation

/// What the daemon made of one calendar file.
public enum CalendarFileVerdict: Sendable, Equatable {
    /// Loaded: its campaign is in force as the file says.
    case loaded(campaign: String)
    /// Refused, with the message naming the file and line; the campaign stays as it was.
    case refused(reason: String)
}

/// One calendar file and the daemon's latest verdict on it.
public struct CalendarFileRecord: Sendable, Equatable {
    public var path: String
    public var verdict: CalendarFileVerdict
    public var checkedAt: Date
}

extension Store {
    /// Records the verdict on `path`; returns false when the same verdict was recorded already
    /// (so the caller logs a refusal once, not at every restart).
    @discardableResult
    public func recordCalendarFile(_ path: String, verdict: CalendarFileVerdict, now: Date) throws -> Bool {
        let (state, campaign, reason): (String, String?, String?) =
            switch verdict {
            case .loaded(let campaign): ("loaded", campaign, nil)
            case .refused(let reason): ("refused", nil, reason)
            }
        return try database.write { database in
            let previous = try database.row("SELECT state, campaign, reason FROM calendar_file WHERE path = ?", [.text(path)])
            let same =
                previous?.string("state") == state && previous?.string("campaign") == campaign && previous?.string("reason") == reason
            try database.run(
                """
                INSERT INTO calendar_file (path, state, campaign, reason, checked_at) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT (path) DO UPDATE SET state = ?2, campaign = ?3, reason = ?4, checked_at = ?5
                """, [.text(path), .text(state), campaign.map(SQLValue.text) ?? .null, reason.map(SQLValue.text) ?? .null, .date(now)])
            return !same
        }
    }

    /// Forgets the files no longer in the folder (`present` are the ones that are).
    public func forgetCalendarFiles(except present: Set<String>) throws {
        let known = try calendarFiles().map(\.path)
        let gone = known.filter { !present.contains($0) }
        guard !gone.isEmpty else { return }
        try database.write { database in
            for path in gone { try database.run("DELETE FROM calendar_file WHERE path = ?", [.text(path)]) }
        }
    }

    /// Every file the daemon has judged, by path.
    public func calendarFiles() throws -> [CalendarFileRecord] {
        try database.rows("SELECT path, state, campaign, reason, checked_at FROM calendar_file ORDER BY path").map { row in
            let verdict: CalendarFileVerdict =
                row.string("state") == "refused"
                ? .refused(reason: row.string("reason") ?? "") : .loaded(campaign: row.string("campaign") ?? "")
            return CalendarFileRecord(path: row.string("path")!, verdict: verdict, checkedAt: row.date("checked_at")!)
        }
    }
}
