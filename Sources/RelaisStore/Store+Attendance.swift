// Store+Attendance: the check-in desk on the day of a session: the sessions of a day, the people
// registered to one, ticking them present, undoing a tick, and walk-ins (registered and present at
// once, `source` 'walk-in').
//
// When a tick may be written is the core's (CheckInPolicy: from the start, until the end of its
// day, later only with late check-in), judged here against the start read in the same
// transaction. A waitlisted resident who comes is confirmed at the door when a place is left (the
// capacity triggers decide); a walk-in takes a place the same way. Undoing a walk-in's tick
// cancels that registration (it existed only because of the tick), so that no walk-in stays
// counted as registered and absent. Every tick, undo and walk-in is written in the audit log with
// the actor, in the transaction that makes it. `commune` limits everything to one commune's
// residents (a CCAS); nil is every commune (staff at the door, the coordinator).

import Foundation
import RelaisCore

/// A session of a day, as the check-in desk lists it.
public struct CheckInSession: Sendable, Equatable {
    public var occurrence: OccurrenceListing
    /// Confirmed registrations of the residents in scope, and how many of them are present.
    public var registered: Int
    public var present: Int
}

/// A person on a session's check-in list.
public struct CheckInEntry: Sendable, Equatable {
    public var registration: Int64
    public var occurrence: Int64
    public var participant: Int64?
    /// Nil once the person was forgotten.
    public var name: String?
    public var commune: String
    public var birthYear: Int?
    public var status: RegistrationStatus
    public var source: String
    public var attendedAt: Date?
    /// Its place in the waitlist (1: next), when waitlisted.
    public var waitlistPosition: Int?
}

extension Store {
    // MARK: - Lists

    /// The sessions starting in [from, to), not cancelled, by start, with the scope's counts.
    public func checkInSessions(from: Date, to: Date, commune: String?) throws -> [CheckInSession] {
        try database.read { database in
            let counts = try database.rows(
                """
                SELECT o.id, count(r.id) AS registered, count(r.attended_at) AS present
                FROM occurrence o LEFT JOIN registration r ON r.occurrence = o.id AND r.status = 'confirmed'
                    AND (?3 IS NULL OR EXISTS (SELECT 1 FROM participant p WHERE p.id = r.participant AND p.commune = ?3))
                WHERE o.starts_at >= ?1 AND o.starts_at < ?2 AND o.status <> 'cancelled'
                GROUP BY o.id
                """, [.date(from), .date(to), .string(commune)])
            return try counts.compactMap { row in
                guard let listing = try occurrence(id: row.int64("id")!) else { return nil }
                return CheckInSession(occurrence: listing, registered: row.int("registered") ?? 0, present: row.int("present") ?? 0)
            }.sorted { ($0.occurrence.start, $0.occurrence.id) < ($1.occurrence.start, $1.occurrence.id) }
        }
    }

    /// The confirmed and waitlisted registrations of a session, of the scope's residents, in
    /// alphabetical order (accents and case folded, as people look names up).
    public func checkInList(occurrence: Int64, commune: String?) throws -> [CheckInEntry] {
        try database.read { database in
            try database.rows(
                """
                \(Self.entryQuery) WHERE r.occurrence = ?1 AND r.status <> 'cancelled' AND (?2 IS NULL OR p.commune = ?2)
                """, [.integer(occurrence), .string(commune)]
            ).map(Self.entry).alphabetical()
        }
    }

    /// One registration of the scope's residents, with its place in the waitlist.
    public func registrationEntry(_ id: Int64, commune: String?) throws -> CheckInEntry? {
        try database.read { database in
            try database.row("\(Self.entryQuery) WHERE r.id = ?1 AND (?2 IS NULL OR p.commune = ?2)", [.integer(id), .string(commune)])
                .map(Self.entry)
        }
    }

    /// A person's registrations to sessions, of the scope's residents, newest session first.
    public func registrationEntries(participant: Int64, commune: String?) throws -> [CheckInEntry] {
        try database.read { database in
            try database.rows(
                "\(Self.entryQuery) WHERE r.participant = ?1 AND (?2 IS NULL OR p.commune = ?2) ORDER BY o.starts_at DESC, r.id DESC",
                [.integer(participant), .string(commune)]
            ).map(Self.entry)
        }
    }

    // MARK: - Ticks

    /// Ticks a registration of the session present (confirming a waitlisted one if a place is
    /// left). `late` allows it after the session's day.
    public func checkIn(registration id: Int64, occurrence: Int64, late: Bool, context: RegistrationContext) throws -> CheckInEntry {
        try database.write { database in
            let row = try scopedRegistration(id, occurrence: occurrence, commune: context.commune, in: database)
            try markPresent(row, late: late, context: context, in: database)
            return try database.row("\(Self.entryQuery) WHERE r.id = ?", [.integer(id)]).map(Self.entry)!
        }
    }

