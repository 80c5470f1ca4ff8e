// DeskWording+Problems: what the agent must correct, in the page's language. Refusals of the
// booking rules come as ShuttleRefusal values and are worded here in full; a form field the desk
// reads itself (a quotient, a time) is explained by field in French (the desk's sentence, in
// English, is kept for the English pages and the API).

import Foundation
import RelaisCore

extension DeskWording {
    /// A booking or cancellation refusal in this language.
    public func refusal(_ refusal: ShuttleRefusal, _ localTime: LocalTime) -> String {
        let english = language == .english
        switch refusal {
        case .runLeft: return english ? "The run has already left." : "La navette est déjà partie."
        case .runCancelled: return english ? "This run is cancelled." : "Cette navette est annulée."
        case .bookingClosed(let deadline):
            let when = dateAndTime(deadline, localTime)
            return english ? "Booking for this run closed on \(when)." : "Les réservations pour cette navette ont fermé le \(when)."
        case .bookingNotYetOpen(let opens):
            let when = dateAndTime(opens, localTime)
            return english ? "Booking for this run opens on \(when)." : "Les réservations pour cette navette ouvriront le \(when)."
        case .appointmentTooEarly(let earliest):
            let when = time(earliest, localTime)
            return english
                ? "The EPS appointment must be at \(when) or later, to leave time to walk in from the shuttle."
                : "Le rendez-vous EPS doit être à \(when) ou plus tard, le temps d'arriver depuis la navette."
        case .appointmentNotBeforeReturn(let returnDeparture):
            let when = time(returnDeparture, localTime)
            return english
                ? "The EPS appointment must be before the return departure at \(when)."
                : "Le rendez-vous EPS doit être avant le départ du retour à \(when)."
        case .noWheelchairPlace:
            return english ? "This vehicle has no wheelchair place." : "Ce véhicule n'a pas de place pour fauteuil roulant."
        case .tooManySeats(let needed, let allowed):
            return english
                ? "This booking needs \(needed) seats; at most \(allowed) can be booked."
                : "Cette réservation demande \(needed) places ; \(allowed) au plus peuvent être réservées."
        case .alreadyBooked(let booking):
            return english
                ? "This resident already has booking \(booking) on this run."
                : "Cette personne a déjà la réservation n° \(booking) sur cette navette."
        case .notCancellable(let status):
            return english
                ? "This booking is \(self["status-\(status.rawValue)"].lowercased()): it can no longer be cancelled."
                : "Cette réservation est \(self["status-\(status.rawValue)"].lowercased()) : elle ne peut plus être annulée."
        case .runNotLeft, .notSettleable, .notWaitlisted, .noSeatFree: return afterRun(refusal, localTime)
        }
    }

    /// What is wrong with a form field the desk reads itself (a resident chosen, a quotient, a
    /// time), in this language (`reason` is the desk's English sentence, for the English pages and
    /// the API). A resident's own fields are refused as ResidentRefusal values, worded in full by
    /// `words(for:)`.
    public func fieldProblem(_ field: String, reason: String) -> String {
        guard language == .french else { return reason }
        return Self.frenchFieldProblems[field] ?? reason
    }

    static let frenchFieldProblems = [
        "resident": "choisissez un résident dans la liste.",
        "quotient": "indiquez le quotient familial en euros, un nombre entier (0 ou plus).",
        "appointment": "indiquez l'heure du rendez-vous, par exemple 09:30.",
        "stop": "choisissez un arrêt de la navette.",
        "legs": "choisissez les trajets.",
    ]
}
