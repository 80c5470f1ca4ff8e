// Store+SMSCancel: a registration cancelled by SMS, in two steps (SMSCancelReply): "ANNULER" from a
// number finds the next registration (confirmed or waitlisted, session not started nor cancelled)
// of a person with that number and records the request; "OUI" within the time limit takes the
// request back and cancels the registration as the desk does (cancelRegistration), in ONE
// transaction (as Store+SMSCancelShuttle does for a booking): a failure anywhere (busy, I/O) rolls
// back the cancellation and the request alike, so "OUI" may come again; a refusal (the session
// started) takes the request and is returned to be worded. The request is deleted when it is taken,
// so one "OUI" cancels once.

import Foundation
import RelaisCore

/// The registration an SMS "ANNULER" would cancel, for the confirming question.
public struct SMSCancelQuestion: Sendable, Equatable {
    public var registration: Int64
    /// The first name of the registered person: a phone may be a couple's.
    public var firstName: String
    public var event: String
    public var start: Date
    public var language: Language
}

/// What "OUI" to a registration question did.
public enum SMSCancelRegistrationOutcome: Sendable, Equatable {
    case cancelled(SMSCancelQuestion, RegistrationCancellation)
    /// The registration could no longer be cancelled (the request is taken all the same).
    case refused(SMSCancelQuestion, Refusal)
}

extension Store {
    /// Records that `phone` asked to cancel its next registration; nil when it has none to cancel.
    public func askSMSCancel(phone: String, now: Date) throws -> SMSCancelQuestion? {
        try database.write { database in try askRegistrationCancel(phone: phone, now: now, in: database) }
    }

    /// `askSMSCancel` inside a transaction (Store+SMSCancelShuttle asks this after a shuttle booking).
    func askRegistrationCancel(phone: String, now: Date, in database: Database) throws -> SMSCancelQuestion? {
        guard
            let row = try database.row(
                """
                SELECT r.id, coalesce(o.summary, e.summary) AS title, o.starts_at, p.language, p.name
                FROM registration r JOIN participant p ON p.id = r.participant JOIN occurrence o ON o.id = r.occurrence
                JOIN event e ON e.uid = o.event
                WHERE p.phone = ?1 AND r.status IN ('confirmed', 'waitlisted') AND r.attended_at IS NULL AND o.starts_at > ?2
                    AND o.status <> 'cancelled'
                ORDER BY o.starts_at, r.id LIMIT 1
                """, [.text(phone), .date(now)])
        else {
            try database.run("DELETE FROM sms_cancel_request WHERE phone = ?", [.text(phone)])
            return nil
        }
        let registration = row.int64("id")!
        try database.run(
            "INSERT OR REPLACE INTO sms_cancel_request (phone, registration, asked_at) VALUES (?, ?, ?)",
            [.text(phone), .integer(registration), .date(now)])
        return SMSCancelQuestion(
            registration: registration, firstName: Self.firstName(row.string("name") ?? ""), event: row.string("title") ?? "",
            start: row.date("starts_at")!,
            language: Language(rawValue: row.string("language") ?? "fr") ?? .french)
    }

    /// Takes back the request `phone` made less than `SMSCancelReply.confirmationMinutes` ago and
    /// cancels its registration as the desk does, in one transaction: nil when there is none (never
    /// asked, or too late). `context` names the actor the cancellation is audited with.
    public func confirmSMSCancelRegistration(phone: String, context: RegistrationContext) throws -> SMSCancelRegistrationOutcome? {
        try database.write { database in
            guard let question = try takeRegistrationRequest(phone: phone, now: context.now, in: database) else { return nil }
            do {
                let done = try cancelRegistration(question.registration, reason: "cancelled by SMS", context: context, in: database)
                return .cancelled(question, done)
            } catch let refusal as Refusal {
                return .refused(question, refusal)
            }
        }
    }

    /// Deletes `phone`'s registration request and returns its question when it was made in time.
    private func takeRegistrationRequest(phone: String, now: Date, in database: Database) throws -> SMSCancelQuestion? {
        let oldest = SMSCancelReply.oldestConfirmable(now: now)
        let row = try database.row(
            """
            SELECT q.registration, q.asked_at, coalesce(o.summary, e.summary) AS title, o.starts_at, p.language, p.name
            FROM sms_cancel_request q JOIN registration r ON r.id = q.registration JOIN occurrence o ON o.id = r.occurrence
            JOIN event e ON e.uid = o.event LEFT JOIN participant p ON p.id = r.participant
            WHERE q.phone = ?
            """, [.text(phone)])
        try database.run("DELETE FROM sms_cancel_request WHERE phone = ?", [.text(phone)])
        guard let row, let asked = row.date("asked_at"), asked >= oldest else { return nil }
        return SMSCancelQuestion(
            registration: row.int64("registration")!, firstName: Self.firstName(row.string("name") ?? ""),
            event: row.string("title") ?? "", start: row.date("starts_at")!,
            language: Language(rawValue: row.string("language") ?? "fr") ?? .french)
    }
}
