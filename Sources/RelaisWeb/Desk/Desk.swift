// Desk: what a CCAS agent or the coordinator can do, the same for the pages and the JSON API.
// Every operation takes the signed-in Agent and keeps to its scope: a CCAS agent reads and
// changes its own commune's residents and bookings only. Another commune's resident or booking
// is answered as if it did not exist (DeskError.notFound), whatever id a URL or a form carries;
// the store's queries take the scope too, so a forgotten check here still finds nothing.
// Changes name the agent's login in the audit log and in `booked_by`.

import Foundation
import RelaisCore
import RelaisStore

/// Why a desk operation was refused.
public enum DeskError: Error, Equatable, Sendable {
    /// Unknown, or outside the agent's scope (the same answer).
    case notFound
    /// The agent's role does not allow it.
    case forbidden
    /// A field is wrong: its name and the reason (in English), for the form to show.
    case invalid(field: String, reason: String)
    /// A booking or cancellation the rules refuse: the field, the refusal (worded in the page's
    /// language by DeskWording) and the English sentence the API answers with.
    case refused(field: String, ShuttleRefusal, reason: String)
    /// Refused by the core or the store, worded by each front (DeskWording.words(for:)).
    case refusal(Refusal)
}

extension DeskError {
    /// True for what the agent can correct in the form (shown above it), false for 404/403.
    public var isFormProblem: Bool {
        switch self {
        case .invalid, .refused: return true
        case .refusal(let refusal):
            if case .notFound = refusal { return false }
            return true
        case .notFound, .forbidden: return false
        }
    }
}

/// The CCAS desk's operations.
public struct Desk: Sendable {
    let pool: StorePool
    let territory: Territory
    let localTime: LocalTime
    let clock: @Sendable () -> Date
    let makeContext: @Sendable (_ now: Date, _ actor: String?) -> ShuttleContext
    /// Loads the calendars planners upload; nil: uploads are refused (403).
    let calendarUploads: (any CalendarUploading)?

    public init(
        pool: StorePool, territory: Territory, localTime: LocalTime, clock: @escaping @Sendable () -> Date,
        calendarUploads: (any CalendarUploading)? = nil,
        shuttleContext: @escaping @Sendable (_ now: Date, _ actor: String?) -> ShuttleContext
    ) {
        self.pool = pool
        self.territory = territory
        self.localTime = localTime
        self.clock = clock
        self.calendarUploads = calendarUploads
        self.makeContext = shuttleContext
    }

    private func context(_ agent: Agent) -> ShuttleContext { makeContext(clock(), agent.login) }

    // MARK: - Residents

    /// How many residents a search lists at most.
    public static let residentListLimit = 200

    /// The agent's residents whose name, phone or e-mail contains `query` (all of them without one), at most `limit`.
    public func residents(_ agent: Agent, matching query: String?, limit: Int = Desk.residentListLimit) throws -> [ParticipantRecord] {
        try agent.require(.residents)
        let people = try pool.withStore { try $0.participants(commune: agent.commune?.slug) }
        guard let query = query?.trimmingCharacters(in: .whitespaces), !query.isEmpty else { return Array(people.prefix(limit)) }
        // Four digits or more search the phone numbers (a leading 0 dropped: they are stored as +33...),
        // anything else the names (case and accents folded) and the e-mail addresses.
        let digits = query.filter(\.isNumber)
        if digits.count >= 4 {
            let national = String(digits.dropFirst(digits.hasPrefix("0") ? 1 : 0))
            return Array(people.filter { ($0.phone ?? "").filter(\.isNumber).contains(national) }.prefix(limit))
        }
        let key = Territory.slug(query)
        let lowered = query.lowercased()
        return Array(
            people.filter { Territory.slug($0.name).contains(key) || ($0.email ?? "").lowercased().contains(lowered) }.prefix(limit))
    }

    /// One resident of the agent's scope.
    public func resident(_ agent: Agent, id: Int64) throws -> ParticipantRecord {
        try agent.require(.residents)
        guard let person = try pool.withStore({ try $0.participant(id: id) }), inScope(agent, commune: person.commune) else {
            throw DeskError.notFound
        }
        return person
    }

