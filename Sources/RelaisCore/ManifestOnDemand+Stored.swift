// ManifestOnDemand+Stored: the planned legs of a door-to-door run rebuilt from what the store kept
// of them (each booking's pickup or drop-off order and time), so the driver's sheet shows the route
// the passengers were told, not one planned again at print time.
//
// The store keeps the stops, not the vehicle's depot times; they follow from the travel times the
// route was planned with: outbound, the first pickup less the drive from the depot; return, the last
// drop-off plus its boarding and the drive back (RouteSchedule's arithmetic). Without travel times
// the depot time is the first pickup (outbound) or the last drop-off (return).

import Foundation

/// One booking's stop as the store kept it: the stop as planned, in minutes from its leg's anchor,
/// with its place in the vehicle's order.
public struct StoredRouteStop: Sendable, Equatable {
    public var stop: PlannedStop
    /// 1, 2, ... in the vehicle's order.
    public var order: Int
    public var wheelchair: Bool

    public init(_ stop: PlannedStop, order: Int, wheelchair: Bool) {
        self.stop = stop
        self.order = order
        self.wheelchair = wheelchair
    }
}

extension PlannedRoute {
    /// The outbound leg of stored stops (any order given; sorted by their stored order).
    public static func storedOutbound(
        _ stops: [StoredRouteStop], depot: String, destination: String, times: TravelTimes?
    ) -> PlannedRoute {
        let sorted = stops.sorted { ($0.order, $0.stop.booking) < ($1.order, $1.stop.booking) }
        let first = sorted.first?.stop
        let drive = times?.minutes(from: depot, to: first?.commune ?? destination) ?? 0
        let depotOffset = (first?.offsetMinutes ?? 0) - drive
        return PlannedRoute(
            stops: sorted.map(\.stop), depotOffsetMinutes: depotOffset, vehicleMinutes: -depotOffset,
            longestRideMinutes: sorted.map(\.stop.rideMinutes).max() ?? 0)
    }

    /// The return leg of stored stops; `rules` gives the last passenger's boarding minutes.
    public static func storedReturn(
        _ stops: [StoredRouteStop], depot: String, destination: String, times: TravelTimes?, rules: RouteRules
    ) -> PlannedRoute {
        let sorted = stops.sorted { ($0.order, $0.stop.booking) < ($1.order, $1.stop.booking) }
        let depotOffset: Int
        if let last = sorted.last {
            depotOffset =
                last.stop.offsetMinutes + rules.boarding(wheelchair: last.wheelchair)
                + (times?.minutes(from: last.stop.commune, to: depot) ?? 0)
        } else {
            depotOffset = times?.minutes(from: destination, to: depot) ?? 0
        }
        return PlannedRoute(
            stops: sorted.map(\.stop), depotOffsetMinutes: depotOffset, vehicleMinutes: depotOffset,
            longestRideMinutes: sorted.map(\.stop.rideMinutes).max() ?? 0)
    }
}
