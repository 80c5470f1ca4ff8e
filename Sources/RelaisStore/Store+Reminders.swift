// Store+Reminders: planning reminders and notices into the outbox, inside the transaction of
// their cause.
//
// One reminder per registration, alarm and consented channel; the key
// `reminder:r<registration>:a<alarm>:<channel>:v<occurrence version>` makes planning twice plan
// nothing new, and a moved occurrence (a new version) gets new reminders. A notice (moved,
// cancelled) goes once per registration, on the person's SMS if they consented to it, else by
// e-mail. The core decides when (ReminderPolicy, MessageCap); this file only reads and records.
//
// Only confirmed registrations are reminded and told of a move: a waitlisted one has no place yet
// (it gets its reminders when promoted, Store+Waitlist), a cancelled one none. A cancellation of
// the session is told to the waitlisted too, who would otherwise wait for a place that never comes.

import Foundation
import RelaisCore

/// The rules and the moment a planning pass works with.
struct Planning {
    var rules: OutreachRules
    var now: Date
    var calendar: Calendar
}

/// What a planning pass did.
public struct PlanSummary: Sendable, Equatable {
    public var queued = 0
    public var dropped = 0

    public init() {}

    static func + (lhs: PlanSummary, rhs: PlanSummary) -> PlanSummary {
        var sum = PlanSummary()
        sum.queued = lhs.queued + rhs.queued
        sum.dropped = lhs.dropped + rhs.dropped
        return sum
    }
}

extension Store {
    /// Plans the reminders every current registration lacks (after a configuration change, or
    /// consent given later). Planning twice plans nothing new.
    public func planReminders(rules: OutreachRules, now: Date, calendar: Calendar) throws -> PlanSummary {
        try database.write { database in
            let registrations = try database.rows(
                """
                SELECT r.id FROM registration r JOIN occurrence o ON o.id = r.occurrence
                WHERE r.participant IS NOT NULL AND r.status = 'confirmed' AND o.status <> 'cancelled' AND o.starts_at > ?
                ORDER BY o.starts_at, r.id
                """, [.date(now)])
            let planning = Planning(rules: rules, now: now, calendar: calendar)
            return try registrations.reduce(PlanSummary()) { summary, row in
                summary + (try planReminders(registration: row.int64("id")!, planning: planning, in: database))
            }
        }
    }

    /// Plans one registration's reminders. Called inside a write transaction.
    @discardableResult
    func planReminders(registration: Int64, planning: Planning, in database: Database) throws -> PlanSummary {
        let (rules, now, calendar) = (planning.rules, planning.now, planning.calendar)
        var summary = PlanSummary()
        guard
            let target = try database.row(
                """
                SELECT r.participant, r.occurrence, o.starts_at, o.ends_at, o.status, o.version, o.event
                FROM registration r JOIN occurrence o ON o.id = r.occurrence
                WHERE r.id = ? AND r.participant IS NOT NULL AND r.status = 'confirmed'
                """, [.integer(registration)]),
            target.string("status") != "cancelled"
        else { return summary }
        let participant = target.int64("participant")!
        let start = target.date("starts_at")!
        let end = target.date("ends_at")!
        let version = target.int("version") ?? 1
        var alarms = try alarms(of: target.string("event")!, in: database)
        if alarms.isEmpty { alarms = rules.policy.defaultAlarms }
        for channel in try reachableChannels(of: participant, in: database) {
            for (position, alarm) in alarms.enumerated() {
                let key = "reminder:r\(registration):a\(position):\(channel.rawValue):v\(version)"
                let existing = try database.row("SELECT id, state, reason FROM outbox WHERE key = ?", [.text(key)])
                // A reminder the cap dropped is looked at again: the one that filled the day may be gone.
                let droppedByCap = existing?.string("state") == "dropped" && existing?.string("reason")?.hasPrefix(Self.capReason) == true
                guard existing == nil || droppedByCap else { continue }
                var state = "queued"
                var reason: String?
                var due: Date
                let nominal: Date
                switch rules.policy.schedule(alarm: alarm, start: start, end: end, channel: channel, now: now, calendar: calendar) {
                case .send(let at, let planned):
                    due = at
                    nominal = planned
                    if try !rules.cap.allows(
                        at, alreadyPlanned: plannedReminders(of: participant, on: channel, in: database), calendar: calendar)
                    {
                        state = "dropped"
                        reason = "\(Self.capReason) (\(rules.cap.perDay) a day, \(rules.cap.perWeek) a week)"
                    }
                case .dropped(let planned, let why):
                    due = planned
                    nominal = planned
                    state = "dropped"
                    reason = why.rawValue
                }
                if let existing {
                    guard state == "queued" else { continue }
                    try database.run(
                        "UPDATE outbox SET state = 'queued', due_at = ?, reason = NULL, updated_at = ? WHERE id = ? AND state = 'dropped'",
                        [.date(due), .date(now), .integer(existing.int64("id")!)])
                    summary.queued += 1
                    continue
                }
                try database.run(
                    """
                    INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
                        state, due_at, nominal_at, not_after, reason, created_at, updated_at)
                    VALUES (?1, 'reminder', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
                    """,
                    [
                        .text(key), .text(channel.rawValue), .integer(registration), .integer(participant),
                        .integer(target.int64("occurrence")!), .int(version), .int(position), .text(state), .date(due),
                        .date(nominal), .date(start), .string(reason), .date(now),
                    ])
                if state == "queued" { summary.queued += 1 } else { summary.dropped += 1 }
            }
        }
        return summary
    }

