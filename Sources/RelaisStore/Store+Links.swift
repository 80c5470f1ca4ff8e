// Store+Links: the tokens behind the links in messages (LinkPurpose.swift, schema step 20), kept as
// SHA-256 digests: recorded when a message is written for sending, and looked up when someone opens
// `/u/<token>` or `/r/<token>` on `relais serve`. What a link does (withdraw consent, cancel a
// registration or a booking) goes through the same store functions as STOP and the desk's cancel.

import Foundation
import RelaisCore

/// Which links a message may carry, as recorded for it.
public struct RecordedLinks: Sendable, Equatable {
    /// The unsubscribe token's digest was recorded (an e-mail to a known person).
    public var unsubscribe = false
    /// The registration token's digest was recorded (a registration or booking still held).
    public var registration = false

    public init(unsubscribe: Bool = false, registration: Bool = false) {
        self.unsubscribe = unsubscribe
        self.registration = registration
    }
}

/// The digests of the tokens one message of a batch carries, to record before it is written.
public struct LinkTokenRequest: Sendable, Equatable {
    public var outbox: Int64
    public var unsubscribe: String?
    public var registration: String?

    public init(outbox: Int64, unsubscribe: String?, registration: String?) {
        self.outbox = outbox
        self.unsubscribe = unsubscribe
        self.registration = registration
    }
}

/// What a link's page may show and act on: the first name and the event, never more.
public struct LinkHolder: Sendable, Equatable {
    public var participant: Int64
    /// The first word of the person's name.
    public var firstName: String
    public var language: Language
    /// Whether the person has an e-mail address, a phone number (the buttons offered).
    public var hasEmail: Bool
    public var hasPhone: Bool
    /// The registration or booking a registration link names.
    public var registration: Int64?
    public var booking: Int64?
    /// The event's title, start and place (a booking: the run's destination, the pickup and the stop).
    public var event: String?
    public var start: Date?
    public var place: String?
    /// The registration or booking is cancelled already.
    public var cancelled = false
}

extension Store {
    /// Records, in one transaction, the digests of the tokens the messages of a batch about to be
    /// sent carry: `unsubscribe` for an e-mail to a person, `registration` when the message's
    /// registration or booking is still held (it expires when the event ends). Returns which ones
    /// were recorded, by outbox id: a link whose digest is not recorded must not be written.
    public func recordLinkTokens(_ requests: [LinkTokenRequest], now: Date) throws -> [Int64: RecordedLinks] {
        guard !requests.isEmpty else { return [:] }
        return try database.write { database in
            var recorded: [Int64: RecordedLinks] = [:]
            for request in requests {
                recorded[request.outbox] = try recordLinkTokens(
                    outbox: request.outbox, unsubscribe: request.unsubscribe, registration: request.registration, now: now,
                    in: database)
            }
            return recorded
        }
    }

    private func recordLinkTokens(
        outbox id: Int64, unsubscribe: String?, registration: String?, now: Date, in database: Database
    ) throws -> RecordedLinks {
        guard
            let row = try database.row(
                """
                SELECT o.participant, o.registration, o.booking,
                    CASE WHEN o.registration IS NOT NULL AND r.status IN ('confirmed', 'waitlisted') THEN oc.ends_at END AS session_end,
                    CASE WHEN o.booking IS NOT NULL AND b.status IN ('confirmed', 'waitlisted') THEN sr.returns_at END AS run_end
                FROM outbox o LEFT JOIN registration r ON r.id = o.registration LEFT JOIN occurrence oc ON oc.id = r.occurrence
                LEFT JOIN shuttle_booking b ON b.id = o.booking LEFT JOIN shuttle_run sr ON sr.id = b.run
                WHERE o.id = ?
                """, [.integer(id)]),
            let participant = row.int64("participant")
        else { return RecordedLinks() }
        var recorded = RecordedLinks()
        if let unsubscribe {
            try database.run(
                "INSERT INTO link_token (digest, purpose, participant, created_at) VALUES (?, 'unsubscribe', ?, ?)",
                [.text(unsubscribe), .integer(participant), .date(now)])
            recorded.unsubscribe = true
        }
        if let registration, let end = row.date("session_end") ?? row.date("run_end"), end > now {
            try database.run(
                """
                INSERT INTO link_token (digest, purpose, participant, registration, booking, created_at, expires_at)
                VALUES (?, 'registration', ?, ?, ?, ?, ?)
                """,
                [
                    .text(registration), .integer(participant),
                    row.int64("session_end") != nil ? .integer(row.int64("registration")!) : .null,
                    row.int64("run_end") != nil ? .integer(row.int64("booking")!) : .null, .date(now), .date(end),
                ])
            recorded.registration = true
        }
        return recorded
    }

