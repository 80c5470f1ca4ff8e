// ShuttleAfterRun: the coordinator's decisions once booking has closed. A seat freed late (after
// the booking deadline, when automatic promotion from the waitlist stops and the manifest is the
// driver's) can still go to a waitlisted passenger the coordinator chooses, who can be told in
// time; after the run, each confirmed booking is recorded as completed or no-show.
//
//    waitlisted ──promote (coordinator, until the pickup, even after the deadline)──▶ confirmed
//    confirmed ──after departure──▶ completed | no_show (either may be corrected)
//
// Whether the promoted booking fits is the database's decision (the seat triggers of schema step
// 4); what is missing comes back as a ShuttleWaitlistReason (ShuttleRefusal.noSeatFree).

import Foundation

/// The rules of promoting a chosen waitlisted booking.
public enum ShuttlePromotionRule {
    /// Refuses to promote a booking in `status` whose run is `runStatus` ("scheduled" or
    /// "cancelled") and whose passenger is picked up at `pickup`: only a waitlisted booking of a
    /// scheduled run, before the pickup. The booking deadline does not apply: that is the point.
    public static func check(status: ShuttleBookingStatus, runCancelled: Bool, pickup: Date, now: Date) throws(Refusal) {
        guard status == .waitlisted else { throw .shuttle(.notWaitlisted(status: status)) }
        guard !runCancelled else { throw .shuttle(.runCancelled) }
        guard pickup > now else { throw .shuttle(.runLeft) }
    }

    /// True when a promotion at `now` comes after the booking deadline of `pickup` (audited so).
    public static func isLate(now: Date, pickup: Date, rules: ShuttleBookingRules, calendar: Calendar) -> Bool {
        now > rules.bookingDeadline(pickup: pickup, calendar: calendar)
    }
}
