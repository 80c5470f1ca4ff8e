// Store+Reminders: planning reminders and notices into the outbox, inside the transaction of
// their cause.
//
// One reminder per registration, alarm and consented channel, as the per-person cap allows (a
// person's reminders are decided together, Store+ReminderAllocation); the key
// `reminder:r<registration>:a<alarm>:<channel>:v<occurrence version>` (`:last:` for the reminder at
// the latest allowed time) makes planning twice plan nothing new, and a moved occurrence (a new
// version) gets new reminders. A notice (moved,
// cancelled) goes once per registration, on the person's SMS if they consented to it, else by
// e-mail. The core decides when (ReminderPolicy, ReminderAllocation); this file only reads and records.
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
            try planReminders(.everyone, planning: Planning(rules: rules, now: now, calendar: calendar), in: database)
        }
    }

    /// Plans one registration's reminders, with those of the person's other upcoming registrations:
    /// the cap decides them together (Store+ReminderAllocation). Called inside a write transaction.
    @discardableResult
    func planReminders(registration: Int64, planning: Planning, in database: Database) throws -> PlanSummary {
        guard
            let participant = try database.row(
                "SELECT participant FROM registration WHERE id = ? AND status = 'confirmed'", [.integer(registration)]
            )?.int64("participant")
        else { return PlanSummary() }
        return try planPersonReminders(participant, planning: planning, in: database)
    }

    /// Cancels the reminders still waiting for an occurrence that moved or was cancelled, and
    /// queues one notice per registration. A moved occurrence then gets its new reminders.
    func notifyChange(of occurrence: Int64, kind: MessageKind, previousStart: Date, planning: Planning, in database: Database) throws {
        let (rules, now, calendar) = (planning.rules, planning.now, planning.calendar)
        let why = kind == .moved ? "occurrence moved" : "occurrence cancelled"
        try database.run(
            """
            UPDATE outbox SET state = 'cancelled', reason = ?, updated_at = ?
            WHERE occurrence = ? AND kind IN (\(Self.followingTheStart)) AND state IN (\(Self.sqlList(OutboxState.waiting)))
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
            for channel in try noticeChannels(registration: id, participant: participant, in: database) {
                let key = kind.descriptor.key(subject: id, channel: channel, version: slot.int("version") ?? 1)
                let allowed = rules.policy.window(for: channel).earliestAllowed(atOrAfter: now, calendar: calendar)
                let due = allowed ?? now
                let (state, reason): (String, String?) =
                    allowed.map { $0 < deadline } == true
                    ? (OutboxState.queued.rawValue, nil) : (OutboxState.dropped.rawValue, DropReason.noAllowedTime.rawValue)
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
        if kind == .moved {
            for row in try database.rows(
                "SELECT id FROM registration WHERE occurrence = ? AND status = 'waitlisted'", [.integer(occurrence)])
            {
                try queueWaitlistNotices(registration: row.int64("id")!, announce: false, planning: planning, in: database)
            }
        }
    }

    /// The registration kinds whose due time follows the start (reminders, the waitlist deadline),
    /// as an SQL list: cancelled when the session moves or is cancelled, and queued again if it moved.
    static let followingTheStart = MessageKind.kinds { $0.subject == .registration && $0.timing.followsTheStart }
        .map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// Plans the reminders of every registration to an occurrence (after it is reinstated).
    func planRegistrations(of occurrence: Int64, planning: Planning, in database: Database) throws {
        for row in try database.rows(
            "SELECT id FROM registration WHERE occurrence = ? AND participant IS NOT NULL AND status = 'confirmed'", [.integer(occurrence)])
        {
            try planReminders(registration: row.int64("id")!, planning: planning, in: database)
        }
    }

    /// Plans again the upcoming registrations of the people registered to `occurrence`: after its
    /// reminders were cancelled, a reminder the cap had dropped elsewhere may now fit.
    func replanOthers(registeredTo occurrence: Int64, planning: Planning, in database: Database) throws {
        let people = try database.rows(
            "SELECT DISTINCT participant FROM registration WHERE occurrence = ? AND participant IS NOT NULL ORDER BY participant",
            [.integer(occurrence)])
        try planReminders(.people(people.compactMap { $0.int64("participant") }), planning: planning, in: database)
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
}
