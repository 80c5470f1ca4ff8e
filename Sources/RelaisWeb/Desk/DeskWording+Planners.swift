// DeskWording+Planners: the words of the planners' pages (campaigns, calendar upload, reports) and
// of the roles, French then English, kept in their own table beside the desk's main one (the
// subscript reads both; PlannerWordingTests checks every pair, and that no key is in both).

extension DeskWording {
    /// The planners' pages' keys, French then English.
    static let plannerTable: [String: (String, String)] = [
        "role-ccas": ("CCAS", "CCAS"),
        "role-staff": ("accueil des séances", "session desk"),
        "role-planner": ("planification des campagnes", "campaign planning"),
        "role-coordinator": ("coordination de l'agglo", "agglo coordinator"),
        "back-home": ("Retour à l'accueil", "Back to the home page"),
        "campaigns": ("Campagnes", "Campaigns"),
        "reports": ("Rapports", "Reports"),
        "upload-calendar": ("Charger un calendrier", "Upload a calendar"),
        "upload-note": (
            "Le fichier iCalendar (.ics) d'une campagne, celle que nomme son X-RELAIS-CAMPAIGN. Il est chargé en entier ou pas du tout, comme par « relais campaigns load », et devient le fichier de la campagne dans le dossier des calendriers.",
            "A campaign's iCalendar file (.ics), the one its X-RELAIS-CAMPAIGN names. It loads whole or not at all, as with \"relais campaigns load\", and becomes the campaign's file in the calendars folder."
        ),
        "calendar-file": ("Fichier iCalendar (.ics)", "iCalendar file (.ics)"),
        "upload": ("Charger", "Upload"),
        "no-file": ("Choisissez un fichier .ics à charger.", "Choose an .ics file to upload."),
        "loaded-campaigns": ("Campagnes chargées", "Campaigns loaded"),
        "no-campaigns": ("Aucune campagne chargée.", "No campaign loaded."),
        "campaign-id": ("Identifiant", "Id"),
        "sessions": ("Séances", "Sessions"),
        "first": ("Première", "First"),
        "last": ("Dernière", "Last"),
        "file": ("Fichier", "File"),
        "unlimited": ("illimitée", "unlimited"),
        "status-scheduled": ("Prévue", "Scheduled"),
        "status-moved": ("Déplacée", "Moved"),
        "no-sessions": ("Aucune séance.", "No session."),
        "counts-only": (
            "Des effectifs seulement : les noms et coordonnées des personnes inscrites ne sont pas affichés ici.",
            "Counts only: the names and contact details of the people registered are not shown here."
        ),
        "campaign-report": ("Rapport de cette campagne", "This campaign's report"),
        "calendar-loaded": ("Calendrier chargé", "Calendar loaded"),
        "calendar-unchanged": (
            "Le calendrier est le même que celui déjà chargé : rien n'a changé.", "The calendar is the one already loaded: nothing changed."
        ),
        "saved-as": ("Enregistré dans le dossier des calendriers sous", "Saved in the calendars folder as"),
        "events-added": ("Évènements ajoutés", "Events added"),
        "events-updated": ("Évènements modifiés", "Events updated"),
        "events-removed": ("Évènements retirés", "Events removed"),
        "sessions-added": ("Séances ajoutées", "Sessions added"),
        "sessions-moved": ("Séances déplacées", "Sessions moved"),
        "sessions-cancelled": ("Séances annulées", "Sessions cancelled"),
        "sessions-reinstated": ("Séances rétablies", "Sessions reinstated"),
        "sessions-unchanged": ("Séances inchangées", "Sessions unchanged"),
        "truncated-events": (
            "Ces évènements se répètent au-delà des séances créées (horizon ou plafond) ; recharger le fichier plus tard en crée d'autres :",
            "These events repeat beyond the sessions generated (horizon or cap); uploading the file again later generates more:"
        ),
        "see-sessions": ("Voir les séances de la campagne", "See the campaign's sessions"),
        "calendar-refused": ("Calendrier refusé", "Calendar refused"),
        "problems-intro": ("Rien n'a été chargé. Corrigez dans le fichier", "Nothing was loaded. Correct in the file"),
        "problems-count-1": ("ce problème, puis chargez-le de nouveau :", "this problem, then upload it again:"),
        "problems-count-n": ("ces problèmes, puis chargez-le de nouveau :", "these problems, then upload it again:"),
        "line": ("Ligne", "Line"),
        "whole-file": ("Tout le fichier", "The whole file"),
        "folder-not-writable": ("Calendrier non enregistré", "Calendar not saved"),
        "folder-not-writable-text": (
            "Relais ne peut pas écrire dans le dossier des calendriers ; rien n'a été chargé. Prévenez l'administrateur :",
            "Relais cannot write in the calendars folder; nothing was loaded. Tell the administrator:"
        ),
        "report-form": ("Choisir le rapport", "Choose the report"),
        "year": ("Année", "Year"),
        "to-excluded": ("Au (exclu)", "To (excluded)"),
        "period-note": (
            "Une année, ou deux dates ; sans rien, l'année en cours.", "A year, or two dates; with neither, the current year."
        ),
        "sheet": ("Fiche action", "Action sheet"),
        "sheet-all": ("Toutes les fiches", "Every sheet"),
        "sheet-outreach": ("Rappels", "Reminders"),
        "unmasked": ("Effectifs non masqués (CONFIDENTIEL)", "Counts unmasked (CONFIDENTIAL)"),
        "show-report": ("Afficher", "Show"),
        "download": ("Télécharger :", "Download:"),
        "report-in-french": (
            "Les rapports sont rédigés en français, comme le comité de pilotage les lit.",
            "Reports are written in French, as the steering committee reads them."
        ),
    ]
}
