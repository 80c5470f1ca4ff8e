// DeskWording+Events: the words of the registration and check-in pages, French then English, kept
// apart from the main table (DeskWording.swift looks keys up here too). DeskEventsTests walks them.

import Foundation
import RelaisCore

extension DeskWording {
    /// The registration and check-in pages' keys, French then English.
    static let eventWords: [String: (String, String)] = [
        "checkin": ("Accueil du jour", "Check-in"),
        "filter": ("Filtrer", "Filter"),
        "all-communes": ("Toutes les communes", "All communes"),
        "to": ("Au", "To"),
        "places-left": ("Places libres", "Places left"),
        "no-limit": ("sans limite", "no limit"),
        "full": ("complet", "full"),
        "no-upcoming-events": ("Aucun événement à venir pour ces critères.", "No upcoming event for these criteria."),
        "register-to-event": ("Inscrire à un événement", "Register to an event"),
        "register-here": ("Inscrire un résident", "Register a resident"),
        "registration": ("Inscription", "Registration"),
        "registrations": ("Inscriptions", "Registrations"),
        "my-registrations": ("Inscriptions de vos résidents", "Your residents' registrations"),
        "event-registrations": ("Inscriptions aux événements", "Event registrations"),
        "no-registrations": ("Aucune inscription.", "No registration."),
        "registered-at": ("Inscrit le", "Registered on"),
        "reg-confirmed": ("Inscription confirmée", "Registration confirmed"),
        "reg-waitlisted": ("En liste d'attente", "On the waitlist"),
        "reg-cancelled": ("Inscription annulée", "Registration cancelled"),
        "cancel-registration": ("Annuler l'inscription", "Cancel the registration"),
        "waitlist-note": (
            "La séance est complète : la personne est en liste d'attente et sera prévenue par SMS ou e-mail si une place se libère.",
            "The session is full: the person is on the waitlist and will be told by SMS or e-mail if a place frees."
        ),
        "session": ("Séance", "Session"),
        "session-cancelled": ("Séance annulée", "Session cancelled"),
        "session-started": ("La séance a commencé : les inscriptions sont closes.", "The session has started: registration is closed."),
        "back-to-events": ("Retour aux événements", "Back to the events"),
        "sessions-of": ("Séances du", "Sessions of"),
        "no-sessions-today": ("Aucune séance ce jour-là.", "No session that day."),
        "day": ("Jour", "Day"),
        "show-day": ("Afficher ce jour", "Show that day"),
        "tick": ("Présent", "Present"),
        "tick-label": ("Présent :", "Present:"),
        "undo": ("Retirer", "Undo"),
        "undo-label": ("Retirer :", "Undo:"),
        "ticked-at": ("présent à", "present at"),
        "walk-in": ("Personne venue sans inscription", "Walk-in (came without registering)"),
        "walk-in-submit": ("Ajouter et marquer présent", "Add and mark present"),
        "walk-in-source": ("sans inscription", "walk-in"),
        "search-name": ("Nom", "Name"),
        "show-all": ("Tout afficher", "Show everyone"),
        "nobody-registered": ("Personne n'est inscrit.", "Nobody is registered."),
        "nobody-found": ("Personne ne correspond à cette recherche.", "Nobody matches this search."),
        "not-started-note": ("La séance commence à", "The session starts at"),
        "not-started-after": (
            "les présences s'enregistrent à partir de ce moment.", "presences are recorded from then on."
        ),
        "signin-sheet": ("Feuille d'émargement", "Sign-in sheet"),
        "signature": ("Signature", "Signature"),
        "number": ("N°", "No."),
        "page": ("page", "page"),
        "of": ("sur", "of"),
        "print-sheet": (
            "Imprimez cette page (Ctrl+P) : 25 noms par feuille A4, des lignes vides pour les personnes venues sans inscription.",
            "Print this page (Ctrl+P): 25 names per A4 sheet, blank lines for walk-ins."
        ),
        "back-to-checkin": ("Retour à l'accueil de la séance", "Back to the session's check-in"),
        "born-in": ("né(e) en", "born"),
    ]
}
