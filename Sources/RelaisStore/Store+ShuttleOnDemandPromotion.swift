// Store+ShuttleOnDemandPromotion: whether a waitlisted booking of an on-demand run that a freed seat
// just confirmed may stay confirmed: only if a route still carries everyone with it. A booking the
// route cannot be planned for (the territory's travel times did not load, or lack its commune's
// pair) goes back to the waitlist as it was: the cancellation, capacity change or forgetting that
// freed the seat goes through, and the next waitlisted booking is tried.

import Foundation
import RelaisCore

extension Store {
    /// Keeps booking `id` (just confirmed from the waitlist) confirmed when the run's route carries it;
    /// otherwise puts it back on the waitlist (as too far, or with `reason` when no plan could be made).
    func promotable(
        _ id: Int64, waitingBecause reason: String?, run: Int64, demand: ShuttleDemandRecord, context: ShuttleContext,
        in database: Database
    ) throws -> Bool {
        let plan: OnDemandPlan?
        do {
            plan = try planOnDemandRun(run, demand: demand, context: context, in: database)
        } catch is Refusal {
            try database.run(
                """
                UPDATE shuttle_booking SET status = 'waitlisted', confirmed_at = NULL, promoted_at = NULL, waitlist_reason = ?
                WHERE id = ?
                """, [reason.map { .text($0) } ?? .null, .integer(id)])
            return false
        }
        guard case .infeasible(let why)? = plan else { return true }
        try database.run("UPDATE shuttle_booking SET promoted_at = NULL WHERE id = ?", [.integer(id)])
        try waitlistTooFar(id, why, in: database)
        return false
    }

    /// Refuses a booking of an on-demand run, even one that would wait, when the territory's travel
    /// times did not load: it could never be planned.
    func requireRouteData(_ context: ShuttleContext) throws {
        guard context.travelTimes == nil else { return }
        throw Refusal.shuttle(.routeDataUnavailable(reason: context.routeProblem ?? "the territory has no travel times"))
    }
}
