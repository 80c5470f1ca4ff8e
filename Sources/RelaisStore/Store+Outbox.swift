// Store+Outbox: the outbox, one row per message, and the transitions a message goes through.
//
// A message is durable before anything is sent: it is planned in the same transaction as its
// cause (a registration, a moved or cancelled occurrence), and a sender claims it with a lease
// before sending. After a crash, the rows still `sending` under a dead owner's lease (the batch
// whose outcomes were not recorded) are retried once with the backoff, and failed if interrupted
// again (Store+Leases.swift), so no message goes more than twice.
//
//                 plan (Store+Reminders)           claimDue      (outcomes: recordOutcomes, Store+OutboxBatch)
//    (cause) ──────────────────────────▶ queued ───────────────▶ sending ──sent─────────────▶ sent
//                         │                 ▲  ▲                  │  │
//                         ▼                 │  └─releaseLeases────┘  ├──deferred─────────▶ deferred ─┐
//                      dropped              │  (owner died, not      │   (or releaseLeases: it was   │
//                                           │   handed over yet)     │    in flight when it died)    │
//                  (quiet time, cap,        │                        └──fail─────────────▶ failed    │
//                   after the start)        └────────────────────────── claimDue (due again) ◀───────┘
//
//    queued | deferred ──cancel (moved, cancelled, opt-out, forgotten, operator)──▶ cancelled
//    failed | cancelled | dropped | deferred ──retry (operator)──▶ queued
//
// Invariants, also CHECK constraints: a row is `sending` exactly when it has a lease; a `sent`
// row has its sending time; only a `sending` row is `in_flight`; `interrupted` is at most 2. Each transition names the state it leaves in its WHERE clause, so a
// sender whose lease was taken over cannot overwrite the new owner's outcome.

import Foundation
import RelaisCore

/// A message claimed for sending, with everything needed to write it.
public struct ClaimedMessage: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var kind: MessageKind
    public var channel: Channel
    /// The e-mail address or E.164 number, read at claim time from the person's record.
    public var recipient: String
    public var name: String
    public var language: Language
    public var attempts: Int
    public var event: String
    public var campaign: String
    public var location: String?
    public var start: Date
    public var previousStart: Date?
    /// When the message was first tried: the retry schedule's maximum age counts from there.
    public var firstAttempt: Date
    public var deadline: Date
    /// What a shuttle message says beyond the common placeholders; nil for other messages.
    public var shuttle: ShuttleMessageFacts? = nil
    /// The person's place in the waitlist when claimed (1: next), for the kinds that say it.
    public var position: Int? = nil
    /// The event's details and contact for residents (the transport event's, for the shuttle's messages).
    public var practical = PracticalWords()
    /// The session as it is now, for the e-mails that carry a calendar invitation (Store+Invitations).
    public var invitation: InvitationFacts? = nil
    /// How many senders were interrupted while handing it over (at most 1 when claimed: Store+Leases).
    public var interrupted = 0
}

/// A row of the outbox as an operator sees it: no name, no address.
public struct OutboxListing: Sendable, Equatable {
    public var id: Int64
    public var key: String
    public var kind: String
    public var channel: String
    public var state: String
    public var due: Date
    public var attempts: Int
    public var reason: String?
    public var reply: String?
    public var occurrence: Int64
    public var sentAt: Date?
}

extension Store {
    // MARK: - Claiming

