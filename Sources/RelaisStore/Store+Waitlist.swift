// Store+Waitlist: a session's waitlist moving up when a place frees, inside the transaction that
// freed it (a cancellation, a person forgotten, a reload that raised the capacity), and the notice
// the promoted person receives.
//
// Promotion confirms waitlisted registrations in the order they were made, one place each, while
// the capacity triggers let them (the database holds the count; a refusal ends the pass), and only
// until the waitlist closes (`[reminders] waitlist_deadline_hours` before the start, when those still
// waiting are told no place came up): after it, the check-in desk confirms whoever comes. Each promoted
// registration gets its reminders planned as on registering, and one `registration-promoted`
// notice on the person's first reachable channel (SMS first): its outbox key
// `registration-promoted:r<registration>:<channel>` is UNIQUE, so a second pass queues nothing new.
// A notice with no allowed sending time before the start is recorded as dropped, with its reason.

import Foundation
import RelaisCore

extension Store {
    /// Confirms the first waitlisted registrations of a session that now fit, queues their notices
    /// and plans their reminders; returns their ids. Called inside a write transaction.
    @discardableResult
    func promoteWaitlist(of occurrence: Int64, planning: Planning, in database: Database) throws -> [Int64] {
        guard
            let slot = try database.row("SELECT starts_at, status FROM occurrence WHERE id = ?", [.integer(occurrence)]),
            slot.string("status") != "cancelled", planning.rules.waitlistCloses(start: slot.date("starts_at")!) > planning.now
        else { return [] }
        let waiting = try database.rows(
            "SELECT id FROM registration WHERE occurrence = ? AND status = 'waitlisted' ORDER BY id", [.integer(occurrence)])
        var promoted: [Int64] = []
        for row in waiting {
            let id = row.int64("id")!
            do {
                try database.run(
                    "UPDATE registration SET status = 'confirmed', promoted_at = ? WHERE id = ? AND status = 'waitlisted'",
                    [.date(planning.now), .integer(id)])
            } catch let error as DatabaseError where Self.isFull(error) {
                break
            }
            try queuePromotionNotice(registration: id, planning: planning, in: database)
            try planReminders(registration: id, planning: planning, in: database)
            try queueConfirmation(registration: id, planning: planning, in: database)
            promoted.append(id)
        }
        return promoted
    }

    /// Promotes the waitlists of an event's sessions to come (after its capacity was raised).
    func promoteWaitlists(ofEvent uid: String, planning: Planning, in database: Database) throws {
        let sessions = try database.rows(
            """
            SELECT DISTINCT r.occurrence FROM registration r JOIN occurrence o ON o.id = r.occurrence
            WHERE o.event = ? AND r.status = 'waitlisted' AND o.status <> 'cancelled' AND o.starts_at > ?
            """, [.text(uid), .date(planning.now.addingTimeInterval(planning.rules.waitlistDeadline))])
        for row in sessions {
            try promoteWaitlist(of: row.int64("occurrence")!, planning: planning, in: database)
        }
    }

    /// Queues the notice that a waitlisted registration got a place, unless it was queued already.
    func queuePromotionNotice(registration: Int64, planning: Planning, in database: Database) throws {
        guard
            let row = try database.row(
                """
                SELECT r.participant, r.occurrence, o.starts_at, o.version FROM registration r JOIN occurrence o ON o.id = r.occurrence
                WHERE r.id = ? AND r.participant IS NOT NULL
                """, [.integer(registration)]),
            let channel = try reachableChannels(of: row.int64("participant")!, in: database).first
        else { return }
        try queueRegistrationNotice(
            .registrationPromoted, registration: registration, row: row, channel: channel, planning: planning, in: database)
    }

    /// Queues a notice of `kind` about a registration (`row`: its participant, occurrence, start and
    /// version), on `channel`, at once or at the channel's next allowed time; dropped with its reason
    /// when no allowed time comes before the session. Notices are never capped.
    func queueRegistrationNotice(
        _ kind: MessageKind, registration: Int64, row: Row, channel: Channel, planning: Planning, in database: Database
    ) throws {
        let start = row.date("starts_at")!
        let allowed = planning.rules.policy.window(for: channel).earliestAllowed(atOrAfter: planning.now, calendar: planning.calendar)
        let sendable = allowed.map { $0 < start } == true
        try database.run(
            """
            INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version,
                state, due_at, nominal_at, not_after, reason, created_at, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10, ?10)
            ON CONFLICT (key) DO NOTHING
            """,
            [
                .text(kind.descriptor.key(subject: registration, channel: channel)),
                .text(kind.rawValue), .text(channel.rawValue), .integer(registration),
                .integer(row.int64("participant")!), .integer(row.int64("occurrence")!), .int(row.int("version") ?? 1),
                .text((sendable ? OutboxState.queued : .dropped).rawValue), .date(sendable ? allowed! : planning.now),
                .date(planning.now), .date(start),
                .string(sendable ? nil : DropReason.noAllowedTime.rawValue),
            ])
    }

    /// Cancels the messages of a registration that have not left and that its end makes pointless
    /// (reminders, promotion and waitlist notices, a move notice).
    func cancelRegistrationMessages(of registration: Int64, reason: String, now: Date, in database: Database) throws {
        try database.run(
            """
            UPDATE outbox SET state = 'cancelled', reason = ?, updated_at = ?
            WHERE registration = ? AND kind IN (\(Self.sqlList(MessageKind.endingWith(.registration))))
                AND state IN (\(Self.sqlList(OutboxState.waiting)))
            """, [.text(reason), .date(now), .integer(registration)])
    }

    /// Plans again a person's confirmed registrations to come: after one of their reminders was
    /// cancelled, one the per-person cap had dropped may now fit.
    func replanUpcoming(of participant: Int64, planning: Planning, in database: Database) throws {
        let upcoming = try database.rows(
            """
            SELECT r.id FROM registration r JOIN occurrence o ON o.id = r.occurrence
            WHERE r.participant = ? AND r.status = 'confirmed' AND o.status <> 'cancelled' AND o.starts_at > ?
            ORDER BY o.starts_at, r.id
            """, [.integer(participant), .date(planning.now)])
        for row in upcoming {
            try planReminders(registration: row.int64("id")!, planning: planning, in: database)
        }
    }
}
