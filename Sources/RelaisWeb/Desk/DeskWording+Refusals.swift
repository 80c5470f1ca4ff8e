// DeskWording+Refusals: every Refusal (RelaisCore) in the page's language. The pages show it above
// the form, the API sends the English words as its `message` beside the stable `error` code. Each
// domain is worded in its own function; nothing here reads another layer's text.

import Foundation
import RelaisCore

extension DeskWording {
    /// `refusal` in this language.
    public func words(for refusal: Refusal, _ localTime: LocalTime) -> String {
        switch refusal {
        case .notFound(let kind, _): notFound(kind)
        case .registration(let refusal): self.refusal(refusal, localTime)
        case .resident(let refusal): self.refusal(refusal)
        case .shuttle(let refusal): self.refusal(refusal, localTime)
        case .capacity(let refusal): self.refusal(refusal, localTime)
        case .report(let refusal): self.refusal(refusal)
        case .account(let refusal): self.refusal(refusal)
        case .outbox(let refusal): self.refusal(refusal)
        case .campaign(let refusal): self.refusal(refusal)
        case .form(let refusal): self.refusal(refusal)
        }
    }

    /// A record that does not exist, or is not the agent's to see.
    func notFound(_ kind: RecordKind) -> String {
        let english = language == .english
        return switch kind {
        case .resident: english ? "No such resident among yours." : "Ce résident n'existe pas parmi les vôtres."
        case .occurrence: english ? "No such session." : "Cette séance n'existe pas."
        case .registration: english ? "No such registration." : "Cette inscription n'existe pas."
        case .attendance: english ? "No such presence recorded." : "Cette présence n'est pas enregistrée."
        case .run: english ? "No such shuttle run." : "Cette navette n'existe pas."
        case .booking: english ? "No such booking." : "Cette réservation n'existe pas."
        case .account: english ? "No such account." : "Ce compte n'existe pas."
        case .campaign: english ? "No such campaign." : "Cette campagne n'existe pas."
        case .message: english ? "No such message." : "Ce message n'existe pas."
        }
    }

    /// A registration, cancellation or attendance refused.
    func refusal(_ refusal: RegistrationRefusal, _ localTime: LocalTime) -> String {
        let english = language == .english
        switch refusal {
        case .occurrenceFull(_, let capacity):
            return english ? "This session is full (\(capacity) places)." : "Cette séance est complète (\(capacity) places)."
        case .occurrenceCancelled:
            return english ? "This session is cancelled." : "Cette séance est annulée."
        case .occurrenceStarted(_, let start):
            let when = dateAndTime(start, localTime)
            return english
                ? "This session started on \(when): record who came instead."
                : "Cette séance a commencé le \(when) : enregistrez plutôt les présences."
        case .sessionNotStarted(_, let start):
            let when = dateAndTime(start, localTime)
            return english
                ? "This session starts on \(when): presences are recorded from then on."
                : "Cette séance commence le \(when) : les présences s'enregistrent à partir de ce moment."
        case .alreadyRegistered(let registration):
            return english
                ? "This resident is already registered (registration \(registration))."
                : "Cette personne est déjà inscrite (inscription n° \(registration))."
        case .alreadyPresent:
            return english ? "This resident is already checked in." : "La présence de cette personne est déjà enregistrée."
        case .notCancellable(_, let start):
            let when = dateAndTime(start, localTime)
            return english
                ? "This registration can no longer be cancelled: the session started on \(when)."
                : "Cette inscription ne peut plus être annulée : la séance a commencé le \(when)."
        case .attendanceClosed(_, let day):
            return english
                ? "Ticks can be undone on the day of the session only (\(self.day(day, localTime)))."
                : "Une présence ne peut être retirée que le jour de la séance (\(self.day(day, localTime)))."
        case .registrationCancelled:
            return english ? "This registration was cancelled." : "Cette inscription a été annulée."
        case .dayUnreadable(_, let typed):
            return english ? "\"\(typed)\" is not a date such as 2027-03-30." : "« \(typed) » n'est pas une date comme 2027-03-30."
        case .residentAndWalkIn:
            return english
                ? "Tick either a resident or a walk-in, not both."
                : "Cochez soit un résident, soit une personne venue sans inscription, pas les deux."
        }
    }

