// ReminderPlanner: every reminder of a set of people decided in memory, from a snapshot the store
// read in a few queries, into the rows the store then writes. Pure: plain values in, plain values out.
//
// For one person and each channel they can be written on (SMS first), every confirmed registration
// to a session still to come is looked at, as Store+ReminderAllocation did row by row: its reminders
// already given (sending, sent, deferred) are fixed and count against the cap; those cancelled or
// failed are left as they are; the others (queued, or dropped when planned) are decided again by
// ReminderPolicy and ReminderAllocation: queued at their time, dropped with their reason, or (`:last`)
// one reminder at the latest allowed time before an event none of whose alarms can go. A `:last`
// reminder still queued that is no longer needed (an alarm now goes) is retired. Planning twice
// writes nothing new: a stored row whose state, due time and reason are already the decided ones
// is not written again.

import Foundation

/// A confirmed registration to a session still to come, as reminder planning needs it.
public struct UpcomingRegistration: Sendable, Equatable {
    public var registration: Int64
    public var occurrence: Int64
    public var start: Date
    public var end: Date
    /// The occurrence's version: a moved session gets new reminders (its keys change).
    public var version: Int
    /// The event's alarms, in file order; empty when it has none (the policy's defaults apply).
    public var alarms: [CalendarAlarm]

    public init(registration: Int64, occurrence: Int64, start: Date, end: Date, version: Int, alarms: [CalendarAlarm]) {
        self.registration = registration
        self.occurrence = occurrence
        self.start = start
        self.end = end
        self.version = version
        self.alarms = alarms
    }

    /// `reminder:r17:a0:sms:v2`, `reminder:r17:last:sms:v2` (the reminder kind's key shape).
    public func key(_ slot: ReminderSlot, _ channel: Channel) -> String {
        MessageKind.reminder.descriptor.key(subject: registration, channel: channel, slot: slot, version: version)
    }
}

/// A reminder row already in the outbox, as the planner needs it.
public struct StoredReminder: Sendable, Equatable {
    public var id: Int64
    public var state: OutboxState
    public var due: Date
    public var reason: String?

    public init(id: Int64, state: OutboxState, due: Date, reason: String?) {
        self.id = id
        self.state = state
        self.due = due
        self.reason = reason
    }

    /// Whether it may be decided again: waiting (queued) or settled without sending (dropped). Not
    /// what left, failed, or was cancelled by its cause or an operator.
    var redecidable: Bool { state == .queued || state == .dropped }
}

/// One person's reminders as they stand in the store.
public struct PersonReminders: Sendable, Equatable {
    public var participant: Int64
    /// Their confirmed registrations to sessions still to come, by start then id.
    public var registrations: [UpcomingRegistration]
    /// The channels they can be written on (consent given, address not opted out), SMS first.
    public var channels: [Channel]
    /// Their reminder rows, by outbox key.
    public var stored: [String: StoredReminder]
    /// When the messages the cap counts already given to them on each channel are due.
    public var given: [Channel: [Date]]

    public init(
        participant: Int64, registrations: [UpcomingRegistration], channels: [Channel], stored: [String: StoredReminder] = [:],
        given: [Channel: [Date]] = [:]
    ) {
        self.participant = participant
        self.registrations = registrations
        self.channels = channels
        self.stored = stored
        self.given = given
    }
}

/// A reminder row to insert.
public struct NewReminder: Sendable, Equatable {
    public var key: String
    public var channel: Channel
    public var registration: Int64
    public var participant: Int64
    public var occurrence: Int64
    public var version: Int
    public var slot: ReminderSlot
    public var state: OutboxState
    public var due: Date
    public var nominal: Date
    /// The session's start: a reminder never goes after it.
    public var notAfter: Date
    public var reason: String?
}

/// What the store writes for one decision.
public enum ReminderWrite: Sendable, Equatable {
    /// A reminder not in the outbox yet.
    case insert(NewReminder)
    /// A queued or dropped row decided again, whose state, due time or reason changed.
    case update(id: Int64, state: OutboxState, due: Date, nominal: Date, reason: String?)
    /// A queued `:last` reminder that an alarm of the event now replaces.
    case retire(id: Int64, reason: String)
}

/// The writes of a planning pass, and how many reminders it queued and dropped anew.
public struct ReminderPlan: Sendable, Equatable {
    public var writes: [ReminderWrite] = []
    public var queued = 0
    public var dropped = 0

    public init() {}
}

/// Decides the reminders of people from their snapshot (the rules at the top of this file).
public struct ReminderPlanner: Sendable {
    public var policy: ReminderPolicy
    public var cap: MessageCap
    public var now: Date
    public var calendar: Calendar

    /// The reason of a `:last` reminder retired because an alarm of its event now goes.
    public static let notNeeded = "not needed: an alarm of the event goes"

    public init(policy: ReminderPolicy, cap: MessageCap, now: Date, calendar: Calendar) {
        self.policy = policy
        self.cap = cap
        self.now = now
        self.calendar = calendar
    }

    /// The writes for every person, in order: each person's channels in turn.
    public func plan(_ people: [PersonReminders]) -> ReminderPlan {
        var plan = ReminderPlan()
        var memo = ScheduleMemo()
        for person in people {
            for channel in person.channels { decide(person, on: channel, into: &plan, memo: &memo) }
        }
        return plan
    }

    /// One plan per person, in the order of `people`: the same writes as `plan(_:)`, split so that
    /// the caller can write each person's next to what else it writes for them (an intake's
    /// confirmations). The policy's schedules are computed once for everyone, as in `plan(_:)`.
    public func plans(_ people: [PersonReminders]) -> [ReminderPlan] {
        var memo = ScheduleMemo()
        return people.map { person in
            var plan = ReminderPlan()
            for channel in person.channels { decide(person, on: channel, into: &plan, memo: &memo) }
            return plan
        }
    }

