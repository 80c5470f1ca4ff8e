// Store+WaitlistNotices: what a person waitlisted for a session is told, queued in the transaction
// that waitlisted them: their place in the waitlist (`waitlisted`, at once or at the next time their
// channel allows), and, if no place has come up by then, that none did (`waitlist-deadline`,
// `[reminders] waitlist_deadline_hours` before the start, moved out of quiet time as reminders are).
// A place that comes up sends `registration-promoted` (Store+Waitlist.swift); both waiting notices
// are then stale and cancelled when claimed (their descriptors: registration no longer waitlisted).
// A moved session gets a new deadline notice under its new version; a cancelled one tells everyone.
// Shuttle bookings get the same two notices from Store+ShuttleNotices.swift (the deadline there is
// the run's booking deadline).

import Foundation
import RelaisCore

extension Store {
    /// Queues the notices of a waitlisted registration: its place (unless `announce` is false, for a
    /// session that moved), and the deadline notice. Called inside a write transaction.
    func queueWaitlistNotices(registration: Int64, announce: Bool = true, planning: Planning, in database: Database) throws {
        guard
            let row = try database.row(
                """
                SELECT r.participant, r.occurrence, o.starts_at, o.ends_at, o.version FROM registration r
                JOIN occurrence o ON o.id = r.occurrence
                WHERE r.id = ? AND r.participant IS NOT NULL AND r.status = 'waitlisted' AND o.status <> 'cancelled'
                """, [.integer(registration)]),
            let channel = try reachableChannels(of: row.int64("participant")!, in: database).first
        else { return }
        let start = row.date("starts_at")!
        let notice = WaitlistNotice(
            registration: registration, participant: row.int64("participant")!, occurrence: row.int64("occurrence")!,
            version: row.int("version") ?? 1, start: start, end: row.date("ends_at")!, channel: channel)
        if announce {
            try queue(.waitlisted, at: planning.now, notice, planning: planning, in: database)
        }
        let deadline = planning.rules.waitlistCloses(start: start)
        guard deadline > planning.now else { return }
        try queue(.waitlistDeadline, at: deadline, notice, planning: planning, in: database)
    }

    /// Queues one notice due at `nominal`, moved out of quiet time by the policy (dropped with its
    /// reason when no allowed time remains before the start); planning twice queues nothing new.
    private func queue(_ kind: MessageKind, at nominal: Date, _ notice: WaitlistNotice, planning: Planning, in database: Database) throws {
        let schedule = planning.rules.policy.schedule(
            alarm: CalendarAlarm(trigger: .absolute(nominal)), start: notice.start, end: notice.end, channel: notice.channel,
            now: planning.now, calendar: planning.calendar)
        let reason: String? = if case .dropped(_, let why) = schedule { why.rawValue } else { nil }
        try database.run(
            """
            INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version,
                state, due_at, nominal_at, not_after, reason, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
            ON CONFLICT (key) DO NOTHING
            """,
            [
                .text(kind.descriptor.key(subject: notice.registration, channel: notice.channel, version: notice.version)),
                .text(kind.rawValue), .text(notice.channel.rawValue), .integer(notice.registration), .integer(notice.participant),
                .integer(notice.occurrence), .int(notice.version),
                .text((schedule.sendingTime == nil ? OutboxState.dropped : .queued).rawValue),
                .date(schedule.sendingTime ?? nominal), .date(nominal), .date(notice.start), .string(reason), .date(planning.now),
            ])
    }
}

/// A waitlisted registration and where its notices go.
private struct WaitlistNotice {
    var registration: Int64
    var participant: Int64
    var occurrence: Int64
    var version: Int
    var start: Date
    var end: Date
    var channel: Channel
}
