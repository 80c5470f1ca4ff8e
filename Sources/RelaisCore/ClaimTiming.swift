// ClaimTiming: whether a due message may go now, decided when a sender claims it, for every kind.
//
// Planning already places reminders and notices inside their channel's window, but a message can
// become due outside it all the same: a daemon stopped over the night, a gateway down until 22:00
// and the retries that followed, an operator's retry, an SMS refused for good that goes by e-mail,
// a notice queued at 23:30. So the claim asks again, with the time it is now:
//
//   now allowed by the channel's window ([reminders] sms_hours, sms_sundays, sms_holidays...) ──▶ send
//   otherwise, the window's next allowed instant after now, if before the deadline ──▶ wait until then
//                                                        (the message keeps its state, its due time moves)
//   otherwise (no allowed time before the event starts, or the pickup) ──▶ no allowed time: not sent
//
// Example (SMS, 08:00-20:00, not on Sundays or public holidays): a reminder retried at 22:00 on
// Friday 26 March 2027 waits until Saturday 08:00; one due on Saturday 19:59 goes then; found at
// 12:00 on Easter Sunday for an event on Tuesday 30 March, it waits until Tuesday 08:00 (Easter
// Monday is a holiday); for an event on Monday 29 March at 10:00, it is not sent.

import Foundation

/// What the claim does with a message that is due.
public enum ClaimDecision: Sendable, Equatable {
    /// Its channel may be used now.
    case send
    /// Not now: it waits until the next allowed instant, which is before its deadline.
    case wait(until: Date)
    /// No allowed instant remains before its deadline.
    case noAllowedTime
}

extension ReminderPolicy {
    /// The first instant at or after `instant` at which `channel` may reach a resident, or nil when
    /// its window allows none in the next ``SendingWindow/searchDays`` days.
    public func nextAllowed(on channel: Channel, atOrAfter instant: Date, calendar: Calendar) -> Date? {
        window(for: channel).earliestAllowed(atOrAfter: instant, calendar: calendar)
    }

    /// Whether a message due on `channel` goes at `now`, waits, or can no longer go before `deadline`
    /// (the event's start, or the pickup). The diagram at the top of this file.
    public func claimDecision(channel: Channel, now: Date, deadline: Date, calendar: Calendar) -> ClaimDecision {
        guard let next = nextAllowed(on: channel, atOrAfter: now, calendar: calendar), next < deadline else { return .noAllowedTime }
        return next == now ? .send : .wait(until: next)
    }
}

extension SendingWindow {
    /// The window in words, for the reasons the outbox keeps: "08:00-20:00, not on Sundays or public holidays".
    public var wording: String {
        let hours = String(format: "%02d:%02d-%02d:%02d", opens / 60, opens % 60, closes / 60, closes % 60)
        switch (sundays, holidays) {
        case (true, true): return "\(hours) every day"
        case (false, false): return "\(hours), not on Sundays or public holidays"
        case (false, true): return "\(hours), not on Sundays"
        case (true, false): return "\(hours), not on public holidays"
        }
    }
}
