// Store+SMSCancelShuttle: which booking or registration an SMS "ANNULER" is about, when the number
// may hold shuttle bookings too (SMSCancelReply). A reply answers the last message: the rule,
// decided in one transaction with the request it records:
//
//   1. the latest SMS sent to the number was about a shuttle booking of a person with that number,
//      still open (confirmed or waitlisted, run scheduled, not left) ........... that booking
//   2. else the number's next registration, as before (Store+SMSCancel) ......... that registration
//   3. else its open shuttle bookings: exactly one .............................. that booking
//                                      several ................................. ambiguous: the reply
//                                                                                 says what to do
//   4. none of these ............................................................ nothing to cancel
//
// Only a booking of a person whose phone is the sender's is ever chosen: never someone else's seat.
// A request replaces any other the number had (registration or booking); "OUI" within
// SMSCancelReply.confirmationMinutes takes it back once and cancels the booking in the same
// transaction, as the desk does (the waitlist moves, an on-demand route is planned again).

import Foundation
import RelaisCore

/// The shuttle booking an SMS "ANNULER" would cancel, for the confirming question.
public struct SMSCancelShuttleQuestion: Sendable, Equatable {
    public var booking: Int64
    /// The first name of the booked person: a phone may be a couple's.
    public var firstName: String
    public var destination: String
    /// The pickup (outbound) or the return's departure (return only), as planned now.
    public var pickup: Date
    public var language: Language
}

/// What "OUI" to a booking question did.
public enum SMSCancelShuttleOutcome: Sendable, Equatable {
    case cancelled(SMSCancelShuttleQuestion, ShuttleCancellation)
    /// The booking could no longer be cancelled (the request is taken all the same).
    case refused(SMSCancelShuttleQuestion, Refusal)
}

/// What an SMS "ANNULER" is about.
public enum SMSCancelSubject: Sendable, Equatable {
    case registration(SMSCancelQuestion)
    case booking(SMSCancelShuttleQuestion)
    /// Several open shuttle bookings and no message saying which (none recorded).
    case ambiguous(count: Int, language: Language)
    /// Nothing to cancel (no request recorded).
    case nothing
}

extension Store {
    /// Decides what `phone`'s "ANNULER" is about and records the request, replacing any other.
    public func askSMSCancelling(phone: String, now: Date) throws -> SMSCancelSubject {
        try database.write { database in
            try database.run("DELETE FROM sms_cancel_booking_request WHERE phone = ?", [.text(phone)])
            if let booking = try lastMessageBooking(phone: phone, now: now, in: database) {
                return try askBooking(booking, phone: phone, now: now, in: database)
            }
            if let registration = try askRegistrationCancel(phone: phone, now: now, in: database) {
                return .registration(registration)
            }
            let open = try openBookings(phone: phone, now: now, in: database)
            switch open.count {
            case 0: return .nothing
            case 1: return try askBooking(open[0].id, phone: phone, now: now, in: database)
            default: return .ambiguous(count: open.count, language: open[0].language)
            }
        }
    }

    /// Takes back the booking request `phone` made less than `SMSCancelReply.confirmationMinutes`
    /// ago and cancels that booking as the desk does (cancelShuttleBooking), in ONE transaction: nil
    /// when there is none (never asked, asked about a registration, or too late). A refusal (the
    /// ride left, the booking no longer open) takes the request and is returned to be worded; any
    /// other failure (busy, I/O) rolls everything back, the request included, so "OUI" may come again.
    public func confirmSMSCancelBooking(phone: String, context: ShuttleContext) throws -> SMSCancelShuttleOutcome? {
        try database.write { database in
            let oldest = SMSCancelReply.oldestConfirmable(now: context.now)
            let row = try database.row(
                "SELECT booking, asked_at FROM sms_cancel_booking_request WHERE phone = ?", [.text(phone)])
            guard let row else { return nil }
            try database.run("DELETE FROM sms_cancel_booking_request WHERE phone = ?", [.text(phone)])
            try database.run("DELETE FROM sms_cancel_request WHERE phone = ?", [.text(phone)])
            guard let asked = row.date("asked_at"), asked >= oldest else { return nil }
            let question = try bookingQuestion(row.int64("booking")!, in: database)
            do {
                let done = try cancelShuttleBooking(
                    question.booking, scope: .coordinator, reason: "cancelled by SMS", context: context, in: database)
                return .cancelled(question, done)
            } catch let refusal as Refusal {
                return .refused(question, refusal)
            }
        }
    }