    /// The reason a dropped reminder is recorded with; the cap's names its limits.
    public func reason(_ why: DropReason) -> String {
        why == .capped ? "\(DropReason.capped.rawValue) (\(cap.perDay) a day, \(cap.perWeek) a week)" : why.rawValue
    }

    // MARK: - One person, one channel

    private func decide(_ person: PersonReminders, on channel: Channel, into plan: inout ReminderPlan, memo: inout ScheduleMemo) {
        let allocation = ReminderAllocation(cap: cap, window: policy.window(for: channel), now: now, calendar: calendar)
        let asked = person.registrations.map { reminders(of: $0, person: person, on: channel, memo: &memo) }
        let decided = allocation.allocate(asked, given: person.given[channel] ?? [])
        for target in person.registrations {
            let slots = decided[target.registration] ?? [:]
            for slot in Self.ordered(slots.keys) {
                record(slots[slot]!, slot: slot, of: target, person: person, channel: channel, into: &plan)
            }
            if slots[.latest] == nil, let last = person.stored[target.key(.latest, channel)], last.state == .queued {
                plan.writes.append(.retire(id: last.id, reason: Self.notNeeded))
            }
        }
    }

    /// A registration's alarms on a channel as the allocation sees them: those whose row may be decided again.
    private func reminders(
        of target: UpcomingRegistration, person: PersonReminders, on channel: Channel, memo: inout ScheduleMemo
    ) -> RegistrationReminders {
        let alarms = policy.alarms(for: target.alarms)
        var given = false
        var schedules: [AlarmSchedule] = []
        for slot in alarms.indices.map({ ReminderSlot.alarm($0) }) + [.latest] {
            if let stored = person.stored[target.key(slot, channel)] {
                if OutboxState.given.contains(stored.state) { given = true }
                guard stored.redecidable else { continue }
            }
            guard case .alarm(let position) = slot else { continue }
            let schedule = memo.schedule(alarms[position], start: target.start, end: target.end, on: channel) { alarm in
                policy.schedule(alarm: alarm, start: target.start, end: target.end, channel: channel, now: now, calendar: calendar)
            }
            schedules.append(AlarmSchedule(slot: slot, schedule: schedule))
        }
        return RegistrationReminders(registration: target.registration, start: target.start, alarms: schedules, alreadyGiven: given)
    }

    /// One decided slot: a new row, or a stored queued or dropped row brought up to date.
    private func record(
        _ schedule: ReminderSchedule, slot: ReminderSlot, of target: UpcomingRegistration, person: PersonReminders, channel: Channel,
        into plan: inout ReminderPlan
    ) {
        let key = target.key(slot, channel)
        let state: OutboxState = schedule.sendingTime == nil ? .dropped : .queued
        let due = schedule.sendingTime ?? schedule.nominal
        var reason: String?
        if case .dropped(_, let why) = schedule { reason = self.reason(why) }
        if let stored = person.stored[key] {
            guard stored.redecidable, stored.state != state || Self.seconds(stored.due) != Self.seconds(due) || stored.reason != reason
            else { return }
            plan.writes.append(.update(id: stored.id, state: state, due: due, nominal: schedule.nominal, reason: reason))
            if stored.state != state { count(state, in: &plan) }
            return
        }
        plan.writes.append(
            .insert(
                NewReminder(
                    key: key, channel: channel, registration: target.registration, participant: person.participant,
                    occurrence: target.occurrence, version: target.version, slot: slot, state: state, due: due,
                    nominal: schedule.nominal, notAfter: target.start, reason: reason)))
        count(state, in: &plan)
    }

    /// The policy's schedule of an alarm for a session on a channel, computed once per planning
    /// pass: it depends on nothing else (the planner's now, calendar and policy are fixed), and the
    /// people of a sign-up sheet or of one session all ask for the same few.
    struct ScheduleMemo {
        private struct Query: Hashable {
            /// The trigger: 0 from the start, 1 from the end (with `seconds`), 2 absolute (at `instant`).
            var related: Int
            var seconds: Int
            var instant: Date
            var start: Date
            var end: Date
            var channel: Channel
        }

        private var schedules: [Query: ReminderSchedule] = [:]

        mutating func schedule(
            _ alarm: CalendarAlarm, start: Date, end: Date, on channel: Channel, compute: (CalendarAlarm) -> ReminderSchedule
        ) -> ReminderSchedule {
            let epoch = Date(timeIntervalSince1970: 0)
            let query: Query
            switch alarm.trigger {
            case .fromStart(let seconds):
                query = Query(related: 0, seconds: seconds, instant: epoch, start: start, end: end, channel: channel)
            case .fromEnd(let seconds):
                query = Query(related: 1, seconds: seconds, instant: epoch, start: start, end: end, channel: channel)
            case .absolute(let instant):
                query = Query(related: 2, seconds: 0, instant: instant, start: start, end: end, channel: channel)
            }
            if let known = schedules[query] { return known }
            let schedule = compute(alarm)
            schedules[query] = schedule
            return schedule
        }
    }

    private func count(_ state: OutboxState, in plan: inout ReminderPlan) {
        if state == .queued { plan.queued += 1 } else { plan.dropped += 1 }
    }

    /// Alarms by position, then the latest allowed time: the order rows are written in.
    private static func ordered(_ slots: Dictionary<ReminderSlot, ReminderSchedule>.Keys) -> [ReminderSlot] {
        slots.sorted { ($0.alarmColumn ?? Int.max) < ($1.alarmColumn ?? Int.max) }
    }

    /// An instant as the store keeps it: whole seconds.
    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded()) }
}
