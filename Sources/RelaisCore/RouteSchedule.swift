// RouteSchedule: the times of one order of stops, and how two orders compare.
//
// Both planners (the exact one in RoutePlanner.swift and the brute force kept as its oracle) work on
// a RouteMatrix: the problem's places by index (passengers 0..<count, then the depot, then the
// destination), their travel minutes looked up once, each passenger's boarding minutes and ride limit.
// `schedule(_:leg:)` works out the times of an order without waiting anywhere: outbound backwards from
// the arrival at 0, return forwards from the departure at 0 (Route.swift says what counts as a ride).
//
// Orders compare by the vehicle's total time, then by the time of the passenger who waits longest
// for nothing (outbound: the first pickup's ride, so nobody is picked up earlier than needed; return:
// the last passenger's ride, the mirror), then by the booking ids in stop order.

import Foundation

/// The travel minutes, boarding minutes and ride limits of one problem's places, by index.
struct RouteMatrix: Sendable {
    /// The number of passengers; the depot is index `count`, the destination `count + 1`.
    let count: Int
    let bookings: [Int64]
    let boarding: [Int]
    let limits: [Int]
    private let size: Int
    private let minutes: [Int]

    var depot: Int { count }
    var destination: Int { count + 1 }

    /// Looks every pair up; throws the first pair the travel times lack, naming what needed it.
    init(_ problem: RouteProblem, times: TravelTimes) throws(MissingTravelTime) {
        let places = problem.passengers.map(\.commune) + [problem.depot, problem.destination]
        let needs = problem.passengers.map { "booking \($0.booking)" } + ["the depot", "the destination"]
        count = problem.passengers.count
        size = places.count
        var minutes = [Int](repeating: 0, count: size * size)
        for a in 0..<size {
            for b in (a + 1)..<max(a + 1, size) {
                guard let value = times.minutes(from: places[a], to: places[b]) else {
                    throw MissingTravelTime(fileName: times.fileName, from: places[a], to: places[b], neededFor: needs[a])
                }
                minutes[a * size + b] = value
                minutes[b * size + a] = value
            }
            minutes[a * size + a] = times.sameCommuneMinutes
        }
        self.minutes = minutes
        bookings = problem.passengers.map(\.booking)
        boarding = problem.passengers.map { problem.rules.boarding(wheelchair: $0.wheelchair) }
        let destination = count + 1
        limits = (0..<count).map { problem.rules.rideLimit(directMinutes: minutes[$0 * places.count + destination]) }
    }

    /// The travel minutes between two indices.
    func at(_ from: Int, _ to: Int) -> Int { minutes[from * size + to] }
}

/// The times of one order of passengers (indices into the matrix).
struct RouteSchedule: Sendable, Equatable {
    var order: [Int]
    /// When the vehicle reaches each stop of `order`.
    var offsets: [Int]
    /// Each stop's passenger's ride.
    var rides: [Int]
    var depotOffset: Int
    var vehicle: Int

    /// The ride the second key compares: outbound the first pickup's, return the last drop-off's.
    func waitingRide(_ leg: RouteLeg) -> Int {
        guard !rides.isEmpty else { return 0 }
        return leg == .outbound ? rides[0] : rides[rides.count - 1]
    }
}

extension RouteMatrix {
    /// The times of `order` on `leg`, with no waiting.
    func schedule(_ order: [Int], leg: RouteLeg) -> RouteSchedule {
        var offsets = [Int](repeating: 0, count: order.count)
        var rides = offsets
        switch leg {
        case .outbound:
            var next = destination
            var nextRide = 0
            for position in order.indices.reversed() {
                let stop = order[position]
                nextRide += boarding[stop] + at(stop, next)
                rides[position] = nextRide
                offsets[position] = -nextRide
                next = stop
            }
            let vehicle = at(depot, next) + nextRide
            return RouteSchedule(order: order, offsets: offsets, rides: rides, depotOffset: -vehicle, vehicle: vehicle)
        case .return:
            var previous = destination
            var elapsed = 0
            for (position, stop) in order.enumerated() {
                offsets[position] = elapsed + at(previous, stop)
                elapsed = offsets[position] + boarding[stop]
                rides[position] = elapsed
                previous = stop
            }
            let vehicle = elapsed + at(previous, depot)
            return RouteSchedule(order: order, offsets: offsets, rides: rides, depotOffset: vehicle, vehicle: vehicle)
        }
    }

    /// Whether every ride is within its limit.
    func ridesFit(_ schedule: RouteSchedule) -> Bool {
        zip(schedule.order, schedule.rides).allSatisfy { stop, ride in ride <= limits[stop] }
    }

    /// Whether the depot time is inside the window (see RouteProblem.departureWindowMinutes).
    static func windowFits(depotOffset: Int, window: ClosedRange<Int>?, leg: RouteLeg) -> Bool {
        guard let window else { return true }
        return leg == .outbound ? depotOffset >= window.lowerBound : depotOffset <= window.upperBound
    }

    /// Whether `a` is a better route than `b`: less vehicle time, then a shorter waiting ride, then
    /// smaller booking ids in stop order.
    func precedes(_ a: RouteSchedule, _ b: RouteSchedule, leg: RouteLeg) -> Bool {
        if a.vehicle != b.vehicle { return a.vehicle < b.vehicle }
        if a.waitingRide(leg) != b.waitingRide(leg) { return a.waitingRide(leg) < b.waitingRide(leg) }
        return a.order.map { bookings[$0] }.lexicographicallyPrecedes(b.order.map { bookings[$0] })
    }

    /// The planned route of a schedule, with the problem's communes.
    func route(_ schedule: RouteSchedule, of problem: RouteProblem) -> PlannedRoute {
        let stops = schedule.order.indices.map { position in
            let passenger = problem.passengers[schedule.order[position]]
            return PlannedStop(
                booking: passenger.booking, commune: passenger.commune, offsetMinutes: schedule.offsets[position],
                rideMinutes: schedule.rides[position])
        }
        return PlannedRoute(
            stops: stops, depotOffsetMinutes: schedule.depotOffset, vehicleMinutes: schedule.vehicle,
            longestRideMinutes: schedule.rides.max() ?? 0)
    }

    /// Why the route driven without limits (`schedule`) is not feasible: the passenger furthest over
    /// their limit (then the longest ride, then the first in stop order), else the window.
    func infeasibility(_ schedule: RouteSchedule, window: ClosedRange<Int>?, leg: RouteLeg) -> RouteInfeasibility {
        var worst: (excess: Int, ride: Int, stop: Int)? = nil
        for (stop, ride) in zip(schedule.order, schedule.rides) where ride > limits[stop] {
            let excess = ride - limits[stop]
            if worst == nil || (excess, ride) > (worst!.excess, worst!.ride) { worst = (excess, ride, stop) }
        }
        if let worst {
            return RouteInfeasibility(booking: bookings[worst.stop], rideMinutes: worst.ride, limitMinutes: limits[worst.stop])
        }
        let edge = leg == .outbound ? schedule.order.first : schedule.order.last
        let allowed = window.map { leg == .outbound ? -$0.lowerBound : $0.upperBound } ?? schedule.vehicle
        return RouteInfeasibility(
            booking: edge.map { bookings[$0] } ?? 0, rideMinutes: schedule.vehicle, limitMinutes: allowed, reason: .outsideWindow)
    }
}
