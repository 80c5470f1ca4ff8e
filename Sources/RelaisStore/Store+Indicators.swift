// Store+Indicators: reads what the contract's indicators are computed from. Read-only.
//
// A session counts when its occurrence is not cancelled and starts inside the period, before
// `until` (the report's date: sessions to come are not "held"). A few queries in one read
// transaction, so that the counts agree with each other: the sessions, their events, the
// registrations per event (anonymous: forgotten people keep their commune and age group on the
// registration), and what the outbox gives (Store+IndicatorOutbox.swift: the registrations reminded,
// the reminders per channel, the SMS segments). Every sum is done by SQLite, each registration read
// once from the registration_confirmed index in session order (Migrations+Reports.swift), and Swift
// receives one row per session and age group, which it adds up per event: memory follows the
// sessions, never the registrations. scripts/bench-reports measures it over a million registrations
// against sqlite3 running the same GROUP BY. A registration counts while confirmed: a waitlisted one
// never had a place, a cancelled one was given up (and only a confirmed one can be present).
//
// FA 11 reads the shuttle's runs and bookings (schema step 4); against a database without them
// the report says FA 11 is not available.

import Foundation
import RelaisCore

/// Which sessions a report counts.
public struct IndicatorQuery: Sendable {
    public var period: ReportPeriod
    /// Sessions starting at or after this instant are not counted.
    public var until: Date
    public var campaign: String?

    public init(period: ReportPeriod, until: Date, campaign: String? = nil) {
        self.period = period
        self.until = until
        self.campaign = campaign
    }
}

extension Store {
    /// Everything the indicators need for the sessions `query` selects.
    public func indicatorData(_ query: IndicatorQuery) throws -> IndicatorData {
        let end = min(query.period.end, query.until)
        guard end > query.period.start else { return IndicatorData(events: []) }
        let arguments: [SQLValue] = [.date(query.period.start), .date(end), .string(query.campaign)]
        return try database.read { database in
            let transport = try transportData(arguments, in: database)
            let known = try storedCommuneNames()
            var sessions: [String: [Date]] = [:]
            var eventOfSession: [Int: String] = [:]
            for row in try database.rows("\(Self.heldSessions) SELECT id, event, starts_at FROM held ORDER BY event, starts_at", arguments) {
                let event = row.string("event")!
                sessions[event, default: []].append(row.date("starts_at")!)
                eventOfSession[row.int("id")!] = event
            }
            guard !sessions.isEmpty else {
                var data = IndicatorData(events: [], transport: transport)
                data.communeNames = known
                return data
            }
            var people = try peoplePerEvent(eventOfSession, arguments, in: database)
            for (event, reminded) in try remindedPerEvent(held: eventOfSession, in: database) {
                people[event]?.registeredReminded = reminded.registered
                people[event]?.attendedReminded = reminded.attended
            }
            var campaignNames: [String: String] = [:]
            var events: [IndicatorEvent] = []
            for row in try database.rows(Self.heldEvents, arguments) {
                let uid = row.string("uid")!
                let campaign = row.string("campaign")!
                campaignNames[campaign] = row.string("campaign_name")
                events.append(
                    IndicatorEvent(
                        uid: uid, campaign: campaign, summary: row.string("summary")!, location: row.string("location"),
                        commune: row.string("commune"), neighbourhood: row.string("neighbourhood"),
                        categories: Self.words(row.string("categories")).compactMap(EventCategory.init(rawValue:)),
                        labels: Self.words(row.string("labels")),
                        actionSheets: Self.words(row.string("sheets")).compactMap { Int($0) }.sorted(),
                        professionals: row.int("professionals") ?? 0, sessions: sessions[uid] ?? [], people: people[uid] ?? PeopleTally()))
            }
            let outcomes = try outboxOutcomes(held: eventOfSession, arguments, in: database)
            var data = IndicatorData(events: events, campaignNames: campaignNames, reminders: outcomes.reminders, transport: transport)
            data.communeNames = known
            data.smsSegments = outcomes.smsSegments
            return data
        }
    }

    /// Registrations and presences per event and age group, read per session and added up here.
    /// Which way to read: the whole registration_confirmed index in its order (sequential) when the
    /// period holds much of the data, else only the held sessions' parts of it (one seek each).
    private func peoplePerEvent(_ eventOfSession: [Int: String], _ arguments: [SQLValue], in database: Database) throws
        -> [String: PeopleTally]
    {
        let occurrences = try database.row("SELECT count(*) AS n FROM occurrence")?.int("n") ?? 0
        let query = eventOfSession.count * 5 >= occurrences ? Self.peopleScanningAll : Self.peopleByIndex
        var people: [String: PeopleTally] = [:]
        // Rows come by session: one session's age groups are added up before its event's tally is touched.
        var session: (id: Int, event: String?, tally: PeopleTally) = (-1, nil, PeopleTally())
        func flush() {
            guard let event = session.event else { return }
            people[event, default: PeopleTally()].add(session.tally)
        }
        try database.forEachRow(query, arguments) { row in
            let occurrence = row.int(0)!
            if occurrence != session.id {
                flush()
                session = (occurrence, eventOfSession[occurrence], PeopleTally())
            }
            guard session.event != nil else { return }
            let (registered, attended) = (row.int(2) ?? 0, row.int(3) ?? 0)
            session.tally.registered += registered
            session.tally.attended += attended
            if let group = row.string(1) {
                session.tally.registeredByAgeGroup[group, default: 0] += registered
                session.tally.attendedByAgeGroup[group, default: 0] += attended
            }
        }
        flush()
        return people
    }

