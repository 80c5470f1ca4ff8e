// Store+Registrations: registering a resident to a session (confirmed, or on its waitlist when it
// is full), cancelling a registration, and recording a presence from the command line.
//
// The database decides who gets a place: a registration is inserted as confirmed, and the
// triggers of schema step 12 refuse it when the session's confirmed registrations fill its
// capacity; it is then inserted as waitlisted, in the same BEGIN IMMEDIATE transaction, so that
// twenty agents registering to the last place confirm exactly one and none sees an error. A
// cancellation of a confirmed registration confirms the first waitlisted one in its transaction
// (Store+Waitlist). Every refusal is a `Refusal` value, worded by each front; a trigger's message
// is read by TriggerRefusal only, and turned into a Refusal here, in `refusal(from:)`.

import Foundation
import RelaisCore

/// What a registration request came to.
public struct RegistrationOutcome: Sendable, Equatable {
    public var id: Int64
    public var occurrence: Int64
    public var participant: Int64
    /// `confirmed` or `waitlisted`.
    public var status: RegistrationStatus
    /// Its place in the session's waitlist (1: next), when waitlisted.
    public var waitlistPosition: Int?
}

/// What a cancellation did.
public struct RegistrationCancellation: Sendable, Equatable {
    /// The status the registration had: a confirmed one freed a place.
    public var previousStatus: RegistrationStatus
    /// The waitlisted registrations confirmed in its place.
    public var promoted: [Int64]
}

/// Who registers, cancels or records a presence, on whose residents, and when.
public struct RegistrationContext: Sendable {
    /// Written in the audit log: a desk account's login, or `cli` for the command line.
    public var actor: String
    /// The commune whose residents the actor acts on (a CCAS); nil for every commune.
    public var commune: String?
    public var rules: OutreachRules
    public var now: Date
    public var calendar: Calendar

    public init(actor: String = "cli", commune: String? = nil, rules: OutreachRules = OutreachRules(), now: Date, calendar: Calendar) {
        self.actor = actor
        self.commune = commune
        self.rules = rules
        self.now = now
        self.calendar = calendar
    }

    var planning: Planning { Planning(rules: rules, now: now, calendar: calendar) }
}

extension Store {
    // MARK: - Registering

    /// Registers a resident to a session that has not started: confirmed while a place is left,
    /// waitlisted otherwise; the reminders of a confirmed registration are planned in the same
    /// transaction, and the audit log names the actor.
    public func register(participant: Int64, occurrence: Int64, source: String, context: RegistrationContext) throws
        -> RegistrationOutcome
    {
        try database.write { database in
            let outcome = try register(
                participant: participant, occurrence: occurrence, source: source, commune: context.commune,
                planning: context.planning, in: database)
            try audit(
                actor: context.actor, action: "registration.add",
                detail: "registration=\(outcome.id) occurrence=\(occurrence) participant=\(participant) status=\(outcome.status.rawValue)",
                now: context.now, in: database)
            return outcome
        }
    }

    /// Registers a person from the command line (every commune); returns the registration id,
    /// confirmed or waitlisted.
    public func register(
        participant: Int64, occurrence: Int64, source: String, now: Date, calendar: Calendar,
        rules: OutreachRules = OutreachRules()
    ) throws -> Int64 {
        try register(
            participant: participant, occurrence: occurrence, source: source,
            context: RegistrationContext(rules: rules, now: now, calendar: calendar)
        ).id
    }

