// Migrations+CalendarDefaults: schema step 14, kept beside the other steps' list in Migrations.swift
// (append-only, never edited once shipped).
//
// A calendar exported from a planner's application says neither its action sheets nor its Relais
// categories; `relais campaigns load FILE --fa 7 --category screening` gives them. The daemon and
// the desk load the same file again later without those options, so the defaults a campaign was
// loaded with are kept here, one row per campaign, and applied to the next load of its file when
// neither the file nor a sidecar FILE.relais says otherwise (CalendarDefaults). `action_sheets` is
// NULL when none was given, else sheet numbers joined by commas; `categories` are EventCategory
// codes joined by commas, '' when none was given.

extension Migrations {
    static let calendarDefaultsStep = """
        CREATE TABLE campaign_defaults (
            campaign TEXT PRIMARY KEY REFERENCES campaign(id),
            action_sheets TEXT CHECK (action_sheets IS NULL OR (action_sheets GLOB '[0-9]*' AND action_sheets NOT GLOB '*[^0-9,]*')),
            categories TEXT NOT NULL DEFAULT '' CHECK (categories NOT GLOB '*[^a-z,]*')
        ) STRICT;
        """
}
