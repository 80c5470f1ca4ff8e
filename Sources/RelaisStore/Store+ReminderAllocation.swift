// Store+ReminderAllocation: a person's upcoming reminders on each channel, planned together so that
// the per-person cap serves every registration. The core decides (ReminderPlanner, with
// ReminderAllocation.swift's rules); Store+ReminderSnapshot reads what it decides from and writes
// the decisions in the caller's transaction. This file gives the entry points by person.
//
// For each channel the person can be written on, every confirmed registration to a session still to
// come is looked at: its reminders already given (sending, sent, deferred) are fixed and count against
// the cap; those cancelled or failed are left as they are; the others (queued, or dropped when planned)
// are decided again: queued at their time, dropped with their reason, or (`:last`) one reminder at the
// latest allowed time before an event none of whose alarms can go. Planning twice changes nothing.

import Foundation
import RelaisCore

extension Store {
    /// Plans the reminders of every upcoming confirmed registration of `participant`, all channels.
    /// Called inside a write transaction.
    @discardableResult
    func planPersonReminders(_ participant: Int64, planning: Planning, in database: Database) throws -> PlanSummary {
        try planReminders(.people([participant]), planning: planning, in: database)
    }
}
