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
        case .travelTimeMissing(let from, let to):
            return english
                ? "The territory's travel times give no time between \(from) and \(to): the coordinator must add it."
                : "Les temps de trajet du territoire ne donnent pas de durée entre \(from) et \(to) : la coordination doit l'ajouter."
        default: return refusal.code  // worded by refusal(_:_:) in DeskWording+Problems
        }
    }
}
