// Store+Campaigns: loading a judged campaign calendar into the database, and listing campaigns.
//
// A load is one transaction: the whole file's effect, or nothing. Events are matched by UID and
// occurrences by OccurrenceReconciliation, so that people's registrations stay attached to the
// occurrence they chose, which is marked moved or cancelled when the planner changes it. Before an
// event is written, CapacityCheck judges, with the counts read in the same transaction, whether the
// new capacity (and the new vehicle of a transport event) still holds the people registered and
// booked; if not the load throws its CapacityRefusal and nothing is kept.

import Foundation
import RelaisCore

/// What loading one calendar changed.
public struct CampaignLoadSummary: Sendable, Equatable, Codable {
    public var campaign: String
    public var eventsAdded = 0
    public var eventsUpdated = 0
    public var eventsRemoved = 0
    public var occurrencesAdded = 0
    public var occurrencesMoved = 0
    public var occurrencesCancelled = 0
    public var occurrencesReinstated = 0
    public var occurrencesUnchanged = 0

    /// True when the load changed nothing at all.
    public var isUnchanged: Bool {
        eventsAdded + eventsUpdated + eventsRemoved + occurrencesAdded + occurrencesMoved + occurrencesCancelled
            + occurrencesReinstated == 0
    }
}

/// A campaign as listed.
public struct CampaignListing: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var sourceFile: String
    public var events: Int
    public var occurrences: Int
    public var firstStart: Date?
    public var lastStart: Date?
}

extension Store {
    /// Records the campaign and its events; all or nothing. Throws a CapacityRefusal when a new
    /// capacity is below the people registered to a session to come.
    @discardableResult
    public func load(
        _ content: CampaignCalendarContent, sourceFile: String, now: Date, rules: OutreachRules = OutreachRules(),
        calendar: Calendar = LocalTime.paris.calendar
    ) throws -> CampaignLoadSummary {
        let planning = Planning(rules: rules, now: now, calendar: calendar)
        return try database.write { database in
            try load(content, lines: [:], sourceFile: sourceFile, planning: planning, in: database)
        }
    }

    /// Records the campaign, its events and the shuttle lines of its transport events (by UID), and
    /// brings their runs in step, in one transaction: all or nothing. Throws a CapacityRefusal when
    /// a new capacity is below the people registered to a session to come, or a new line below
    /// what bookings hold on a run still to leave. With `auditActor` (a desk account's login) the
    /// load is written in the audit log; `beforeCommit` runs last in the transaction, and a throw
    /// there undoes the whole load (the desk's upload puts the file in place there).
    public func load(
        _ content: CampaignCalendarContent, lines: [String: ShuttleLine], sourceFile: String, context: ShuttleContext,
        auditActor: String? = nil, beforeCommit: () throws -> Void = {}
    ) throws -> (campaign: CampaignLoadSummary, shuttle: ShuttleSyncSummary) {
        let planning = Planning(rules: context.outreach, now: context.now, calendar: context.calendar)
        return try database.write { database in
            let campaign = try load(content, lines: lines, sourceFile: sourceFile, planning: planning, in: database)
            let shuttle = try recordShuttleLines(lines, context: context, in: database)
            if let auditActor {
                try audit(
                    actor: auditActor, action: "calendar.upload", detail: "campaign=\(content.campaign.id)", now: context.now, in: database)
            }
            try beforeCommit()
            return (campaign, shuttle)
        }
    }

