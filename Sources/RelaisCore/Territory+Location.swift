// Territory+Location: the commune a free-text LOCATION names, so that an event exported from a
// planner's calendar application (which cannot write X-RELAIS-COMMUNE) still counts in its commune.
//
// A LOCATION is recognised when it names exactly one commune of the territory, as whole words,
// case and accents aside ("Salle des fêtes, Gex", "Mairie\n12 rue de Genève, 01210 Ferney-Voltaire").
// The territory's own name is not a mention ("Maison du Pays de Gex, Ferney-Voltaire" is in
// Ferney-Voltaire, not also in Gex); a name inside a longer commune name is not either. Two
// communes, or none: no commune, as when the calendar says nothing.

import Foundation

extension Territory {
    /// The one commune `location` names, or nil when it names none or several.
    public func commune(mentionedIn location: String) -> Commune? {
        var text = "-" + Territory.slug(location) + "-"
        let own = "-" + Territory.slug(name).replacingOccurrences(of: "-agglo", with: "") + "-"
        text = text.replacingOccurrences(of: own, with: "-")
        let found = communes.filter { text.contains("-" + $0.slug + "-") }
        // A commune whose name lies inside another's found name ("Pouilly" in "Saint-Genis-Pouilly").
        let whole = found.filter { commune in !found.contains { $0.slug != commune.slug && $0.slug.contains(commune.slug) } }
        return whole.count == 1 ? whole[0] : nil
    }
}
