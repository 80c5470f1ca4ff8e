// Desk+Communes: the name the desk shows for a commune code the database holds. The territory's
// name when it lists the commune; otherwise (a commune merged away, whose people and bookings
// stay) the last name the database knew for it, read only in that case.

import Foundation
import RelaisCore
import RelaisStore

extension Desk {
    /// The name of the commune of a stored INSEE code; one the territory no longer lists by its last known name.
    public func communeName(code: String) -> String {
        if let listed = territory.commune(code: code) { return listed.name }
        let known = try? pool.withStore { try $0.storedCommuneNames() }
        return territory.communeName(code: code, known: known ?? [:])
    }
}
