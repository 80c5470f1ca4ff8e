// DeskWording+Operations: the refusals of accounts, the outbox's operator actions, campaign
// calendars and of values a front could not read, in the page's language (see
// DeskWording+Refusals for the others).

import Foundation
import RelaisCore

extension DeskWording {
    /// An account refused.
    func refusal(_ refusal: AccountRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .unknownCommune(let typed?):
            return english ? "\"\(typed)\" is not a commune of the territory." : "« \(typed) » n'est pas une commune du territoire."
        case .unknownCommune(nil):
            return english ? "A CCAS account needs its commune." : "Un compte de CCAS a besoin de sa commune."
        case .communeNotForRole(let role):
            return english
                ? "A \(role.rawValue) account works for the whole territory: it has no commune."
                : "Un compte \(role.rawValue) travaille pour tout le territoire : il n'a pas de commune."
        case .loginTaken(let login):
            return english ? "An account \"\(login)\" exists already." : "Un compte « \(login) » existe déjà."
        case .disabled(let login):
            return english ? "The account \"\(login)\" is disabled." : "Le compte « \(login) » est désactivé."
        }
    }

    /// A retry or a cancellation of a message refused.
    func refusal(_ refusal: OutboxRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .notRetriable(let message, let state):
            return english
                ? "Message \(message) is \(state.rawValue): only a failed, cancelled, dropped or deferred message is sent again."
                : "Le message n° \(message) est \(outboxState(state)) : seul un message en échec, annulé, écarté ou reporté est renvoyé."
        case .notCancellable(let message, let state):
            return english
                ? "Message \(message) is \(state.rawValue): only a queued or deferred message can be cancelled."
                : "Le message n° \(message) est \(outboxState(state)) : seul un message en attente ou reporté peut être annulé."
        }
    }

    /// A campaign calendar that clashes with another campaign.
    func refusal(_ refusal: CampaignRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .uidOfAnotherCampaign(let uid, let owner):
            return english
                ? "The event \(uid) belongs to the campaign \(owner) already: an event's UID is unique across campaigns."
                : "L'événement \(uid) appartient déjà à la campagne \(owner) : l'UID d'un événement est unique entre les campagnes."
        }
    }

    /// A value a front could not read.
    func refusal(_ refusal: FormRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .missing(.resident): return english ? "Choose a resident from the list." : "Choisissez un résident dans la liste."
        case .missing(let field):
            return english ? "Give the \(field.rawValue.replacingOccurrences(of: "_", with: " "))." : "Indiquez : \(self[field.rawValue])."
        case .notScalar(let property):
            return english
                ? "\(property) must be a string, a number or a boolean."
                : "\(property) doit être un texte, un nombre ou un booléen."
        case .notAnObject(let property):
            return english
                ? "\(property) must be an object of strings, numbers or booleans."
                : "\(property) doit être un objet de textes, de nombres ou de booléens."
        }
    }

    /// A state of the outbox in French.
    private func outboxState(_ state: OutboxState) -> String {
        switch state {
        case .queued: "en attente"
        case .sending: "en cours d'envoi"
        case .sent: "envoyé"
        case .deferred: "reporté"
        case .failed: "en échec"
        case .cancelled: "annulé"
        case .dropped: "écarté"
        }
    }
}
