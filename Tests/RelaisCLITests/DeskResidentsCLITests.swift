// Editing residents and duplicates on the desk, through `relais serve` and curl: the edit form
// keeps what was typed when refused; a CCAS agent can neither see nor edit another commune's
// resident by any URL or API id, nor move its own to another commune; a duplicate links to the
// resident the agent may see, and says only "another commune" otherwise; unticking a consent
// cancels the messages waiting on that channel.

import Foundation
import RelaisTestPeers
import Testing

/// curl with a bearer token and a JSON body against a DeskSite; the body parsed as JSON when it is.
func deskAPI(_ site: DeskSite, _ method: String, _ path: String, token: String? = nil, json: String? = nil) throws -> (
    status: Int, body: [String: Any]
) {
    var arguments = ["-X", method]
    if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
    if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
    let answer = try site.client("api").curl(arguments + [site.client("api").url(path)])
    return (answer.status, (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]) ?? [:])
}

/// An API token for `login`.
func deskToken(_ site: DeskSite, _ login: String) throws -> String {
    let signedIn = try deskAPI(site, "POST", "/api/v1/session", json: #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#)
    return try #require(signedIn.body["token"] as? String, "\(signedIn)")
}

/// The form's error box of a page, or "".
func formProblem(_ answer: HTTPAnswer) -> String {
    guard let range = answer.body.range(of: #"<p id="form-error"[^>]*>[^<]*</p>"#, options: .regularExpression) else { return "" }
    return String(answer.body[range])
}

@Suite(.serialized) struct DeskResidentsCLITests {
    func rows(_ site: DeskSite, _ sql: String) throws -> String {
        try site.workspace.run("/usr/bin/sqlite3", [site.workspace.database, sql]).output
    }

    @Test func anEditRefusedKeepsWhatWasTypedAndAnEditAcceptedIsSavedAndAudited() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let page = try gex.get("/residents/1/edit")
        #expect(page.status == 200 && page.body.contains("<form id=\"resident-edit\" method=\"post\" action=\"/residents/1/edit\">"))
        #expect(page.body.contains("value=\"Résident Gex 0\"") && page.body.contains("value=\"+33611223300\""))
        #expect(page.body.contains("id=\"consent_sms\" name=\"consent_sms\" type=\"checkbox\" checked"))
        #expect(!page.body.contains("<select id=\"commune\""), "a CCAS agent's form has no commune field")
        let before = try site.workspace.dump()
        let typed = [
            ("name", "Jeanne Nouvelle"), ("phone", "12 34"), ("email", "jeanne@example.fr"), ("birth_year", "1951"),
            ("language", "en"), ("consent_sms", "on"),
        ]
        let refused = try gex.submit("/residents/1/edit", from: "/residents/1/edit", typed)
        #expect(refused.status == 422)
        #expect(formProblem(refused).contains("Téléphone : « 12 34 » n&#39;est pas un numéro reconnu"), "\(formProblem(refused))")
        for (name, value) in typed where name != "consent_sms" && name != "language" {
            #expect(refused.body.contains("name=\"\(name)\" type=") && refused.body.contains("value=\"\(value)\""), "\(name) kept")
        }
        #expect(refused.body.contains("<option value=\"en\" selected>"), "language kept")
        #expect(try site.workspace.dump() == before)

        let saved = try gex.submit(
            "/residents/1/edit", from: "/residents/1/edit",
            [
                ("name", "Jeanne Nouvelle"), ("phone", "06 11 22 33 99"), ("email", ""), ("birth_year", "1951"), ("language", "en"),
                ("consent_sms", "on"),
            ])
        #expect(saved.status == 303 && saved.headers["location"] == "/residents/1", "\(saved.status) \(formProblem(saved))")
        let shown = try gex.get("/residents/1")
        #expect(shown.body.contains("<h1 id=\"resident-name\">Jeanne Nouvelle</h1>") && shown.body.contains("+33611223399"))
        #expect(shown.body.contains("<a id=\"edit-resident\" class=\"button\" href=\"/residents/1/edit\">"))
        #expect(
            try rows(site, "SELECT name, phone, birth_year, language FROM participant WHERE id = 1")
                == "Jeanne Nouvelle|+33611223399|1951|en\n")
        #expect(
            try rows(site, "SELECT account, action, detail FROM audit_log WHERE action = 'participant.edit'")
                == "agent-gex|participant.edit|participant=1 fields=name,phone,birth_year,language\n")
    }

    @Test func aCCASAgentCanNeitherSeeNorEditAnotherCommunesResidentNorMoveItsOwn() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let residents = "SELECT * FROM participant ORDER BY id; SELECT * FROM consent ORDER BY participant, channel"
        let before = try rows(site, residents)
        let cessy = try site.signedIn("agent-cessy")
        #expect(try cessy.get("/residents/1/edit").status == 404)
        #expect(try cessy.submit("/residents/1/edit", from: "/residents", [("name", "Volé")]).status == 404)
        #expect(try cessy.submit("/residents/999/edit", from: "/residents", [("name", "Volé")]).status == 404)
        let cessyToken = try deskToken(site, "agent-cessy")
        #expect(try deskAPI(site, "PATCH", "/api/v1/residents/1", token: cessyToken, json: #"{"name": "Volé"}"#).status == 404)
        #expect(try deskAPI(site, "PATCH", "/api/v1/residents/2", token: cessyToken, json: #"{"commune": "Cessy"}"#).status == 404)

        // Its own resident stays in its commune, by the page or the API.
        let gex = try site.signedIn("agent-gex")
        let moved = try gex.submit("/residents/1/edit", from: "/residents/1/edit", [("name", "Résident Gex 0"), ("commune", "Cessy")])
        #expect(moved.status == 422)
        #expect(formProblem(moved).contains("Commune : Un résident ne peut être déplacé que vers ou depuis votre commune, pas Cessy."))
        let gexToken = try deskToken(site, "agent-gex")
        let movedByAPI = try deskAPI(site, "PATCH", "/api/v1/residents/1", token: gexToken, json: #"{"commune": "Cessy"}"#)
        #expect(movedByAPI.status == 422 && movedByAPI.body["error"] as? String == "commune-outside-scope", "\(movedByAPI)")
        #expect(movedByAPI.body["field"] as? String == "commune")
        #expect(try rows(site, residents) == before)
        #expect(try rows(site, "SELECT count(*) FROM audit_log WHERE action = 'participant.edit'") == "0\n")

        // The coordinator may, and the API answers the resident as they are now.
        let coordinator = try deskToken(site, "coordination")
        let edited = try deskAPI(
            site, "PATCH", "/api/v1/residents/1", token: coordinator, json: #"{"commune": "Cessy", "consent_sms": false}"#)
        #expect(edited.status == 200 && edited.body["commune"] as? String == "cessy" && edited.body["consents"] as? [String] == [])
        #expect(try cessy.get("/residents/1").status == 200 && gex.get("/residents/1").status == 404)
    }

    @Test func aDuplicateLinksToTheResidentTheAgentMaySeeAndOnlySaysAnotherCommuneOtherwise() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let duplicate = try gex.submit(
            "/residents", from: "/residents/new", [("name", "Paul Dupont"), ("phone", "06 11 22 33 01"), ("consent_sms", "on")])
        #expect(duplicate.status == 422)
        #expect(formProblem(duplicate).contains("Le résident n° 2 a déjà ce numéro de téléphone."), "\(formProblem(duplicate))")
        #expect(duplicate.body.contains("<a id=\"duplicate-link\" href=\"/residents/2\">"))
        #expect(duplicate.body.contains("id=\"allow_duplicate\" name=\"allow_duplicate\" type=\"checkbox\""))
        #expect(duplicate.body.contains("value=\"Paul Dupont\""))
        let allowed = try gex.submit(
            "/residents", from: "/residents/new",
            [("name", "Paul Dupont"), ("phone", "06 11 22 33 01"), ("consent_sms", "on"), ("allow_duplicate", "on")])
        #expect(allowed.status == 303 && allowed.headers["location"] == "/residents/6", "\(formProblem(allowed))")

        // Editing into another's number is refused the same way.
        let edited = try gex.submit(
            "/residents/1/edit", from: "/residents/1/edit", [("name", "Résident Gex 0"), ("phone", "0611223302"), ("consent_sms", "on")])
        #expect(edited.status == 422 && edited.body.contains("<a id=\"duplicate-link\" href=\"/residents/3\">"))

        // Cessy's agent typing a Gex resident's number learns no id, no name.
        let cessy = try site.signedIn("agent-cessy")
        let elsewhere = try cessy.submit(
            "/residents", from: "/residents/new", [("name", "Anne Martin"), ("phone", "06 11 22 33 00")])
        #expect(elsewhere.status == 422)
        #expect(
            formProblem(elsewhere).contains("Ce numéro de téléphone est déjà celui d&#39;un résident d&#39;une autre commune."),
            "\(formProblem(elsewhere))")
        #expect(
            !elsewhere.body.contains("duplicate-link") && !elsewhere.body.contains("/residents/1\"") && !elsewhere.body.contains("Gex 0"))

        // The API: 409, with the id only for the resident the agent may see.
        let gexToken = try deskToken(site, "agent-gex")
        let api = try deskAPI(site, "POST", "/api/v1/residents", token: gexToken, json: #"{"name": "P", "phone": "0611223300"}"#)
        #expect(api.status == 409 && api.body["error"] as? String == "duplicate-resident" && api.body["existing"] as? Int == 1, "\(api)")
        #expect(api.body["field"] as? String == "phone")
        let cessyToken = try deskToken(site, "agent-cessy")
        let hidden = try deskAPI(site, "POST", "/api/v1/residents", token: cessyToken, json: #"{"name": "P", "phone": "0611223300"}"#)
        #expect(hidden.status == 409 && hidden.body["error"] as? String == "duplicate-resident-in-another-commune", "\(hidden)")
        #expect(hidden.body["existing"] is NSNull, "no id for another commune's resident: \(hidden)")
        let patched = try deskAPI(site, "PATCH", "/api/v1/residents/4", token: cessyToken, json: #"{"phone": "0611223300"}"#)
        #expect(patched.status == 409 && patched.body["existing"] is NSNull, "\(patched)")
        let again = try deskAPI(
            site, "POST", "/api/v1/residents", token: cessyToken, json: #"{"name": "P", "phone": "0611223300", "allow_duplicate": true}"#)
        #expect(again.status == 201, "\(again)")
    }

    @Test func uncheckingAConsentWithdrawsItAndCancelsWhatWaitsOnThatChannel() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let booked = try gex.submit("/runs/\(site.transport.run)/book", from: "/runs/\(site.transport.run)", [("resident", "1")])
        #expect(booked.status == 303)
        let waiting = "SELECT kind || ' ' || state FROM outbox WHERE participant = 1 AND channel = 'sms' ORDER BY id"
        #expect(try rows(site, waiting) == "shuttle-reminder queued\n")
        let withdrawn = try gex.submit(
            "/residents/1/edit", from: "/residents/1/edit", [("name", "Résident Gex 0"), ("phone", "06 11 22 33 00")])
        #expect(withdrawn.status == 303, "\(formProblem(withdrawn))")
        #expect(try rows(site, waiting) == "shuttle-reminder cancelled\n")
        #expect(try rows(site, "SELECT reason FROM outbox WHERE participant = 1") == "consent withdrawn\n")
        #expect(try rows(site, "SELECT granted, source FROM consent WHERE participant = 1") == "0|CCAS desk (agent-gex)\n")
        let page = try gex.get("/residents/1")
        #expect(page.body.contains("par SMS : retiré le lundi 1er mars 2027 (CCAS desk (agent-gex))"), "\(page.body)")
        // Ticked again: given today, at this desk.
        _ = try gex.submit(
            "/residents/1/edit", from: "/residents/1/edit",
            [("name", "Résident Gex 0"), ("phone", "06 11 22 33 00"), ("consent_sms", "on")])
        #expect(try rows(site, "SELECT granted, source FROM consent WHERE participant = 1") == "1|CCAS desk (agent-gex)\n")
        #expect(
            try rows(site, "SELECT detail FROM audit_log WHERE action = 'participant.edit' ORDER BY id")
                == "participant=1 fields=consent sms=withdrawn\nparticipant=1 fields=consent sms=granted\n")
    }
}