    private func load(
        _ content: CampaignCalendarContent, lines: [String: ShuttleLine], sourceFile: String, planning: Planning, in database: Database
    ) throws -> CampaignLoadSummary {
        let now = planning.now
        var summary = CampaignLoadSummary(campaign: content.campaign.id)
        let existing = try database.row("SELECT name, source_file FROM campaign WHERE id = ?", [.text(content.campaign.id)])
        if existing == nil {
            try database.run(
                "INSERT INTO campaign (id, name, source_file, loaded_at) VALUES (?, ?, ?, ?)",
                [.text(content.campaign.id), .text(content.campaign.name), .text(sourceFile), .date(now)])
        } else if existing?.string("name") != content.campaign.name || existing?.string("source_file") != sourceFile {
            try database.run(
                "UPDATE campaign SET name = ?, source_file = ? WHERE id = ?",
                [.text(content.campaign.name), .text(sourceFile), .text(content.campaign.id)])
        }
        try recordDefaults(content.defaults, campaign: content.campaign.id, in: database)
        for event in content.events {
            try record(event, campaign: content.campaign.id, line: lines[event.uid], planning: planning, into: &summary, in: database)
        }
        try removeEvents(
            of: content.campaign.id, keeping: Set(content.events.map(\.uid)), planning: planning, into: &summary, in: database)
        return summary
    }

    // MARK: - Events