    /// Registers a resident from a form; a CCAS agent registers in its own commune whatever the form
    /// says. A phone or e-mail address another resident has is refused (DeskError.refusal, with the
    /// other's id when the agent may see them) unless `allow_duplicate` is ticked.
    public func addResident(_ agent: Agent, _ fields: FormFields) throws -> Int64 {
        try agent.require(.residents)
        let now = clock()
        var channels: [String] = []
        if fields.flag("consent_sms") { channels.append("sms") }
        if fields.flag("consent_email") { channels.append("email") }
        let form = ParticipantForm(
            name: fields["name"] ?? "", phone: fields.text("phone"), email: fields.text("email"),
            commune: agent.commune?.name ?? fields["commune"] ?? "", birthYear: fields.text("birth_year"),
            language: fields.text("language"), consentedChannels: channels, consentSource: "CCAS desk (\(agent.login))")
        let person: NewParticipant
        do { person = try form.validated(territory: territory, now: now, calendar: localTime.calendar) } catch {
            throw DeskError.refusal(error)
        }
        let duplicates: DuplicatePolicy = fields.flag("allow_duplicate") ? .allow : .refuse(viewer: agent.commune?.slug)
        do {
            return try pool.withStore {
                try $0.add([person], now: now, source: "desk", auditActor: agent.login, duplicates: duplicates)[0]
            }
        } catch let refused as RefusedPerson {
            throw DeskError.refusal(refused.refusal)
        }
    }

    // MARK: - Runs

    /// Runs from now on, by departure, with the seats left.
    public func upcomingRuns(_ agent: Agent) throws -> [ShuttleRunRecord] {
        try agent.require(.shuttle)
        let context = context(agent)
        return try pool.withStore { try $0.shuttleRuns(from: context.now, to: nil, scope: agent.scope, context: context) }
    }

    /// One run, with the agent's bookings on it and the waitlist the agent may see.
    public func run(_ agent: Agent, id: Int64) throws -> (
        run: ShuttleRunRecord, bookings: [ShuttleBookingListing], waitlist: [(position: Int, booking: ShuttleBookingListing)]
    ) {
        try agent.require(.shuttle)
        let context = context(agent)
        return try pool.withStore { store in
            guard let run = try store.shuttleRun(id, scope: agent.scope, context: context) else { throw DeskError.notFound }
            let bookings = try store.shuttleBookings(
                run: id, statuses: [.confirmed, .completed, .noShow], scope: agent.scope, context: context)
            return (run, bookings, try store.shuttleWaitlist(run: id, scope: agent.scope, context: context))
        }
    }

    /// A run's passengers for the agent's commune (all of them for the coordinator).
    public func manifest(_ agent: Agent, run id: Int64) throws -> (run: ShuttleRunRecord, passengers: [ShuttleBookingListing]) {
        try agent.require(.shuttle)
        let context = context(agent)
        return try pool.withStore { store in
            guard try store.shuttleRun(id, scope: agent.scope, context: context) != nil else { throw DeskError.notFound }
            return try store.shuttleManifest(run: id, scope: agent.scope, context: context)
        }
    }

    // MARK: - Bookings