    /// Ticks a resident present: their registration, or a walk-in registration made on the spot.
    public func attend(participant: Int64, occurrence: Int64, late: Bool, context: RegistrationContext) throws -> CheckInEntry {
        try database.write { database in
            let target = try registrable(participant: participant, occurrence: occurrence, commune: context.commune, in: database)
            if let existing = try activeRegistration(participant: participant, occurrence: occurrence, in: database) {
                let id = existing.int64("id")!
                try markPresent(
                    try scopedRegistration(id, occurrence: occurrence, commune: nil, in: database), late: late, context: context,
                    in: database)
                return try database.row("\(Self.entryQuery) WHERE r.id = ?", [.integer(id)]).map(Self.entry)!
            }
            try judge(
                start: target.start, cancelled: target.cancelled, occurrence: occurrence, registration: nil, late: late, context: context)
            let id = try insertPresent(target, context: context, in: database)
            return try database.row("\(Self.entryQuery) WHERE r.id = ?", [.integer(id)]).map(Self.entry)!
        }
    }

    /// Registers someone who came without registering, with the minimum (name, commune, birth
    /// year, no contact and no consent), and ticks them present, in one transaction.
    public func walkIn(_ person: NewParticipant, occurrence: Int64, late: Bool, context: RegistrationContext) throws -> CheckInEntry {
        try database.write { database in
            guard let slot = try database.row("SELECT starts_at, status FROM occurrence WHERE id = ?", [.integer(occurrence)]) else {
                throw Refusal.notFound(.occurrence, id: String(occurrence))
            }
            let start = slot.date("starts_at")!
            try judge(
                start: start, cancelled: slot.string("status") == "cancelled", occurrence: occurrence, registration: nil, late: late,
                context: context)
            let participant = try insertParticipant(person, now: context.now, in: database)
            try audit(actor: context.actor, action: "participant.add", detail: "participant=\(participant)", now: context.now, in: database)
            let target = RegistrationTarget(
                participant: participant, occurrence: occurrence, start: start, cancelled: false, commune: person.commune.code,
                birthYear: person.birthYear)
            let id = try insertPresent(target, context: context, in: database)
            return try database.row("\(Self.entryQuery) WHERE r.id = ?", [.integer(id)]).map(Self.entry)!
        }
    }

    /// Undoes a tick, the same day (later with `late`): the registration stays, not present; a
    /// walk-in's registration is cancelled. With `occurrence`, the registration must be that
    /// session's. Returns the registration as it now is.
    public func undoCheckIn(registration id: Int64, occurrence: Int64? = nil, late: Bool, context: RegistrationContext) throws
        -> CheckInEntry
    {
        try database.write { database in
            guard
                let row = try database.row(
                    """
                    SELECT r.id, r.occurrence, r.attended_at, r.source, o.starts_at FROM registration r
                    JOIN occurrence o ON o.id = r.occurrence LEFT JOIN participant p ON p.id = r.participant
                    WHERE r.id = ?1 AND (?2 IS NULL OR p.commune = ?2) AND (?3 IS NULL OR r.occurrence = ?3)
                    """, [.integer(id), .string(context.commune), occurrence.map { .integer($0) } ?? .null]),
                row.date("attended_at") != nil
            else { throw Refusal.notFound(.attendance, id: String(id)) }
            let verdict = CheckInPolicy.verdict(start: row.date("starts_at")!, now: context.now, late: late, calendar: context.calendar)
            if let refusal = CheckInPolicy.refusal(verdict, occurrence: row.int64("occurrence")!, registration: id) {
                throw Refusal.registration(refusal)
            }
            if row.string("source") == Self.walkInSource {
                try database.run(
                    """
                    UPDATE registration SET attended_at = NULL, status = 'cancelled', cancelled_at = ?, cancel_reason = 'walk-in undone'
                    WHERE id = ?
                    """, [.date(context.now), .integer(id)])
            } else {
                try database.run("UPDATE registration SET attended_at = NULL WHERE id = ?", [.integer(id)])
            }
            try audit(actor: context.actor, action: "attendance.undo", detail: "registration=\(id)", now: context.now, in: database)
            return try database.row("\(Self.entryQuery) WHERE r.id = ?", [.integer(id)]).map(Self.entry)!
        }
    }

    // MARK: - Helpers

    /// The `source` of a registration made at the door.
    static let walkInSource = "walk-in"

