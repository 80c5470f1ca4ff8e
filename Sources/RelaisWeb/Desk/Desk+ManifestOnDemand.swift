// Desk+ManifestOnDemand: the driver's sheet of an on-demand (door-to-door) run for the desk, from
// the route recorded at booking (Store+ShuttleOnDemandManifest): pickups in the vehicle's order with
// their times, then the return's drop-offs. A CCAS sees its own residents only. The desk has no
// commune coordinates, so its sheet carries no map (`relais transport manifest --format html` has one).

import Foundation
import RelaisCore
import RelaisStore

extension Desk {
    /// The door-to-door sheet of run `id`, or nil when it is a fixed-stop run.
    public func onDemandManifest(_ agent: Agent, run id: Int64) throws -> OnDemandManifest? {
        try agent.require(.shuttle)
        let context = makeContext(clock(), agent.login)
        let sheet = try pool.withStore { store in try refusing { try store.onDemandSheet(run: id, scope: agent.scope) } }
        return sheet?.manifest(
            calendar: localTime.calendar, times: context.travelTimes, rules: context.routeRules,
            communeName: { communeName(code: $0) }, map: [])
    }
}
