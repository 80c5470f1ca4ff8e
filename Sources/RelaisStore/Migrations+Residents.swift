// Migrations+Residents: schema step 11, kept beside the other steps' list in Migrations.swift
// (append-only, never edited once shipped).
//
// Registering or editing a resident looks, in its transaction, for another resident with the same
// phone number or e-mail address (Store+Residents.swift). Phones are stored in E.164 and found by
// step 1's index; e-mail addresses keep the case of their local part as typed, so they are compared
// as `lower(email)`, which step 1's index on `email` cannot serve. An index on the expression can:
// "an index on an expression will be used whenever the same expression appears in the WHERE clause"
// (https://www.sqlite.org/expridx.html). `relais optout` matches addresses the same way.

extension Migrations {
    static let residentsStep = """
        CREATE INDEX participant_by_lower_email ON participant(lower(email));
        """
}
