// Store+IndicatorPeople: the people of the reports (FA 7, 11, 12, 14): per event, the confirmed
// registrations and presences, per age group, and those of them reminded (at least one reminder sent).
// Read-only, inside the read transaction of Store.indicatorData.
//
// The registrations are not read: registration_count (Migrations+ReportCounts.swift) holds, per session,
// age group, reminded and present, the confirmed registrations, kept by triggers as they are written. A
// report reads its rows (a few per session, in session order) instead of a million registrations and the
// outbox's reminders. Memory follows the sessions, never the registrations.

import RelaisCore

extension Store {
    /// Registrations, presences and those reminded, per event of the period's held sessions and age group.
    func peoplePerEvent(_ period: PeriodSessions, in database: Database) throws -> [String: PeopleTally] {
        // Per event (in the order first met): its counts, added to in place; per session only the event's
        // position is looked up.
        var uids: [String] = []
        var positionOfUID: [String: Int] = [:]
        var counts: [EventCount] = []
        var groups = AgeGroups()
        var session = -1
        var position: Int?
        try database.forEachRow(Self.confirmedBetween, period.heldIDs.arguments) { row in
            // occurrence, age_group ('' for none), reminded, present, registrations
            let occurrence = row.integer(0)
            if occurrence != session {
                session = occurrence
                // A session between two held ones but not held itself (another period, campaign, or
                // cancelled) has no event here: its rows are left.
                position = period.eventOfHeld[occurrence].map { uid in
                    if let known = positionOfUID[uid] { return known }
                    positionOfUID[uid] = uids.count
                    uids.append(uid)
                    counts.append(EventCount())
                    return uids.count - 1
                }
            }
            guard let position else { return }
            let registrations = row.integer(4)
            counts[position].count(
                group: groups.position(of: row.bytes(1)), reminded: row.integer(2) != 0, registered: registrations,
                attended: row.integer(3) != 0 ? registrations : 0)
        }
        return Dictionary(uniqueKeysWithValues: zip(uids, counts.map { $0.tally(groups: groups.names) }))
    }

    // MARK: - Queries

    /// The counts of confirmed registrations by session, age group, reminded and present (counts fallen
    /// to 0 left out), in session order, of the sessions from id ?1 to ?2: a range of the primary key.
    private static let confirmedBetween = """
        SELECT c.occurrence, c.age_group, c.reminded, c.present, c.registrations
        FROM registration_count c
        WHERE c.occurrence BETWEEN ?1 AND ?2 AND c.registrations > 0
        ORDER BY c.occurrence
        """
}

/// The age groups met while reading, by position: compared as the bytes SQLite gives (a handful of
/// groups), made into a String once each.
private struct AgeGroups {
    private(set) var names: [String] = []
    private var bytes: [[UInt8]] = []

    /// The position of `group`, added when new; nil for none (NULL or empty).
    mutating func position(of group: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let group, !group.isEmpty else { return nil }
        if let known = bytes.firstIndex(where: { $0.elementsEqual(group) }) { return known }
        bytes.append(Array(group))
        names.append(String(decoding: group, as: UTF8.self))
        return names.count - 1
    }
}

/// One event's counts while the rows are read.
private struct EventCount {
    private var registered = 0
    private var attended = 0
    private var registeredReminded = 0
    private var attendedReminded = 0
    /// Per age group position: registrations and presences (a group met has at least one registration).
    private var registeredByGroup: [Int] = []
    private var attendedByGroup: [Int] = []

    /// Counts one row: `registered` registrations, `attended` of them present, in the age group at
    /// `group` (nil: none), reminded or not.
    mutating func count(group: Int?, reminded: Bool, registered: Int, attended: Int) {
        self.registered += registered
        self.attended += attended
        if reminded {
            registeredReminded += registered
            attendedReminded += attended
        }
        guard let group else { return }
        if group >= registeredByGroup.count {
            registeredByGroup += repeatElement(0, count: group + 1 - registeredByGroup.count)
            attendedByGroup += repeatElement(0, count: group + 1 - attendedByGroup.count)
        }
        registeredByGroup[group] += registered
        attendedByGroup[group] += attended
    }

    /// The tally, age groups named by `groups`: a group met gets both its entries, presences included
    /// when none (as the rows give them).
    func tally(groups: [String]) -> PeopleTally {
        var tally = PeopleTally(
            registered: registered, attended: attended, registeredReminded: registeredReminded, attendedReminded: attendedReminded)
        for (position, count) in registeredByGroup.enumerated() where count > 0 {
            tally.registeredByAgeGroup[groups[position]] = count
            tally.attendedByAgeGroup[groups[position]] = attendedByGroup[position]
        }
        return tally
    }
}
