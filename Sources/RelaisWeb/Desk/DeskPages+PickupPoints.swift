// DeskPages+PickupPoints: the pickup-point field of the booking form on an on-demand run, a select
// of the territory's pickup points (NAME.pickup-points.csv, from the route data the desk is given)
// rather than typed text, without JavaScript: a CCAS agent, or a coordinator whose resident is
// already chosen (from the resident's page), gets that commune's points; otherwise one optgroup per
// commune. The first option is the town hall by default (an empty value, as the store takes it).
// A value the list lacks (a refused form's) stays selected, so nothing typed is lost. Without
// route data the field stays the typed text it was.

import Foundation
import RelaisCore

extension DeskPages {
    /// The pickup-point field for `values` (the form as sent, on refusal).
    func pickupPointField(_ agent: Agent, _ html: DeskHTML, values: FormFields) -> String {
        let w = html.wording
        guard let points = desk.routeData().data?.pickups else {
            return html.input("pickup_point", label: w["pickup-point"], value: values["pickup_point"], note: w["pickup-point-note"])
        }
        let groups = pickupGroups(agent, points, values: values)
        let chosen = values["pickup_point"] ?? ""
        func option(_ value: String, _ text: String) -> String {
            "<option value=\"\(html.e(value))\"\(value == chosen ? " selected" : "")>\(html.e(text))</option>"
        }
        var items = [option("", w["pickup-point-default"])]
        let listed = Set(groups.flatMap { $0.points.map(\.name) })
        if !chosen.isEmpty && !listed.contains(chosen) { items.append(option(chosen, chosen)) }
        for group in groups {
            let options = group.points.map { option($0.name, $0.name == $0.address ? $0.name : "\($0.name) — \($0.address)") }
            items.append(
                groups.count == 1 ? options.joined() : "<optgroup label=\"\(html.e(group.name))\">\(options.joined())</optgroup>")
        }
        return """
            <p><label for="pickup_point">\(html.e(w["pickup-point"]))</label>
            <select id="pickup_point" name="pickup_point">\(items.joined())</select></p>

            """
    }

    /// The points to offer: the agent's or the chosen resident's commune's, else every territory commune's, by commune.
    private func pickupGroups(_ agent: Agent, _ points: PickupPoints, values: FormFields) -> [(name: String, points: [PickupPoint])] {
        if let commune = agent.commune ?? chosenResidentCommune(agent, values) {
            return [(commune.name, points.points(inCommune: commune.code))]
        }
        return desk.territory.communes.map { ($0.name, points.points(inCommune: $0.code)) }.filter { !$0.points.isEmpty }
    }

    /// The commune of the resident the form names, when the agent may see them.
    private func chosenResidentCommune(_ agent: Agent, _ values: FormFields) -> Commune? {
        guard let id = values["resident"].flatMap({ Int64($0) }), let person = try? desk.resident(agent, id: id) else { return nil }
        return desk.territory.commune(slug: person.commune) ?? desk.territory.commune(code: person.commune)
    }
}