    /// A registration of `occurrence` of the scope's residents, with its session's start and status.
    private func scopedRegistration(_ id: Int64, occurrence: Int64, commune: String?, in database: Database) throws -> Row {
        guard
            let row = try database.row(
                """
                SELECT r.id, r.occurrence, r.status, r.attended_at, o.starts_at, o.status AS occurrence_status FROM registration r
                JOIN occurrence o ON o.id = r.occurrence LEFT JOIN participant p ON p.id = r.participant
                WHERE r.id = ?1 AND r.occurrence = ?2 AND (?3 IS NULL OR p.commune = ?3)
                """, [.integer(id), .integer(occurrence), .string(commune)])
        else { throw Refusal.notFound(.registration, id: String(id)) }
        return row
    }

    /// Refuses a presence the session's state or CheckInPolicy does not allow now.
    private func judge(start: Date, cancelled: Bool, occurrence: Int64, registration: Int64?, late: Bool, context: RegistrationContext)
        throws
    {
        if cancelled { throw Refusal.registration(.occurrenceCancelled(occurrence: occurrence)) }
        let verdict = CheckInPolicy.verdict(start: start, now: context.now, late: late, calendar: context.calendar)
        if let refusal = CheckInPolicy.refusal(verdict, occurrence: occurrence, registration: registration) {
            throw Refusal.registration(refusal)
        }
    }

    /// Ticks a registration row (from `scopedRegistration`) present, after the checks.
    private func markPresent(_ row: Row, late: Bool, context: RegistrationContext, in database: Database) throws {
        let id = row.int64("id")!
        let occurrence = row.int64("occurrence")!
        try judge(
            start: row.date("starts_at")!, cancelled: row.string("occurrence_status") == "cancelled", occurrence: occurrence,
            registration: id, late: late, context: context)
        switch RegistrationStatus(rawValue: row.string("status")!) ?? .cancelled {
        case .cancelled: throw Refusal.registration(.registrationCancelled(registration: id))
        case .confirmed:
            guard row.date("attended_at") == nil else { throw Refusal.registration(.alreadyPresent(registration: id)) }
            try database.run("UPDATE registration SET attended_at = ? WHERE id = ?", [.date(context.now), .integer(id)])
        case .waitlisted:
            do {
                try database.run(
                    "UPDATE registration SET status = 'confirmed', promoted_at = ?1, attended_at = ?1 WHERE id = ?2",
                    [.date(context.now), .integer(id)])
            } catch let error as DatabaseError where error.isConstraintViolation {
                throw try refusal(from: error, occurrence: occurrence, registration: id, in: database) ?? error
            }
        }
        try audit(actor: context.actor, action: "attendance.add", detail: "registration=\(id)", now: context.now, in: database)
    }

    /// Inserts a walk-in registration, present now; a full session refuses it.
    private func insertPresent(_ target: RegistrationTarget, context: RegistrationContext, in database: Database) throws -> Int64 {
        let id: Int64
        do {
            id = try insertRegistration(
                target, status: .confirmed, source: Self.walkInSource, now: context.now, calendar: context.calendar, attended: true,
                in: database)
        } catch let error as DatabaseError where Self.isFull(error) {
            throw try refusal(from: error, occurrence: target.occurrence, in: database) ?? error
        }
        try audit(actor: context.actor, action: "attendance.walk-in", detail: "registration=\(id)", now: context.now, in: database)
        return id
    }

    /// The SELECT behind every CheckInEntry; a WHERE clause follows.
    private static let entryQuery = """
        SELECT r.id, r.occurrence, r.participant, p.name, r.commune, p.birth_year, r.status, r.source, r.attended_at,
            CASE WHEN r.status = 'waitlisted'
                THEN \(registrationWaitlistRank(id: "r.id", occurrence: "r.occurrence")) END AS position
        FROM registration r JOIN occurrence o ON o.id = r.occurrence LEFT JOIN participant p ON p.id = r.participant
        """

    private static func entry(_ row: Row) -> CheckInEntry {
        CheckInEntry(
            registration: row.int64("id")!, occurrence: row.int64("occurrence")!, participant: row.int64("participant"),
            name: row.string("name"), commune: row.string("commune")!, birthYear: row.int("birth_year"),
            status: RegistrationStatus(rawValue: row.string("status")!) ?? .cancelled, source: row.string("source") ?? "",
            attendedAt: row.date("attended_at"), waitlistPosition: row.int("position"))
    }

}

extension [CheckInEntry] {
    /// In alphabetical order of names, accents and case folded (each name folded once); the
    /// forgotten (no name) last.
    func alphabetical() -> [CheckInEntry] {
        map { ($0.name.map(Territory.slug) ?? "\u{10FFFF}", $0) }
            .sorted { ($0.0, $0.1.registration) < ($1.0, $1.1.registration) }
            .map(\.1)
    }
}
