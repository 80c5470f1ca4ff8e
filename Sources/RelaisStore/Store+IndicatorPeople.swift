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
        var counter = SessionCounter()
        func flush() {
            guard let event = counter.event else { return }
            counter.add(to: &people[event, default: PeopleTally()])
        }
        try database.forEachRow(scanningAll ? Self.confirmedOfAll : Self.confirmedOfHeld, scanningAll ? [] : arguments) { row in
            // occurrence, age_group, reminded, registrations, presences
            let occurrence = row.integer(0)
            if occurrence != counter.session {
                flush()
                counter.start(session: occurrence, event: eventOfSession[occurrence])
            }
            guard counter.event != nil else { return }
            counter.count(group: row.bytes(1), reminded: row.integer(2) != 0, registered: row.integer(3), attended: row.integer(4))
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

/// One session's counts while its rows are read, then added to its event's tally.
private struct SessionCounter {
    /// The session being counted (-1 before the first row), and its event (nil: not held, skipped).
    private(set) var session = -1
    private(set) var event: String?
    private var tally = (registered: 0, attended: 0, registeredReminded: 0, attendedReminded: 0)
    /// The age groups met so far (over every session), as text and as the bytes SQLite gives.
    private var groups: [String] = []
    private var groupBytes: [[UInt8]] = []
    /// Per age group (same positions as `groups`): this session's registrations and presences (a group
    /// the session has a row of has at least one registration).
    private var registeredByGroup: [Int] = []
    private var attendedByGroup: [Int] = []

    /// Starts counting `session`, of `event`.
    mutating func start(session: Int, event: String?) {
        self.session = session
        self.event = event
        tally = (0, 0, 0, 0)
        for index in registeredByGroup.indices {
            registeredByGroup[index] = 0
            attendedByGroup[index] = 0
        }
    }

    /// Counts one row: `registered` registrations, `attended` of them present, in `group` (its UTF-8
    /// bytes, nil for none), reminded or not.
    mutating func count(group: UnsafeBufferPointer<UInt8>?, reminded: Bool, registered: Int, attended: Int) {
        tally.registered += registered
        tally.attended += attended
        if reminded {
            tally.registeredReminded += registered
            tally.attendedReminded += attended
        }
        guard let group else { return }
        let index = index(of: group)
        registeredByGroup[index] += registered
        attendedByGroup[index] += attended
    }

    /// Adds this session's counts to `people`: an age group met in the session gets both its entries,
    /// presences included when none (as the rows give them).
    func add(to people: inout PeopleTally) {
        people.registered += tally.registered
        people.attended += tally.attended
        people.registeredReminded += tally.registeredReminded
        people.attendedReminded += tally.attendedReminded
        for (index, group) in groups.enumerated() where registeredByGroup[index] > 0 {
            people.registeredByAgeGroup[group, default: 0] += registeredByGroup[index]
            people.attendedByAgeGroup[group, default: 0] += attendedByGroup[index]
        }
    }

    /// The position of `group` in `groups`, added when new (a handful of groups: compared as bytes, no
    /// String made per row).
    private mutating func index(of group: UnsafeBufferPointer<UInt8>) -> Int {
        if let known = groupBytes.firstIndex(where: { $0.elementsEqual(group) }) { return known }
        groupBytes.append(Array(group))
        groups.append(String(decoding: group, as: UTF8.self))
        registeredByGroup.append(0)
        attendedByGroup.append(0)
        return groups.count - 1
    }
}