    // MARK: - Choosing

    /// A booking `b` with its run `r`, its stop `s` and its planned on-demand pickup `k`, if any.
    static let bookingWithPickup = """
        shuttle_booking b JOIN shuttle_run r ON r.id = b.run JOIN shuttle_stop s ON s.run = b.run AND s.position = b.stop
        LEFT JOIN shuttle_pickup k ON k.booking = b.id
        """
    /// The time of a booking over `bookingWithPickup`: the pickup as planned now (outbound), or the
    /// return's departure (return only).
    static let bookingPickup = "CASE WHEN b.outbound = 1 THEN coalesce(k.pickup_at, s.pickup_at) ELSE r.returns_at END"

    /// The booking the latest SMS sent to `phone` was about, when it is still open and the booked
    /// person has that phone.
    private func lastMessageBooking(phone: String, now: Date, in database: Database) throws -> Int64? {
        guard
            let last = try database.row(
                """
                SELECT o.booking FROM outbox o JOIN participant p ON p.id = o.participant
                WHERE p.phone = ?1 AND o.channel = 'sms' AND o.state = 'sent' ORDER BY o.sent_at DESC, o.id DESC LIMIT 1
                """, [.text(phone)]),
            let booking = last.int64("booking")
        else { return nil }
        return try openBookings(phone: phone, now: now, in: database).contains { $0.id == booking } ? booking : nil
    }

    /// The bookings of the people with `phone` that may still be cancelled, earliest first.
    private func openBookings(phone: String, now: Date, in database: Database) throws -> [(id: Int64, language: Language)] {
        try database.rows(
            """
            SELECT b.id, p.language, \(Self.bookingPickup) AS at
            FROM \(Self.bookingWithPickup) JOIN participant p ON p.id = b.participant
            WHERE p.phone = ?1 AND b.status IN ('confirmed', 'waitlisted') AND r.status = 'scheduled' AND at > ?2
            ORDER BY at, b.id
            """, [.text(phone), .date(now)]
        ).map { ($0.int64("id")!, Language(rawValue: $0.string("language") ?? "fr") ?? .french) }
    }

    /// Records the request about `booking` and returns its question.
    private func askBooking(_ booking: Int64, phone: String, now: Date, in database: Database) throws -> SMSCancelSubject {
        try database.run("DELETE FROM sms_cancel_request WHERE phone = ?", [.text(phone)])
        try database.run(
            "INSERT INTO sms_cancel_booking_request (phone, booking, asked_at) VALUES (?, ?, ?)",
            [.text(phone), .integer(booking), .date(now)])
        return .booking(try bookingQuestion(booking, in: database))
    }

    private func bookingQuestion(_ booking: Int64, in database: Database) throws -> SMSCancelShuttleQuestion {
        let row = try database.row(
            """
            SELECT p.name, p.language, r.destination, \(Self.bookingPickup) AS at
            FROM \(Self.bookingWithPickup) LEFT JOIN participant p ON p.id = b.participant
            WHERE b.id = ?
            """, [.integer(booking)])
        return SMSCancelShuttleQuestion(
            booking: booking, firstName: Self.firstName(row?.string("name") ?? ""), destination: row?.string("destination") ?? "",
            pickup: row?.date("at") ?? Date(timeIntervalSince1970: 0),
            language: Language(rawValue: row?.string("language") ?? "fr") ?? .french)
    }
}