    /// Records one event: judged first (CapacityCheck), then written. `line` is its shuttle line
    /// when it is a transport event loaded with its lines.
    private func record(
        _ event: CampaignEvent, campaign: String, line: ShuttleLine?, planning: Planning, into summary: inout CampaignLoadSummary,
        in database: Database
    ) throws {
        let stored = try database.row("SELECT campaign, capacity FROM event WHERE uid = ?", [.text(event.uid)])
        let owner = stored?.string("campaign")
        if let owner, owner != campaign {
            throw Refusal.campaign(.uidOfAnotherCampaign(uid: event.uid, owner: owner))
        }
        let occurrences = try storedOccurrences(of: event.uid, in: database)
        let changes = OccurrenceReconciliation.changes(stored: occurrences, loaded: loadedOccurrences(of: event))
        if owner != nil {
            try checkCapacity(of: event, line: line, stored: occurrences, changes: changes, now: planning.now, in: database)
        }
        // The capacity is raised before the occurrences change and lowered after them, so that no
        // statement in between leaves a session more people than the capacity of the moment (step
        // 8's triggers judge each statement): a reinstated session may need the raised capacity,
        // a session the file cancels may still hold more people than the lowered one.
        let interim = owner == nil ? event.capacity : Self.larger(stored?.int("capacity"), event.capacity)
        let columns: [SQLValue] = [
            .text(campaign), .text(event.summary), .string(event.description), .string(event.location),
            .text(event.categories.map(\.rawValue).joined(separator: ",")), .text(event.labels.joined(separator: ",")),
            .string(event.commune), .string(event.neighbourhood), .int(interim), .int(event.professionals),
            .string(event.audience), .text(event.status.rawValue), .int(event.sequence), .text(event.timeZone),
            .bool(event.allDay), .string(event.practical.note), .string(event.practical.contact),
        ]
        if owner == nil {
            try database.run(
                """
                INSERT INTO event (campaign, summary, description, location, categories, labels, commune, neighbourhood,
                    capacity, professionals, audience, status, sequence, time_zone, all_day, note, contact, uid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, columns + [.text(event.uid)])
            summary.eventsAdded += 1
        } else {
            let changed = try database.run(
                """
                UPDATE event SET campaign = ?1, summary = ?2, description = ?3, location = ?4, categories = ?5, labels = ?6,
                    commune = ?7, neighbourhood = ?8, capacity = ?9, professionals = ?10, audience = ?11, status = ?12,
                    sequence = ?13, time_zone = ?14, all_day = ?15, note = ?16, contact = ?17, in_calendar = 1
                WHERE uid = ?18 AND (campaign, summary, description, location, categories, labels, commune, neighbourhood,
                    capacity, professionals, audience, status, sequence, time_zone, all_day, note, contact, in_calendar)
                    IS NOT (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1)
                """, columns + [.text(event.uid)])
            // A capacity that is only lowered is written below; the event counts as updated once.
            if changed > 0 || interim != event.capacity { summary.eventsUpdated += 1 }
        }
        try recordSheetsAndAlarms(of: event, in: database)
        try recordTruncation(of: event, in: database)
        try reconcileOccurrences(of: event, stored: occurrences, changes: changes, planning: planning, into: &summary, in: database)
        if interim != event.capacity {
            try database.run("UPDATE event SET capacity = ? WHERE uid = ?", [.int(event.capacity), .text(event.uid)])
        }
        // A raised capacity (or a session reinstated) makes room: the waitlists move up.
        try promoteWaitlists(ofEvent: event.uid, planning: planning, in: database)
    }

    /// The larger of two capacities, nil (unlimited) being the largest.
    private static func larger(_ first: Int?, _ second: Int?) -> Int? {
        guard let first, let second else { return nil }
        return max(first, second)
    }

    /// Whether the event's recurrence goes on beyond its occurrences, and the last one generated,
    /// so that listings never hide occurrences without a word.
    private func recordTruncation(of event: CampaignEvent, in database: Database) throws {
        let until = event.truncation == nil ? nil : event.occurrences.last?.start
        try database.run(
            "UPDATE event SET truncation = ?1, generated_until = ?2 WHERE uid = ?3 AND (truncation, generated_until) IS NOT (?1, ?2)",
            [.string(until == nil ? nil : event.truncation?.code), .date(until), .text(event.uid)])
    }

    private func recordSheetsAndAlarms(of event: CampaignEvent, in database: Database) throws {
        let sheets = try database.rows("SELECT sheet FROM event_action_sheet WHERE event = ? ORDER BY sheet", [.text(event.uid)])
        if sheets.compactMap({ $0.int("sheet") }) != event.actionSheets {
            try database.run("DELETE FROM event_action_sheet WHERE event = ?", [.text(event.uid)])
            for sheet in event.actionSheets {
                try database.run("INSERT INTO event_action_sheet (event, sheet) VALUES (?, ?)", [.text(event.uid), .int(sheet)])
            }
        }
        if try alarms(of: event.uid, in: database) != event.alarms {
            try database.run("DELETE FROM event_alarm WHERE event = ?", [.text(event.uid)])
            for (position, alarm) in event.alarms.enumerated() {
                let (related, offset, at): (String, Int?, Date?) =
                    switch alarm.trigger {
                    case .fromStart(let seconds): ("start", seconds, nil)
                    case .fromEnd(let seconds): ("end", seconds, nil)
                    case .absolute(let date): ("absolute", nil, date)
                    }
                try database.run(
                    "INSERT INTO event_alarm (event, position, related, offset_seconds, at, action) VALUES (?, ?, ?, ?, ?, ?)",
                    [.text(event.uid), .int(position), .text(related), .int(offset), .date(at), .text(alarm.action)])
            }
        }
    }

    /// The alarms stored for an event, in file order.
    func alarms(of uid: String, in database: Database) throws -> [CalendarAlarm] {
        try database.rows(
            "SELECT related, offset_seconds, at, action FROM event_alarm WHERE event = ? ORDER BY position", [.text(uid)]
        ).map(Self.alarm)
    }

    /// Events of the campaign that the file no longer holds: kept for history, marked out of the
    /// calendar, their occurrences cancelled.
    private func removeEvents(
        of campaign: String, keeping uids: Set<String>, planning: Planning, into summary: inout CampaignLoadSummary,
        in database: Database
    ) throws {
        let stored = try database.rows("SELECT uid FROM event WHERE campaign = ? AND in_calendar = 1", [.text(campaign)])
        for uid in stored.compactMap({ $0.string("uid") }) where !uids.contains(uid) {
            try database.run("UPDATE event SET in_calendar = 0, status = 'cancelled' WHERE uid = ?", [.text(uid)])
            summary.eventsRemoved += 1
            let live = try database.rows(
                "SELECT id, starts_at FROM occurrence WHERE event = ? AND status <> 'cancelled'", [.text(uid)])
            for occurrence in live {
                try cancelOccurrence(
                    occurrence.int64("id")!, previousStart: occurrence.date("starts_at")!, planning: planning, in: database)
                summary.occurrencesCancelled += 1
            }
        }
    }
}
