// GatewayCallbacks+Cancel: "ANNULER" (or "CANCEL") texted back through Kannel cancels the sender's
// next registration, after a confirming question (SMSCancelReply, Store+SMSCancel):
//
//   ANNULER  → "Repondez OUI dans les 30 min pour annuler : <event>, <date>."   (request recorded)
//   OUI      → the registration is cancelled as the desk cancels it (the place goes to the
//              waitlist, reminders cancelled) → "Inscription annulee : <event>, <date>."
//
// Replies go back as the callback's body, as STOP's confirmation does (Kannel sends a get-url's
// body to the sender; an empty body sends nothing with `omit-empty = true`): a "OUI" with no
// request pending gets no reply, since it was probably meant for a person. Replies are written in
// the GSM alphabet, in the person's language. Logs name counts, never the number or the event.
// With `shuttle` set, the reply may be about a shuttle booking instead (GatewayCallbacks+CancelShuttle).

import Foundation
import RelaisCore
import RelaisStore

/// What the gateway needs to cancel registrations by SMS: the rules the desk cancels with.
public struct SMSCancelling: Sendable {
    /// The registration context (outreach rules, calendar) at a time, with actor "sms".
    public var context: @Sendable (_ now: Date) -> RegistrationContext
    /// The shuttle context (actor "sms") bookings are cancelled with; nil: registrations only.
    public var shuttle: (@Sendable (_ now: Date) -> ShuttleContext)?

    public init(
        context: @escaping @Sendable (_ now: Date) -> RegistrationContext, shuttle: (@Sendable (_ now: Date) -> ShuttleContext)? = nil
    ) {
        self.context = context
        self.shuttle = shuttle
    }
}

extension GatewayCallbacks {
    /// The answer to an inbound "ANNULER" or "OUI" from `from`.
    func cancelBySMS(_ reply: SMSCancelReply, from: String, cancelling: SMSCancelling) throws -> Response {
        guard let phone = try? PhoneNumber(parsing: from, plan: settings.phonePlan) else { return .plain(400) }
        let now = clock()
        let context = cancelling.context(now)
        switch reply {
        case .cancel:
            if cancelling.shuttle != nil { return try askCancelling(phone: phone.e164, now: now, context: context) }
            guard let question = try pool.withStore({ try $0.askSMSCancel(phone: phone.e164, now: now) }) else {
                log("SMS cancel asked with no registration to cancel", [:])
                return Response(status: 200, text: SMSAlphabet.gsm.written(Self.nothingToCancel))
            }
            log("SMS cancel asked", ["registration": String(question.registration)])
            return Response(status: 200, text: Self.words(question, context: context, done: false))
        case .confirm:
            if let shuttle = cancelling.shuttle,
                let outcome = try pool.withStore({ try $0.confirmSMSCancelBooking(phone: phone.e164, context: shuttle(now)) })
            {
                return answer(outcome, calendar: context.calendar)
            }
            var actor = context
            actor.actor = "sms"
            switch try pool.withStore({ try $0.confirmSMSCancelRegistration(phone: phone.e164, context: actor) }) {
            case nil:
                log("SMS confirmation with no cancel pending", [:])
                return Response(status: 200)
            case .cancelled(let question, let done):
                log(
                    "registration cancelled by SMS",
                    ["registration": String(question.registration), "promoted": String(done.promoted.count)])
                return Response(status: 200, text: Self.words(question, context: context, done: true))
            case .refused(let question, _):
                log("SMS cancel refused", ["registration": String(question.registration)])
                let late =
                    question.language == .english
                    ? "This registration can no longer be cancelled by SMS; please call your CCAS."
                    : "Cette inscription ne peut plus être annulée par SMS ; appelez votre CCAS."
                return Response(status: 200, text: SMSAlphabet.gsm.written(late))
            }
        }
    }

    static let nothingToCancel =
        "Aucune inscription à venir à annuler pour ce numéro. / No upcoming registration to cancel for this number."

    /// The question (`done` false) or the confirmation, in the person's language, in GSM.
    static func words(_ question: SMSCancelQuestion, context: RegistrationContext, done: Bool) -> String {
        let date = LocalDateWording.dateAndTime(question.start, language: question.language, calendar: context.calendar)
        let minutes = SMSCancelReply.confirmationMinutes
        let text =
            switch (question.language, done) {
            case (.english, false): "Reply YES within \(minutes) min to cancel \(question.firstName)'s registration: \(question.event), \(date)."
            case (.english, true): "Registration cancelled: \(question.event), \(date). Your place goes to someone else."
            case (.french, false):
                "Répondez OUI dans les \(minutes) min pour annuler l'inscription de \(question.firstName) : \(question.event), \(date)."
            case (.french, true): "Inscription annulée : \(question.event), \(date). Votre place est proposée à une autre personne."
            }
        return SMSAlphabet.gsm.written(text)
    }
}
