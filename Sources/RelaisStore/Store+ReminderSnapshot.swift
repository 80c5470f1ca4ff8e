// Store+ReminderSnapshot: what reminder planning reads, for a set of people or for everyone, in a
// fixed number of queries whatever their number (registrations, alarms, addresses, consents,
// opt-outs, reminder rows, what the cap already counts), and the writing of the planner's decisions
// (ReminderPlanner, in the core) with one prepared statement per SQL text. Called inside the write
// transaction of the planning's cause, so what is read is what the decisions are written over.
//
// A set of people travels to SQLite as one JSON array (`json_each`), so reading the snapshot of one
// person and of 60,000 is the same few statements, each using the index on the person's column.
// The outbox queries write `+kind` so that SQLite does not choose `outbox_by_kind`: nearly every row
// is a reminder, and that index made the row-by-row planning read the whole outbox for each person
// (what made an import of n people take O(n^2): 6,000 people took 108 s, planning them 47 s).

import Foundation
import RelaisCore

/// Whose reminders a planning pass reads: given people, or everyone with a registration to come.
enum PlanningScope {
    case people([Int64])
    case everyone
}

extension Store {
    /// Plans the reminders of every upcoming confirmed registration of the people in `scope`, all
    /// channels: one snapshot read, decided in memory, written in the caller's transaction.
    @discardableResult
    func planReminders(_ scope: PlanningScope, planning: Planning, in database: Database) throws -> PlanSummary {
        if case .people(let ids) = scope, ids.isEmpty { return PlanSummary() }
        let people = try reminderSnapshot(scope, planning: planning, in: database)
        let planner = ReminderPlanner(policy: planning.rules.policy, cap: planning.rules.cap, now: planning.now, calendar: planning.calendar)
        let plan = planner.plan(people)
        try write(plan.writes, now: planning.now, in: database)
        var summary = PlanSummary()
        summary.queued = plan.queued
        summary.dropped = plan.dropped
        return summary
    }

    /// Each person's reminders as they stand, people in id order.
    func reminderSnapshot(_ scope: PlanningScope, planning: Planning, in database: Database) throws -> [PersonReminders] {
        let filter = Self.scopeFilter(scope)
        let targets = try database.rows(
            """
            SELECT r.id, r.participant, r.occurrence, o.starts_at, o.ends_at, o.version, o.event FROM registration r
            JOIN occurrence o ON o.id = r.occurrence
            WHERE \(filter.sql("r.participant")) AND r.status = 'confirmed' AND o.status <> 'cancelled' AND o.starts_at > ?2
            ORDER BY r.participant, o.starts_at, r.id
            """, [filter.argument, .date(planning.now)])
        guard !targets.isEmpty else { return [] }
        let events = Set(targets.compactMap { $0.string("event") })
        let alarms = try alarmsByEvent(events, in: database)
        let channels = try reachableChannels(filter, in: database)
        let stored = try storedReminders(filter, in: database)
        let given = try givenReminders(filter, in: database)
        var people: [PersonReminders] = []
        for row in targets {
            let participant = row.int64("participant")!
            let target = UpcomingRegistration(
                registration: row.int64("id")!, occurrence: row.int64("occurrence")!, start: row.date("starts_at")!,
                end: row.date("ends_at")!, version: row.int("version") ?? 1, alarms: alarms[row.string("event")!] ?? [])
            if people.last?.participant == participant {
                people[people.count - 1].registrations.append(target)
            } else {
                people.append(
                    PersonReminders(
                        participant: participant, registrations: [target], channels: channels[participant] ?? [],
                        stored: stored[participant] ?? [:], given: given[participant] ?? [:]))
            }
        }
        return people
    }

    /// Writes the planner's decisions.
    func write(_ writes: [ReminderWrite], now: Date, in database: Database) throws {
        for write in writes {
            switch write {
            case .insert(let row):
                try database.run(
                    """
                    INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
                        state, due_at, nominal_at, not_after, reason, created_at, updated_at)
                    VALUES (?1, 'reminder', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
                    """,
                    [
                        .text(row.key), .text(row.channel.rawValue), .integer(row.registration), .integer(row.participant),
                        .integer(row.occurrence), .int(row.version), .int(row.slot.alarmColumn), .text(row.state.rawValue),
                        .date(row.due), .date(row.nominal), .date(row.notAfter), .string(row.reason), .date(now),
                    ])
            case .update(let id, let state, let due, let nominal, let reason):
                try database.run(
                    """
                    UPDATE outbox SET state = ?1, due_at = ?2, nominal_at = ?3, reason = ?4, updated_at = ?5
                    WHERE id = ?6 AND state IN ('queued', 'dropped') AND (state <> ?1 OR due_at <> ?2 OR reason IS NOT ?4)
                    """, [.text(state.rawValue), .date(due), .date(nominal), .string(reason), .date(now), .integer(id)])
            case .retire(let id, let reason):
                try database.run(
                    "UPDATE outbox SET state = 'dropped', reason = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
                    [.text(reason), .date(now), .integer(id)])
            }
        }
    }

    // MARK: - The snapshot's parts

    /// A condition on a person column, and its one bound value (`?1`).
    struct ScopeFilter {
        var everyone: Bool
        var argument: SQLValue

