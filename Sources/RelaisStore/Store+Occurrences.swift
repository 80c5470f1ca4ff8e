// Store+Occurrences: applying OccurrenceReconciliation's changes, and listing occurrences.

import Foundation
import RelaisCore

/// An occurrence as listed for people: its event's details, its times and how many registered.
public struct OccurrenceListing: Sendable, Equatable {
    public var id: Int64
    public var uid: String
    public var campaign: String
    public var summary: String
    public var location: String?
    public var commune: String?
    public var neighbourhood: String?
    public var categories: [String]
    public var actionSheets: [Int]
    public var status: OccurrenceStatus
    public var start: Date
    public var end: Date
    public var previousStart: Date?
    public var allDay: Bool
    public var capacity: Int?
    /// Confirmed registrations: the places taken.
    public var registered: Int
    public var attended: Int
    /// Registrations waiting for a place.
    public var waitlisted: Int = 0
    public var professionals: Int
    public var timeZone: String
    public var sequence: Int
    public var description: String?

    /// Places left for confirmed registrations; nil when the session has no limit.
    public var placesLeft: Int? { capacity.map { max(0, $0 - registered) } }
}

/// An event whose later occurrences were not generated (see `OccurrenceTruncation`).
public struct TruncatedEvent: Sendable, Equatable {
    public var uid: String
    public var summary: String
    /// `horizon` or `cap` (`OccurrenceTruncation.Cause.code`).
    public var cause: String
    /// The start of the last occurrence generated.
    public var generatedUntil: Date
}

/// Which occurrences to list.
public struct OccurrenceFilter: Sendable {
    public var campaign: String?
    public var from: Date?
    public var to: Date?
    public var uid: String?
    /// The commune where the event takes place (its INSEE code).
    public var commune: String?

    public init(campaign: String? = nil, from: Date? = nil, to: Date? = nil, uid: String? = nil, commune: String? = nil) {
        self.campaign = campaign
        self.from = from
        self.to = to
        self.uid = uid
        self.commune = commune
    }
}

extension Store {
    /// The occurrences stored for an event.
    func storedOccurrences(of uid: String, in database: Database) throws -> [StoredOccurrence] {
        try database.rows(
            "SELECT id, recurrence_key, starts_at, ends_at, status FROM occurrence WHERE event = ?", [.text(uid)]
        ).map { row in
            StoredOccurrence(
                id: row.int64("id")!, recurrenceKey: row.string("recurrence_key")!, start: row.date("starts_at")!,
                end: row.date("ends_at")!, status: OccurrenceStatus(rawValue: row.string("status")!) ?? .scheduled)
        }
    }

    /// The occurrences a loaded event brings: all cancelled when the event is.
    func loadedOccurrences(of event: CampaignEvent) -> [CalendarOccurrence] {
        event.occurrences.map { occurrence in
            var occurrence = occurrence
            if event.status == .cancelled { occurrence.status = .cancelled }
            return occurrence
        }
    }