    /// Cancels the reminders still waiting for an occurrence that moved or was cancelled, and
    /// queues one notice per registration. A moved occurrence then gets its new reminders.
    func notifyChange(of occurrence: Int64, kind: MessageKind, previousStart: Date, planning: Planning, in database: Database) throws {
        let (rules, now, calendar) = (planning.rules, planning.now, planning.calendar)
        let why = kind == .moved ? "occurrence moved" : "occurrence cancelled"
        try database.run(
            """
            UPDATE outbox SET state = 'cancelled', reason = ?, updated_at = ?
            WHERE occurrence = ? AND kind = 'reminder' AND state IN ('queued', 'deferred')
            """, [.text(why), .date(now), .integer(occurrence)])
        try replanOthers(registeredTo: occurrence, planning: planning, in: database)
        guard let slot = try database.row("SELECT starts_at, version FROM occurrence WHERE id = ?", [.integer(occurrence)]) else { return }
        let deadline = kind == .moved ? slot.date("starts_at")! : previousStart
        guard deadline > now else { return }
        let told = kind == .cancelled ? "('confirmed', 'waitlisted')" : "('confirmed')"
        let registrations = try database.rows(
            "SELECT id, participant FROM registration WHERE occurrence = ? AND participant IS NOT NULL AND status IN \(told) ORDER BY id",
            [.integer(occurrence)])
        for registration in registrations {
            let id = registration.int64("id")!
            let participant = registration.int64("participant")!
            if let channel = try reachableChannels(of: participant, in: database).first {
                let key = "\(kind.rawValue):r\(id):\(channel.rawValue):v\(slot.int("version") ?? 1)"
                let allowed = rules.policy.window(for: channel).earliestAllowed(atOrAfter: now, calendar: calendar)
                let due = allowed ?? now
                let (state, reason): (String, String?) =
                    allowed.map { $0 < deadline } == true ? ("queued", nil) : ("dropped", DropReason.noAllowedTime.rawValue)
                try database.run(
                    """
                    INSERT OR IGNORE INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version,
                        state, due_at, nominal_at, not_after, reason, created_at, updated_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10, ?10)
                    """,
                    [
                        .text(key), .text(kind.rawValue), .text(channel.rawValue), .integer(id), .integer(participant),
                        .integer(occurrence), .int(slot.int("version") ?? 1), .text(state), .date(due), .date(now),
                        .date(deadline), .string(reason),
                    ])
            }
            if kind == .moved {
                try planReminders(registration: id, planning: planning, in: database)
            }
        }
    }

    /// Plans the reminders of every registration to an occurrence (after it is reinstated).
    func planRegistrations(of occurrence: Int64, planning: Planning, in database: Database) throws {
        for row in try database.rows(
            "SELECT id FROM registration WHERE occurrence = ? AND participant IS NOT NULL AND status = 'confirmed'", [.integer(occurrence)])
        {
            try planReminders(registration: row.int64("id")!, planning: planning, in: database)
        }
    }

    /// How a reminder dropped by the per-person cap is marked (and found again).
    static let capReason = "per-person cap"

    /// Plans again the upcoming registrations of the people registered to `occurrence`: after its
    /// reminders were cancelled, a reminder the cap had dropped elsewhere may now fit.
    func replanOthers(registeredTo occurrence: Int64, planning: Planning, in database: Database) throws {
        let others = try database.rows(
            """
            SELECT DISTINCT r2.id FROM registration r JOIN registration r2 ON r2.participant = r.participant
            JOIN occurrence o2 ON o2.id = r2.occurrence
            WHERE r.occurrence = ?1 AND r.participant IS NOT NULL AND r2.occurrence <> ?1 AND o2.starts_at > ?2
                AND o2.status <> 'cancelled' AND r2.status = 'confirmed'
            """, [.integer(occurrence), .date(planning.now)])
        for row in others {
            try planReminders(registration: row.int64("id")!, planning: planning, in: database)
        }
    }

    /// The channels a person can be written on: consent given and address not opted out;
    /// SMS first.
    func reachableChannels(of participant: Int64, in database: Database) throws -> [Channel] {
        guard let person = try database.row("SELECT phone, email FROM participant WHERE id = ?", [.integer(participant)]) else { return [] }
        let granted = try database.rows(
            "SELECT channel FROM consent WHERE participant = ? AND granted = 1", [.integer(participant)]
        ).compactMap { $0.string("channel").flatMap(Channel.init(rawValue:)) }
        var channels: [Channel] = []
        for channel in [Channel.sms, .email] where granted.contains(channel) {
            guard let address = channel == .sms ? person.string("phone") : person.string("email") else { continue }
            if try !isOptedOut(address, channel: channel, in: database) { channels.append(channel) }
        }
        return channels
    }

    /// When a person's live reminders on a channel are due, across campaigns, for the cap: the cap
    /// counts what arrives on one phone or in one mailbox.
    private func plannedReminders(of participant: Int64, on channel: Channel, in database: Database) throws -> [Date] {
        try database.rows(
            """
            SELECT due_at FROM outbox WHERE participant = ? AND channel = ? AND kind = 'reminder'
                AND state IN ('queued', 'sending', 'sent', 'deferred')
            """, [.integer(participant), .text(channel.rawValue)]
        ).compactMap { $0.date("due_at") }
    }
}
