// DeskWording+AfterRun: the refusals of the coordinator's shuttle operations in the page's
// language: a trip recorded before the run left, a booking that cannot be settled or promoted, no
// seat for the promoted passenger.

import Foundation
import RelaisCore

extension DeskWording {
    /// A refusal of recording a trip or promoting a booking.
    func afterRun(_ refusal: ShuttleRefusal, _ localTime: LocalTime) -> String {
        let english = language == .english
        switch refusal {
        case .runNotLeft(_, let departure):
            let when = dateAndTime(departure, localTime)
            return english
                ? "The run leaves on \(when): trips are recorded once it has left."
                : "La navette part le \(when) : les trajets s'enregistrent une fois qu'elle est partie."
        case .notSettleable(_, let status):
            return english
                ? "This booking is \(self["status-\(status.rawValue)"].lowercased()): only a confirmed booking is recorded as completed or no-show."
                : "Cette réservation est \(self["status-\(status.rawValue)"].lowercased()) : seule une réservation confirmée s'enregistre comme effectuée ou absente."
        case .notWaitlisted(let status):
            return english
                ? "This booking is \(self["status-\(status.rawValue)"].lowercased()): only a booking on the waitlist can be given a seat."
                : "Cette réservation est \(self["status-\(status.rawValue)"].lowercased()) : seule une réservation en liste d'attente peut recevoir une place."
        case .noSeatFree(let shortage):
            switch shortage {
            case .runFull:
                return english
                    ? "No seat is free for this booking on this run." : "Aucune place n'est libre pour cette réservation sur cette navette."
            case .noWheelchairPlaceLeft:
                return english ? "No wheelchair place is free on this run." : "Aucune place pour fauteuil n'est libre sur cette navette."
            case .ccasQuotaReached:
                return english
                    ? "The resident's CCAS holds all the seats its quota allows on this run."
                    : "Le CCAS de cette personne tient déjà toutes les places que son quota permet sur cette navette."
            case .tooFar:
                return english
                    ? "Too far for this run: with this booking someone would ride beyond the limit."
                    : "Trop loin pour ce trajet : avec cette réservation, une personne dépasserait la durée limite à bord."
            }
        default: return refusal.code
        }
    }
}
