// DeskWording: the desk's words in French (the default) and English. A page asks for a key; a
// key missing from the table is a programming error caught by DeskWordingTests, which walks every key.

import Foundation
import RelaisCore

/// The words of the desk in one language.
public struct DeskWording: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// The text of `key` in this language.
    public subscript(_ key: String) -> String {
        guard let pair = Self.table[key] ?? Self.eventWords[key] ?? Self.plannerTable[key] else { return key }
        return language == .english ? pair.1 : pair.0
    }

    /// "1,50 €" or "€1.50".
    public func euros(_ cents: Int) -> String {
        let units = "\(cents / 100)\(language == .english ? "." : ",")\(String(format: "%02d", cents % 100))"
        return language == .english ? "€\(units)" : "\(units) €"
    }

    /// "mardi 30 mars à 07 h 30" / "Tuesday 30 March at 07:30".
    public func dateAndTime(_ date: Date, _ localTime: LocalTime) -> String {
        LocalDateWording.dateAndTime(date, language: language, calendar: localTime.calendar)
    }

    /// "07 h 30" / "07:30".
    public func time(_ date: Date, _ localTime: LocalTime) -> String {
        LocalDateWording.time(date, language: language, calendar: localTime.calendar)
    }

    /// Every key, French then English.
    static let table: [String: (String, String)] = [
        "app": ("Relais — guichet des CCAS", "Relais — CCAS desk"),
        "skip": ("Aller au contenu", "Skip to content"),
        "nav": ("Navigation", "Navigation"),
        "runs": ("Navettes", "Shuttle runs"),
        "residents": ("Résidents", "Residents"),
        "calendar": ("Calendrier des campagnes", "Campaign calendar"),
        "signout": ("Se déconnecter", "Sign out"),
        "other-language": ("English", "Français"),
        "signin": ("Connexion", "Sign in"),
        "login": ("Identifiant", "Login"),
        "password": ("Mot de passe", "Password"),
        "signin-refused": ("Identifiant ou mot de passe incorrect.", "Wrong login or password."),
        "signin-locked": ("Trop d'essais : réessayez après", "Too many attempts: try again after"),
        "signed-in-as": ("Connecté :", "Signed in:"),
        "coordinator": ("coordination de l'agglo", "agglo coordinator"),
        "ccas-of": ("CCAS de", "CCAS of"),
        "search": ("Rechercher", "Search"),
        "search-label": ("Nom, téléphone ou e-mail", "Name, phone or e-mail"),
        "new-resident": ("Inscrire un résident", "Register a resident"),
        "no-residents": ("Aucun résident trouvé.", "No resident found."),
        "truncated": (
            "Seuls les 200 premiers résidents sont affichés : précisez la recherche.",
            "Only the first 200 residents are shown: search more narrowly."
        ),
        "name": ("Nom et prénom", "Full name"),
        "phone": ("Téléphone", "Phone"),
        "email": ("E-mail", "E-mail"),
        "commune": ("Commune", "Commune"),
        "birth-year": ("Année de naissance", "Year of birth"),
        "language": ("Langue des messages", "Language of messages"),
        "consent": ("Accepte de recevoir les rappels", "Agrees to receive reminders"),
        "consent-sms": ("par SMS", "by SMS"),
        "consent-email": ("par e-mail", "by e-mail"),
        "consent-note": (
            "Cochez seulement si la personne a donné son accord aujourd'hui.", "Tick only if the person agreed today."
        ),
        "register": ("Inscrire", "Register"),
        "optional": ("facultatif", "optional"),
        "book-a-run": ("Réserver une navette", "Book a shuttle"),
        "bookings": ("Réservations", "Bookings"),
        "no-bookings": ("Aucune réservation.", "No booking."),
        "departure": ("Départ", "Departure"),
        "destination": ("Destination", "Destination"),
        "seats-left": ("Places libres", "Seats left"),
        "wheelchair-left": ("Places fauteuil libres", "Wheelchair places left"),
        "waitlist": ("Liste d'attente", "Waitlist"),
        "my-seats": ("Places de ma commune", "My commune's seats"),
        "no-runs": ("Aucune navette à venir.", "No upcoming run."),
        "details": ("Détails et réservation", "Details and booking"),
        "stops": ("Arrêts", "Stops"),
        "arrival": ("Arrivée", "Arrival"),
        "return": ("Retour", "Return"),
        "resident": ("Résident", "Resident"),
        "choose": ("— choisir —", "— choose —"),
        "stop": ("Arrêt", "Stop"),
        "pickup-point": ("Point de prise en charge", "Pickup point"),
        "pickup-point-note": ("vide : la mairie de la commune", "empty: the commune's town hall"),
        "pickup-point-default": ("La mairie de la commune (par défaut)", "The commune's town hall (default)"),
        "door": ("Ou adresse du domicile", "Or home address"),
        "legs": ("Trajets", "Journeys"),
        "legs-both": ("Aller et retour", "Outbound and return"),
        "legs-outbound": ("Aller seulement", "Outbound only"),
        "legs-return": ("Retour seulement", "Return only"),
        "companion": ("Avec un accompagnant", "With a companion"),
        "wheelchair": ("En fauteuil roulant", "In a wheelchair"),
        "appointment": ("Heure du rendez-vous EPS", "EPS appointment time"),
        "quotient": ("Quotient familial (€)", "Family quotient (€)"),
        "quotient-note": ("Sans quotient, le tarif le plus haut s'applique.", "Without a quotient, the highest fare applies."),
        "book": ("Réserver", "Book"),
        "fare": ("Tarif", "Fare"),
        "fares": ("Tarifs par quotient familial, par trajet", "Fares by family quotient, per journey"),
        "status": ("État", "Status"),
        "status-confirmed": ("Confirmée", "Confirmed"),
        "status-waitlisted": ("En liste d'attente", "On the waitlist"),
        "status-cancelled": ("Annulée", "Cancelled"),
        "status-completed": ("Effectuée", "Completed"),
        "status-no_show": ("Absent", "No-show"),
        "position": ("rang", "position"),
        "pickup": ("Prise en charge", "Pickup"),
        "booking": ("Réservation", "Booking"),
        "cancel-booking": ("Annuler la réservation", "Cancel the booking"),
        "cancelled-late": ("Annulée après la limite d'annulation.", "Cancelled after the cancellation deadline."),
        "manifest": ("Feuille de route", "Manifest"),
        "route-map": (
            "Schéma du trajet : D dépôt, A destination (au bord si elle est loin), 1, 2… prises en charge dans l'ordre.",
            "Route sketch: D depot, A destination (at the edge when far), 1, 2… pickups in order."
        ),
        "print": ("Imprimez cette page (Ctrl+P).", "Print this page (Ctrl+P)."),
        "passengers": ("Passagers", "Passengers"),
        "needs": ("Besoins", "Needs"),
        "no-passengers": ("Aucun passager.", "No passenger."),
        "event": ("Événement", "Event"),
        "campaign": ("Campagne", "Campaign"),
        "when": ("Date", "When"),
        "registered": ("Inscrits", "Registered"),
        "capacity": ("Capacité", "Capacity"),
        "no-events": ("Aucun événement dans les 120 prochains jours.", "No event in the next 120 days."),
        "error-title": ("Erreur", "Error"),
        "not-found": ("Page introuvable", "Page not found"),
        "not-found-text": ("Cette page n'existe pas ou ne vous est pas accessible.", "This page does not exist or is not yours to see."),
        "forbidden": ("Accès refusé", "Access refused"),
        "forbidden-text": ("Votre compte ne permet pas cette action.", "Your account does not allow this."),
        "expired": ("Formulaire expiré", "Form expired"),
        "expired-text": (
            "Ce formulaire n'est plus valable : rechargez la page et recommencez.",
            "This form is no longer valid: reload the page and try again."
        ),
        "unavailable": ("Service momentanément indisponible", "Service unavailable for a moment"),
        "unavailable-text": ("Réessayez dans un instant.", "Try again in a moment."),
        "form-error": ("À corriger :", "To correct:"),
        "back-to-runs": ("Retour aux navettes", "Back to the runs"),
        "cancelled-run": ("Navette annulée", "Run cancelled"),
        "run-full": ("complet", "full"),
        // Editing a resident, and the coordinator's shuttle operations.
        "book-by": ("Réserver avant le", "Book by"),
        "runs-to-settle": ("Navettes parties (30 derniers jours)", "Runs that left (last 30 days)"),
        "no-runs-to-settle": ("Aucune navette partie ces 30 derniers jours.", "No run left in the last 30 days."),
        "mark-completed": ("Effectué", "Completed"),
        "mark-no-show": ("Absent", "No-show"),
        "promote": ("Donner la place", "Give the seat"),
        "promote-note": (
            "Après la limite de réservation, la liste d'attente n'avance plus d'elle-même : donnez une place libérée à la personne de votre choix ; elle est prévenue.",
            "After the booking deadline the waitlist no longer moves by itself: give a freed seat to the person you choose; they are told."
        ),
        "trip": ("Trajet", "Trip"),
        "seats": ("Places réservées", "Seats booked"),
        "edit-resident": ("Modifier", "Edit"),
        "edit-title": ("Modifier le résident", "Edit the resident"),
        "save": ("Enregistrer", "Save"),
        "back-to-resident": ("Retour à la fiche", "Back to the resident"),
        "consent-given": ("donné le", "given on"),
        "consent-withdrawn": ("retiré le", "withdrawn on"),
        "consent-none": ("jamais donné", "never given"),
        "consent-edit-note": (
            "Cocher enregistre l'accord donné aujourd'hui, à ce guichet ; décocher le retire et annule les messages en attente sur ce canal.",
            "Ticking records the agreement given today, at this desk; unticking withdraws it and cancels the messages waiting on that channel."
        ),
        "duplicate-open": ("Voir ce résident", "See this resident"),
        "allow-duplicate": (
            "C'est une autre personne qui partage ce numéro ou cette adresse : l'enregistrer quand même",
            "This is another person sharing this number or address: record anyway"
        ),
        "commune-fixed": ("Commune (votre CCAS)", "Commune (your CCAS)"),
        // Words both the registration pages and the planners' pages use.
        "events": ("Événements", "Events"),
        "all-campaigns": ("Toutes les campagnes", "All campaigns"),
        "from": ("Du", "From"),
        "place": ("Lieu", "Place"),
        "present": ("Présents", "Present"),
    ]
}
