// DeskWording+OnDemand: the refusals of door-to-door (on-demand) shuttle bookings in the page's
// language: a stop given for a run without stops, a pickup place for a run with fixed ones, a
// pickup place unreadable, and a passenger the run cannot carry within the ride limit.

import Foundation
import RelaisCore

extension DeskWording {
    /// The on-demand refusals DeskWording+Problems leaves to this file.
    func onDemandWords(for refusal: ShuttleRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .stopOnOnDemandRun:
            return english
                ? "This run is door-to-door: give a pickup point or a home address, not a stop."
                : "Cette navette est à la demande : donnez un point de prise en charge ou une adresse, pas un arrêt."
        case .pickupOnFixedStopRun:
            return english
                ? "This run has fixed stops: choose one of its stops." : "Cette navette a des arrêts fixes : choisissez l'un de ses arrêts."
        case .pickupTwice:
            return english
                ? "Give either a pickup point or a home address, not both." : "Donnez un point de prise en charge ou une adresse, pas les deux."
        case .pickupPointUnreadable:
            return english
                ? "A pickup point's name takes 1 to 120 characters on one line."
                : "Le nom d'un point de prise en charge tient en 1 à 120 caractères sur une ligne."
        case .doorUnreadable:
            return english
                ? "A home address takes 1 to 200 characters on one line." : "Une adresse tient en 1 à 200 caractères sur une ligne."
        case .tooFarForRun(let ride, let limit):
            return english
                ? "Too far for this run: someone would ride \(ride) minutes (limit \(limit) minutes)."
                : "Trop loin pour ce trajet : une personne serait à bord \(ride) minutes (limite \(limit) minutes)."
        case .travelTimeMissing(let file, let from, let to):
            return english
                ? "\(file) gives no travel time between \(from) and \(to): the coordinator must add it."
                : "\(file) ne donne pas de durée de trajet entre \(from) et \(to) : la coordination doit l'ajouter."
        case .routeDataUnavailable(let reason):
            return english
                ? "This run is on demand and the territory's route data cannot be used: \(reason)."
                : "Ce trajet est à la demande et les données d'itinéraire du territoire sont inutilisables : \(reason)."
        case .pickupPointUnknown(let typed, let commune, let points):
            return english
                ? "\"\(typed)\" is not a pickup point of \(commune); its points: \(points.joined(separator: "; "))."
                : "« \(typed) » n'est pas un point de prise en charge de \(commune) ; ses points : \(points.joined(separator: " ; "))."
        case .routeOrderNotPassengers(let passengers):
            let list = passengers.map(String.init).joined(separator: ", ")
            return english
                ? "The order must name each confirmed outbound passenger once (bookings \(list))."
                : "L'ordre doit nommer une fois chaque passager confirmé à l'aller (réservations \(list))."
        case .routeOrderInfeasible(let booking, let name, let ride, let limit, let missesArrival):
            let who = "\(booking)" + (name.map { " (\($0))" } ?? "")
            if missesArrival {
                return english
                    ? "In this order the vehicle would need \(ride) minutes from the depot to booking \(who), more than the \(limit) the window leaves: the arrival would be missed."
                    : "Dans cet ordre le véhicule mettrait \(ride) minutes du dépôt à la réservation \(who), plus que les \(limit) que laisse la fenêtre : l'arrivée serait manquée."
            }
            return english
                ? "In this order booking \(who) would ride \(ride) minutes, over the limit of \(limit) minutes."
                : "Dans cet ordre la réservation \(who) serait à bord \(ride) minutes, au-delà de la limite de \(limit) minutes."
        case .runNotOnDemand:
            return english
                ? "This run has fixed stops: only an on-demand run has a route."
                : "Cette navette a des arrêts fixes : seul un transport à la demande a un itinéraire."
        default: return refusal.code  // worded by refusal(_:_:) in DeskWording+Problems
        }
    }
}
