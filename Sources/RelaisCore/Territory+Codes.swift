// Territory+Codes: from a commune's INSEE code, as the database keeps it, to what people read.
//
// The store keys communes by code; listings, CSV and reports show names, and the JSON of the desk
// and the command line keeps the slug it always gave in `commune` (with the code beside it). A code
// the territory no longer lists (a commune merged away) is shown by the last name the database
// knew for it, which the caller passes in `known`.

import Foundation

extension Territory {
    /// The name to show for a stored commune code: the territory's, else the last known one, else the code.
    public func communeName(code: String, known: [String: String] = [:]) -> String {
        commune(code: code)?.name ?? known[code] ?? code
    }

    /// The slug that JSON has always given for a stored commune code: the territory's, else the
    /// slug of the last known name, else the code itself.
    public func communeSlug(code: String, known: [String: String] = [:]) -> String {
        commune(code: code)?.slug ?? known[code].map(Territory.slug) ?? code
    }

    /// The INSEE code of the commune a QPV lies in (its `commune` names it by slug or by code).
    public func communeCode(of place: PriorityNeighbourhood) -> String? {
        (commune(code: place.commune) ?? commune(slug: place.commune) ?? commune(named: place.commune))?.code
    }
}
