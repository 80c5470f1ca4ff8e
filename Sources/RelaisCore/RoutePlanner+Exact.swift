// RoutePlanner+Exact: the best order by dynamic programming over subsets of passengers (Held-Karp),
// exact like the brute force, in n² 2ⁿ steps instead of n! (16 passengers: 16 million, not 2 × 10¹³).
//
// Outbound, the route is built backwards from the destination. A state is (the set of passengers
// already placed after this point, the first of them f); its value is f's ride: the minutes from the
// vehicle reaching f to its arrival at the destination. Putting p in front of a state (S, f) gives
// p's ride = boarding(p) + minutes(p, f) + ride(f), and p's ride is fixed from then on, whatever
// comes before: so feasibility (ride ≤ limit) is checked when p is placed, and a state keeps only
// its least ride. The vehicle's time is minutes(depot, first) + the first's ride.
//
// The return is the mirror, built forwards from the destination: a state is (the set already set
// down, the last of them l), its value l's ride; setting p down next gives p's ride = l's ride +
// minutes(l, p) + boarding(p). The vehicle's time is the last's ride + minutes(last, depot).
//
// Ties keep what the comparison of RouteSchedule.swift needs. Outbound, two suffixes of one state
// with the same ride differ first at the passenger after f: the smaller booking id wins, as the
// whole orders would compare. Return, two prefixes of one state are compared as sequences. Among
// states whose value is least, the least vehicle time, then the least waiting ride, then the ids.

import Foundation

extension RoutePlanner {
    /// The best feasible order by dynamic programming; when none is, why the best order without limits is not.
    static func exact(_ problem: RouteProblem, leg: RouteLeg, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        guard problem.passengers.count <= maximumPassengers else {
            return .tooManyPassengers(count: problem.passengers.count, maximum: maximumPassengers)
        }
        let matrix = try RouteMatrix(problem, times: times)
        let window = problem.departureWindowMinutes
        if let order = RouteSubsets(matrix: matrix, leg: leg, limited: true).bestOrder(window: window) {
            return .feasible(matrix.route(matrix.schedule(order, leg: leg), of: problem))
        }
        let unlimited = RouteSubsets(matrix: matrix, leg: leg, limited: false).bestOrder(window: nil)!
        return .infeasible(matrix.infeasibility(matrix.schedule(unlimited, leg: leg), window: window, leg: leg))
    }
}

/// The table of the dynamic programme: for each (set, end passenger), the least ride and the passenger
/// that links it to the rest (outbound: the next one; return: the previous one).
struct RouteSubsets {
    static let unreachable = Int32.max
    let matrix: RouteMatrix
    let leg: RouteLeg
    private var rides: [Int32]
    private var links: [Int8]

    /// Fills the table; `limited`: refuse any state where the passenger just placed rides over their limit.
    init(matrix: RouteMatrix, leg: RouteLeg, limited: Bool) {
        // RoutePlanner.exact answers .tooManyPassengers beyond RoutePlanner.maximumPassengers (table of n 2ⁿ entries).
        self.matrix = matrix
        self.leg = leg
        let count = matrix.count
        rides = [Int32](repeating: Self.unreachable, count: (1 << count) * max(count, 1))
        links = [Int8](repeating: -1, count: rides.count)
        for end in 0..<count {
            // Alone on its part of the route: straight to the destination (outbound), straight from it (return).
            let ride = matrix.boarding[end] + matrix.at(end, matrix.destination)
            if !limited || ride <= matrix.limits[end] { rides[(1 << end) * count + end] = Int32(ride) }
        }
        guard count > 1 else { return }
        for set in 1..<(1 << count) where set & (set - 1) != 0 {
            for end in 0..<count where set & (1 << end) != 0 {
                fill(set: set, end: end, limited: limited)
            }
        }
    }

    /// The least ride of `end` with `set` (which holds `end`) placed, and its link.
    private mutating func fill(set: Int, end: Int, limited: Bool) {
        let count = matrix.count
        let rest = set & ~(1 << end)
        var best = Self.unreachable
        var bestLink = -1
        var other = rest
        while other != 0 {
            let link = other.trailingZeroBitCount
            other &= other - 1
            let before = rides[rest * count + link]
            guard before != Self.unreachable else { continue }
            let ride = Int32(matrix.boarding[end] + matrix.at(end, link)) + before
            if ride < best || (ride == best && breaksTie(link, over: bestLink, rest: rest)) {
                best = ride
                bestLink = link
            }
        }
        guard best != Self.unreachable, !limited || Int(best) <= matrix.limits[end] else { return }
        rides[set * count + end] = best
        links[set * count + end] = Int8(bestLink)
    }

    /// Whether linking through `link` gives a smaller order than through `current` at equal rides.
    private func breaksTie(_ link: Int, over current: Int, rest: Int) -> Bool {
        switch leg {
        case .outbound: return matrix.bookings[link] < matrix.bookings[current]
        case .return:
            return order(set: rest, end: link).map { matrix.bookings[$0] }
                .lexicographicallyPrecedes(order(set: rest, end: current).map { matrix.bookings[$0] })
        }
    }

    /// The order of a state's passengers as the vehicle makes the stops.
    func order(set: Int, end: Int) -> [Int] {
        var order: [Int] = []
        var (set, end) = (set, end)
        while end >= 0 {
            order.append(end)
            let link = Int(links[set * matrix.count + end])
            set &= ~(1 << end)
            end = link
        }
        return leg == .outbound ? order : order.reversed()
    }

    /// The best complete order whose depot time fits the window; nil when there is none.
    func bestOrder(window: ClosedRange<Int>?) -> [Int]? {
        let count = matrix.count
        guard count > 0 else {
            let vehicle = matrix.at(matrix.depot, matrix.destination)
            return RouteMatrix.windowFits(depotOffset: leg == .outbound ? -vehicle : vehicle, window: window, leg: leg) ? [] : nil
        }
        let all = (1 << count) - 1
        var best: (vehicle: Int, ride: Int, order: [Int])? = nil
        for end in 0..<count where rides[all * count + end] != Self.unreachable {
            let ride = Int(rides[all * count + end])
            let vehicle = ride + matrix.at(matrix.depot, end)
            guard RouteMatrix.windowFits(depotOffset: leg == .outbound ? -vehicle : vehicle, window: window, leg: leg) else { continue }
            if let current = best, (vehicle, ride) > (current.vehicle, current.ride) { continue }
            let order = order(set: all, end: end)
            if let current = best, (vehicle, ride) == (current.vehicle, current.ride),
                !order.map({ matrix.bookings[$0] }).lexicographicallyPrecedes(current.order.map { matrix.bookings[$0] })
            {
                continue
            }
            best = (vehicle, ride, order)
        }
        return best?.order
    }
}
