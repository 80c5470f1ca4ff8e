// RoutePlanner+Fixed: the times of an order someone chose rather than the planner — the first part
// of a coordinator's edit of a route (issue 17): given every passenger of a leg in the order the
// coordinator wants, work out the times as the planner would for that order (RouteSchedule) and say
// whether it holds: every ride within its limit and, outbound, the depot departure inside the window
// (so the arrival at the target follows). When it does not, the infeasibility names the passenger
// furthest over their limit, as for a planned route. The store uses it for a coordinator's fixed order
// (Store+ShuttleRouteOrder.swift, `relais transport route --order`).

import Foundation

extension RoutePlanner {
    /// The route of `order` (the booking ids of every passenger of the leg, each once) on `leg`;
    /// nil when `order` does not name each passenger of the problem exactly once.
    public static func fixed(
        _ problem: RouteProblem, order: [Int64], leg: RouteLeg, times: TravelTimes
    ) throws(MissingTravelTime) -> RouteOutcome? {
        let bookings = problem.passengers.map(\.booking)
        guard order.count == bookings.count, Set(order) == Set(bookings), Set(order).count == order.count else { return nil }
        let matrix = try RouteMatrix(problem, times: times)
        let indices = order.map { booking in bookings.firstIndex(of: booking)! }
        let schedule = matrix.schedule(indices, leg: leg)
        let window = problem.departureWindowMinutes
        guard matrix.ridesFit(schedule), RouteMatrix.windowFits(depotOffset: schedule.depotOffset, window: window, leg: leg) else {
            return .infeasible(matrix.infeasibility(schedule, window: window, leg: leg))
        }
        return .feasible(matrix.route(schedule, of: problem))
    }
}