    /// The holder of the token whose digest is `digest`, for `purpose`; nil when there is none, it
    /// serves another purpose, or it has expired.
    public func linkHolder(digest: String, purpose: LinkPurpose, now: Date) throws -> LinkHolder? {
        try database.read { database in
            guard
                let row = try database.row(
                    """
                    SELECT t.participant, t.registration, t.booking, p.name, p.language, p.email, p.phone
                    FROM link_token t JOIN participant p ON p.id = t.participant
                    WHERE t.digest = ? AND t.purpose = ? AND (t.expires_at IS NULL OR t.expires_at > ?)
                    """, [.text(digest), .text(purpose.rawValue), .date(now)])
            else { return nil }
            var holder = LinkHolder(
                participant: row.int64("participant")!, firstName: Self.firstName(row.string("name") ?? ""),
                language: Language(rawValue: row.string("language") ?? "fr") ?? .french, hasEmail: row.string("email") != nil,
                hasPhone: row.string("phone") != nil, registration: row.int64("registration"), booking: row.int64("booking"))
            if let registration = holder.registration {
                let session = try database.row(
                    """
                    SELECT coalesce(o.summary, e.summary) AS title, o.starts_at, coalesce(o.location, e.location) AS place, r.status
                    FROM registration r JOIN occurrence o ON o.id = r.occurrence JOIN event e ON e.uid = o.event WHERE r.id = ?
                    """, [.integer(registration)])
                holder.event = session?.string("title")
                holder.start = session?.date("starts_at")
                holder.place = session?.string("place")
                holder.cancelled = session?.string("status") == RegistrationStatus.cancelled.rawValue
            } else if let booking = holder.booking {
                let trip = try database.row(
                    """
                    SELECT r.destination, CASE WHEN b.outbound = 1 THEN s.pickup_at ELSE r.returns_at END AS pickup, s.place, b.status
                    FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
                    WHERE b.id = ?
                    """, [.integer(booking)])
                holder.event = trip?.string("destination")
                holder.start = trip?.date("pickup")
                holder.place = trip?.string("place")
                holder.cancelled = trip?.string("status") == ShuttleBookingStatus.cancelled.rawValue
            }
            return holder
        }
    }

    /// Withdraws the e-mail consent of the holder of an unsubscribe token (and their SMS consent
    /// with `alsoSMS`), source "lien de désabonnement", the way STOP withdraws SMS consent: every
    /// participant with that address, their queued messages on the channel cancelled. Nil for an
    /// unknown token.
    public func unsubscribe(digest: String, alsoSMS: Bool, now: Date) throws -> [Channel: OptOutSummary]? {
        guard
            let row = try database.row(
                """
                SELECT p.email, p.phone FROM link_token t JOIN participant p ON p.id = t.participant
                WHERE t.digest = ? AND t.purpose = 'unsubscribe'
                """, [.text(digest)])
        else { return nil }
        var summaries: [Channel: OptOutSummary] = [:]
        if let email = row.string("email") {
            summaries[.email] = try optOut(address: email, channel: .email, source: Self.unsubscribeSource, now: now)
        }
        if alsoSMS, let phone = row.string("phone") {
            summaries[.sms] = try optOut(address: phone, channel: .sms, source: Self.unsubscribeSource, now: now)
        }
        return summaries
    }

    /// The consent source an unsubscribe link records.
    public static let unsubscribeSource = "lien de désabonnement"

    /// Deletes the registration tokens whose event has ended and the SMS cancel requests too old
    /// to be confirmed (housekeeping).
    func deleteExpiredLinks(now: Date, in database: Database) throws {
        try database.run("DELETE FROM link_token WHERE expires_at IS NOT NULL AND expires_at <= ?", [.date(now)])
        let oldest = SMSCancelReply.oldestConfirmable(now: now)
        try database.run("DELETE FROM sms_cancel_request WHERE asked_at < ?", [.date(oldest)])
        try database.run("DELETE FROM sms_cancel_booking_request WHERE asked_at < ?", [.date(oldest)])
    }

    static func firstName(_ name: String) -> String {
        String(name.split(separator: " ", omittingEmptySubsequences: true).first ?? "")
    }
}
