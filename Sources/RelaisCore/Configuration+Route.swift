// Configuration+Route: the values of the `[transport]` keys of on-demand routes (Configuration+Keys
// sets them): a commune given by its INSEE code, and the longest ride.

import Foundation

extension Configuration {
    /// An INSEE commune code such as 01173; empty: none.
    static func communeCode(_ value: String) throws(FieldError) -> String? {
        guard !value.isEmpty else { return nil }
        guard TerritoryFile.isCommuneCode(value) else {
            throw FieldError(field: "value", reason: "\"\(value)\" is not an INSEE commune code such as 01173")
        }
        return value
    }

    /// `max_ride_minutes`: minutes from 10 to 600; empty or 0: the per-passenger default of RouteRules.
    static func rideLimit(_ value: String) throws(FieldError) -> Int? {
        guard !value.isEmpty, value != "0" else { return nil }
        return try number(value, in: 10...600)
    }
}
