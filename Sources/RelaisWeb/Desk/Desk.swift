// Desk: what a CCAS agent or the coordinator can do, the same for the pages and the JSON API.
// Every operation takes the signed-in Agent and keeps to its scope: a CCAS agent reads and
// changes its own commune's residents and bookings only. Another commune's resident or booking
// is answered as if it did not exist (Refusal.notFound), whatever id a URL or a form carries;
// the store's queries take the scope too, so a forgotten check here still finds nothing.
// Changes name the agent's login in the audit log and in `booked_by`. What the core or the store
// refuses comes out as DeskError.refusal, for each front to word.

import Foundation
import RelaisCore
import RelaisStore

/// Why a desk operation was refused.
public enum DeskError: Error, Equatable, Sendable {
    /// No such page or route.
    case notFound
    /// The agent's role does not allow it.
    case forbidden
    /// Refused by the core or the store, worded by each front (DeskWording.words(for:), DeskAPI.refused).
    case refusal(Refusal)
}

extension DeskError {
    /// True for what the agent can correct in the form (shown above it), false for 404/403.
    public var isFormProblem: Bool {
        switch self {
        case .refusal(let refusal):
            if case .notFound = refusal { return false }
            return true
        case .notFound, .forbidden: return false
        }
    }

    /// True for what is answered 404: no such route, or a record that does not exist or is not the agent's.
    public var isNotFound: Bool {
        switch self {
        case .notFound: true
        case .refusal(let refusal):
            if case .notFound = refusal { true } else { false }
        case .forbidden: false
        }
    }
}

extension Desk {
    /// Runs `body`, wrapping what the core or the store refuses as DeskError.refusal.
    func refusing<Value>(_ body: () throws -> Value) throws -> Value {
        do { return try body() } catch let refusal as Refusal { throw DeskError.refusal(refusal) }
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
    /// The territory's route data (positions, travel times, pickup points), read per request so that
    /// a front that reloads it hands the new one over by its closure.
    let routeData: @Sendable () -> RouteDataLoad

    public init(
        pool: StorePool, territory: Territory, localTime: LocalTime, clock: @escaping @Sendable () -> Date,
        calendarUploads: (any CalendarUploading)? = nil,
        routeData: @escaping @Sendable () -> RouteDataLoad = { .unavailable("the desk was given no route data") },
        shuttleContext: @escaping @Sendable (_ now: Date, _ actor: String?) -> ShuttleContext
    ) {
        self.routeData = routeData
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
        let people = try pool.withStore { try $0.participants(commune: agent.commune?.code) }
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
            throw DeskError.refusal(.notFound(.resident, id: String(id)))
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
        let duplicates: DuplicatePolicy = fields.flag("allow_duplicate") ? .allow : .refuse(viewer: agent.commune?.code)
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
            guard let run = try store.shuttleRun(id, scope: agent.scope, context: context) else {
                throw DeskError.refusal(.notFound(.run, id: String(id)))
            }
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
            guard try store.shuttleRun(id, scope: agent.scope, context: context) != nil else {
                throw DeskError.refusal(.notFound(.run, id: String(id)))
            }
            return try refusing { try store.shuttleManifest(run: id, scope: agent.scope, context: context) }
        }
    }

    // MARK: - Bookings

    /// Books a seat from a form: `resident`, `stop`, `legs`, `companion`, `wheelchair`, `appointment` (HH:MM), `quotient`;
    /// on an on-demand run `pickup_point` or `door` instead of `stop`.
    public func book(_ agent: Agent, run: Int64, _ fields: FormFields) throws -> ShuttleBookingOutcome {
        try agent.require(.shuttle)
        var request = try refusing { try bookingRequest(run: run, fields) }
        _ = try self.resident(agent, id: request.participant)
        let context = context(agent)
        return try pool.withStore { store in
            guard let found = try store.shuttleRun(run, scope: agent.scope, context: context) else {
                throw DeskError.refusal(.notFound(.run, id: String(run)))
            }
            // An on-demand run has no stops: the booking names a pickup point or a door, or gets the town hall.
            if found.kind == .onDemand, fields.text("stop") == nil { request.stop = "" }
            return try refusing { try store.bookShuttle(request, scope: agent.scope, context: context) }
        }
    }

    /// The booking a form asks for; refused when a value cannot be read.
    private func bookingRequest(run: Int64, _ fields: FormFields) throws -> ShuttleBookingRequest {
        guard let residentText = fields.text("resident"), let resident = Int64(residentText), resident > 0 else {
            throw Refusal.form(.missing(.resident))
        }
        let legs = try fields.text("legs").map { text in
            guard let legs = ShuttleLegs(rawValue: text) else { throw Refusal.shuttle(.legsUnknown(typed: text)) }
            return legs
        }
        let quotient = try fields.text("quotient").map { text throws(Refusal) in try FareBands.quotient(text) }
        let appointment = try fields.text("appointment").map { text in
            guard let minutes = ShuttleClock.minutes(text) else { throw Refusal.shuttle(.appointmentUnreadable(typed: text)) }
            return ShuttleAppointment.clock(minutes: minutes)
        }
        return ShuttleBookingRequest(
            run: run, participant: resident, stop: fields.text("stop") ?? "1", legs: legs ?? .both, companion: fields.flag("companion"),
            wheelchair: fields.flag("wheelchair"), appointment: appointment, quotient: quotient,
            pickup: try ShuttlePickupPlace.parse(point: fields.text("pickup_point"), door: fields.text("door")))
    }

    /// One booking of the agent's scope.
    public func booking(_ agent: Agent, id: Int64) throws -> ShuttleBookingListing {
        try agent.require(.shuttle)
        let context = context(agent)
        let found = try pool.withStore { try $0.shuttleBookings(id: id, scope: agent.scope, context: context) }.first
        guard let found else { throw DeskError.refusal(.notFound(.booking, id: String(id))) }
        return found
    }

    /// Cancels a booking of the agent's scope.
    public func cancel(_ agent: Agent, booking id: Int64) throws -> ShuttleCancellation {
        _ = try booking(agent, id: id)
        let context = context(agent)
        return try pool.withStore { store in
            try refusing { try store.cancelShuttleBooking(id, scope: agent.scope, reason: "cancelled by \(agent.login)", context: context) }
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
        case .ccas: agent.commune?.code == commune
        case .staff, .planner: false
        }
    }
}

extension Desk {
    /// The bookings of one resident of the agent's scope, every status.
    public func bookings(_ agent: Agent, resident id: Int64) throws -> [ShuttleBookingListing] {
        _ = try resident(agent, id: id)
        let context = makeContext(clock(), agent.login)
        return try pool.withStore { store in
            try refusing { try store.shuttleBookings(participant: id, scope: agent.scope, context: context) }
        }
    }
}

extension Desk {
    /// The fares by family quotient, for the booking form.
    public var fareBands: FareBands { makeContext(clock(), nil).settings.fares }
}
