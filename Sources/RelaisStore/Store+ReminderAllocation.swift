// Store+ReminderAllocation: a person's upcoming reminders on each channel, planned together so that
// the per-person cap serves every registration (ReminderAllocation.swift decides; this file reads
// the person's registrations and outbox rows, and records the decision in the caller's transaction).
//
// For each channel the person can be written on, every confirmed registration to a session still to
// come is looked at: its reminders already given (sending, sent, deferred) are fixed and count against
// the cap; those cancelled or failed are left as they are; the others (queued, or dropped when planned)
// are decided again: queued at their time, dropped with their reason, or (`:last`) one reminder at the
// latest allowed time before an event none of whose alarms can go. Planning twice changes nothing.

import Foundation
import RelaisCore

extension Store {
    /// Plans the reminders of every upcoming confirmed registration of `participant`, all channels.
    /// Called inside a write transaction.
    @discardableResult
    func planPersonReminders(_ participant: Int64, planning: Planning, in database: Database) throws -> PlanSummary {
        let targets = try database.rows(
            """
            SELECT r.id, r.occurrence, o.starts_at, o.ends_at, o.version, o.event FROM registration r
            JOIN occurrence o ON o.id = r.occurrence
            WHERE r.participant = ? AND r.status = 'confirmed' AND o.status <> 'cancelled' AND o.starts_at > ?
            ORDER BY o.starts_at, r.id
            """, [.integer(participant), .date(planning.now)]
        ).map { row in
            ReminderTarget(
                registration: row.int64("id")!, occurrence: row.int64("occurrence")!, start: row.date("starts_at")!,
                end: row.date("ends_at")!, version: row.int("version") ?? 1, event: row.string("event")!)
        }
        var summary = PlanSummary()
        for channel in try reachableChannels(of: participant, in: database) {
            summary = summary + (try plan(targets, of: participant, on: channel, planning: planning, in: database))
        }
        return summary
    }

    /// One channel of `planPersonReminders`.
    private func plan(
        _ targets: [ReminderTarget], of participant: Int64, on channel: Channel, planning: Planning, in database: Database
    ) throws -> PlanSummary {
        let policy = planning.rules.policy
        var registrations: [RegistrationReminders] = []
        var rows: [String: Row] = [:]
        for target in targets {
            var alarms = try alarms(of: target.event, in: database)
            if alarms.isEmpty { alarms = policy.defaultAlarms }
            var schedules: [AlarmSchedule] = []
            var given = false
            let slots = alarms.indices.map { ReminderSlot.alarm($0) } + [.latest]
            for slot in slots {
                let key = target.key(slot, channel)
                if let row = try database.row("SELECT id, state, reason FROM outbox WHERE key = ?", [.text(key)]) {
                    rows[key] = row
                    let state = row.string("state").flatMap(OutboxState.init(rawValue:))
                    if let state, OutboxState.given.contains(state) { given = true }
                    guard Self.redecidable(row) else { continue }
                }
                guard case .alarm(let position) = slot else { continue }
                let schedule = policy.schedule(
                    alarm: alarms[position], start: target.start, end: target.end, channel: channel, now: planning.now,
                    calendar: planning.calendar)
                schedules.append(AlarmSchedule(slot: slot, schedule: schedule))
            }
            registrations.append(
                RegistrationReminders(registration: target.registration, start: target.start, alarms: schedules, alreadyGiven: given))
        }
        let decided = ReminderAllocation(
            cap: planning.rules.cap, window: policy.window(for: channel), now: planning.now, calendar: planning.calendar
        ).allocate(registrations, given: try givenReminders(of: participant, on: channel, in: database))
        var summary = PlanSummary()
        for target in targets {
            for (slot, schedule) in decided[target.registration] ?? [:] {
                try record(schedule, slot: slot, of: target, participant: participant, channel: channel, existing: rows,
                    planning: planning, summary: &summary, in: database)
            }
            // A reminder at the latest allowed time that is no longer needed (an alarm now goes).
            let last = target.key(.latest, channel)
            if decided[target.registration]?[.latest] == nil, let row = rows[last], row.string("state") == OutboxState.queued.rawValue {
                try database.run(
                    "UPDATE outbox SET state = 'dropped', reason = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
                    [.text("not needed: an alarm of the event goes"), .date(planning.now), .integer(row.int64("id")!)])
            }
        }
        return summary
    }

