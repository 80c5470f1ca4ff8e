// RoutePlanner: the order and times of a door-to-door leg, the best for the vehicle among those that
// keep every passenger's ride within its limit.
//
// Among the feasible orders it minimises the vehicle's total time (outbound: depot → pickups →
// destination; return: destination → drop-offs → depot), then the time of the passenger who waits
// longest for nothing (outbound: the first pickup is as late as it can be; return: the last passenger
// is set down as early as they can be), then the booking ids in stop order, so that the same bookings
// always give the same route. When no order is feasible the outcome says why, on the route the vehicle
// would drive without limits (RouteInfeasibility). The method is exact: dynamic programming over
// subsets of passengers (RoutePlanner+Exact.swift); the brute force over every order
// (RoutePlanner+BruteForce.swift) is kept as the oracle the tests prove it against.

import Foundation

/// Plans the legs of on-demand runs (pure: travel times in, route out).
public enum RoutePlanner {
    /// The most passengers a leg is planned for: the exact method's table holds n 2ⁿ entries (20: 21
    /// million). More is answered `.tooManyPassengers`, never a crash; runs hold at most
    /// `maximumOnDemandSeats`, so a booking never meets it.
    public static let maximumPassengers = 20

    /// The pickups of the outbound leg: order and times, arrival at the destination at 0.
    public static func outbound(_ problem: RouteProblem, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        try plan(problem, leg: .outbound, times: times)
    }

    /// The drop-offs of the return leg: order and times, departure from the destination at 0.
    public static func returnLeg(_ problem: RouteProblem, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        try plan(problem, leg: .return, times: times)
    }

    /// Either leg.
    public static func plan(_ problem: RouteProblem, leg: RouteLeg, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        try exact(problem, leg: leg, times: times)
    }
}