    /// Claims up to `limit` messages due at `now`, leasing them to `owner` for `lease` seconds and
    /// marking them in flight (a batch is handed over at once: Store+OutboxBatch), unless `inFlight`
    /// is false: then the caller marks them just before they go (`markInFlight(_:owner:)`,
    /// for a batch claimed while another is handed over), and until then a crash gives them back to
    /// the queue as never sent (Store+Leases). Inside the same
    /// transaction, the other due rows read get their verdict (OutboxClaim.swift): settled (opted
    /// out, forgotten, past their deadline, stale), or moved to their channel's next allowed time
    /// (in `calendar`'s local time, ClaimTiming.swift). This holds for every kind and every retry.
    public func claimDue(
        now: Date, limit: Int, owner: String, lease: TimeInterval, policy: ReminderPolicy, calendar: Calendar, inFlight: Bool = true
    ) throws -> [ClaimedMessage] {
        try database.write { database in
            let rows = try dueRows(now: now, limit: limit, in: database)
            let shuttles = try Dictionary(
                rows.compactMap { row in try row.int64("booking").flatMap { try shuttleMessageDetail(booking: $0, in: database) }
                    .map { (row.int64("id")!, $0) } }, uniquingKeysWith: { first, _ in first })
            let optedOut = try optedOutAddresses(of: rows, in: database)
            let due = rows.map { row in Self.dueMessage(row, shuttle: shuttles[row.int64("id")!], optedOut: optedOut) }
            let verdicts = OutboxClaim.decide(due, now: now, limit: limit, policy: policy, calendar: calendar)
            let leased = ClaimLease(owner: owner, until: now.addingTimeInterval(lease))
            var claimed: [ClaimedMessage] = []
            for (row, verdict) in zip(rows, verdicts) {
                if let message = try record(verdict, of: row, shuttle: shuttles[row.int64("id")!], now: now, in: database) {
                    claimed.append(message)
                }
            }
            // The messages sent are leased in one statement (Store+OutboxBatchSQL), in this transaction.
            try leaseClaimed(claimed.map(\.id), owner: leased.owner, until: leased.until, now: now, inFlight: inFlight, in: database)
            return claimed
        }
    }

    /// Who a claim leases its messages to, and until when.
    private struct ClaimLease {
        var owner: String
        var until: Date
    }

    /// The waiting rows due at `now`, oldest first, with what the claim's decision and the message read.
    private func dueRows(now: Date, limit: Int, in database: Database) throws -> [Row] {
        try database.rows(Self.dueRowsSQL, [.date(now), .int(limit)])
    }

    /// The claim's read: ?1 now, ?2 the batch's size. Its state condition is outbox_waiting's, word for
    /// word (Migrations+OutboxQueue.swift): the batch is read in order from that index, `limit` rows.
    static let dueRowsSQL = """
        SELECT o.id, o.key, o.kind, o.channel, o.attempts, o.interrupted, o.not_after, o.first_attempt_at, o.participant,
            o.booking, o.registration,
            p.name, p.phone, p.email, p.language,
            (SELECT granted FROM consent c WHERE c.participant = o.participant AND c.channel = o.channel) AS consent,
            coalesce(oc.summary, e.summary) AS event, coalesce(oc.location, e.location) AS location,
            e.note, e.description, e.contact,
            oc.starts_at, oc.previous_starts_at, oc.status AS occurrence_status, cp.name AS campaign,
            (SELECT status FROM registration r WHERE r.id = o.registration) AS registration_status
        FROM outbox o
        LEFT JOIN participant p ON p.id = o.participant
        LEFT JOIN occurrence oc ON oc.id = o.occurrence LEFT JOIN event e ON e.uid = oc.event LEFT JOIN campaign cp ON cp.id = e.campaign
        WHERE o.state IN (\(sqlList(OutboxState.waiting))) AND o.due_at <= ?1
        ORDER BY o.due_at, o.id LIMIT ?2
        """

    /// Records the core's verdict on one due row: to be leased (the message returned; claimDue leases
    /// the batch's messages together), moved to a later time, or settled.
    private func record(
        _ verdict: ClaimVerdict, of row: Row, shuttle: ShuttleMessageDetail?, now: Date, in database: Database
    ) throws -> ClaimedMessage? {
        let id = row.int64("id")!
        switch verdict {
        case .send:
            // Leased with the batch's other messages once every verdict is recorded (claimDue).
            let message = try claimedMessage(row, shuttle: shuttle, now: now, in: database)
            try recordToldPickup(kind: message.kind, booking: row.int64("booking"), in: database)
            return message
        case .wait(let until, let note):
            // A retry keeps the failure that deferred it, the wait said after it.
            try database.run(
                """
                UPDATE outbox SET due_at = ?1, updated_at = ?3,
                    reason = CASE WHEN state = 'deferred' AND reason IS NOT NULL THEN reason || '; then ' || ?2 ELSE ?2 END
                WHERE id = ?4
                """, [.date(until), .text(note), .date(now), .integer(id)])
        case .settle(let state, let reason):
            try settle(id, state: state, reason: reason, now: now, in: database)
            if state == .failed { try forgetToldPickup(ifFailed: id, in: database) }
        }
        return nil
    }