    /// The shuttle's runs and bookings over the period (runs by departure; with a campaign, the
    /// runs made from its events' occurrences); nil when the schema has no shuttle bookings.
    func transportData(_ arguments: [SQLValue], in database: Database) throws -> TransportData? {
        guard try database.row("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'shuttle_booking'") != nil else {
            return nil
        }
        let runs = try database.row(
            """
            \(Self.periodRuns)
            SELECT count(*) AS runs,
                count(CASE WHEN EXISTS (SELECT 1 FROM shuttle_booking b WHERE b.run = r.id AND b.status = 'completed') THEN 1 END) AS used
            FROM period_run r WHERE r.status = 'scheduled'
            """, arguments)
        var tallies: [String: TransportTally] = [:]
        for row in try database.rows(
            """
            \(Self.periodRuns)
            SELECT b.commune, b.status, count(*) AS bookings, sum(b.companion) AS companions
            FROM period_run r JOIN shuttle_booking b ON b.run = r.id
            GROUP BY b.commune, b.status
            """, arguments)
        {
            let commune = row.string("commune")!
            var tally = tallies[commune] ?? TransportTally(commune: commune)
            let count = row.int("bookings") ?? 0
            switch row.string("status") {
            case "completed":
                tally.completed += count
                tally.companions += row.int("companions") ?? 0
            case "no_show": tally.noShow += count
            case "cancelled": tally.cancelled += count
            case "waitlisted": tally.waitlisted += count
            default: tally.confirmed += count
            }
            tallies[commune] = tally
        }
        return TransportData(
            runs: runs?.int("runs") ?? 0, runsWithPassengers: runs?.int("used") ?? 0,
            byCommune: tallies.values.sorted { $0.commune < $1.commune })
    }

    // MARK: - Queries

    /// The sessions held: ?1 start, ?2 end (exclusive), ?3 the campaign or NULL for all. Uses
    /// occurrence_by_start.
    private static let heldSessions = """
        WITH held AS MATERIALIZED (
            SELECT o.id, o.event, o.starts_at FROM occurrence o JOIN event e ON e.uid = o.event
            WHERE o.status <> 'cancelled' AND o.starts_at >= ?1 AND o.starts_at < ?2 AND (?3 IS NULL OR e.campaign = ?3)
        )
        """

    /// The shuttle runs that left in the period, cancelled or not (same arguments).
    private static let periodRuns = """
        WITH period_run AS MATERIALIZED (
            SELECT r.id, r.status FROM shuttle_run r LEFT JOIN occurrence o ON o.id = r.occurrence LEFT JOIN event e ON e.uid = o.event
            WHERE r.departs_at >= ?1 AND r.departs_at < ?2 AND (?3 IS NULL OR e.campaign = ?3)
        )
        """

    private static let heldEvents = """
        \(heldSessions)
        SELECT e.uid, e.campaign, c.name AS campaign_name, e.summary, e.location, e.commune, e.neighbourhood, e.categories,
            e.labels, e.professionals, (SELECT group_concat(sheet) FROM event_action_sheet s WHERE s.event = e.uid) AS sheets
        FROM event e JOIN campaign c ON c.id = e.campaign
        WHERE e.uid IN (SELECT event FROM held)
        ORDER BY e.uid
        """

    /// Registrations and presences per session and age group, from registration_confirmed (a
    /// covering index: the table itself is not read). `scanningAll` reads the whole index, every
    /// session's registrations, and leaves the sessions not held to the caller (only ?3's campaign
    /// and the period are in `held`); otherwise the held sessions are looked up in it one by one.
    /// Either way the rows come in index order, so the GROUP BY needs no sort (EXPLAIN QUERY PLAN
    /// shows no "USE TEMP B-TREE FOR GROUP BY"). INDEXED BY makes a missing index an error rather than
    /// a silent scan of the table: "If the query optimizer is unable to use the index specified by
    /// the INDEXED BY clause, then the query will fail with an error" (https://sqlite.org/lang_indexedby.html).
    private static func peoplePerSessionAndAge(scanningAll: Bool) -> String {
        """
        \(heldSessions)
        SELECT r.occurrence, r.age_group, count(*) AS registered, count(r.attended_at) AS attended
        FROM registration r INDEXED BY registration_confirmed
        WHERE r.status = 'confirmed'\(scanningAll ? "" : " AND r.occurrence IN (SELECT id FROM held)")
        GROUP BY r.occurrence, r.age_group
        """
    }

    private static let peopleScanningAll = peoplePerSessionAndAge(scanningAll: true)
    private static let peopleByIndex = peoplePerSessionAndAge(scanningAll: false)

    private static func words(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init)
    }
}

extension PeopleTally {
    /// Adds another session's registrations and presences, age group by age group.
    fileprivate mutating func add(_ other: PeopleTally) {
        registered += other.registered
        attended += other.attended
        registeredByAgeGroup.merge(other.registeredByAgeGroup, uniquingKeysWith: +)
        attendedByAgeGroup.merge(other.attendedByAgeGroup, uniquingKeysWith: +)
    }
}
