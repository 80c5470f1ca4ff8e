// Store+IndicatorPeople: the people of the reports (FA 7, 11, 12, 14): per event, the confirmed
// registrations and presences, per age group, and those of them reminded (at least one reminder sent).
// Read-only, inside the read transaction of Store.indicatorData.
//
// One GROUP BY scan of the registration_confirmed index (session, age group, reminded, presence:
// Migrations+ReportCounts.swift), in the index's own order, so SQLite groups without sorting and hands
// over one row per session, age group and reminded-or-not: about a dozen rows per session rather than
// one per registration. Whether a registration was reminded is its own column, kept by a trigger when a
// reminder is sent, so the outbox is not read at all (before schema step 27, its reminders were read into
// a set of ids and each registration looked up in it). Memory follows the sessions, never the rows.

import RelaisCore

extension Store {
    /// Registrations, presences and those reminded, per event of `eventOfSession` (sessions by id) and
    /// age group; `arguments` are the period's start, end and campaign (or null).
    func peoplePerEvent(_ eventOfSession: [Int: String], _ arguments: [SQLValue], in database: Database) throws
        -> [String: PeopleTally]
    {
        let occurrences = try database.row("SELECT count(*) AS n FROM occurrence")?.int("n") ?? 0
        let scanningAll = eventOfSession.count * 5 >= occurrences
        var people: [String: PeopleTally] = [:]
        // A session's rows are adjacent: its tally is kept here and added to its event's when the next starts.
        var session = -1
        var event: String?
        var tally = PeopleTally()
        func flush() {
            guard let event else { return }
            people[event, default: PeopleTally()].add(tally)
        }
        try database.forEachRow(scanningAll ? Self.confirmedOfAll : Self.confirmedOfHeld, scanningAll ? [] : arguments) { row in
            // occurrence, age_group, reminded, registrations, presences
            let occurrence = row.integer(0)
            if occurrence != session {
                flush()
                (session, event, tally) = (occurrence, eventOfSession[occurrence], PeopleTally())
            }
            guard event != nil else { return }
            tally.count(ageGroup: row.string(1), reminded: row.integer(2) != 0, registered: row.integer(3), attended: row.integer(4))
        }
        flush()
        return people
    }

    // MARK: - Queries

    /// The confirmed registrations and presences by session, age group and reminded, from
    /// registration_confirmed alone (a covering index: the table itself is not read). `ofHeld`: only the
    /// held sessions' parts of it, one seek each (for a short period in a long history); otherwise the
    /// whole index, in its order, the caller leaving out the sessions not held. INDEXED BY makes a missing
    /// index an error rather than a silent scan of the table: "If the query optimizer is unable to use the
    /// index specified by the INDEXED BY clause, then the query will fail with an error"
    /// (https://sqlite.org/lang_indexedby.html).
    private static func confirmed(ofHeld: Bool) -> String {
        """
        \(ofHeld ? heldSessions : "")
        SELECT r.occurrence, r.age_group, r.reminded, count(*), count(r.attended_at)
        FROM registration r INDEXED BY registration_confirmed
        WHERE r.status = 'confirmed'\(ofHeld ? " AND r.occurrence IN (SELECT id FROM held)" : "")
        GROUP BY r.occurrence, r.age_group, r.reminded
        """
    }

    private static let confirmedOfAll = confirmed(ofHeld: false)
    private static let confirmedOfHeld = confirmed(ofHeld: true)
}

extension PeopleTally {
    /// Counts `registered` registrations, `attended` of them present, in `ageGroup` (nil: none), reminded
    /// or not. An age group met gets both its entries, presences included when none (as the rows give them).
    mutating func count(ageGroup: String?, reminded: Bool, registered: Int, attended: Int) {
        self.registered += registered
        self.attended += attended
        if reminded {
            registeredReminded += registered
            attendedReminded += attended
        }
        guard let ageGroup else { return }
        registeredByAgeGroup[ageGroup, default: 0] += registered
        attendedByAgeGroup[ageGroup, default: 0] += attended
    }

    /// Adds `other`'s counts to these.
    mutating func add(_ other: PeopleTally) {
        registered += other.registered
        attended += other.attended
        registeredReminded += other.registeredReminded
        attendedReminded += other.attendedReminded
        registeredByAgeGroup.merge(other.registeredByAgeGroup, uniquingKeysWith: +)
        attendedByAgeGroup.merge(other.attendedByAgeGroup, uniquingKeysWith: +)
    }
}
