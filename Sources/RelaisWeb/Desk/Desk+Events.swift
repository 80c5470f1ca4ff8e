// Desk+Events: registering residents to campaign sessions, the same for the pages and the API. A
// CCAS agent registers and cancels for its own commune's residents only (another commune's
// resident or registration is "not found", whatever the id); the coordinator for everyone; staff
// and planners may not (capability `.eventRegistrations`). Sessions themselves are public (the
// calendar feed publishes them): every agent who may register sees all of them, with the places
// left. The store decides (waitlist, promotion, audit) in one transaction.

import Foundation
import RelaisCore
import RelaisStore

/// Which sessions the events list shows.
public struct EventFilter: Sendable, Equatable {
    public var campaign: String?
    /// The commune where the session takes place (slug).
    public var commune: String?
    /// From this local day (default: now) to the end of `to` (default: 120 days on).
    public var from: Date?
    public var to: Date?
}

/// A session as the desk lists it for registering.
public struct EventListing: Sendable, Equatable {
    public var occurrence: OccurrenceListing
    /// Places left; nil when unlimited.
    public var placesLeft: Int? { occurrence.placesLeft }
}

extension Desk {
    /// How far ahead the events list looks by default.
    public static let eventsDays = 120

    // MARK: - Sessions

    /// Sessions still to start, not cancelled, by start, as the filter asks.
    public func upcomingEvents(_ agent: Agent, _ filter: EventFilter) throws -> [EventListing] {
        try agent.require(.eventRegistrations)
        let now = clock()
        let from = max(filter.from ?? now, now)
        let to = filter.to ?? from.addingTimeInterval(TimeInterval(Self.eventsDays) * 86_400)
        let query = OccurrenceFilter(campaign: filter.campaign, from: from, to: to, commune: filter.commune)
        return try pool.withStore { try $0.occurrences(query) }
            .filter { $0.status != .cancelled && $0.start > now }
            .map { EventListing(occurrence: $0) }
    }

    /// Reads the events list's filter from a query: `campaign`, `commune` (a name, its slug or its INSEE code),
    /// `from` and `to` (local days, `2027-03-30`; `to` included).
    public func eventFilter(_ query: [String: String]) throws -> EventFilter {
        var filter = EventFilter()
        if let campaign = Self.nonBlank(query["campaign"]) { filter.campaign = campaign.lowercased() }
        if let typed = Self.nonBlank(query["commune"]) {
            guard let commune = territory.commune(named: typed) ?? territory.commune(code: typed) else {
                throw DeskError.refusal(.resident(.unknownCommune(typed: typed)))
            }
            filter.commune = commune.code
        }
        for field in [RefusalField.from, .to] {
            guard let typed = Self.nonBlank(query[field.rawValue]) else { continue }
            guard typed.count == 10, let day = localTime.parse(typed) else {
                throw DeskError.refusal(.registration(.dayUnreadable(field: field, typed: typed)))
            }
            if field == .from { filter.from = day } else { filter.to = CheckInPolicy.endOfDay(day, calendar: localTime.calendar) }
        }
        return filter
    }

    /// One session (cancelled or past ones too), with the agent's registrations to it.
    public func event(_ agent: Agent, id: Int64) throws -> (occurrence: OccurrenceListing, registrations: [CheckInEntry]) {
        try agent.require(.eventRegistrations)
        let commune = try agent.scope.commune
        return try pool.withStore { store in
            guard let occurrence = try store.occurrence(id: id) else { throw DeskError.notFound }
            let all = try store.checkInList(occurrence: id, commune: commune)
            return (occurrence, all.sorted { ($0.status.rawValue, $0.registration) < ($1.status.rawValue, $1.registration) })
        }
    }

    /// The campaigns, (id, name) by id, for the events list's filter.
    public func campaignChoices() throws -> [(String, String)] {
        try pool.withStore { try $0.campaigns() }.map { ($0.id, $0.name) }
    }

    // MARK: - Registering and cancelling

    /// Registers a resident of the agent's scope (`resident` in the form) to a session: confirmed,
    /// or waitlisted when it is full.
    public func register(_ agent: Agent, occurrence: Int64, _ fields: FormFields) throws -> RegistrationOutcome {
        try agent.require(.eventRegistrations)
        guard let typed = fields.text("resident"), let resident = Int64(typed), resident > 0 else {
            throw DeskError.refusal(.form(.missing(.resident)))
        }
        let context = try registrationContext(agent, commune: agent.scope.commune)
        return try refusing {
            try pool.withStore {
                try $0.register(participant: resident, occurrence: occurrence, source: "desk (\(agent.login))", context: context)
            }
        }
    }

    /// Cancels a registration of the agent's scope; a place it held goes to the waitlist.
    public func cancelRegistration(_ agent: Agent, id: Int64) throws -> RegistrationCancellation {
        try agent.require(.eventRegistrations)
        let context = try registrationContext(agent, commune: agent.scope.commune)
        return try refusing {
            try pool.withStore { try $0.cancelRegistration(id, reason: "cancelled by \(agent.login)", context: context) }
        }
    }

    /// One registration of the agent's scope, with its session.
    public func registration(_ agent: Agent, id: Int64) throws -> (entry: CheckInEntry, occurrence: OccurrenceListing) {
        try agent.require(.eventRegistrations)
        let commune = try agent.scope.commune
        return try pool.withStore { store in
            guard let entry = try store.registrationEntry(id, commune: commune), let occurrence = try store.occurrence(id: entry.occurrence)
            else { throw DeskError.notFound }
            return (entry, occurrence)
        }
    }

    /// A resident's registrations to sessions (the resident must be the agent's), newest session first.
    public func registrations(_ agent: Agent, resident id: Int64) throws -> [(entry: CheckInEntry, occurrence: OccurrenceListing)] {
        _ = try resident(agent, id: id)
        guard agent.role.allows(.eventRegistrations) else { return [] }
        let commune = try agent.scope.commune
        return try pool.withStore { store in
            try store.registrationEntries(participant: id, commune: commune).compactMap { entry in
                try store.occurrence(id: entry.occurrence).map { (entry, $0) }
            }
        }
    }

    // MARK: - Helpers

    /// Who acts, for the store: the agent's login, the residents it acts on, the outreach rules and the time.
    func registrationContext(_ agent: Agent, commune: String?) -> RegistrationContext {
        let shuttle = makeContext(clock(), agent.login)
        return RegistrationContext(
            actor: agent.login, commune: commune, rules: shuttle.outreach, now: shuttle.now, calendar: localTime.calendar)
    }

    static func nonBlank(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}

extension DeskError {
    /// The error as a page answers it: a record not found (or not the agent's) is a 404 page.
    var asPageError: DeskError {
        if case .refusal(.notFound) = self { return .notFound }
        return self
    }
}