    /// A due row as the claim's decision reads it.
    private static func dueMessage(_ row: Row, shuttle: ShuttleMessageDetail?, optedOut: Set<String>) -> DueMessage {
        let channel = Channel(rawValue: row.string("channel")!)!
        let recipient = channel == .sms ? row.string("phone") : row.string("email")
        return DueMessage(
            id: row.int64("id")!, channel: channel, kind: MessageKind(rawValue: row.string("kind")!),
            hasRecipient: row.int64("participant") != nil && recipient != nil, consented: row.int("consent") == 1,
            optedOut: recipient.map { optedOut.contains(optOutKey($0, channel)) } ?? false, deadline: row.date("not_after")!,
            attempts: row.int("attempts") ?? 0, interrupted: row.int("interrupted") ?? 0, subject: facts(row, shuttle: shuttle))
    }

    /// The message of a row the claim sends, read in its transaction.
    private func claimedMessage(_ row: Row, shuttle: ShuttleMessageDetail?, now: Date, in database: Database) throws -> ClaimedMessage {
        let channel = Channel(rawValue: row.string("channel")!)!
        let kind = MessageKind(rawValue: row.string("kind")!)!
        return ClaimedMessage(
            id: row.int64("id")!, key: row.string("key")!, kind: kind, channel: channel,
            recipient: (channel == .sms ? row.string("phone") : row.string("email"))!, name: row.string("name")!,
            language: Language(rawValue: row.string("language")!) ?? .french, attempts: (row.int("attempts") ?? 0) + 1,
            event: shuttle?.event ?? row.string("event")!, campaign: shuttle?.organiser ?? row.string("campaign")!,
            location: shuttle?.location ?? row.string("location"),
            start: shuttle?.pickup ?? row.date("starts_at")!, previousStart: row.date("previous_starts_at"),
            firstAttempt: row.date("first_attempt_at") ?? now, deadline: row.date("not_after")!, shuttle: shuttle?.facts,
            position: try waitlistPosition(of: row, kind: kind, in: database), practical: Store.practicalWords(row),
            invitation: try invitationFacts(registration: row.int64("registration"), kind: kind, channel: channel, in: database),
            interrupted: row.int("interrupted") ?? 0)
    }

    /// The opt-outs among the addresses of `rows`, as `optOutKey`s, in one query (by opt_out's key).
    private func optedOutAddresses(of rows: [Row], in database: Database) throws -> Set<String> {
        let addresses = Set(
            rows.compactMap { row -> String? in
                let channel = Channel(rawValue: row.string("channel")!)!
                return (channel == .sms ? row.string("phone") : row.string("email")?.lowercased())
            })
        guard !addresses.isEmpty else { return [] }
        let list = "[" + addresses.map(JSONText.quoted).joined(separator: ",") + "]"
        return Set(
            try database.rows(
                "SELECT channel || ' ' || address AS key FROM opt_out WHERE address IN (SELECT value FROM json_each(?))", [.text(list)]
            ).compactMap { $0.string("key") })
    }

    /// "channel address", the address as opt_out keeps it (e-mail in lower case: isOptedOut).
    private static func optOutKey(_ address: String, _ channel: Channel) -> String {
        "\(channel.rawValue) \(channel == .email ? address.lowercased() : address)"
    }