    /// Applies the `changes` OccurrenceReconciliation found between the `stored` occurrences of an
    /// event and the loaded ones.
    func reconcileOccurrences(
        of event: CampaignEvent, stored: [StoredOccurrence], changes: [OccurrenceChange], planning: Planning,
        into summary: inout CampaignLoadSummary, in database: Database
    ) throws {
        let now = planning.now
        for change in changes {
            switch change {
            case .insert(let occurrence):
                try database.run(
                    """
                    INSERT INTO occurrence (event, recurrence_key, starts_at, ends_at, summary, location, status)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .text(event.uid), .text(occurrence.recurrenceKey), .date(occurrence.start), .date(occurrence.end),
                        .string(occurrence.summary), .string(occurrence.location),
                        .text(occurrence.status == .cancelled ? "cancelled" : "scheduled"),
                    ])
                summary.occurrencesAdded += 1
            case .move(let id, let occurrence):
                try database.run(
                    """
                    UPDATE occurrence SET recurrence_key = ?, previous_starts_at = starts_at, starts_at = ?, ends_at = ?,
                        summary = ?, location = ?, status = 'moved', changed_at = ?, version = version + 1 WHERE id = ?
                    """,
                    [
                        .text(occurrence.recurrenceKey), .date(occurrence.start), .date(occurrence.end),
                        .string(occurrence.summary), .string(occurrence.location), .date(now), .integer(id),
                    ])
                let previous = stored.first { $0.id == id }?.start ?? occurrence.start
                try notifyChange(of: id, kind: .moved, previousStart: previous, planning: planning, in: database)
                summary.occurrencesMoved += 1
            case .cancel(let id):
                let previous = stored.first { $0.id == id }?.start ?? now
                try cancelOccurrence(id, previousStart: previous, planning: planning, in: database)
                summary.occurrencesCancelled += 1
            case .reinstate(let id, let occurrence):
                try database.run(
                    """
                    UPDATE occurrence SET recurrence_key = ?, starts_at = ?, ends_at = ?, summary = ?, location = ?,
                        status = 'scheduled', changed_at = ?, version = version + 1 WHERE id = ?
                    """,
                    [
                        .text(occurrence.recurrenceKey), .date(occurrence.start), .date(occurrence.end),
                        .string(occurrence.summary), .string(occurrence.location), .date(now), .integer(id),
                    ])
                try planRegistrations(of: id, planning: planning, in: database)
                summary.occurrencesReinstated += 1
            case .keep(let id, let occurrence):
                try database.run(
                    """
                    UPDATE occurrence SET recurrence_key = ?1, summary = ?2, location = ?3
                    WHERE id = ?4 AND (recurrence_key, summary, location) IS NOT (?1, ?2, ?3)
                    """,
                    [.text(occurrence.recurrenceKey), .string(occurrence.summary), .string(occurrence.location), .integer(id)])
                summary.occurrencesUnchanged += 1
            }
        }
    }

    /// Marks an occurrence cancelled and tells the people registered.
    func cancelOccurrence(_ id: Int64, previousStart: Date, planning: Planning, in database: Database) throws {
        try database.run(
            "UPDATE occurrence SET status = 'cancelled', changed_at = ?, version = version + 1 WHERE id = ?",
            [.date(planning.now), .integer(id)])
        try notifyChange(of: id, kind: .cancelled, previousStart: previousStart, planning: planning, in: database)
    }

    /// The occurrences that match, by start.
    public func occurrences(_ filter: OccurrenceFilter) throws -> [OccurrenceListing] {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let campaign = filter.campaign {
            conditions.append("e.campaign = ?")
            arguments.append(.text(campaign))
        }
        if let uid = filter.uid {
            conditions.append("e.uid = ?")
            arguments.append(.text(uid))
        }
        if let from = filter.from {
            conditions.append("o.ends_at >= ?")
            arguments.append(.date(from))
        }
        if let to = filter.to {
            conditions.append("o.starts_at < ?")
            arguments.append(.date(to))
        }
        if let commune = filter.commune {
            conditions.append("e.commune = ?")
            arguments.append(.text(commune))
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try database.read { database in
            try database.rows(
                "\(Self.listingQuery) \(whereClause) ORDER BY o.starts_at, e.uid", arguments
            ).map(Self.listing)
        }
    }

    /// One occurrence by id, or nil.
    public func occurrence(id: Int64) throws -> OccurrenceListing? {
        try database.rows("\(Self.listingQuery) WHERE o.id = ?", [.integer(id)]).first.map(Self.listing)
    }

    /// The SELECT behind every OccurrenceListing; a WHERE clause may follow.
    private static let listingQuery = """
        SELECT o.id, e.uid, e.campaign, coalesce(o.summary, e.summary) AS summary,
            coalesce(o.location, e.location) AS location, e.commune, e.neighbourhood, e.categories,
            (SELECT group_concat(sheet) FROM event_action_sheet WHERE event = e.uid) AS sheets,
            o.status, o.starts_at, o.ends_at, o.previous_starts_at, e.all_day, e.capacity, e.professionals,
            e.time_zone, e.sequence, e.description,
            (SELECT count(*) FROM registration r WHERE r.occurrence = o.id AND r.status = 'confirmed') AS registered,
            (SELECT count(*) FROM registration r WHERE r.occurrence = o.id AND r.attended_at IS NOT NULL) AS attended,
            (SELECT count(*) FROM registration r WHERE r.occurrence = o.id AND r.status = 'waitlisted') AS waitlisted
        FROM occurrence o JOIN event e ON e.uid = o.event
        """

    private static func listing(_ row: Row) -> OccurrenceListing {
        OccurrenceListing(
            id: row.int64("id")!, uid: row.string("uid")!, campaign: row.string("campaign")!,
            summary: row.string("summary")!, location: row.string("location"), commune: row.string("commune"),
            neighbourhood: row.string("neighbourhood"),
            categories: (row.string("categories") ?? "").split(separator: ",").map(String.init),
            actionSheets: (row.string("sheets") ?? "").split(separator: ",").compactMap { Int($0) }.sorted(),
            status: OccurrenceStatus(rawValue: row.string("status")!) ?? .scheduled, start: row.date("starts_at")!,
            end: row.date("ends_at")!, previousStart: row.date("previous_starts_at"), allDay: row.bool("all_day"),
            capacity: row.int("capacity"), registered: row.int("registered") ?? 0, attended: row.int("attended") ?? 0,
            waitlisted: row.int("waitlisted") ?? 0, professionals: row.int("professionals") ?? 0, timeZone: row.string("time_zone")!,
            sequence: row.int("sequence") ?? 0, description: row.string("description"))
    }

    /// The events in the calendar whose recurrence goes on after the last occurrence generated,
    /// when that is before `before` (nil: any), of `campaign` (nil: all): a listing up to
    /// `before` would miss their later occurrences, and says so.
    public func truncatedEvents(campaign: String?, before: Date?) throws -> [TruncatedEvent] {
        try database.rows(
            """
            SELECT uid, summary, truncation, generated_until FROM event
            WHERE truncation IS NOT NULL AND in_calendar = 1 AND (?1 IS NULL OR campaign = ?1) AND (?2 IS NULL OR generated_until < ?2)
            ORDER BY generated_until, uid
            """, [.string(campaign), .date(before)]
        ).map { row in
            TruncatedEvent(
                uid: row.string("uid")!, summary: row.string("summary")!, cause: row.string("truncation")!,
                generatedUntil: row.date("generated_until")!)
        }
    }

    /// The campaigns, by id, with their counts.
    public func campaigns() throws -> [CampaignListing] {
        try database.rows(
            """
            SELECT c.id, c.name, c.source_file,
                (SELECT count(*) FROM event e WHERE e.campaign = c.id AND e.in_calendar = 1) AS events,
                (SELECT count(*) FROM occurrence o JOIN event e ON e.uid = o.event WHERE e.campaign = c.id AND o.status <> 'cancelled') AS occurrences,
                (SELECT min(o.starts_at) FROM occurrence o JOIN event e ON e.uid = o.event WHERE e.campaign = c.id AND o.status <> 'cancelled') AS first_start,
                (SELECT max(o.starts_at) FROM occurrence o JOIN event e ON e.uid = o.event WHERE e.campaign = c.id AND o.status <> 'cancelled') AS last_start
            FROM campaign c ORDER BY c.id
            """
        ).map { row in
            CampaignListing(
                id: row.string("id")!, name: row.string("name")!, sourceFile: row.string("source_file")!,
                events: row.int("events") ?? 0, occurrences: row.int("occurrences") ?? 0,
                firstStart: row.date("first_start"), lastStart: row.date("last_start"))
        }
    }
}
