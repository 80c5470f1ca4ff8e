// DeskPages+ResidentEdit: a resident's edit page. The form (id="resident-edit") carries every
// field; a refused form comes back (422) with what was typed and the refusal above it. A phone or
// address another resident has is refused with a link to that resident when the agent may see
// them (id="duplicate-link"), and a box to tick for a real second person (id="allow_duplicate").
// A CCAS agent's form has no commune field: its residents stay in its commune.
//
//   GET /residents/ID/edit    POST /residents/ID/edit (303 to /residents/ID)

import Foundation
import RelaisCore
import RelaisStore

extension DeskPages {
    func saveResident(_ agent: Agent, _ html: DeskHTML, id: Int64, form: FormFields) throws -> Response {
        do {
            let outcome = try desk.editResident(agent, id: id, form, wholeForm: true)
            log(
                "desk resident edited",
                [
                    "participant": String(id), "fields": outcome.changedFields.map(\.rawValue).joined(separator: ","),
                    "cancelled": String(outcome.messagesCancelled),
                ])
            return Self.redirect("/residents/\(id)")
        } catch let error as DeskError {
            guard error.isFormProblem else { throw error }
            return try residentEditPage(agent, html, id: id, values: form, error: error)
        }
    }

    /// The edit form, filled from the record (`values` nil) or with what was typed.
    func residentEditPage(_ agent: Agent, _ html: DeskHTML, id: Int64, values: FormFields?, error: DeskError?) throws -> Response {
        let w = html.wording
        let person = try desk.resident(agent, id: id)
        let values = values ?? Self.values(of: person, territory: desk.territory)
        let labels = [
            "name": w["name"], "phone": w["phone"], "email": w["email"], "commune": w["commune"], "birth_year": w["birth-year"],
            "language": w["language"], "consent": w["consent"],
        ]
        let commune =
            agent.commune == nil
            ? html.select(
                "commune", label: w["commune"], options: desk.territory.communes.map { ($0.name, $0.name) }, selected: values["commune"])
            : "<p>\(html.e(w["commune-fixed"])) : \(html.e(communeName(person.commune)))</p>\n"
        return html.page(
            "\(w["edit-title"]) — \(person.name)", status: error == nil ? 200 : 422, titleID: "edit-title",
            """
            \(html.formError(error, labels: labels, localTime: desk.localTime))<form id="resident-edit" method="post" action="/residents/\(id)/edit">
            \(html.csrfField)
            \(html.input("name", label: w["name"], value: values["name"], extra: "required maxlength=\"120\" autocomplete=\"off\""))\
            \(html.input("phone", label: w["phone"], type: "tel", value: values["phone"], note: w["optional"]))\
            \(html.input("email", label: w["email"], type: "email", value: values["email"], note: w["optional"]))\
            \(commune)\
            \(html.input("birth_year", label: w["birth-year"], type: "number", value: values["birth_year"], extra: "min=\"1900\" max=\"2100\"", note: w["optional"]))\
            \(html.select("language", label: w["language"], options: [("fr", "Français"), ("en", "English")], selected: values["language"]))\
            <fieldset><legend>\(html.e(w["consent"]))</legend>
            <p class="note">\(html.e(w["consent-edit-note"]))</p>
            <p class="note" id="consents-now">\(consentStates(person, html))</p>
            \(html.checkbox("consent_sms", label: w["consent-sms"], checked: values.flag("consent_sms")))\
            \(html.checkbox("consent_email", label: w["consent-email"], checked: values.flag("consent_email")))\
            </fieldset>
            \(duplicateChoice(error, html))<p><button id="resident-save" type="submit">\(html.e(w["save"]))</button> \
            <a id="edit-cancel" href="/residents/\(id)">\(html.e(w["back-to-resident"]))</a></p>
            </form>
            """)
    }

    /// The form's values for the record as it stands.
    static func values(of person: ParticipantRecord, territory: Territory) -> FormFields {
        var values = [
            "name": person.name, "phone": person.phone ?? "", "email": person.email ?? "",
            "commune": territory.communeName(code: person.commune),
            "birth_year": person.birthYear.map(String.init) ?? "", "language": person.language.rawValue,
        ]
        for consent in person.consents where consent.granted { values["consent_\(consent.channel.rawValue)"] = "on" }
        return FormFields(values)
    }

    /// After a duplicate refusal: the link to the other resident (when the agent may see them) and
    /// the box to record a second person anyway. Nothing otherwise.
    func duplicateChoice(_ error: DeskError?, _ html: DeskHTML) -> String {
        let w = html.wording
        var link = ""
        switch error {
        case .refusal(.resident(.duplicate(let existing, _)))?:
            link = "<p><a id=\"duplicate-link\" href=\"/residents/\(existing)\">\(html.e(w["duplicate-open"])) (n° \(existing))</a></p>\n"
        case .refusal(.resident(.duplicateInAnotherCommune))?: break
        default: return ""
        }
        return link + html.checkbox("allow_duplicate", label: w["allow-duplicate"], checked: false)
    }

    /// "par SMS : donné le lundi 1 mars 2027 (CCAS desk (agent-1)) · par e-mail : jamais donné", escaped.
    func consentStates(_ person: ParticipantRecord, _ html: DeskHTML) -> String {
        let w = html.wording
        return Channel.allCases.sorted().map { channel in
            let label = w["consent-\(channel.rawValue)"]
            guard let consent = person.consents.first(where: { $0.channel == channel }) else {
                return html.e("\(label) : \(w["consent-none"])")
            }
            let state = w[consent.granted ? "consent-given" : "consent-withdrawn"]
            let year = desk.localTime.calendar.component(.year, from: consent.recordedAt)
            return html.e("\(label) : \(state) \(w.day(consent.recordedAt, desk.localTime)) \(year) (\(consent.source))")
        }.joined(separator: " · ")
    }
}
