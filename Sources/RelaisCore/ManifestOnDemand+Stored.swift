// ManifestOnDemand+Stored: the planned legs of a door-to-door run rebuilt from what the store kept
// of them (each booking's pickup or drop-off order and time), so the driver's sheet shows the route
// the passengers were told, not one planned again at print time.
//
// The store keeps the stops, not the vehicle's depot times; they follow from the travel times the
// route was planned with: outbound, the first pickup less the drive from the depot; return, the last
// drop-off plus its boarding and the drive back (RouteSchedule's arithmetic). Without travel times
// the depot time is the first pickup (outbound) or the last drop-off (return).

import Foundation

/// One booking's stop as the store kept it, in minutes from its leg's anchor.
public struct StoredRouteStop: Sendable, Equatable {
    public var booking: Int64
    /// INSEE code.
    public var commune: String
    /// 1, 2, ... in the vehicle's order.
    public var order: Int
    /// Minutes from the leg's anchor (negative outbound).
    public var offsetMinutes: Int
    public var rideMinutes: Int
    public var wheelchair: Bool

    public init(booking: Int64, commune: String, order: Int, offsetMinutes: Int, rideMinutes: Int, wheelchair: Bool) {
        self.booking = booking
        self.commune = commune
        self.order = order
        self.offsetMinutes = offsetMinutes
        self.rideMinutes = rideMinutes
        self.wheelchair = wheelchair
    }
}

extension PlannedRoute {
    /// The outbound leg of stored stops (any order given; sorted by their stored order).
    public static func storedOutbound(
        _ stops: [StoredRouteStop], depot: String, destination: String, times: TravelTimes?
    ) -> PlannedRoute {
        let sorted = stops.sorted { ($0.order, $0.booking) < ($1.order, $1.booking) }
        let first = sorted.first
        let drive = times?.minutes(from: depot, to: first?.commune ?? destination) ?? 0
        let depotOffset = (first?.offsetMinutes ?? 0) - drive
        return PlannedRoute(
            stops: sorted.map(\.planned), depotOffsetMinutes: depotOffset, vehicleMinutes: -depotOffset,
            longestRideMinutes: sorted.map(\.rideMinutes).max() ?? 0)
    }

    /// The return leg of stored stops; `rules` gives the last passenger's boarding minutes.
    public static func storedReturn(
        _ stops: [StoredRouteStop], depot: String, destination: String, times: TravelTimes?, rules: RouteRules
    ) -> PlannedRoute {
        let sorted = stops.sorted { ($0.order, $0.booking) < ($1.order, $1.booking) }
        let depotOffset: Int
        if let last = sorted.last {
            depotOffset =
                last.offsetMinutes + rules.boarding(wheelchair: last.wheelchair)
                + (times?.minutes(from: last.commune, to: depot) ?? 0)
        } else {
            depotOffset = times?.minutes(from: destination, to: depot) ?? 0
        }
        return PlannedRoute(
            stops: sorted.map(\.planned), depotOffsetMinutes: depotOffset, vehicleMinutes: depotOffset,
            longestRideMinutes: sorted.map(\.rideMinutes).max() ?? 0)
    }
}

extension StoredRouteStop {
    var planned: PlannedStop {
        PlannedStop(booking: booking, commune: commune, offsetMinutes: offsetMinutes, rideMinutes: rideMinutes)
    }
}
