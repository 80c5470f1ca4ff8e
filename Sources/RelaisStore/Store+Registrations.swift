// Store+Registrations: registering a person to an occurrence, and recording attendance.
//
// The database refuses a registration to a full or cancelled occurrence (triggers) and a second
// registration of the same person (UNIQUE); this file turns those refusals into messages.

import Foundation
import RelaisCore

extension Store {
    /// Registers a person to an occurrence that has not started; returns the registration id.
    /// Its reminders are planned in the same transaction.
    public func register(
        participant: Int64, occurrence: Int64, source: String, now: Date, calendar: Calendar,
        rules: OutreachRules = OutreachRules()
    ) throws -> Int64 {
        try database.write { database in
            try register(
                participant: participant, occurrence: occurrence, source: source,
                planning: Planning(rules: rules, now: now, calendar: calendar), in: database)
        }
    }

    /// Registers and plans inside the caller's write transaction.
    func register(participant: Int64, occurrence: Int64, source: String, planning: Planning, in database: Database) throws -> Int64 {
        let target = try registrable(participant: participant, occurrence: occurrence, in: database)
        if target.start <= planning.now {
            throw StoreError("occurrence \(occurrence) has already started; record attendance with relais attend instead")
        }
        let id = try insertRegistration(
            target, source: source, now: planning.now, attended: false, calendar: planning.calendar, in: database)
        try planReminders(registration: id, planning: planning, in: database)
        return id
    }

    /// Records that a person came to an occurrence: marks their registration, or registers them
    /// on the spot (a walk-in). Returns the registration id.
    public func attend(participant: Int64, occurrence: Int64, now: Date, calendar: Calendar) throws -> Int64 {
        try database.write { database in
            let existing = try database.row(
                "SELECT id, attended_at FROM registration WHERE participant = ? AND occurrence = ?",
                [.integer(participant), .integer(occurrence)])
            if let existing {
                if existing.date("attended_at") != nil {
                    throw StoreError("participant \(participant) is already recorded as present at occurrence \(occurrence)")
                }
                try database.run("UPDATE registration SET attended_at = ? WHERE id = ?", [.date(now), .integer(existing.int64("id")!)])
                return existing.int64("id")!
            }
            let target = try registrable(participant: participant, occurrence: occurrence, in: database)
            return try insertRegistration(target, source: "walk-in", now: now, attended: true, calendar: calendar, in: database)
        }
    }

    private struct RegistrationTarget {
        var participant: Int64
        var occurrence: Int64
        var start: Date
        var commune: String
        var birthYear: Int?
    }

    private func registrable(participant: Int64, occurrence: Int64, in database: Database) throws -> RegistrationTarget {
        guard let person = try database.row("SELECT commune, birth_year FROM participant WHERE id = ?", [.integer(participant)]) else {
            throw StoreError("no participant \(participant) (relais participants list shows them)")
        }
        guard let slot = try database.row("SELECT starts_at, status FROM occurrence WHERE id = ?", [.integer(occurrence)]) else {
            throw StoreError("no occurrence \(occurrence) (relais events list shows them)")
        }
        return RegistrationTarget(
            participant: participant, occurrence: occurrence, start: slot.date("starts_at")!,
            commune: person.string("commune")!, birthYear: person.int("birth_year"))
    }

    private func insertRegistration(
        _ target: RegistrationTarget, source: String, now: Date, attended: Bool, calendar: Calendar, in database: Database
    ) throws -> Int64 {
        do {
            try database.run(
                """
                INSERT INTO registration (occurrence, participant, commune, age_group, registered_at, attended_at, source)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(target.occurrence), .integer(target.participant), .text(target.commune),
                    .string(target.birthYear.map { AgeGroup.of(birthYear: $0, on: target.start, calendar: calendar) }),
                    .date(now), .date(attended ? now : nil), .text(source),
                ])
            return database.lastInsertedRowID
        } catch let error as DatabaseError where error.isConstraintViolation {
            switch TriggerRefusal(error) {
            case .occurrenceFull?: throw StoreError("occurrence \(target.occurrence) is full")
            case .occurrenceCancelled?: throw StoreError("occurrence \(target.occurrence) is cancelled")
            default:
                if error.isUniqueViolation {
                    throw StoreError("participant \(target.participant) is already registered to occurrence \(target.occurrence)")
                }
            }
            throw error
        }
    }
}
