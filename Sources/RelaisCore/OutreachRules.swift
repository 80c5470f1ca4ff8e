// OutreachRules: every rule that decides when a person is written to, gathered so that the
// store can plan in the same transaction as a registration or a calendar change.

import Foundation

/// When reminders go, how many a person may receive, and how failures are retried.
public struct OutreachRules: Sendable, Equatable {
    public var policy: ReminderPolicy
    public var cap: MessageCap
    public var retry: RetrySchedule
    /// How long before a session a waitlisted person is told that no place came up
    /// (`[reminders] waitlist_deadline_hours`).
    public var waitlistDeadline: TimeInterval

    public init(
        policy: ReminderPolicy = ReminderPolicy(), cap: MessageCap = MessageCap(), retry: RetrySchedule = RetrySchedule(),
        waitlistDeadline: TimeInterval = 24 * 3600
    ) {
        self.policy = policy
        self.cap = cap
        self.retry = retry
        self.waitlistDeadline = waitlistDeadline
    }
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
            waitlistDeadline: TimeInterval(waitlistDeadlineHours * 3600))
    }
}