    /// The place in its waitlist of a claimed message's registration or booking, for the kinds that say it.
    private func waitlistPosition(of row: Row, kind: MessageKind, in database: Database) throws -> Int? {
        guard kind.descriptor.placeholders.contains(.waitlist) else { return nil }
        if let booking = row.int64("booking") { return try waitlistRank(ofBooking: booking, in: database) }
        guard let registration = row.int64("registration") else { return nil }
        return try waitlistRank(ofRegistration: registration, in: database)
    }

    /// The state of a claimed row's subject, which its kind's descriptor reads to tell whether it is stale.
    private static func facts(_ row: Row, shuttle: ShuttleMessageDetail?) -> MessageSubjectFacts {
        MessageSubjectFacts(
            occurrenceCancelled: row.string("occurrence_status") == "cancelled",
            registration: row.string("registration_status").flatMap(RegistrationStatus.init(rawValue:)),
            runCancelled: shuttle?.runCancelled ?? false, booking: shuttle?.status)
    }

    private func settle(_ id: Int64, state: OutboxState, reason: String, now: Date, in database: Database) throws {
        try database.run(
            "UPDATE outbox SET state = ?, reason = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?",
            [.text(state.rawValue), .text(reason), .date(now), .integer(id)])
    }

    /// Whether the address asked to receive nothing more on the channel. E-mail addresses are
    /// compared in lower case: "Jeanne.Martin@" and "jeanne.martin@" are one mailbox in practice.
    func isOptedOut(_ address: String, channel: Channel, in database: Database) throws -> Bool {
        let key = channel == .email ? address.lowercased() : address
        return try database.row("SELECT 1 AS found FROM opt_out WHERE address = ? AND channel = ?", [.text(key), .text(channel.rawValue)])
            != nil
    }

    // MARK: - Outcomes

    // The outcome of each message, recorded inside the caller's transaction (recordOutcomes).

    // A `sent` outcome is recorded with its batch's others in one statement (Store+OutboxBatchSQL).

    /// Records a deferral inside the caller's transaction: a failure when `retryAt` is nil.
    func deferred(_ id: Int64, owner: String, reason: String, retryAt: Date?, now: Date, in database: Database) throws -> Bool {
        guard let retryAt else { return try fail(id, owner: owner, reason: "gave up: \(reason)", now: now, in: database) }
        return try database.run(
            """
            UPDATE outbox SET state = 'deferred', due_at = ?1, reason = ?2, in_flight = 0, lease_owner = NULL,
                lease_until = NULL, updated_at = ?3
            WHERE id = ?4 AND state = 'sending' AND lease_owner = ?5
            """, [.date(retryAt), .text(reason), .date(now), .integer(id), .text(owner)]) == 1
    }

    /// A permanent failure, with the server's reply. An SMS refused for good goes by e-mail when
    /// the person consented to e-mail.
    func fail(_ id: Int64, owner: String, reason: String, now: Date, in database: Database) throws -> Bool {
        let changed = try database.run(
            """
            UPDATE outbox SET state = 'failed', reason = ?1, in_flight = 0, lease_owner = NULL, lease_until = NULL, updated_at = ?2
            WHERE id = ?3 AND state = 'sending' AND lease_owner = ?4
            """, [.text(reason), .date(now), .integer(id), .text(owner)])
        guard changed == 1 else { return false }
        try database.run(
            """
            INSERT OR IGNORE INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
                state, due_at, nominal_at, not_after, created_at, updated_at, booking)
            SELECT o.key || ':email', o.kind, 'email', o.registration, o.participant, o.occurrence, o.occurrence_version, o.alarm,
                'queued', ?1, o.nominal_at, o.not_after, ?1, ?1, o.booking
            FROM outbox o JOIN consent c ON c.participant = o.participant AND c.channel = 'email' AND c.granted = 1
            WHERE o.id = ?2 AND o.channel = 'sms' AND o.not_after > ?1
                -- A message planned on both channels already has its e-mail: no second copy. Its twin
                -- is the same key with the other channel (MessageKindDescriptor.key): matched by key, as
                -- a later version of the same kind (a second pickup change) is another message.
                AND NOT EXISTS (
                    SELECT 1 FROM outbox e WHERE e.key = replace(o.key, ':\(Channel.sms.rawValue)', ':\(Channel.email.rawValue)'))
            """, [.date(now), .integer(id)])
        return true
    }

