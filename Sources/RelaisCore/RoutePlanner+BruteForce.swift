// RoutePlanner+BruteForce: every order of the passengers tried, the best feasible one kept.
//
// n passengers have n! orders (40 320 for eight), so this is only the oracle that the exact method
// is proved against in tests (RoutePlannerTests), never what a run uses beyond a handful of people.
// It shares RouteSchedule's times and comparison with the exact method, and nothing else.

import Foundation

extension RoutePlanner {
    /// The outbound leg planned by trying every order.
    public static func bruteForceOutbound(_ problem: RouteProblem, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        try bruteForce(problem, leg: .outbound, times: times)
    }

    /// The return leg planned by trying every order.
    public static func bruteForceReturnLeg(_ problem: RouteProblem, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        try bruteForce(problem, leg: .return, times: times)
    }

    /// The best feasible order of all; when none is, why the best order without limits is not.
    public static func bruteForce(_ problem: RouteProblem, leg: RouteLeg, times: TravelTimes) throws(MissingTravelTime) -> RouteOutcome {
        let matrix = try RouteMatrix(problem, times: times)
        var bestFeasible: RouteSchedule? = nil
        var bestUnlimited: RouteSchedule? = nil
        forEachOrder(of: matrix.count) { order in
            let schedule = matrix.schedule(order, leg: leg)
            if bestUnlimited.map({ matrix.precedes(schedule, $0, leg: leg) }) ?? true { bestUnlimited = schedule }
            guard matrix.ridesFit(schedule),
                RouteMatrix.windowFits(depotOffset: schedule.depotOffset, window: problem.departureWindowMinutes, leg: leg)
            else { return }
            if bestFeasible.map({ matrix.precedes(schedule, $0, leg: leg) }) ?? true { bestFeasible = schedule }
        }
        if let bestFeasible { return .feasible(matrix.route(bestFeasible, of: problem)) }
        return .infeasible(matrix.infeasibility(bestUnlimited!, window: problem.departureWindowMinutes, leg: leg))
    }

    /// Calls `body` with every permutation of 0..<count (one empty order when count is 0).
    static func forEachOrder(of count: Int, _ body: ([Int]) -> Void) {
        var order: [Int] = []
        var used = [Bool](repeating: false, count: count)
        func extend() {
            guard order.count < count else { return body(order) }
            for next in 0..<count where !used[next] {
                used[next] = true
                order.append(next)
                extend()
                order.removeLast()
                used[next] = false
            }
        }
        extend()
    }
}