    /// Books a seat from a form: `resident`, `stop`, `legs`, `companion`, `wheelchair`, `appointment` (HH:MM), `quotient`.
    public func book(_ agent: Agent, run: Int64, _ fields: FormFields) throws -> ShuttleBookingOutcome {
        try agent.require(.shuttle)
        guard let residentText = fields.text("resident"), let resident = Int64(residentText) else {
            throw DeskError.invalid(field: "resident", reason: "choose a resident")
        }
        _ = try self.resident(agent, id: resident)
        let legs =
            try fields.text("legs").map { text in
                guard let legs = ShuttleLegs(rawValue: text) else {
                    throw DeskError.invalid(field: "legs", reason: "\"\(text)\" is not both, outbound or return")
                }
                return legs
            } ?? .both
        var quotient: Int?
        if let text = fields.text("quotient") {
            guard let value = Int(text), value >= 0, value <= 100_000 else {
                throw DeskError.invalid(field: "quotient", reason: "\"\(text)\" is not a family quotient in euros (0 or more)")
            }
            quotient = value
        }
        var appointment: ShuttleAppointment?
        if let text = fields.text("appointment") {
            guard let minutes = ShuttleClock.minutes(text) else {
                throw DeskError.invalid(field: "appointment", reason: "\"\(text)\" is not a time such as 09:30")
            }
            appointment = .clock(minutes: minutes)
        }
        let request = ShuttleBookingRequest(
            run: run, participant: resident, stop: fields.text("stop") ?? "1", legs: legs, companion: fields.flag("companion"),
            wheelchair: fields.flag("wheelchair"), appointment: appointment, quotient: quotient)
        let context = context(agent)
        return try pool.withStore { store in
            guard try store.shuttleRun(run, scope: agent.scope, context: context) != nil else { throw DeskError.notFound }
            do { return try store.bookShuttle(request, scope: agent.scope, context: context) } catch let error as StoreError {
                throw Self.invalid(error)
            }
        }
    }

    /// One booking of the agent's scope.
    public func booking(_ agent: Agent, id: Int64) throws -> ShuttleBookingListing {
        try agent.require(.shuttle)
        let context = context(agent)
        let found = try pool.withStore { try $0.shuttleBookings(id: id, scope: agent.scope, context: context) }.first
        guard let found else { throw DeskError.notFound }
        return found
    }

    /// Cancels a booking of the agent's scope.
    public func cancel(_ agent: Agent, booking id: Int64) throws -> ShuttleCancellation {
        _ = try booking(agent, id: id)
        let context = context(agent)
        return try pool.withStore { store in
            do {
                return try store.cancelShuttleBooking(id, scope: agent.scope, reason: "cancelled by \(agent.login)", context: context)
            } catch let error as StoreError {
                throw Self.invalid(error)
            }
        }
    }

    // MARK: - Campaign calendar

    /// The coordinator's view of the campaigns: occurrences from `from` on, with registrations.
    public func calendar(_ agent: Agent, days: Int = 120) throws -> [OccurrenceListing] {
        try agent.require(.calendars)
        let now = clock()
        var filter = OccurrenceFilter()
        filter.from = localTime.calendar.startOfDay(for: now)
        filter.to = now.addingTimeInterval(TimeInterval(days) * 86_400)
        return try pool.withStore { try $0.occurrences(filter) }
    }

    // MARK: - Helpers

    /// True when a resident of `commune` is the agent's: its own commune's for a CCAS agent, any for the coordinator.
    private func inScope(_ agent: Agent, commune: String) -> Bool {
        switch agent.role {
        case .coordinator: true
        case .ccas: agent.commune?.slug == commune
        case .staff, .planner: false
        }
    }

    /// A store refusal as a field error: `--stop: ...` names the field; others are the whole form's.
    static func invalid(_ error: StoreError) -> DeskError {
        var field = "form"
        var reason = error.description
        if reason.hasPrefix("--"), let colon = reason.firstIndex(of: ":") {
            field = String(reason[reason.index(reason.startIndex, offsetBy: 2)..<colon]).replacingOccurrences(of: "-", with: "_")
            if field == "participant" { field = "resident" }
            reason = reason[reason.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return error.refusal.map { .refused(field: field, $0, reason: reason) } ?? .invalid(field: field, reason: reason)
    }
}

extension Desk {
    /// The bookings of one resident of the agent's scope, every status.
    public func bookings(_ agent: Agent, resident id: Int64) throws -> [ShuttleBookingListing] {
        _ = try resident(agent, id: id)
        let context = makeContext(clock(), agent.login)
        return try pool.withStore { try $0.shuttleBookings(participant: id, scope: agent.scope, context: context) }
    }
}

extension Desk {
    /// The fares by family quotient, for the booking form.
    public var fareBands: FareBands { makeContext(clock(), nil).settings.fares }
}
