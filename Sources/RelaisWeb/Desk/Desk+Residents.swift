// Desk+Residents: editing a resident, the same for the page's form and the API's PATCH. The core
// judges the change (ResidentEditForm) against the record the store reads in its transaction; the
// store finds the resident only within the agent's scope (another commune's resident is not found,
// whatever the id), refuses duplicates as the agent may be told of them, and audits the change.
// A consent ticked is recorded as given at the CCAS desk by the signed-in account, today.

import Foundation
import RelaisCore
import RelaisStore

extension Desk {
    /// Edits resident `id` of the agent's scope. `wholeForm`: the page's form, which carries every
    /// field (a checkbox left unticked withdraws that consent); otherwise the API's body, where a
    /// property left out keeps its value. An empty phone, e-mail or birth year clears it.
    public func editResident(_ agent: Agent, id: Int64, _ fields: FormFields, wholeForm: Bool) throws -> ResidentEditOutcome {
        try agent.require(.residents)
        let viewer = try agent.scope.commune
        let now = clock()
        let form = Self.editForm(fields, wholeForm: wholeForm, consentSource: "CCAS desk (\(agent.login))")
        let rules = makeContext(now, agent.login).outreach
        return try pool.withStore { store in
            try refusing {
                try store.editParticipant(
                    id, viewer: viewer, allowDuplicate: fields.flag("allow_duplicate"), actor: agent.login, now: now, rules: rules,
                    calendar: localTime.calendar
                ) { current in
                    try form.validated(
                        against: current, viewer: agent.commune, territory: territory, now: now, calendar: localTime.calendar)
                }
            }
        }
    }

    /// The change a form or a JSON body asks for.
    static func editForm(_ fields: FormFields, wholeForm: Bool, consentSource: String) -> ResidentEditForm {
        func value(_ name: String) -> String? { wholeForm ? fields[name] ?? "" : fields[name] }
        var consents: [Channel: Bool] = [:]
        for channel in Channel.allCases {
            let name = "consent_\(channel.rawValue)"
            if wholeForm || fields[name] != nil { consents[channel] = fields.flag(name) }
        }
        return ResidentEditForm(
            name: value("name"), phone: value("phone"), email: value("email"), commune: fields.text("commune"),
            birthYear: value("birth_year"), language: fields.text("language"), consents: consents, consentSource: consentSource)
    }
}
