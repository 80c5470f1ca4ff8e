// GatewayCallbacks+CancelShuttle: "ANNULER" when the number may hold shuttle bookings too. The
// store decides what the reply is about (Store+SMSCancelShuttle: the booking the last SMS was
// about, else the next registration, else the one open booking) and the answers are:
//
//   a booking       → "Repondez OUI dans les 30 min pour annuler la place de navette de <first
//                      name> : <destination>, <date and time>."                  (request recorded)
//   OUI             → request taken and booking cancelled in one transaction, as the desk cancels it
//                      (the seat goes to the waitlist, an on-demand route is planned again)
//                      → "Place de navette annulee : ..."; a refusal → "ne peut plus etre annulee"
//   several, none   → what to do: reply just after the message about the ride to cancel, or call
//     said which      the CCAS; nothing is recorded
//
// Replies in the GSM alphabet, in the person's language; logs name ids and counts only.

import Foundation
import RelaisCore
import RelaisStore

extension GatewayCallbacks {
    /// The answer to "ANNULER" from `phone`: a question about a booking or a registration, or what to do.
    func askCancelling(phone: String, now: Date, context: RegistrationContext) throws -> Response {
        switch try pool.withStore({ try $0.askSMSCancelling(phone: phone, now: now) }) {
        case .registration(let question):
            log("SMS cancel asked", ["registration": String(question.registration)])
            return Response(status: 200, text: Self.words(question, context: context, done: false))
        case .booking(let question):
            log("SMS cancel of a shuttle booking asked", ["booking": String(question.booking)])
            return Response(status: 200, text: Self.words(question, calendar: context.calendar, done: nil))
        case .ambiguous(let count, let language):
            log("SMS cancel asked with several shuttle bookings", ["bookings": String(count)])
            return Response(status: 200, text: SMSAlphabet.gsm.written(Self.several(count, language)))
        case .nothing:
            log("SMS cancel asked with no registration to cancel", [:])
            return Response(status: 200, text: SMSAlphabet.gsm.written(Self.nothingToCancel))
        }
    }

    /// The answer to "OUI" once the store took the request and cancelled the booking (or refused
    /// to, in which case the request is taken too). A failure that is not a refusal (busy, I/O) is
    /// thrown by the store with everything rolled back, the request included: the callback fails
    /// and "OUI" may come again.
    func answer(_ outcome: SMSCancelShuttleOutcome, calendar: Calendar) -> Response {
        switch outcome {
        case .cancelled(let question, let done):
            log(
                "shuttle booking cancelled by SMS",
                ["booking": String(question.booking), "late": String(done.late), "promoted": String(done.promoted)])
            return Response(status: 200, text: Self.words(question, calendar: calendar, done: done))
        case .refused(let question, let refusal):
            log("SMS cancel of a shuttle booking refused", ["booking": String(question.booking), "refusal": refusal.code])
            let late =
                question.language == .english
                ? "This shuttle seat can no longer be cancelled by SMS; please call your CCAS."
                : "Cette place de navette ne peut plus être annulée par SMS ; appelez votre CCAS."
            return Response(status: 200, text: SMSAlphabet.gsm.written(late))
        }
    }

    /// What to do when the number holds several bookings and no message said which.
    static func several(_ count: Int, _ language: Language) -> String {
        language == .english
            ? "This number holds \(count) shuttle seats. To cancel one, reply CANCEL just after the message about that ride, "
                + "or call your CCAS."
            : "Ce numéro a \(count) places de navette. Pour en annuler une, répondez ANNULER juste après le message "
                + "de ce trajet, ou appelez votre CCAS."
    }

    /// The question (`done` nil) or the confirmation about a booking, in the person's language, in
    /// GSM; the confirmation says the seat goes to someone else only when a waitlisted person got it.
    static func words(_ question: SMSCancelShuttleQuestion, calendar: Calendar, done: ShuttleCancellation?) -> String {
        let date = LocalDateWording.dateAndTime(question.pickup, language: question.language, calendar: calendar)
        let minutes = SMSCancelReply.confirmationMinutes
        let promoted = (done?.promoted ?? 0) > 0
        let text =
            switch (question.language, done) {
            case (.english, nil):
                "Reply YES within \(minutes) min to cancel \(question.firstName)'s shuttle seat: \(question.destination), \(date)."
            case (.english, _):
                "Shuttle seat cancelled: \(question.destination), \(date)." + (promoted ? " It goes to someone else." : "")
            case (.french, nil):
                "Répondez OUI dans les \(minutes) min pour annuler la place de navette de \(question.firstName) : "
                    + "\(question.destination), \(date)."
            case (.french, _):
                "Place de navette annulée : \(question.destination), \(date)."
                    + (promoted ? " Elle est proposée à une autre personne." : "")
            }
        return SMSAlphabet.gsm.written(text)
    }
}
