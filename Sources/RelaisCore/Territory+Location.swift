// Territory+Location: the commune a free-text LOCATION names, so that an event exported from a
// planner's calendar application (which cannot write X-RELAIS-COMMUNE) still counts in its commune.
//
// A LOCATION is recognised when it names exactly one commune of the territory, as whole words,
// case and accents aside ("Salle des fêtes, <commune>", "Mairie\n12 rue de la Gare, <postcode> <commune>").
// The territory's own name is not a mention (in a territory named after its chief town, "Maison du
// Pays de <town>, <other commune>" is in the other commune, not also in the town); a name inside a
// longer commune name is not either. Two communes, or none: no commune, as when the calendar says
// nothing.

import Foundation

extension Territory {
    /// The one commune `location` names, or nil when it names none or several.
    public func commune(mentionedIn location: String) -> Commune? {
        var text = "-" + Territory.slug(location) + "-"
        let own = "-" + Territory.slug(name).replacingOccurrences(of: "-agglo", with: "") + "-"
        text = text.replacingOccurrences(of: own, with: "-")
        let found = communes.filter { text.contains("-" + $0.slug + "-") }
        // A commune whose name lies inside another's found name ("Genis" in "Saint-Genis-des-Prés").
        let whole = found.filter { commune in !found.contains { $0.slug != commune.slug && $0.slug.contains(commune.slug) } }
        return whole.count == 1 ? whole[0] : nil
    }
}