    /// Registers and plans inside the caller's write transaction; `commune` limits the residents.
    func register(
        participant: Int64, occurrence: Int64, source: String, commune: String? = nil, planning: Planning, in database: Database
    ) throws -> RegistrationOutcome {
        let target = try registrable(participant: participant, occurrence: occurrence, commune: commune, in: database)
        if target.cancelled { throw Refusal.registration(.occurrenceCancelled(occurrence: occurrence)) }
        if target.start <= planning.now {
            throw Refusal.registration(.occurrenceStarted(occurrence: occurrence, start: target.start))
        }
        if let existing = try activeRegistration(participant: participant, occurrence: occurrence, in: database) {
            throw Refusal.registration(.alreadyRegistered(registration: existing.int64("id")!))
        }
        var status = RegistrationStatus.confirmed
        let id: Int64
        do {
            id = try insertRegistration(
                target, status: .confirmed, source: source, now: planning.now, calendar: planning.calendar, in: database)
        } catch let error as DatabaseError where Self.isFull(error) {
            status = .waitlisted
            id = try insertRegistration(
                target, status: .waitlisted, source: source, now: planning.now, calendar: planning.calendar, in: database)
        }
        var position: Int?
        if status == .confirmed {
            try planReminders(registration: id, planning: planning, in: database)
            try queueConfirmation(registration: id, planning: planning, in: database)
        } else {
            position = try waitlistRank(ofRegistration: id, in: database)
            try queueWaitlistNotices(registration: id, planning: planning, in: database)
        }
        return RegistrationOutcome(id: id, occurrence: occurrence, participant: participant, status: status, waitlistPosition: position)
    }

    /// The registration of a person to a session that is not cancelled, if any.
    func activeRegistration(participant: Int64, occurrence: Int64, in database: Database) throws -> Row? {
        try database.row(
            "SELECT id, status, attended_at, source FROM registration WHERE participant = ? AND occurrence = ? AND status <> 'cancelled'",
            [.integer(participant), .integer(occurrence)])
    }

    // MARK: - Cancelling

    /// Cancels a confirmed or waitlisted registration to a session that has not started: its
    /// waiting reminders are cancelled and, when it held a place, the first waitlisted
    /// registration is confirmed, with its notice queued, in the same transaction.
    public func cancelRegistration(_ id: Int64, reason: String, context: RegistrationContext) throws -> RegistrationCancellation {
        try database.write { database in try cancelRegistration(id, reason: reason, context: context, in: database) }
    }

    /// `cancelRegistration` inside a transaction (Store+SMSCancel cancels in the one that takes the
    /// request). A refusal is thrown before anything is written.
    func cancelRegistration(
        _ id: Int64, reason: String, context: RegistrationContext, in database: Database
    ) throws -> RegistrationCancellation {
        guard
            let row = try database.row(
                """
                SELECT r.status, r.attended_at, r.occurrence, r.participant, o.starts_at FROM registration r
                JOIN occurrence o ON o.id = r.occurrence LEFT JOIN participant p ON p.id = r.participant
                WHERE r.id = ?1 AND (?2 IS NULL OR p.commune = ?2)
                """, [.integer(id), .string(context.commune)])
        else { throw Refusal.notFound(.registration, id: String(id)) }
        let status = RegistrationStatus(rawValue: row.string("status")!) ?? .cancelled
        let start = row.date("starts_at")!
        guard status != .cancelled else { throw Refusal.registration(.registrationCancelled(registration: id)) }
        guard row.date("attended_at") == nil, start > context.now else {
            throw Refusal.registration(.notCancellable(registration: id, start: start))
        }
        try database.run(
            "UPDATE registration SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE id = ?",
            [.date(context.now), .text(reason), .integer(id)])
        try cancelRegistrationMessages(of: id, reason: "registration cancelled", now: context.now, in: database)
        try queueWithdrawal(registration: id, planning: context.planning, in: database)
        try audit(
            actor: context.actor, action: "registration.cancel", detail: "registration=\(id) status=\(status.rawValue)",
            now: context.now, in: database)
        let occurrence = row.int64("occurrence")!
        let promoted =
            status == .confirmed ? try promoteWaitlist(of: occurrence, planning: context.planning, in: database) : []
        if let participant = row.int64("participant") {
            try replanUpcoming(of: participant, planning: context.planning, in: database)
        }
        return RegistrationCancellation(previousStatus: status, promoted: promoted)
    }

