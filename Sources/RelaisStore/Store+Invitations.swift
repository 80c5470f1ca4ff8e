// Store+Invitations: the confirmation a person receives when their registration holds a place, and
// what the calendar invitation its e-mail carries is written from (CalendarInvitation).
//
// A registration that becomes confirmed (registered with a place left, imported, promoted from the
// waitlist) gets one `confirmation` notice, queued in the transaction that confirmed it: by e-mail
// when the person can be written to there (the e-mail carries the invitation), else by SMS. Its key
// `confirmation:r<registration>:<channel>` is UNIQUE, so a second pass queues nothing new; it is due
// at once or at the next time its channel allows, and dropped with its reason when no allowed time
// comes before the start. Notices are never capped. `[reminders] confirmations = no` sends none
// (an installation whose CCAS confirms by telephone, or that spares the SMS).
//
// A person who was sent the invitation by e-mail must also get the calendar's update when the session
// moves or is cancelled, even when the notice itself goes by SMS (their first channel): `noticeChannels`
// adds the e-mail then. The SEQUENCE of each calendar part is the session's version minus one, read
// when the message is claimed (`invitationFacts`), so the update always outranks what came before.
// A registration cancelled by the person or the desk after its invitation left gets one more e-mail,
// `registration-cancelled`, whose CANCEL removes the event from their calendar (`queueWithdrawal`).

import Foundation
import RelaisCore

extension Store {
    /// Queues the confirmation of a confirmed registration, unless it was queued already. Called
    /// inside a write transaction.
    func queueConfirmation(registration: Int64, planning: Planning, in database: Database) throws {
        guard planning.rules.confirmations,
            let row = try database.row(
                """
                SELECT r.participant, r.occurrence, o.starts_at, o.version FROM registration r JOIN occurrence o ON o.id = r.occurrence
                WHERE r.id = ? AND r.participant IS NOT NULL AND r.status = 'confirmed' AND o.status <> 'cancelled'
                """, [.integer(registration)]),
            let channel = try confirmationChannel(of: row.int64("participant")!, in: database)
        else { return }
        try queueRegistrationNotice(.confirmation, registration: registration, row: row, channel: channel, planning: planning, in: database)
    }

    /// Queues the e-mail that removes a cancelled registration's session from the person's calendar,
    /// when its invitation was sent (a confirmation e-mail that left: one still waiting is cancelled
    /// with the registration, and nothing reached the calendar). Called inside a write transaction.
    func queueWithdrawal(registration: Int64, planning: Planning, in database: Database) throws {
        guard
            let row = try database.row(
                """
                SELECT r.participant, r.occurrence, o.starts_at, o.version FROM registration r JOIN occurrence o ON o.id = r.occurrence
                WHERE r.id = ?1 AND r.participant IS NOT NULL AND o.status <> 'cancelled' AND EXISTS (
                    SELECT 1 FROM outbox WHERE registration = ?1 AND kind = ?2 AND channel = 'email' AND state = 'sent')
                """, [.integer(registration), .text(MessageKind.confirmation.rawValue)]),
            try reachableChannels(of: row.int64("participant")!, in: database).contains(.email)
        else { return }
        let start = row.date("starts_at")!
        let allowed = planning.rules.policy.window(for: .email).earliestAllowed(atOrAfter: planning.now, calendar: planning.calendar)
        let sendable = allowed.map { $0 < start } == true
        let kind = MessageKind.registrationCancelled
        try database.run(
            """
            INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version,
                state, due_at, nominal_at, not_after, reason, created_at, updated_at)
            VALUES (?1, ?2, 'email', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?9, ?9)
            ON CONFLICT (key) DO NOTHING
            """,
            [
                .text(kind.descriptor.key(subject: registration, channel: .email)), .text(kind.rawValue), .integer(registration),
                .integer(row.int64("participant")!), .integer(row.int64("occurrence")!), .int(row.int("version") ?? 1),
                .text((sendable ? OutboxState.queued : .dropped).rawValue), .date(sendable ? allowed! : planning.now),
                .date(planning.now), .date(start), .string(sendable ? nil : DropReason.noAllowedTime.rawValue),
            ])
    }

    /// The channel a confirmation goes on: e-mail when reachable (it carries the invitation), else SMS.
    func confirmationChannel(of participant: Int64, in database: Database) throws -> Channel? {
        let channels = try reachableChannels(of: participant, in: database)
        return channels.contains(.email) ? .email : channels.first
    }

    /// The channels a move or cancellation notice about `registration` goes on: the person's first
    /// reachable one and, when that is not e-mail, the e-mail too if the invitation went there (a
    /// confirmation e-mail that was not cancelled nor dropped), so that their calendar follows.
    func noticeChannels(registration: Int64, participant: Int64, in database: Database) throws -> [Channel] {
        let channels = try reachableChannels(of: participant, in: database)
        guard let first = channels.first else { return [] }
        guard first != .email, channels.contains(.email) else { return [first] }
        let invited = try database.row(
            """
            SELECT 1 AS found FROM outbox WHERE registration = ? AND kind = ? AND channel = 'email'
                AND state NOT IN ('cancelled', 'dropped', 'failed')
            """, [.integer(registration), .text(MessageKind.confirmation.rawValue)])
        return invited == nil ? [first] : [first, .email]
    }

    /// What the calendar part of a claimed message is written from: its session as it is now, for the
    /// kinds that carry one (CalendarInvitation); nil for the others and for SMS.
    func invitationFacts(registration: Int64?, kind: MessageKind, channel: Channel, in database: Database) throws -> InvitationFacts? {
        guard channel == .email, kind.invitationMethod != nil, let registration else { return nil }
        guard
            let row = try database.row(
                """
                SELECT r.status, o.version, o.starts_at, o.ends_at, coalesce(o.summary, e.summary) AS summary,
                    coalesce(o.location, e.location) AS location, e.description, e.time_zone
                FROM registration r JOIN occurrence o ON o.id = r.occurrence JOIN event e ON e.uid = o.event WHERE r.id = ?
                """, [.integer(registration)])
        else { return nil }
        return InvitationFacts(
            registration: registration, version: row.int("version") ?? 1, start: row.date("starts_at")!, end: row.date("ends_at")!,
            timeZone: row.string("time_zone")!, summary: row.string("summary")!, location: row.string("location"),
            description: row.string("description"), confirmed: row.string("status") == RegistrationStatus.confirmed.rawValue)
    }
}
