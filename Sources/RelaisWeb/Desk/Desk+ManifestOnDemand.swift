// Desk+ManifestOnDemand: the driver's sheet of an on-demand (door-to-door) run for the desk, from
// the route recorded at booking (Store+ShuttleOnDemandManifest): pickups in the vehicle's order with
// their times and the pickup point's address, then the return's drop-offs. A CCAS sees its own
// residents only. The route data the desk is given (read per request) places the communes on the
// sheet's map and gives the points' addresses; without it the sheet has neither.

import Foundation
import RelaisCore
import RelaisStore

extension Desk {
    /// The door-to-door sheet of run `id`, or nil when it is a fixed-stop run.
    public func onDemandManifest(_ agent: Agent, run id: Int64) throws -> OnDemandManifest? {
        try agent.require(.shuttle)
        let context = makeContext(clock(), agent.login)
        let route = routeData().data
        let sheet = try pool.withStore { store in try refusing { try store.onDemandSheet(run: id, scope: agent.scope) } }
        return sheet?.manifest(
            calendar: localTime.calendar, times: context.travelTimes, points: route?.pickups, rules: context.routeRules,
            communeName: { communeName(code: $0) }, map: route?.geo.positions ?? [])
    }
}
