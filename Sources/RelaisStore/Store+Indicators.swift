// Store+Indicators: reads what the contract's indicators are computed from. Read-only.
//
// A session counts when its occurrence is not cancelled and starts inside the period, before
// `until` (the report's date: sessions to come are not "held"). A few queries in one read
// transaction, so that the counts agree with each other: the sessions (read once, and the counts kept per
// session read between the first and the last of them: Store+IndicatorSessions.swift), their events, the
// registrations per event (Store+IndicatorPeople.swift: anonymous, forgotten people keep their commune
// and age group on the registration; read as the counts per session, age group, reminded and present
// that triggers keep, Migrations+ReportCounts.swift), and what the outbox gives (Store+IndicatorOutbox.swift:
// the reminders per channel, the SMS segments, kept the same way). Memory follows the sessions, never the
// registrations.
// scripts/bench-reports measures it over a million registrations against sqlite3 running one GROUP BY
// of them. A registration counts while confirmed: a waitlisted one never had a place, a cancelled one
// was given up (and only a confirmed one can be present).
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
            let period = try periodSessions(arguments, in: database)
            guard !period.sessionsOfEvent.isEmpty else {
                var data = IndicatorData(events: [], transport: transport)
                data.communeNames = known
                return data
            }
            let sessions = period.sessionsOfEvent
            let people = try peoplePerEvent(period, in: database)
            var campaignNames: [String: String] = [:]
            var events: [IndicatorEvent] = []
            // uid, campaign, campaign_name, summary, location, commune, neighbourhood, categories, labels,
            // professionals, sheets
            try database.forEachRow(Self.heldEvents, arguments) { row in
                let uid = row.string(0)!
                let campaign = row.string(1)!
                campaignNames[campaign] = row.string(2)
                events.append(
                    IndicatorEvent(
                        uid: uid, campaign: campaign, summary: row.string(3)!, location: row.string(4), commune: row.string(5),
                        neighbourhood: row.string(6), categories: Self.words(row.string(7)).compactMap(EventCategory.init(rawValue:)),
                        labels: Self.words(row.string(8)), actionSheets: Self.words(row.string(10)).compactMap { Int($0) }.sorted(),
                        professionals: row.int(9) ?? 0, sessions: sessions[uid] ?? [], people: people[uid] ?? PeopleTally()))
            }
            let outcomes = try outboxOutcomes(period, in: database)
            var data = IndicatorData(events: events, campaignNames: campaignNames, reminders: outcomes.reminders, transport: transport)
            data.communeNames = known
            data.smsSegments = outcomes.smsSegments
            return data
        }
    }

    /// The name of the campaign `id`, nil when no campaign has that id (a report checks the campaign it
    /// is asked for with this rather than listing every campaign with its counts).
    public func campaignName(_ id: String) throws -> String? {
        try database.row("SELECT name FROM campaign WHERE id = ?", [.string(id)])?.string("name")
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

    private static func words(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map(String.init)
    }
}
