// The times of an order a coordinator fixes (RoutePlanner.fixed), on RoutePlannerTests' tied map:
// the planner's own order gives the planner's route; an order that puts a passenger over their limit
// is answered infeasible naming them and their ride; an order that leaves someone out or names a
// stranger is not an order of the leg.

import Testing

@testable import RelaisCore

@Suite struct RoutePlannerFixedTests {
    typealias Map = RoutePlannerTests

    func problem(limit: Int?, window: ClosedRange<Int>? = nil) -> RouteProblem {
        RouteProblem(
            depot: Map.depot, destination: Map.destination,
            passengers: [RoutePassenger(booking: 1, commune: Map.a), RoutePassenger(booking: 2, commune: Map.b)],
            rules: RouteRules(maxRideMinutes: limit), departureWindowMinutes: window)
    }

    @Test func thePlannersOwnOrderGivesThePlannersRouteOnBothLegs() throws {
        for leg in RouteLeg.allCases {
            let planned = try #require(try RoutePlanner.plan(problem(limit: nil), leg: leg, times: Map.tied).route)
            let order = planned.stops.map(\.booking)
            #expect(try RoutePlanner.fixed(problem(limit: nil), order: order, leg: leg, times: Map.tied) == .feasible(planned))
        }
    }

    @Test func anOrderPuttingAPassengerOverTheLimitIsInfeasibleNamingThem() throws {
        // A then B: B rides 2 + 20 = 22, A 22 + 2 + 10 = 34, over 25. B then A: A 12, B 24: within it.
        #expect(
            try RoutePlanner.fixed(problem(limit: 25), order: [1, 2], leg: .outbound, times: Map.tied)
                == .infeasible(RouteInfeasibility(booking: 1, rideMinutes: 34, limitMinutes: 25)))
        let route = try #require(try RoutePlanner.fixed(problem(limit: 25), order: [2, 1], leg: .outbound, times: Map.tied)?.route)
        #expect(route.stops.map(\.offsetMinutes) == [-24, -12] && route.vehicleMinutes == 39)
        // The same order with a window that opens too late for it: the depot time is named.
        #expect(
            try RoutePlanner.fixed(problem(limit: 25, window: -30...(-10)), order: [2, 1], leg: .outbound, times: Map.tied)
                == .infeasible(RouteInfeasibility(booking: 2, rideMinutes: 39, limitMinutes: 30, reason: .outsideWindow)))
    }

    @Test func anOrderThatIsNotEveryPassengerOnceIsNotAnOrderOfTheLeg() throws {
        for order: [Int64] in [[1], [1, 2, 3], [1, 1], [2, 3]] {
            #expect(try RoutePlanner.fixed(problem(limit: nil), order: order, leg: .outbound, times: Map.tied) == nil, "\(order)")
        }
    }
}