    /// The id of a person's registration to a session that is not cancelled, if any.
    public func registrationID(participant: Int64, occurrence: Int64) throws -> Int64? {
        try database.read { database in
            try activeRegistration(participant: participant, occurrence: occurrence, in: database)?.int64("id")
        }
    }

    // MARK: - Presence from the command line

    /// Records that a person came to a session that has started (any day after: the command line
    /// enters late sign-in sheets): marks their registration, confirming a waitlisted one if a
    /// place is left, or registers them on the spot (a walk-in). Returns the registration id.
    public func attend(participant: Int64, occurrence: Int64, now: Date, calendar: Calendar) throws -> Int64 {
        try attend(participant: participant, occurrence: occurrence, late: true, context: RegistrationContext(now: now, calendar: calendar))
            .registration
    }

    // MARK: - Helpers

    struct RegistrationTarget {
        var participant: Int64
        var occurrence: Int64
        var start: Date
        var cancelled: Bool
        var commune: String
        var birthYear: Int?
    }

    /// The person (of `commune` when given) and the session, or the refusal that one is unknown.
    func registrable(participant: Int64, occurrence: Int64, commune: String?, in database: Database) throws -> RegistrationTarget {
        guard
            let person = try database.row(
                "SELECT commune, birth_year FROM participant WHERE id = ?1 AND (?2 IS NULL OR commune = ?2)",
                [.integer(participant), .string(commune)])
        else { throw Refusal.notFound(.resident, id: String(participant)) }
        guard let slot = try database.row("SELECT starts_at, status FROM occurrence WHERE id = ?", [.integer(occurrence)]) else {
            throw Refusal.notFound(.occurrence, id: String(occurrence))
        }
        return RegistrationTarget(
            participant: participant, occurrence: occurrence, start: slot.date("starts_at")!,
            cancelled: slot.string("status") == "cancelled", commune: person.string("commune")!, birthYear: person.int("birth_year"))
    }

    /// Inserts a registration; a present one (a walk-in) is confirmed and attended now.
    func insertRegistration(
        _ target: RegistrationTarget, status: RegistrationStatus, source: String, now: Date, calendar: Calendar, attended: Bool = false,
        in database: Database
    ) throws -> Int64 {
        do {
            try database.run(
                """
                INSERT INTO registration (occurrence, participant, commune, age_group, registered_at, attended_at, source, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(target.occurrence), .integer(target.participant), .text(target.commune),
                    .string(target.birthYear.map { AgeGroup.of(birthYear: $0, on: target.start, calendar: calendar) }),
                    .date(now), .date(attended ? now : nil), .text(source), .text(status.rawValue),
                ])
            return database.lastInsertedRowID
        } catch let error as DatabaseError where TriggerRefusal(error) == .occurrenceCancelled {
            throw Refusal.registration(.occurrenceCancelled(occurrence: target.occurrence))
        }
    }

    /// True for the capacity triggers' refusal: the caller waitlists, or words it.
    static func isFull(_ error: DatabaseError) -> Bool {
        TriggerRefusal(error) == .occurrenceFull
    }

    /// A registration trigger's refusal (read by TriggerRefusal) as the Refusal it stands for;
    /// nil for anything else. `registration` is the one being changed, when there is one.
    func refusal(from error: DatabaseError, occurrence: Int64, registration: Int64? = nil, in database: Database) throws
        -> Refusal?
    {
        switch TriggerRefusal(error) {
        case .occurrenceFull?:
            let capacity = try database.row(
                "SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = ?", [.integer(occurrence)]
            )?.int("capacity")
            return .registration(.occurrenceFull(occurrence: occurrence, capacity: capacity ?? 0))
        case .occurrenceCancelled?: return .registration(.occurrenceCancelled(occurrence: occurrence))
        case .registrationStaysCancelled?: return registration.map { .registration(.registrationCancelled(registration: $0)) }
        default: return nil
        }
    }
}