    /// Writes one decided slot: a new row, or an existing queued or planner-dropped row brought up to date.
    private func record(
        _ schedule: ReminderSchedule, slot: ReminderSlot, of target: ReminderTarget, participant: Int64, channel: Channel,
        existing: [String: Row], planning: Planning, summary: inout PlanSummary, in database: Database
    ) throws {
        let key = target.key(slot, channel)
        let state: OutboxState = schedule.sendingTime == nil ? .dropped : .queued
        let due = schedule.sendingTime ?? schedule.nominal
        var reason: String?
        if case .dropped(_, let why) = schedule {
            let cap = planning.rules.cap
            reason = why == .capped ? "\(Self.capReason) (\(cap.perDay) a day, \(cap.perWeek) a week)" : why.rawValue
        }
        if let row = existing[key] {
            guard Self.redecidable(row) else { return }
            let changed = try database.run(
                """
                UPDATE outbox SET state = ?1, due_at = ?2, nominal_at = ?3, reason = ?4, updated_at = ?5
                WHERE id = ?6 AND state IN ('queued', 'dropped') AND (state <> ?1 OR due_at <> ?2 OR reason IS NOT ?4)
                """,
                [
                    .text(state.rawValue), .date(due), .date(schedule.nominal), .string(reason), .date(planning.now),
                    .integer(row.int64("id")!),
                ])
            if changed == 1 && row.string("state") != state.rawValue {
                if state == .queued { summary.queued += 1 } else { summary.dropped += 1 }
            }
            return
        }
        try database.run(
            """
            INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
                state, due_at, nominal_at, not_after, reason, created_at, updated_at)
            VALUES (?1, 'reminder', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
            """,
            [
                .text(key), .text(channel.rawValue), .integer(target.registration), .integer(participant), .integer(target.occurrence),
                .int(target.version), .int(slot.alarmColumn), .text(state.rawValue), .date(due), .date(schedule.nominal),
                .date(target.start), .string(reason), .date(planning.now),
            ])
        if state == .queued { summary.queued += 1 } else { summary.dropped += 1 }
    }

    /// Whether a reminder's row may be decided again: waiting (queued) or never tried and settled
    /// without sending (dropped: quiet time, the cap, no allowed time left; deciding again gives the
    /// same answer unless the cap now has room). Not what left, failed, or was cancelled by its cause
    /// or an operator. Decided by the state alone, never by the words of a reason.
    private static func redecidable(_ row: Row) -> Bool {
        row.string("state").flatMap(OutboxState.init(rawValue:)).map { [.queued, .dropped].contains($0) } ?? false
    }

    /// When the person's messages the cap counts (their kind's descriptor says so) already given on a
    /// channel (being sent, sent, to be retried) are due, every campaign together: the cap counts
    /// what arrives on one phone or in one mailbox.
    private func givenReminders(of participant: Int64, on channel: Channel, in database: Database) throws -> [Date] {
        let capped = MessageKind.kinds { $0.capped }.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let given = OutboxState.given.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try database.rows(
            "SELECT due_at FROM outbox WHERE participant = ? AND channel = ? AND kind IN (\(capped)) AND state IN (\(given))",
            [.integer(participant), .text(channel.rawValue)]
        ).compactMap { $0.date("due_at") }
    }
}

/// A confirmed registration to a session still to come, as reminder planning needs it.
struct ReminderTarget {
    var registration: Int64
    var occurrence: Int64
    var start: Date
    var end: Date
    var version: Int
    var event: String

    /// `reminder:r17:a0:sms:v2`, `reminder:r17:last:sms:v2` (the reminder kind's key shape).
    func key(_ slot: ReminderSlot, _ channel: Channel) -> String {
        MessageKind.reminder.descriptor.key(subject: registration, channel: channel, slot: slot, version: version)
    }
}