    // MARK: - Operator actions

    /// Puts a failed, cancelled, dropped or deferred message back in the queue, due now.
    public func retry(_ id: Int64, now: Date) throws {
        try database.write { database in
            let state = try outboxState(id, in: database)
            guard OutboxState.retriable.contains(state) else { throw Refusal.outbox(.notRetriable(message: id, state: state)) }
            try database.run(
                "UPDATE outbox SET state = 'queued', due_at = ?1, reason = 'retried by an operator', updated_at = ?1 WHERE id = ?2",
                [.date(now), .integer(id)])
        }
    }

    /// Cancels a message that has not left.
    public func cancel(_ id: Int64, now: Date) throws {
        try database.write { database in
            let state = try outboxState(id, in: database)
            guard OutboxState.cancellable.contains(state) else { throw Refusal.outbox(.notCancellable(message: id, state: state)) }
            try database.run(
                "UPDATE outbox SET state = 'cancelled', reason = 'cancelled by an operator', updated_at = ?1 WHERE id = ?2",
                [.date(now), .integer(id)])
        }
    }

    /// The state of message `id`, read in the caller's transaction; refused when there is no such message.
    private func outboxState(_ id: Int64, in database: Database) throws -> OutboxState {
        guard let text = try database.row("SELECT state FROM outbox WHERE id = ?", [.integer(id)])?.string("state") else {
            throw Refusal.notFound(.message, id: String(id))
        }
        guard let state = OutboxState(rawValue: text) else { preconditionFailure("outbox.state CHECK admits \(text)") }
        return state
    }

    /// The outbox, by due time; optionally one state, or only what is due at `dueBy`.
    public func outbox(state: OutboxState? = nil, dueBy: Date? = nil, limit: Int = 1_000) throws -> [OutboxListing] {
        try database.rows(
            """
            SELECT id, key, kind, channel, state, due_at, attempts, reason, reply, occurrence, sent_at FROM outbox
            WHERE (?1 IS NULL OR state = ?1) AND (?2 IS NULL OR (due_at <= ?2 AND state IN (\(Self.sqlList(OutboxState.waiting)))))
            ORDER BY due_at, id LIMIT ?3
            """, [.string(state?.rawValue), .date(dueBy), .int(limit)]
        ).map { row in
            OutboxListing(
                id: row.int64("id")!, key: row.string("key")!, kind: row.string("kind")!, channel: row.string("channel")!,
                state: row.string("state")!, due: row.date("due_at")!, attempts: row.int("attempts") ?? 0,
                // 0: a shuttle message about a run added by command, which has no occurrence.
                reason: row.string("reason"), reply: row.string("reply"), occurrence: row.int64("occurrence") ?? 0,
                sentAt: row.date("sent_at"))
        }
    }

    /// Message counts by state; a state no message is in is absent.
    public func outboxCounts() throws -> [OutboxState: Int] {
        Dictionary(
            uniqueKeysWithValues: try database.rows("SELECT state, count(*) AS n FROM outbox GROUP BY state").compactMap { row in
                row.string("state").flatMap(OutboxState.init(rawValue:)).map { ($0, row.int("n") ?? 0) }
            })
    }

    /// When the next message is due (queued or deferred), or a lease runs out, if any.
    public func nextDue() throws -> Date? {
        try database.row(Self.nextDueSQL)?.date("due")
    }

    /// The earliest due time and lease end: one seek in outbox_waiting, the leased rows of outbox_sending.
    static let nextDueSQL = """
        SELECT min(at) AS due FROM (
            SELECT min(due_at) AS at FROM outbox WHERE state IN (\(sqlList(OutboxState.waiting)))
            UNION ALL SELECT min(lease_until) FROM outbox WHERE state = 'sending')
        """
}