        func sql(_ column: String) -> String {
            everyone ? "(?1 IS NULL AND \(column) IS NOT NULL)" : "\(column) IN (SELECT value FROM json_each(?1))"
        }
    }

    static func scopeFilter(_ scope: PlanningScope) -> ScopeFilter {
        switch scope {
        case .everyone: return ScopeFilter(everyone: true, argument: .null)
        case .people(let ids): return ScopeFilter(everyone: false, argument: .text("[" + ids.map(String.init).joined(separator: ",") + "]"))
        }
    }

    /// The stored alarms of each event, in file order.
    private func alarmsByEvent(_ events: Set<String>, in database: Database) throws -> [String: [CalendarAlarm]] {
        let list = try JSONSerialization.data(withJSONObject: events.sorted())
        var alarms: [String: [CalendarAlarm]] = [:]
        for row in try database.rows(
            """
            SELECT event, related, offset_seconds, at, action FROM event_alarm
            WHERE event IN (SELECT value FROM json_each(?)) ORDER BY event, position
            """, [.text(String(decoding: list, as: UTF8.self))])
        {
            alarms[row.string("event")!, default: []].append(Self.alarm(row))
        }
        return alarms
    }

    /// The channels each person can be written on: consent given and address not opted out; SMS first.
    private func reachableChannels(_ filter: ScopeFilter, in database: Database) throws -> [Int64: [Channel]] {
        var granted: [Int64: Set<Channel>] = [:]
        for row in try database.rows(
            "SELECT participant, channel FROM consent WHERE \(filter.sql("participant")) AND granted = 1", [filter.argument])
        {
            if let channel = row.string("channel").flatMap(Channel.init(rawValue:)) { granted[row.int64("participant")!, default: []].insert(channel) }
        }
        let optedOut = try database.rows(
            """
            SELECT p.id, o.channel FROM participant p JOIN opt_out o ON o.address = p.phone AND o.channel = 'sms'
            WHERE \(filter.sql("p.id"))
            UNION ALL
            SELECT p.id, o.channel FROM participant p JOIN opt_out o ON o.address = lower(p.email) AND o.channel = 'email'
            WHERE \(filter.sql("p.id"))
            """, [filter.argument]
        ).map { "\($0.int64("id")!):\($0.string("channel")!)" }
        let addresses = try database.rows(
            "SELECT id, phone IS NOT NULL AS sms, email IS NOT NULL AS email FROM participant WHERE \(filter.sql("id"))", [filter.argument])
        var channels: [Int64: [Channel]] = [:]
        let blocked = Set(optedOut)
        for row in addresses {
            let id = row.int64("id")!
            channels[id] = [Channel.sms, .email].filter { channel in
                granted[id]?.contains(channel) == true && row.bool(channel.rawValue) && !blocked.contains("\(id):\(channel.rawValue)")
            }
        }
        return channels
    }

    /// Each person's reminder rows, by key.
    private func storedReminders(_ filter: ScopeFilter, in database: Database) throws -> [Int64: [String: StoredReminder]] {
        var stored: [Int64: [String: StoredReminder]] = [:]
        for row in try database.rows(
            """
            SELECT x.id, x.key, x.state, x.due_at, x.reason, r.participant FROM registration r JOIN outbox x ON x.registration = r.id
            WHERE \(filter.sql("r.participant")) AND +x.kind = 'reminder'
            """, [filter.argument])
        {
            guard let state = row.string("state").flatMap(OutboxState.init(rawValue:)) else { continue }
            stored[row.int64("participant")!, default: [:]][row.string("key")!] = StoredReminder(
                id: row.int64("id")!, state: state, due: row.date("due_at")!, reason: row.string("reason"))
        }
        return stored
    }

    /// When each person's messages the cap counts (their kind's descriptor says so) already given on
    /// each channel (being sent, sent, to be retried) are due, every campaign together: the cap
    /// counts what arrives on one phone or in one mailbox.
    private func givenReminders(_ filter: ScopeFilter, in database: Database) throws -> [Int64: [Channel: [Date]]] {
        var given: [Int64: [Channel: [Date]]] = [:]
        for row in try database.rows(
            """
            SELECT participant, channel, due_at FROM outbox
            WHERE \(filter.sql("participant")) AND +kind IN (\(Self.sqlList(MessageKind.kinds { $0.capped })))
                AND state IN (\(Self.sqlList(OutboxState.given)))
            """, [filter.argument])
        {
            guard let channel = row.string("channel").flatMap(Channel.init(rawValue:)), let due = row.date("due_at") else { continue }
            given[row.int64("participant")!, default: [:]][channel, default: []].append(due)
        }
        return given
    }

    /// A row of `event_alarm` as the alarm it stores.
    static func alarm(_ row: Row) -> CalendarAlarm {
        let trigger: CalendarAlarm.Trigger =
            switch row.string("related") {
            case "start": .fromStart(seconds: row.int("offset_seconds") ?? 0)
            case "end": .fromEnd(seconds: row.int("offset_seconds") ?? 0)
            default: .absolute(row.date("at") ?? Date(timeIntervalSince1970: 0))
            }
        return CalendarAlarm(trigger: trigger, action: row.string("action") ?? "DISPLAY")
    }
}
