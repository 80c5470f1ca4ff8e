// Desk+CheckIn: the check-in desk on the day of a session, the same for the pages and the API
// (capability `.checkIn`). Staff at the door see every commune's registered people, but only for
// the sessions of the day, and nothing else (no resident search, no events list); a CCAS agent
// sees its own residents only; the coordinator sees everyone and, with `.lateCheckIn`, any day's
// session, to enter a paper sign-in sheet afterwards. The lists are limited to the day here; when
// a tick may be written or undone is the core's CheckInPolicy, judged by the store in the write.

import Foundation
import RelaisCore
import RelaisStore

extension Desk {
    // MARK: - Sessions and lists

    /// The local day `typed` names (`2027-03-30`), or today; another day than today needs late check-in.
    public func checkInDay(_ agent: Agent, _ typed: String?) throws -> Date {
        try agent.require(.checkIn)
        let today = CheckInPolicy.day(of: clock(), calendar: localTime.calendar)
        guard let typed = Self.nonBlank(typed) else { return today }
        guard typed.count == 10, let day = localTime.parse(typed) else {
            throw DeskError.refusal(.registration(.dayUnreadable(field: .day, typed: typed)))
        }
        guard day == today || agent.role.allows(.lateCheckIn) else { throw DeskError.forbidden }
        return day
    }

    /// The sessions of `day` (from `checkInDay`), with the agent's registered and present counts.
    public func checkInSessions(_ agent: Agent, day: Date) throws -> [CheckInSession] {
        let commune = try checkInCommune(agent)
        let end = CheckInPolicy.endOfDay(day, calendar: localTime.calendar)
        return try pool.withStore { try $0.checkInSessions(from: day, to: end, commune: commune) }
    }

    /// A session of the day (any day with late check-in), with the agent's people on it, in
    /// alphabetical order; `query` keeps those whose name contains it (accents and case folded).
    public func checkInList(_ agent: Agent, occurrence id: Int64, matching query: String? = nil) throws -> (
        occurrence: OccurrenceListing, people: [CheckInEntry]
    ) {
        let commune = try checkInCommune(agent)
        return try pool.withStore { store in
            guard let occurrence = try store.occurrence(id: id), occurrence.status != .cancelled, visible(agent, occurrence) else {
                throw DeskError.notFound
            }
            var people = try store.checkInList(occurrence: id, commune: commune)
            if let query = Self.nonBlank(query) {
                let key = Territory.slug(query)
                people = people.filter { Territory.slug($0.name ?? "").contains(key) }
            }
            return (occurrence, people)
        }
    }

    // MARK: - Ticks

    /// Ticks a registration of the session present.
    public func tick(_ agent: Agent, occurrence: Int64, registration: Int64) throws -> CheckInEntry {
        let context = registrationContext(agent, commune: try checkInCommune(agent))
        return try refusing {
            try pool.withStore {
                try $0.checkIn(registration: registration, occurrence: occurrence, late: lateAllowed(agent), context: context)
            }
        }
    }

    /// Ticks a resident present by their id: their registration; for an agent who may see
    /// residents (CCAS, coordinator), a resident who did not register is registered on the spot.
    public func tick(_ agent: Agent, occurrence: Int64, resident: Int64) throws -> CheckInEntry {
        let commune = try checkInCommune(agent)
        let context = registrationContext(agent, commune: commune)
        return try refusing {
            try pool.withStore { store in
                if agent.role.allows(.residents) {
                    return try store.attend(participant: resident, occurrence: occurrence, late: lateAllowed(agent), context: context)
                }
                guard let registration = try store.registrationID(participant: resident, occurrence: occurrence) else {
                    throw Refusal.notFound(.resident, id: String(resident))
                }
                return try store.checkIn(registration: registration, occurrence: occurrence, late: lateAllowed(agent), context: context)
            }
        }
    }

    /// Registers a walk-in (`name`, `commune`, `birth_year` in `fields`) and ticks them present. A
    /// CCAS agent's walk-ins are its commune's residents whatever the form says. A field the core
    /// refuses is `DeskError.refusal(.resident(_))`, naming the form's field (the API names it
    /// within `walk_in`).
    public func walkIn(_ agent: Agent, occurrence: Int64, _ fields: FormFields) throws -> CheckInEntry {
        let commune = try checkInCommune(agent)
        let now = clock()
        let form = ParticipantForm(
            name: fields["name"] ?? "", commune: agent.commune?.name ?? fields["commune"] ?? "", birthYear: fields.text("birth_year"))
        let person: NewParticipant
        do { person = try form.validated(territory: territory, now: now, calendar: localTime.calendar) } catch {
            throw DeskError.refusal(error)
        }
        let context = registrationContext(agent, commune: commune)
        return try refusing {
            try pool.withStore { try $0.walkIn(person, occurrence: occurrence, late: lateAllowed(agent), context: context) }
        }
    }

    /// Undoes a tick of the agent's scope (the same day; any day with late check-in); with
    /// `occurrence`, of that session only.
    public func undoTick(_ agent: Agent, registration: Int64, occurrence: Int64? = nil) throws -> CheckInEntry {
        let context = registrationContext(agent, commune: try checkInCommune(agent))
        return try refusing {
            try pool.withStore {
                try $0.undoCheckIn(registration: registration, occurrence: occurrence, late: lateAllowed(agent), context: context)
            }
        }
    }

    // MARK: - Helpers

    /// Whose people the agent checks in: its commune's for a CCAS agent, every commune's (nil) for
    /// staff and the coordinator; a role without `.checkIn` is refused.
    func checkInCommune(_ agent: Agent) throws -> String? {
        try agent.require(.checkIn)
        switch agent.role {
        case .ccas:
            guard let commune = agent.commune else { throw DeskError.forbidden }
            return commune.code
        case .staff, .coordinator: return nil
        case .planner: throw DeskError.forbidden
        }
    }

    /// True when the agent may tick and undo after a session's day (a paper sign-in sheet).
    func lateAllowed(_ agent: Agent) -> Bool { agent.role.allows(.lateCheckIn) }

    /// True when the agent may see the session's list: it starts today, or any day with late check-in.
    func visible(_ agent: Agent, _ occurrence: OccurrenceListing) -> Bool {
        lateAllowed(agent)
            || CheckInPolicy.day(of: occurrence.start, calendar: localTime.calendar)
                == CheckInPolicy.day(of: clock(), calendar: localTime.calendar)
    }
}
