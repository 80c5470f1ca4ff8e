// DeskWording+Problems: what the agent must correct, in the page's language: the refusals of the
// booking rules (ShuttleRefusal), worded here in full or in DeskWording+Shuttle and +AfterRun.

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
        case .stopUnknown(let typed, let stops):
            return english
                ? "This run has no stop \"\(typed)\"; its stops: \(stopList(stops, localTime))."
                : "Cette navette n'a pas d'arrêt « \(typed) » ; ses arrêts : \(stopList(stops, localTime))."
        case .stopAmbiguous(let commune, let stops):
            return english
                ? "This run stops more than once in \(commune): choose the stop by its number (\(stopList(stops, localTime)))."
                : "Cette navette s'arrête plusieurs fois à \(commune) : choisissez l'arrêt par son numéro (\(stopList(stops, localTime)))."
        case .departureInPast, .runShape, .quotientUnreadable, .appointmentUnreadable, .legsUnknown: return moreWords(for: refusal, localTime)
        case .runNotLeft, .notSettleable, .notWaitlisted, .noSeatFree: return afterRun(refusal, localTime)
        case .stopOnOnDemandRun, .pickupOnFixedStopRun, .pickupTwice, .pickupPointUnreadable, .doorUnreadable, .tooFarForRun,
            .travelTimeMissing, .routeDataUnavailable, .pickupPointUnknown, .routeOrderNotPassengers, .routeOrderInfeasible, .runNotOnDemand:
            return onDemandWords(for: refusal)
        }
    }
}