    /// A resident's record refused.
    func refusal(_ refusal: ResidentRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .nameEmpty: return english ? "Give the first and last name." : "Indiquez le nom et le prénom."
        case .nameMalformed(let maximum):
            return english
                ? "The name must be one line of at most \(maximum) characters."
                : "Le nom doit tenir sur une ligne de \(maximum) caractères au plus."
        case .phoneUnreadable(let typed):
            return english
                ? "\"\(typed)\" is not a phone number Relais reads: a French number (06 12 34 56 78, +33 6 …) or a Swiss one with +41."
                : "« \(typed) » n'est pas un numéro reconnu : un numéro français (06 12 34 56 78, +33 6 …) ou suisse en +41."
        case .emailUnreadable(let typed):
            return english
                ? "\"\(typed)\" is not an e-mail address (name@example.fr)." : "« \(typed) » n'est pas une adresse e-mail (nom@exemple.fr)."
        case .unknownCommune(let typed):
            return english ? "\"\(typed)\" is not a commune of the territory." : "« \(typed) » n'est pas une commune du territoire."
        case .communeOutsideScope(let commune):
            return english
                ? "A resident can be moved only to or from your own commune, not \(commune)."
                : "Un résident ne peut être déplacé que vers ou depuis votre commune, pas \(commune)."
        case .birthYearOutOfRange(let typed, let earliest, let latest):
            return english
                ? "\"\(typed)\" is not a year between \(earliest) and \(latest)."
                : "« \(typed) » n'est pas une année entre \(earliest) et \(latest)."
        case .unknownLanguage(let typed):
            return english ? "\"\(typed)\" is not French or English." : "« \(typed) » n'est ni le français ni l'anglais."
        case .unknownChannel(let typed):
            return english ? "\"\(typed)\" is not a channel (sms, email)." : "« \(typed) » n'est pas un canal (sms, email)."
        case .smsNeedsPhone:
            return english ? "Reminders by SMS need a phone number." : "Les rappels par SMS demandent un numéro de téléphone."
        case .smsNeedsMobile(let masked):
            return english
                ? "Reminders by SMS need a mobile number; \(masked) is a landline."
                : "Les rappels par SMS demandent un numéro de portable ; \(masked) est un fixe."
        case .emailNeedsAddress:
            return english ? "Reminders by e-mail need an e-mail address." : "Les rappels par e-mail demandent une adresse e-mail."
        case .consentSourceMissing:
            return english ? "Say where the consent was collected." : "Indiquez où le consentement a été recueilli."
        case .duplicate(let existing, let sharing):
            if sharing == .email {
                return english
                    ? "Resident \(existing) already has this e-mail address." : "Le résident n° \(existing) a déjà cette adresse e-mail."
            }
            return english
                ? "Resident \(existing) already has this phone number." : "Le résident n° \(existing) a déjà ce numéro de téléphone."
        case .duplicateInAnotherCommune(let sharing):
            if sharing == .email {
                return english
                    ? "This e-mail address is already used by a resident of another commune."
                    : "Cette adresse e-mail est déjà celle d'un résident d'une autre commune."
            }
            return english
                ? "This phone number is already used by a resident of another commune."
                : "Ce numéro de téléphone est déjà celui d'un résident d'une autre commune."
        }
    }

    /// A change that would take places away from people who hold them.
    func refusal(_ refusal: CapacityRefusal, _ localTime: LocalTime) -> String {
        let english = language == .english
        let event = "« \(refusal.summary) »"
        switch refusal.shortfall {
        case .registrations(let capacity, let registered, _, let start, _):
            let when = dateAndTime(start, localTime)
            return english
                ? "\"\(refusal.summary)\": \(capacity) places is below the \(registered) people registered on \(when)."
                : "\(event) : \(capacity) places, c'est moins que les \(registered) personnes inscrites le \(when)."
        case .ccasQuota(let quota, let held, _, _, let departure):
            let when = dateAndTime(departure, localTime)
            return english
                ? "\"\(refusal.summary)\": a CCAS quota of \(quota) is below the \(held) seats one CCAS holds on the run of \(when)."
                : "\(event) : un quota de \(quota) places par CCAS, c'est moins que les \(held) places qu'un CCAS tient sur la navette du \(when)."
        case .seats(let seats, let held, _, _, let departure):
            let when = dateAndTime(departure, localTime)
            return english
                ? "\"\(refusal.summary)\": \(seats) seats is below the \(held) booked on the run of \(when)."
                : "\(event) : \(seats) places, c'est moins que les \(held) réservées sur la navette du \(when)."
        case .wheelchairPlaces(let places, let held, _, let departure):
            let when = dateAndTime(departure, localTime)
            return english
                ? "\"\(refusal.summary)\": \(places) wheelchair places is below the \(held) booked on the run of \(when)."
                : "\(event) : \(places) places pour fauteuil, c'est moins que les \(held) réservées sur la navette du \(when)."
        }
    }

    /// "mardi 30 mars 2027" / "Tuesday 30 March 2027".
    func day(_ date: Date, _ localTime: LocalTime) -> String {
        LocalDateWording.day(date, language: language, calendar: localTime.calendar)
    }
}
