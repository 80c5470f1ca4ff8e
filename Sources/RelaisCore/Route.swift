// Route: the shape of one leg of an on-demand shuttle run, asked and answered.
//
// A door-to-door run collects its passengers from their communes and takes them to one destination
// (outbound), then brings them back (return). Places are INSEE commune codes: a door address or a
// named pickup point counts as its commune, and travel minutes come from TravelTimes. Times are whole
// minutes relative to the leg's anchor, never clock times, so that the core stays free of calendars:
//
//   outbound  the target arrival at the destination is 0; pickups and the depot departure are negative.
//   return    the departure from the destination is 0; drop-offs and the return to the depot are positive.
//
// A stop's offset is when the vehicle reaches it; boarding (or alighting) takes `boardingMinutes`, or
// `boardingMinutesWheelchair` for a wheelchair. A passenger's ride counts from the vehicle reaching their
// pickup to reaching the destination (outbound), or from leaving the destination to the end of their
// own alighting (return): their own boarding counts, so that the two legs mirror each other exactly.
// RoutePlanner.swift chooses the order; RouteSchedule.swift works out the times of an order.

import Foundation

/// One passenger of a leg: the booking they hold and the commune they are picked up in (or set down in).
public struct RoutePassenger: Sendable, Equatable, Hashable {
    /// The booking's id; ids tell passengers apart and break the last ties between routes.
    public var booking: Int64
    /// The INSEE code of the commune of their pickup point or door address.
    public var commune: String
    /// A wheelchair takes longer to board and to set down.
    public var wheelchair: Bool

    public init(booking: Int64, commune: String, wheelchair: Bool = false) {
        self.booking = booking
        self.commune = commune
        self.wheelchair = wheelchair
    }
}

/// The limits of a leg: the longest ride and how long people take to get on and off.
public struct RouteRules: Sendable, Equatable {
    /// The longest time on board for everyone (`[transport] max_ride_minutes`); nil: per passenger,
    /// their direct time to the destination × 1.5 (rounded down) + 20 minutes, never over 150.
    public var maxRideMinutes: Int?
    /// `[transport] boarding_minutes`: getting on (outbound) or off (return).
    public var boardingMinutes: Int
    /// `[transport] boarding_minutes_wheelchair`: the same with a wheelchair.
    public var boardingMinutesWheelchair: Int

    /// The ceiling of the per-passenger default limit.
    public static let defaultRideCeilingMinutes = 150

    public init(maxRideMinutes: Int? = nil, boardingMinutes: Int = 2, boardingMinutesWheelchair: Int = 5) {
        self.maxRideMinutes = maxRideMinutes
        self.boardingMinutes = boardingMinutes
        self.boardingMinutesWheelchair = boardingMinutesWheelchair
    }

    /// The longest ride allowed to a passenger whose direct time to the destination is `directMinutes`.
    public func rideLimit(directMinutes: Int) -> Int {
        maxRideMinutes ?? min(Self.defaultRideCeilingMinutes, directMinutes + directMinutes / 2 + 20)
    }

    /// The minutes a passenger takes to get on or off.
    public func boarding(wheelchair: Bool) -> Int { wheelchair ? boardingMinutesWheelchair : boardingMinutes }
}

/// One leg to plan: where the vehicle starts and ends, where everyone goes, who travels, and the limits.
public struct RouteProblem: Sendable, Equatable {
    /// The INSEE code of the commune the vehicle starts from and returns to.
    public var depot: String
    /// The INSEE code of the destination's commune.
    public var destination: String
    /// Who travels on this leg, in any order.
    public var passengers: [RoutePassenger]
    public var rules: RouteRules
    /// Outbound: the minutes (negative) in which the vehicle may leave the depot; a route that would
    /// have to leave before the window opens is infeasible (one that could leave after it closes waits).
    /// Return: the minutes (positive) in which the vehicle may be back at the depot; a route back after
    /// the window closes is infeasible. nil: no window.
    public var departureWindowMinutes: ClosedRange<Int>?

    public init(
        depot: String, destination: String, passengers: [RoutePassenger], rules: RouteRules = RouteRules(),
        departureWindowMinutes: ClosedRange<Int>? = nil
    ) {
        self.depot = depot
        self.destination = destination
        self.passengers = passengers
        self.rules = rules
        self.departureWindowMinutes = departureWindowMinutes
    }
}

/// Which leg of a run: the outbound pickups, or the return drop-offs.
public enum RouteLeg: String, Sendable, Equatable, CaseIterable {
    case outbound
    case `return`
}

/// A pickup (outbound) or a drop-off (return) of a planned route.
public struct PlannedStop: Sendable, Equatable {
    public var booking: Int64
    public var commune: String
    /// When the vehicle reaches the stop, in minutes from the leg's anchor (negative outbound).
    public var offsetMinutes: Int
    /// The passenger's time on board (see the file's header for what counts).
    public var rideMinutes: Int

    public init(booking: Int64, commune: String, offsetMinutes: Int, rideMinutes: Int) {
        self.booking = booking
        self.commune = commune
        self.offsetMinutes = offsetMinutes
        self.rideMinutes = rideMinutes
    }
}

/// The order and times of one leg.
public struct PlannedRoute: Sendable, Equatable {
    /// The stops in the order the vehicle makes them.
    public var stops: [PlannedStop]
    /// Outbound: when the vehicle leaves the depot (negative); return: when it is back there.
    public var depotOffsetMinutes: Int
    /// The vehicle's time from the depot to the destination (outbound) or back (return), stops included.
    public var vehicleMinutes: Int
    /// The longest ride of the leg; 0 without passengers.
    public var longestRideMinutes: Int

    public init(stops: [PlannedStop], depotOffsetMinutes: Int, vehicleMinutes: Int, longestRideMinutes: Int) {
        self.stops = stops
        self.depotOffsetMinutes = depotOffsetMinutes
        self.vehicleMinutes = vehicleMinutes
        self.longestRideMinutes = longestRideMinutes
    }
}

/// Why no order serves a leg, shown on the route the vehicle would drive without limits (its least
/// total time): the passenger furthest over their limit, or the depot time outside the window.
public struct RouteInfeasibility: Sendable, Equatable {
    /// What is too long.
    public enum Reason: String, Sendable, Equatable {
        /// `booking`'s ride would be `rideMinutes`, over its `limitMinutes`.
        case rideTooLong = "ride-too-long"
        /// The vehicle would need `rideMinutes` from the depot (outbound) or back to it (return), more than
        /// the `limitMinutes` the window leaves; `booking` is the first pickup (or the last drop-off).
        case outsideWindow = "outside-window"
    }

    public var booking: Int64
    public var rideMinutes: Int
    public var limitMinutes: Int
    public var reason: Reason

    public init(booking: Int64, rideMinutes: Int, limitMinutes: Int, reason: Reason = .rideTooLong) {
        self.booking = booking
        self.rideMinutes = rideMinutes
        self.limitMinutes = limitMinutes
        self.reason = reason
    }
}

/// A leg planned, or why it cannot be.
public enum RouteOutcome: Sendable, Equatable {
    case feasible(PlannedRoute)
    case infeasible(RouteInfeasibility)
    /// More passengers than the exact method plans (`RoutePlanner.maximumPassengers`): not planned at all.
    case tooManyPassengers(count: Int, maximum: Int)

    /// The route when there is one.
    public var route: PlannedRoute? {
        if case .feasible(let route) = self { route } else { nil }
    }
}
