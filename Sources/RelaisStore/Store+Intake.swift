// Store+Intake: a sign-up sheet of new residents registered to one session in the transaction that
// adds them (`participants import --occurrence`), set-based: the session is read once, each
// registration is one prepared INSERT (the capacity triggers read the session's counter, schema
// step 21), the reminders of all the confirmed people are decided in memory from one snapshot in
// one planning pass (Store+ReminderSnapshot, ReminderPlanner.plans: the schedules of the session's
// alarms computed once, not once per person), and their rows written person by person, each
// followed by the person's confirmation, in the order registering them one at a time wrote them.
//
// The people are new (just inserted): none is already registered, and each one's commune and birth
// year are the ones given. A waitlisted one (the session full) is told its place as Store+Registrations
// does, one at a time: a full session's waitlist is a few people, not a sheet.

import Foundation
import RelaisCore

extension Store {
    /// Registers the people just added (`ids`, in the order of `people`) to `occurrence`: confirmed
    /// while places are left, waitlisted after. Called inside the write transaction that added them.
    func registerNewPeople(
        _ ids: [Int64], _ people: [NewParticipant], to occurrence: Int64, source: String, planning: Planning, in database: Database
    ) throws {
        guard !ids.isEmpty else { return }
        guard let slot = try database.row("SELECT starts_at, version, status FROM occurrence WHERE id = ?", [.integer(occurrence)]) else {
            throw Refusal.notFound(.occurrence, id: String(occurrence))
        }
        let start = slot.date("starts_at")!
        if slot.string("status") == OccurrenceStatus.cancelled.rawValue { throw Refusal.registration(.occurrenceCancelled(occurrence: occurrence)) }
        if start <= planning.now { throw Refusal.registration(.occurrenceStarted(occurrence: occurrence, start: start)) }
        var registered: [(registration: Int64, participant: Int64, status: RegistrationStatus)] = []
        for (id, person) in zip(ids, people) {
            let target = RegistrationTarget(
                participant: id, occurrence: occurrence, start: start, cancelled: false, commune: person.commune.code,
                birthYear: person.birthYear)
            do {
                let registration = try insertRegistration(
                    target, status: .confirmed, source: source, now: planning.now, calendar: planning.calendar, in: database)
                registered.append((registration, id, .confirmed))
            } catch let error as DatabaseError where Self.isFull(error) {
                let registration = try insertRegistration(
                    target, status: .waitlisted, source: source, now: planning.now, calendar: planning.calendar, in: database)
                registered.append((registration, id, .waitlisted))
            }
        }
        let confirmed = registered.filter { $0.status == .confirmed }.map(\.participant)
        let snapshot = try reminderSnapshot(.people(confirmed), planning: planning, in: database)
        let planner = ReminderPlanner(policy: planning.rules.policy, cap: planning.rules.cap, now: planning.now, calendar: planning.calendar)
        let plans = planner.plans(snapshot)
        let reminders = Dictionary(
            zip(snapshot, plans).map { ($0.participant, (person: $0, plan: $1)) }, uniquingKeysWith: { first, _ in first })
        let notice = Row(values: [
            "occurrence": .integer(occurrence), "starts_at": slot["starts_at"], "version": slot["version"],
        ])
        for entry in registered {
            guard entry.status == .confirmed else {
                try queueWaitlistNotices(registration: entry.registration, planning: planning, in: database)
                continue
            }
            guard let (person, plan) = reminders[entry.participant] else { continue }
            try write(plan.writes, now: planning.now, in: database)
            guard planning.rules.confirmations, let channel = person.channels.contains(.email) ? .email : person.channels.first else { continue }
            var row = notice
            row.set("participant", .integer(entry.participant))
            try queueRegistrationNotice(.confirmation, registration: entry.registration, row: row, channel: channel, planning: planning, in: database)
        }
    }
}
