// DeskPages+Residents: finding, registering and showing residents (editing is in
// DeskPages+ResidentEdit.swift). A CCAS agent sees and registers its own commune's residents only
// (the commune is not even a field of its form); the coordinator picks the commune. A refused form
// comes back with everything typed still in it.

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    func residents(_ agent: Agent, _ html: DeskHTML, _ form: FormFields?, request: Request) throws -> Response {
        let segments = request.pathSegments
        if let form {
            if segments.count == 3, segments[2] == "edit" { return try saveResident(agent, html, id: try Self.id(segments[1]), form: form) }
            guard segments.count == 1 else { throw DeskError.notFound }
            do {
                let id = try desk.addResident(agent, form)
                log("desk resident registered", ["participant": String(id)])
                return Self.redirect("/residents/\(id)")
            } catch let error as DeskError {
                guard error.isFormProblem else { throw error }
                return residentForm(agent, html, values: form, error: error)
            }
        }
        switch segments.count {
        case 1: return try residentList(agent, html, query: request.query["q"])
        case 2 where segments[1] == "new":
            try agent.require(.residents)
            return residentForm(agent, html, values: FormFields(), error: nil)
        case 2: return try resident(agent, html, id: try Self.id(segments[1]))
        case 3 where segments[2] == "edit": return try residentEditPage(agent, html, id: try Self.id(segments[1]), values: nil, error: nil)
        default: throw DeskError.notFound
        }
    }

    private func residentList(_ agent: Agent, _ html: DeskHTML, query: String?) throws -> Response {
        let w = html.wording
        let people = try desk.residents(agent, matching: query)
        let rows = people.map { person in
            [
                "<a href=\"/residents/\(person.id)\">\(html.e(person.name))</a>", html.e(person.phone ?? ""), html.e(person.email ?? ""),
                html.e(desk.communeName(code: person.commune)),
            ]
        }
        let truncated = people.count == Desk.residentListLimit ? "<p class=\"warning\">\(html.e(w["truncated"]))</p>\n" : ""
        let list =
            people.isEmpty
            ? "<p>\(html.e(w["no-residents"]))</p>"
            : html.table(id: "residents", caption: w["residents"], headers: [w["name"], w["phone"], w["email"], w["commune"]], rows: rows)
        return html.page(
            w["residents"],
            """
            <form id="search-form" method="get" action="/residents" role="search">
            \(html.input("q", label: w["search-label"], type: "search", value: query))<p><button type="submit">\(html.e(w["search"]))</button></p>
            </form>
            <p><a id="new-resident" class="button" href="/residents/new">\(html.e(w["new-resident"]))</a></p>
            \(truncated)\(list)
            """)
    }

    private func residentForm(_ agent: Agent, _ html: DeskHTML, values: FormFields, error: DeskError?) -> Response {
        let w = html.wording
        let labels = [
            "name": w["name"], "phone": w["phone"], "email": w["email"], "commune": w["commune"], "birth_year": w["birth-year"],
            "language": w["language"], "consent": w["consent"],
        ]
        let commune =
            agent.commune == nil
            ? html.select(
                "commune", label: w["commune"], options: desk.territory.communes.map { ($0.name, $0.name) }, selected: values["commune"])
            : ""
        return html.page(
            w["new-resident"], status: error == nil ? 200 : 422,
            """
            \(html.formError(error, labels: labels, localTime: desk.localTime))<form id="resident-form" method="post" action="/residents">
            \(html.csrfField)
            \(html.input("name", label: w["name"], value: values["name"], extra: "required maxlength=\"120\" autocomplete=\"off\""))\
            \(html.input("phone", label: w["phone"], type: "tel", value: values["phone"], note: w["optional"]))\
            \(html.input("email", label: w["email"], type: "email", value: values["email"], note: w["optional"]))\
            \(commune)\
            \(html.input("birth_year", label: w["birth-year"], type: "number", value: values["birth_year"], extra: "min=\"1900\" max=\"2100\"", note: w["optional"]))\
            \(html.select("language", label: w["language"], options: [("fr", "Français"), ("en", "English")], selected: values["language"]))\
            <fieldset><legend>\(html.e(w["consent"]))</legend>
            <p class="note">\(html.e(w["consent-note"]))</p>
            \(html.checkbox("consent_sms", label: w["consent-sms"], checked: values.flag("consent_sms")))\
            \(html.checkbox("consent_email", label: w["consent-email"], checked: values.flag("consent_email")))\
            </fieldset>
            \(duplicateChoice(error, html))<p><button id="resident-submit" type="submit">\(html.e(w["register"]))</button></p>
            </form>
            """)
    }

    private func resident(_ agent: Agent, _ html: DeskHTML, id: Int64) throws -> Response {
        let w = html.wording
        let person = try desk.resident(agent, id: id)
        let bookings = try desk.bookings(agent, resident: id)
        let rows = bookings.map { booking in
            [
                "<a href=\"/bookings/\(booking.id)\">\(booking.id)</a>", html.e(w.dateAndTime(booking.runDeparture, desk.localTime)),
                html.e(w["status-\(booking.status.rawValue)"]), html.e(w.euros(booking.fareCents)),
            ]
        }
        return html.page(
            person.name, titleID: "resident-name",
            """
            <dl>
            <dt>\(html.e(w["phone"]))</dt><dd>\(html.e(person.phone ?? "—"))</dd>
            <dt>\(html.e(w["email"]))</dt><dd>\(html.e(person.email ?? "—"))</dd>
            <dt>\(html.e(w["commune"]))</dt><dd>\(html.e(desk.communeName(code: person.commune)))</dd>
            <dt>\(html.e(w["birth-year"]))</dt><dd>\(person.birthYear.map(String.init) ?? "—")</dd>
            <dt>\(html.e(w["language"]))</dt><dd>\(person.language == .english ? "English" : "Français")</dd>
            <dt>\(html.e(w["consent"]))</dt><dd id="resident-consents">\(consentStates(person, html))</dd>
            </dl>
            <p><a id="edit-resident" class="button" href="/residents/\(person.id)/edit">\(html.e(w["edit-resident"]))</a> \
            <a id="book-for-resident" class="button" href="/runs?resident=\(person.id)">\(html.e(w["book-a-run"]))</a></p>
            \(rows.isEmpty ? "<p>\(html.e(w["no-bookings"]))</p>" : html.table(id: "resident-bookings", caption: w["bookings"], headers: [w["booking"], w["departure"], w["status"], w["fare"]], rows: rows))
            \(try residentRegistrations(agent, html, resident: person.id))
            """)
    }
}
