// LinkWording: the words of the link pages (LinkPage.swift) in French and English. Refusals are
// worded by the desk's DeskWording, so a resident reads the same reason an agent would.

import RelaisCore

/// The link pages' words in one language.
struct LinkWording {
    let language: Language

    init(_ language: Language) { self.language = language }

    /// The desk's words in the same language, for refusals.
    var desk: DeskWording { DeskWording(language) }

    /// "Bonjour Jeanne," / "Hello Jeanne,".
    func greeting(_ firstName: String) -> String {
        firstName.isEmpty ? self["hello"] + "," : self["hello"] + " " + firstName + ","
    }

    /// The text of `key` in this language.
    subscript(_ key: String) -> String {
        guard let pair = Self.table[key] else { return key }
        return language == .english ? pair.1 : pair.0
    }

    static let table: [String: (String, String)] = [
        "hello": ("Bonjour", "Hello"),
        "unsubscribe-title": ("Ne plus recevoir nos messages", "Stop receiving our messages"),
        "unsubscribe-ask": (
            "Vous ne recevrez plus nos messages de prévention par e-mail dès que vous aurez confirmé.",
            "You will receive no more prevention messages by e-mail once you confirm."
        ),
        "unsubscribe-email": ("Ne plus recevoir d'e-mails", "Stop e-mails"),
        "unsubscribe-both": ("Ne plus recevoir ni e-mails ni SMS", "Stop e-mails and text messages"),
        "unsubscribed-email": (
            "C'est fait : vous ne recevrez plus nos e-mails de prévention.", "Done: you will receive no more prevention e-mails from us."
        ),
        "unsubscribed-both": (
            "C'est fait : vous ne recevrez plus nos e-mails ni nos SMS de prévention.",
            "Done: you will receive no more prevention e-mails or text messages from us."
        ),
        "registration-title": ("Votre inscription", "Your registration"),
        "event": ("Rendez-vous", "Appointment"),
        "date": ("Date", "Date"),
        "pickup": ("Prise en charge", "Pickup"),
        "place": ("Lieu", "Place"),
        "cancel-registration": ("Annuler mon inscription", "Cancel my registration"),
        "cancel-booking": ("Annuler ma réservation de navette", "Cancel my shuttle booking"),
        "already-cancelled": ("Cette inscription est annulée.", "This registration is cancelled."),
        "registration-cancelled": (
            "Votre inscription est annulée ; votre place est proposée à une autre personne.",
            "Your registration is cancelled; your place goes to someone else."
        ),
        "booking-cancelled": ("Votre réservation de navette est annulée.", "Your shuttle booking is cancelled."),
        "cancelled-late": (
            "L'annulation arrive après le délai prévu : le CCAS en est informé.",
            "The cancellation comes after the deadline: the CCAS is told."
        ),
    ]
}
