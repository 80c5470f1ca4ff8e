// Store+IndicatorPeople: the people of the reports (FA 7, 11, 12, 14): per event, the confirmed
// registrations and presences, per age group, and those of them reminded (at least one reminder sent).
// Read-only, inside the read transaction of Store.indicatorData.
//
// One pass over the registrations. The registrations reminded are first read from the outbox into a
// set of ids (one bit per registration: 140 KiB for a million); then the registration_confirmed index
// (Migrations+Reports.swift: session, age group, presence, and the id SQLite keeps in every index entry)
// is read once, in its order, and each row is counted here: in its session's age group, and as
// reminded when its id is in the set. Before, SQLite counted the age groups (one GROUP BY scan of that
// index) and, separately, looked each reminded registration up by id in the table: half a million
// seeks, twice the time of the scan. Memory follows the sessions and the set, never the rows.
//
// Rows come by session and, within a session, by age group, so a session's counts are kept in a few
// integers and added to its event's tally when the next session starts; an age group's text is compared
// with the one before as bytes, and made into a String only when a new group appears.

import RelaisCore

extension Store {
    /// Registrations, presences and those reminded, per event of `eventOfSession` (sessions by id) and
    /// age group; `arguments` are the period's start, end and campaign (or null).
    func peoplePerEvent(_ eventOfSession: [Int: String], _ arguments: [SQLValue], in database: Database) throws
        -> [String: PeopleTally]
    {
        let reminded = try remindedRegistrations(in: database)
        let occurrences = try database.row("SELECT count(*) AS n FROM occurrence")?.int("n") ?? 0
        let scanningAll = eventOfSession.count * 5 >= occurrences
        var counter = SessionCounter()
        var people: [String: PeopleTally] = [:]
        func flush() {
            guard let event = counter.event else { return }
            counter.add(to: &people[event, default: PeopleTally()])
        }
        try database.forEachRow(scanningAll ? Self.confirmedOfAll : Self.confirmedOfHeld, scanningAll ? [] : arguments) { row in
            // occurrence, age_group, id * 2 + present (0 or 1): three columns, each read a call into SQLite
            let occurrence = row.integer(0)
            if occurrence != counter.session {
                flush()
                counter.start(session: occurrence, event: eventOfSession[occurrence])
            }
            guard counter.event != nil else { return }
            let idAndPresence = row.integer(2)
            counter.count(group: row.bytes(1), present: idAndPresence & 1 != 0, reminded: reminded.contains(idAndPresence >> 1))
        }
        flush()
        return people
    }

    /// The ids of the registrations with at least one reminder sent.
    func remindedRegistrations(in database: Database) throws -> RegistrationSet {
        var reminded = RegistrationSet()
        try database.forEachRow(Self.remindedIDs) { row in reminded.insert(row.integer(0)) }
        return reminded
    }

    // MARK: - Queries

    /// Every registration reminded, as often as it was (the set keeps it once), in the table's order.
    private static let remindedIDs = """
        SELECT registration FROM outbox
        WHERE kind = 'reminder' AND state = 'sent' AND registration IS NOT NULL
        """

    /// The confirmed registrations by session and age group, from registration_confirmed alone (a
    /// covering index: the table itself is not read). `ofHeld`: only the held sessions' parts of it, one
    /// seek each (for a short period in a long history); otherwise the whole index, in its order, the
    /// caller leaving out the sessions not held. INDEXED BY makes a missing index an error rather than a
    /// silent scan of the table: "If the query optimizer is unable to use the index specified by the
    /// INDEXED BY clause, then the query will fail with an error" (https://sqlite.org/lang_indexedby.html).
    private static func confirmed(ofHeld: Bool) -> String {
        """
        \(ofHeld ? heldSessions : "")
        SELECT r.occurrence, r.age_group, r.id * 2 + (r.attended_at IS NOT NULL)
        FROM registration r INDEXED BY registration_confirmed
        WHERE r.status = 'confirmed'\(ofHeld ? " AND r.occurrence IN (SELECT id FROM held)" : "")
        """
    }

    private static let confirmedOfAll = confirmed(ofHeld: false)
    private static let confirmedOfHeld = confirmed(ofHeld: true)
}

/// A set of registration ids, one bit each, for ids from 0 up to a few millions.
struct RegistrationSet {
    private var words: [UInt64] = []

    /// Adds `id` (a negative id is ignored: SQLite gives none).
    mutating func insert(_ id: Int) {
        guard id >= 0 else { return }
        let word = id >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1, words.count * 2) - words.count)) }
        words[word] |= 1 << UInt64(id & 63)
    }

    /// True when `id` was added.
    func contains(_ id: Int) -> Bool {
        let word = id >> 6
        return id >= 0 && word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }
}

/// One session's counts while its rows are read, then added to its event's tally.
private struct SessionCounter {
    /// The session being counted (-1 before the first row), and its event (nil: not held, skipped).
    private(set) var session = -1
    private(set) var event: String?
    private var registered = 0
    private var attended = 0
    private var reminded = 0
    private var remindedPresent = 0
    /// The age groups met so far (over every session), as text and as the bytes SQLite gives.
    private var groups: [String] = []
    private var groupBytes: [[UInt8]] = []
    /// Per age group (same positions as `groups`): this session's registrations and presences.
    private var registeredByGroup: [Int] = []
    private var attendedByGroup: [Int] = []
    /// The age group of the row before, within this session.
    private var lastGroup = -1

    /// Starts counting `session`, of `event`.
    mutating func start(session: Int, event: String?) {
        self.session = session
        self.event = event
        (registered, attended, reminded, remindedPresent, lastGroup) = (0, 0, 0, 0, -1)
        for index in registeredByGroup.indices {
            registeredByGroup[index] = 0
            attendedByGroup[index] = 0
        }
    }

    /// Counts one registration: in `group` (its age group's UTF-8 bytes, nil for none), present or not,
    /// reminded or not.
    mutating func count(group: UnsafeBufferPointer<UInt8>?, present: Bool, reminded isReminded: Bool) {
        registered += 1
        attended += present ? 1 : 0
        reminded += isReminded ? 1 : 0
        remindedPresent += isReminded && present ? 1 : 0
        guard let group else { return }
        if lastGroup < 0 || !groupBytes[lastGroup].elementsEqual(group) { lastGroup = index(of: group) }
        registeredByGroup[lastGroup] += 1
        attendedByGroup[lastGroup] += present ? 1 : 0
    }

    /// Adds this session's counts to `tally`: an age group met in the session gets both its entries,
    /// presences included when none (as the GROUP BY rows gave them).
    func add(to tally: inout PeopleTally) {
        tally.registered += registered
        tally.attended += attended
        tally.registeredReminded += reminded
        tally.attendedReminded += remindedPresent
        for (index, group) in groups.enumerated() where registeredByGroup[index] > 0 {
            tally.registeredByAgeGroup[group, default: 0] += registeredByGroup[index]
            tally.attendedByAgeGroup[group, default: 0] += attendedByGroup[index]
        }
    }

    /// The position of `group` in `groups`, added when new.
    private mutating func index(of group: UnsafeBufferPointer<UInt8>) -> Int {
        if let known = groupBytes.firstIndex(where: { $0.elementsEqual(group) }) { return known }
        groupBytes.append(Array(group))
        groups.append(String(decoding: group, as: UTF8.self))
        registeredByGroup.append(0)
        attendedByGroup.append(0)
        return groups.count - 1
    }
}
