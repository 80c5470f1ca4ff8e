// The planner's bound: a leg of more passengers than the exact method plans is answered with a typed
// outcome naming the count and the maximum (the store words it as a refusal), never a crash.

import Testing

@testable import RelaisCore

@Suite struct RoutePlannerLimitTests {
    @Test func aLegOfMoreThanTheMaximumIsAnsweredTooManyPassengersOnBothLegs() throws {
        let times = RoutePlannerTests.tied
        let count = RoutePlanner.maximumPassengers + 1
        let passengers = (1...count).map { RoutePassenger(booking: Int64($0), commune: RoutePlannerTests.a) }
        let problem = RouteProblem(depot: RoutePlannerTests.depot, destination: RoutePlannerTests.destination, passengers: passengers)
        #expect(try RoutePlanner.outbound(problem, times: times) == .tooManyPassengers(count: count, maximum: 20))
        #expect(try RoutePlanner.returnLeg(problem, times: times) == .tooManyPassengers(count: count, maximum: 20))
        #expect(try RoutePlanner.outbound(problem, times: times).route == nil)
        // The seats of an on-demand run keep every booking below it.
        #expect(maximumOnDemandSeats < RoutePlanner.maximumPassengers)
    }
}
