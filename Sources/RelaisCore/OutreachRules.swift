// OutreachRules: every rule that decides when a person is written to, gathered so that the
// store can plan in the same transaction as a registration or a calendar change.

import Foundation

/// When reminders go, how many a person may receive, and how failures are retried.
public struct OutreachRules: Sendable, Equatable {
    public var policy: ReminderPolicy
    public var cap: MessageCap
    public var retry: RetrySchedule
    /// How long before a session its waitlist closes and a person still on it is told that no
    /// place came up (`[reminders] waitlist_deadline_hours`).
    public var waitlistDeadline: TimeInterval
    /// Whether a registration that gets a place is confirmed to the person (`[reminders] confirmations`).
    public var confirmations: Bool

    public init(
        policy: ReminderPolicy = ReminderPolicy(), cap: MessageCap = MessageCap(), retry: RetrySchedule = RetrySchedule(),
        waitlistDeadline: TimeInterval = 24 * 3600, confirmations: Bool = true
    ) {
        self.confirmations = confirmations
        self.policy = policy
        self.cap = cap
        self.retry = retry
        self.waitlistDeadline = waitlistDeadline
    }
}

extension OutreachRules {
    /// When the waitlist of a session starting at `start` closes: no one is promoted after it, so
    /// that the person told at that time that no place came up is not given one later (a place
    /// freed then goes to whoever comes to the door).
    public func waitlistCloses(start: Date) -> Date { start.addingTimeInterval(-waitlistDeadline) }
}

extension Configuration {
    /// The outreach rules this configuration sets.
    public var outreachRules: OutreachRules {
        OutreachRules(
            policy: ReminderPolicy(
                windows: [.sms: smsWindow, .email: emailWindow], maximumAdvance: TimeInterval(maximumAdvanceHours * 3600),
                defaultAlarms: defaultAlarms),
            cap: MessageCap(perDay: remindersPerDay, perWeek: remindersPerWeek),
            retry: RetrySchedule(base: TimeInterval(retryBaseSeconds), maximumAge: TimeInterval(maximumAgeHours * 3600)),
            waitlistDeadline: TimeInterval(waitlistDeadlineHours * 3600), confirmations: confirmations)
    }
}
