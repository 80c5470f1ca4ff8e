// Store+IndicatorSessions: the sessions a report counts, read once at the start of Store.indicatorData
// (inside its read transaction), for the reads that follow.
//
// The counts that triggers keep per session (registration_count, outbox_outcome_count:
// Migrations+ReportCounts.swift) are then read between the smallest and the largest id of those
// sessions, a range of their primary key, and each row is kept or left by its session's id here.
// Sessions are numbered as calendars are loaded, so a period's sessions are close together: a
// report over a year reads that year's rows once, rather than seeking each of 11,000 sessions
// (or materializing the period's sessions again for each count). Whatever the ids, the rows kept
// are exactly those of the period's sessions. A short period (a week, a report made mid-year) reads
// the rows of every session numbered between its first and last, which for a calendar loaded at
// once is most of that calendar's: a few rows per session, about 15 ms for a year of 11,000
// sessions (scripts/bench-reports), where seeks would read only the week's. At worst the range is
// the whole table.

import Foundation
import RelaisCore

extension Store {
    /// The sessions that started in a report's period, for its campaign or all.
    struct PeriodSessions {
        /// The held ones (not cancelled), by id: their event.
        var eventOfHeld: [Int: String] = [:]
        /// The held ones' starts, per event, in order.
        var sessionsOfEvent: [String: [Date]] = [:]
        /// Every one, cancelled or not, by id: its event's campaign (their SMS were paid for).
        var campaignOfStarted: [Int: String] = [:]
        /// The smallest and the largest id of the held ones: where their registrations are read.
        var heldIDs = IDSpan()
        /// The smallest and the largest id of all of them, cancelled ones included: where their
        /// messages' outcomes are read.
        var startedIDs = IDSpan()
    }

    /// The smallest and the largest of the ids met; nothing while none was.
    struct IDSpan {
        private(set) var lowest = Int.max
        private(set) var highest = Int.min

        mutating func add(_ id: Int) {
            lowest = min(lowest, id)
            highest = max(highest, id)
        }

        /// The span as the two arguments of `BETWEEN ?1 AND ?2` (an empty span matches nothing).
        var arguments: [SQLValue] { [.int(lowest), .int(highest)] }
    }

    /// The period's sessions: `arguments` are its start, end (exclusive) and campaign (or null).
    func periodSessions(_ arguments: [SQLValue], in database: Database) throws -> PeriodSessions {
        var period = PeriodSessions()
        // id, event, starts_at, cancelled, campaign
        try database.forEachRow(Self.sessionsStartedInOrder, arguments) { row in
            let id = row.integer(0)
            period.campaignOfStarted[id] = row.string(4)!
            period.startedIDs.add(id)
            guard row.integer(3) == 0 else { return }
            let event = row.string(1)!
            period.sessionsOfEvent[event, default: []].append(Date(timeIntervalSince1970: TimeInterval(row.integer(2))))
            period.eventOfHeld[id] = event
            period.heldIDs.add(id)
        }
        return period
    }

    /// The sessions that started in the period, cancelled or not, by event and start: ?1 start, ?2 end
    /// (exclusive), ?3 the campaign or NULL for all. Uses occurrence_by_start.
    private static let sessionsStartedInOrder = """
        SELECT o.id, o.event, o.starts_at, o.status = '\(OccurrenceStatus.cancelled.rawValue)' AS cancelled, e.campaign
        FROM occurrence o JOIN event e ON e.uid = o.event
        WHERE o.starts_at >= ?1 AND o.starts_at < ?2 AND (?3 IS NULL OR e.campaign = ?3)
        ORDER BY o.event, o.starts_at
        """
}
