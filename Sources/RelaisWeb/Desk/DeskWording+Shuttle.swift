// DeskWording+Shuttle: the shuttle refusals of values the desk reads itself (quotient, time,
// journeys) and of a run added by command (its shape, its date), in the page's language; and why a
// booking waits. (After the run: DeskWording+AfterRun.)

import Foundation
import RelaisCore

extension DeskWording {
    /// The shuttle refusals DeskWording+Problems leaves to this file.
    func moreWords(for refusal: ShuttleRefusal, _ localTime: LocalTime) -> String {
        let english = language == .english
        switch refusal {
        case .departureInPast(let departure):
            let when = dateAndTime(departure, localTime)
            return english ? "The run would leave on \(when), which is past." : "La navette partirait le \(when), qui est passé."
        case .runShape(let problem): return words(for: problem)
        case .quotientUnreadable(let typed):
            return english
                ? "\"\(typed)\" is not a family quotient: a whole number of euros, 0 or more (the CAF attestation's, e.g. 850)."
                : "« \(typed) » n'est pas un quotient familial : un nombre entier d'euros, 0 ou plus (celui de l'attestation CAF, par exemple 850)."
        case .appointmentUnreadable(let typed):
            return english
                ? "\"\(typed)\" is not a time such as 09:30." : "« \(typed) » n'est pas une heure comme 09:30."
        case .legsUnknown(let typed):
            return english
                ? "\"\(typed)\" is not a choice of journeys (outbound and return, outbound only, return only)."
                : "« \(typed) » n'est pas un choix de trajets (aller et retour, aller seulement, retour seulement)."
        default: return refusal.code  // worded by refusal(_:_:) in DeskWording+Problems or afterRun
        }
    }

    /// What is wrong with the shape of a run.
    func words(for problem: ShuttleLineProblem) -> String {
        let english = language == .english
        switch problem {
        case .seatsOutOfRange(let seats):
            return english ? "\(seats) seats: a vehicle has 1 to 100." : "\(seats) places : un véhicule en a de 1 à 100."
        case .onDemandSeats(let seats, let maximum):
            return english
                ? "\(seats) seats: an on-demand run has at most \(maximum)." : "\(seats) places : un trajet à la demande en a au plus \(maximum)."
        case .wheelchairPlacesOutOfRange(let places):
            return english
                ? "\(places) wheelchair places: a vehicle has 0 to 10." : "\(places) places pour fauteuil : un véhicule en a de 0 à 10."
        case .seatsPerWheelchairOutOfRange(let seats):
            return english
                ? "A wheelchair taking \(seats) seats: it takes 1 to 10." : "Un fauteuil qui prend \(seats) places : il en prend de 1 à 10."
        case .wheelchairPlacesDoNotFit(let places, let each, let seats):
            return english
                ? "\(places) wheelchair places of \(each) seats do not fit in \(seats) seats."
                : "\(places) places pour fauteuil de \(each) places chacune ne tiennent pas dans \(seats) places."
        case .noStop: return english ? "A run needs at least one stop." : "Une navette a au moins un arrêt."
        case .arrivalNotAfterLastPickup:
            return english ? "The arrival must come after the last pickup." : "L'arrivée doit venir après la dernière prise en charge."
        case .returnBeforeArrival:
            return english ? "The return must not leave before the arrival." : "Le retour ne peut pas partir avant l'arrivée."
        case .runTooLong(let hours):
            return english ? "A run lasts at most \(hours) hours." : "Une navette dure au plus \(hours) heures."
        case .quotaOutOfRange(let quota, let seats):
            return english
                ? "A CCAS quota of \(quota): it is 1 to the \(seats) seats of the vehicle."
                : "Un quota de \(quota) places par CCAS : il va de 1 aux \(seats) places du véhicule."
        case .destinationLength(let maximum):
            return english
                ? "The destination takes 1 to \(maximum) characters." : "La destination tient en 1 à \(maximum) caractères."
        }
    }

    /// Why a booking waits for a seat.
    public func waitlistReason(_ reason: ShuttleWaitlistReason) -> String {
        let english = language == .english
        return switch reason {
        case .runFull: english ? "run full" : "navette complète"
        case .noWheelchairPlaceLeft: english ? "no wheelchair place left" : "plus de place pour fauteuil"
        case .ccasQuotaReached: english ? "CCAS quota reached" : "quota du CCAS atteint"
        case .tooFar: english ? "too far for this run" : "trop loin pour ce trajet"
        }
    }

    /// "1 — 7 h 30 <commune>, Mairie ; 2 — 7 h 45 <commune>, École" / "1 — 7:30 <commune>, Mairie; 2 — 7:45 …".
    func stopList(_ stops: [ShuttleStopChoice], _ localTime: LocalTime) -> String {
        stops.map { "\($0.number) — \(time($0.pickup, localTime)) \($0.commune), \($0.place)" }
            .joined(separator: language == .english ? "; " : " ; ")
    }
}
