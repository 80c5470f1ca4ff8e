// The route of a door-to-door leg, worked out by hand on four-commune maps small enough to check
// every order on paper: the ride limit, wheelchair boarding, the departure window, the tie-breaks,
// the return leg as the outbound's mirror, and a missing pair refused with what needed it. Each case
// is asked of the planner and of the brute force, which must agree.

import Testing

@testable import RelaisCore

@Suite struct RoutePlannerTests {
    // Depot, destination and three communes (codes only: the map is made up).
    static let depot = "01901", destination = "01902", a = "01903", b = "01904"

    /// D-A 5, D-B 15, D-X 12, A-B 10, A-X 10, B-X 20: picking up A then B costs the vehicle the same
    /// (5 + 2 + 10 + 2 + 20 = 39) as B then A (15 + 2 + 10 + 2 + 10 = 39).
    static let tied = TravelTimes(minutes: [
        (depot, a, 5), (depot, b, 15), (depot, destination, 12), (a, b, 10), (a, destination, 10), (b, destination, 20),
    ])

    func problem(_ passengers: [RoutePassenger], rules: RouteRules = RouteRules(), window: ClosedRange<Int>? = nil) -> RouteProblem {
        RouteProblem(
            depot: Self.depot, destination: Self.destination, passengers: passengers, rules: rules, departureWindowMinutes: window)
    }

    /// The planner's answer, checked equal to the brute force's.
    func plan(_ problem: RouteProblem, _ leg: RouteLeg, _ times: TravelTimes) throws -> RouteOutcome {
        let outcome = try RoutePlanner.plan(problem, leg: leg, times: times)
        #expect(outcome == (try RoutePlanner.bruteForce(problem, leg: leg, times: times)))
        return outcome
    }

