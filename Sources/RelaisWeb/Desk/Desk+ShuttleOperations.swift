// Desk+ShuttleOperations: the coordinator's shuttle work once booking has closed (capability
// `.shuttleOperations`; a CCAS agent is answered 403): recording each trip as completed or no-show
// after the run, giving a seat freed late to a waitlisted passenger of its choice, and the runs
// that left lately, to settle. Also when booking for a run closes, shown to every agent.

import Foundation
import RelaisCore
import RelaisStore

extension Desk {
    /// How many days back the runs to settle go.
    public static let settleDays = 30

    /// Records booking `id` as `.completed` or `.noShow` once its run has left; returns it as it is now.
    public func settle(_ agent: Agent, booking id: Int64, as outcome: ShuttleBookingStatus) throws -> ShuttleBookingListing {
        precondition(outcome == .completed || outcome == .noShow)
        try agent.require(.shuttleOperations)
        _ = try booking(agent, id: id)
        let context = makeContext(clock(), agent.login)
        _ = try pool.withStore { store in
            try refusing { try store.settleShuttleBookings([id], run: nil, as: outcome, scope: try agent.scope, context: context) }
        }
        return try booking(agent, id: id)
    }

    /// Confirms waitlisted booking `id` if it fits, also after the booking deadline; the passenger is told.
    public func promote(_ agent: Agent, booking id: Int64) throws -> ShuttlePromotion {
        try agent.require(.shuttleOperations)
        let context = makeContext(clock(), agent.login)
        return try pool.withStore { store in try refusing { try store.promoteShuttleBooking(id, scope: try agent.scope, context: context) } }
    }

    /// The runs that left in the last `settleDays` days, latest first, with their seats.
    public func runsToSettle(_ agent: Agent) throws -> [ShuttleRunRecord] {
        try agent.require(.shuttleOperations)
        let context = makeContext(clock(), agent.login)
        let since = context.now.addingTimeInterval(-Double(Self.settleDays) * 86_400)
        return try pool.withStore { try $0.shuttleRuns(from: since, to: context.now, scope: try agent.scope, context: context) }
            .reversed()
    }

    /// When booking for `run` closes (its first pickup's booking deadline), as `relais transport runs list` says.
    public func bookingCloses(_ run: ShuttleRunRecord) -> Date {
        let context = makeContext(clock(), nil)
        return context.settings.rules.bookingDeadline(pickup: run.departure, calendar: localTime.calendar)
    }
}
