// RetrySchedule: when a message that could not be sent is tried again, and when Relais gives up.
//
// As OpenSMTPD does, the delay grows with the attempt: the n-th retry waits base × n² after the
// failed attempt (1, 4, 9, 16... minutes with the default base of one minute), never less than a
// gateway's Retry-After. A message is given up when its next attempt would fall after its
// deadline (the event's start: a reminder after the event is useless) or after its maximum age.

import Foundation

/// The retry rule for deferred messages.
public struct RetrySchedule: Sendable, Equatable {
    /// The first retry's delay; the n-th waits `base × n²`.
    public var base: TimeInterval
    /// How long after its first attempt a message may still be tried.
    public var maximumAge: TimeInterval

    public init(base: TimeInterval = 60, maximumAge: TimeInterval = 2 * 86_400) {
        self.base = base
        self.maximumAge = maximumAge
    }

    /// The next attempt after `attempts` failed ones, or nil when the message must be given up.
    /// - Parameters:
    ///   - attempts: how many attempts were made (at least 1).
    ///   - retryAfter: the delay the server asked for, if any.
    ///   - firstAttempt: when the message was first tried (reminders are queued weeks ahead; their age
    ///     counts from the moment they were due).
    ///   - deadline: the instant after which it must not be sent.
    public func nextAttempt(
        after attempts: Int, now: Date, retryAfter: TimeInterval?, firstAttempt: Date, deadline: Date
    ) -> Date? {
        let step = Double(max(1, attempts))
        let delay = max(base * step * step, retryAfter ?? 0)
        let next = now.addingTimeInterval(delay)
        guard next < deadline, next.timeIntervalSince(firstAttempt) <= maximumAge else { return nil }
        return next
    }
}