    @Test func amongOrdersOfEqualVehicleTimeTheFirstPickupIsTheLatest() throws {
        let outcome = try plan(problem([RoutePassenger(booking: 1, commune: Self.a), RoutePassenger(booking: 2, commune: Self.b)]), .outbound, Self.tied)
        // B then A: B boards at -24 (2 + 10 + 2 + 10), A at -12; A then B would pick A up at -34.
        #expect(
            outcome
                == .feasible(
                    PlannedRoute(
                        stops: [
                            PlannedStop(booking: 2, commune: Self.b, offsetMinutes: -24, rideMinutes: 24),
                            PlannedStop(booking: 1, commune: Self.a, offsetMinutes: -12, rideMinutes: 12),
                        ], depotOffsetMinutes: -39, vehicleMinutes: 39, longestRideMinutes: 24)))
    }

    @Test func theReturnMirrorsTheOutboundAndSetsTheLastPassengerDownEarliest() throws {
        let outcome = try plan(problem([RoutePassenger(booking: 1, commune: Self.a), RoutePassenger(booking: 2, commune: Self.b)]), .return, Self.tied)
        // A then B: A reached at 10, off at 12; B reached at 22, off at 24; back at the depot at 39.
        #expect(
            outcome
                == .feasible(
                    PlannedRoute(
                        stops: [
                            PlannedStop(booking: 1, commune: Self.a, offsetMinutes: 10, rideMinutes: 12),
                            PlannedStop(booking: 2, commune: Self.b, offsetMinutes: 22, rideMinutes: 24),
                        ], depotOffsetMinutes: 39, vehicleMinutes: 39, longestRideMinutes: 24)))
    }

    @Test func passengersAtTheSamePlaceGoInBookingOrder() throws {
        let passengers = [RoutePassenger(booking: 7, commune: Self.a), RoutePassenger(booking: 3, commune: Self.a)]
        let outbound = try #require(try plan(problem(passengers), .outbound, Self.tied).route)
        #expect(outbound.stops.map(\.booking) == [3, 7])
        // Within a commune the vehicle takes same_commune_minutes (5): 7 boards at -12, 3 at -19.
        #expect(outbound.stops.map(\.offsetMinutes) == [-19, -12])
        #expect(try plan(problem(passengers), .return, Self.tied).route?.stops.map(\.booking) == [3, 7])
    }

    @Test func aWheelchairTakesFiveMinutesToBoardAndToSetDown() throws {
        let passengers = [RoutePassenger(booking: 1, commune: Self.a, wheelchair: true)]
        let outbound = try #require(try plan(problem(passengers), .outbound, Self.tied).route)
        #expect(outbound.stops == [PlannedStop(booking: 1, commune: Self.a, offsetMinutes: -15, rideMinutes: 15)])
        #expect(outbound.depotOffsetMinutes == -20)
        let back = try #require(try plan(problem(passengers), .return, Self.tied).route)
        #expect(back.stops == [PlannedStop(booking: 1, commune: Self.a, offsetMinutes: 10, rideMinutes: 15)])
        #expect(back.vehicleMinutes == 20)
        let slower = RouteRules(boardingMinutes: 3, boardingMinutesWheelchair: 8)
        #expect(try plan(problem(passengers, rules: slower), .outbound, Self.tied).route?.stops.first?.rideMinutes == 18)
    }

    /// D-A 2, D-B 40, A-B 40, A-X 4, B-X 40, D-X 5: the vehicle would rather take A first (86 minutes
    /// against 88), but A (direct 4: limit 4 + 2 + 20 = 26) would ride 84.
    @Test func theRideLimitTakesALongerRouteForTheVehicle() throws {
        let times = TravelTimes(minutes: [
            (Self.depot, Self.a, 2), (Self.depot, Self.b, 40), (Self.depot, Self.destination, 5), (Self.a, Self.b, 40),
            (Self.a, Self.destination, 4), (Self.b, Self.destination, 40),
        ])
        let passengers = [RoutePassenger(booking: 1, commune: Self.a), RoutePassenger(booking: 2, commune: Self.b)]
        let route = try #require(try plan(problem(passengers), .outbound, times).route)
        #expect(route.stops.map(\.booking) == [2, 1])
        #expect(route.stops.map(\.rideMinutes) == [48, 6])
        #expect(route.vehicleMinutes == 88)
        // B's limit is 40 + 20 + 20 = 80; with 47 for everyone nobody fits: A first, A rides 84.
        #expect(
            try plan(problem(passengers, rules: RouteRules(maxRideMinutes: 47)), .outbound, times)
                == .infeasible(RouteInfeasibility(booking: 1, rideMinutes: 84, limitMinutes: 47)))
        #expect(try plan(problem(passengers, rules: RouteRules(maxRideMinutes: 48)), .outbound, times).route == route)
    }

    @Test func theDefaultLimitIsTheDirectTimeAndAHalfPlusTwentyNeverOverHundredFifty() {
        let rules = RouteRules()
        #expect(rules.rideLimit(directMinutes: 0) == 20)
        #expect(rules.rideLimit(directMinutes: 31) == 66)
        #expect(rules.rideLimit(directMinutes: 86) == 149)
        #expect(rules.rideLimit(directMinutes: 87) == 150)
        #expect(rules.rideLimit(directMinutes: 120) == 150)
        #expect(RouteRules(maxRideMinutes: 200).rideLimit(directMinutes: 120) == 200)
    }

    @Test func aRouteThatWouldLeaveTheDepotBeforeTheWindowOpensIsInfeasible() throws {
        let passengers = [RoutePassenger(booking: 1, commune: Self.a), RoutePassenger(booking: 2, commune: Self.b)]
        #expect(try plan(problem(passengers, window: -39 ... -30), .outbound, Self.tied).route?.depotOffsetMinutes == -39)
        #expect(
            try plan(problem(passengers, window: -38 ... -30), .outbound, Self.tied)
                == .infeasible(RouteInfeasibility(booking: 2, rideMinutes: 39, limitMinutes: 38, reason: .outsideWindow)))
        // Leaving later than the window's end is allowed: the vehicle waits at the depot.
        #expect(try plan(problem(passengers, window: -90 ... -60), .outbound, Self.tied).route?.vehicleMinutes == 39)
        #expect(try plan(problem(passengers, window: 30 ... 39), .return, Self.tied).route?.depotOffsetMinutes == 39)
        #expect(
            try plan(problem(passengers, window: 30 ... 38), .return, Self.tied)
                == .infeasible(RouteInfeasibility(booking: 2, rideMinutes: 39, limitMinutes: 38, reason: .outsideWindow)))
    }

    @Test func aLegWithoutPassengersGoesStraight() throws {
        let outcome = try plan(problem([]), .outbound, Self.tied)
        #expect(outcome == .feasible(PlannedRoute(stops: [], depotOffsetMinutes: -12, vehicleMinutes: 12, longestRideMinutes: 0)))
        #expect(try plan(problem([]), .return, Self.tied).route?.depotOffsetMinutes == 12)
    }

    @Test func aPairTheTravelTimesLackIsRefusedWithWhatNeededIt() {
        let times = TravelTimes(fileName: "gex.travel-times.csv", minutes: [(Self.depot, Self.a, 5), (Self.depot, Self.destination, 12)])
        let passengers = [RoutePassenger(booking: 12, commune: Self.a)]
        #expect(throws: MissingTravelTime(fileName: "gex.travel-times.csv", from: Self.a, to: Self.destination, neededFor: "booking 12")) {
            try RoutePlanner.outbound(problem(passengers), times: times)
        }
        let error = MissingTravelTime(fileName: "gex.travel-times.csv", from: Self.a, to: Self.destination, neededFor: "booking 12")
        #expect(error.description == "gex.travel-times.csv: no travel time between 01903 and 01902 (needed for booking 12)")
    }
}
