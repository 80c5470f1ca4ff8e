// Store+Participants: people, their consent per channel, and forgetting them.

import Foundation
import RelaisCore

/// A person as stored, with consents.
public struct ParticipantRecord: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var phone: String?
    public var email: String?
    public var commune: String
    public var birthYear: Int?
    public var language: Language
    public var createdAt: Date
    public var consents: [Consent]
}

/// A person's registration, as listed on their record.
public struct RegistrationListing: Sendable, Equatable {
    public var id: Int64
    public var occurrence: OccurrenceListing
    public var registeredAt: Date
    public var attendedAt: Date?
    public var source: String
    /// Confirmed, waitlisted or cancelled.
    public var status: RegistrationStatus = .confirmed
}

extension Store {
    /// Stores the people, all in one transaction, and returns their ids in order. With
    /// `registeringTo`, each is also registered to that occurrence (a sign-up sheet), in the
    /// same transaction: all of it, or none. With `auditActor` (a desk account's login), each
    /// person added is written in the audit log in the same transaction. A person with the phone or
    /// e-mail address of another resident (one already stored, or one before them in `people`) is
    /// refused unless `duplicates` is `.allow`: RefusedPerson says which, and nothing is added.
    public func add(
        _ people: [NewParticipant], now: Date, registeringTo occurrence: Int64? = nil, source: String = "import",
        rules: OutreachRules = OutreachRules(), calendar: Calendar = LocalTime.paris.calendar, auditActor: String? = nil,
        duplicates: DuplicatePolicy = .refuse(viewer: nil)
    ) throws -> [Int64] {
        try database.write { database in
            var ids: [Int64] = []
            for (index, person) in people.enumerated() {
                try refuseDuplicate(of: person, index: index, added: ids, policy: duplicates, in: database)
                ids.append(try insertParticipant(person, now: now, in: database))
            }
            if let auditActor {
                for id in ids {
                    try audit(actor: auditActor, action: "participant.add", detail: "participant=\(id)", now: now, in: database)
                }
            }
            if let occurrence {
                let planning = Planning(rules: rules, now: now, calendar: calendar)
                try registerNewPeople(ids, people, to: occurrence, source: source, planning: planning, in: database)
            }
            return ids
        }
    }

    func insertParticipant(_ person: NewParticipant, now: Date, in database: Database) throws -> Int64 {
        try database.run(
            """
            INSERT INTO participant (name, phone, email, commune, birth_year, language, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .text(person.name), .string(person.phone?.e164), .string(person.email?.address),
                .text(person.commune.code), .int(person.birthYear), .text(person.language.rawValue), .date(now),
            ])
        let id = database.lastInsertedRowID
        for consent in person.consents {
            try database.run(
                "INSERT INTO consent (participant, channel, granted, recorded_at, source) VALUES (?, ?, ?, ?, ?)",
                [.integer(id), .text(consent.channel.rawValue), .bool(consent.granted), .date(consent.recordedAt), .text(consent.source)])
        }
        return id
    }

    /// People, by id; optionally only one commune's.
    public func participants(commune: String? = nil) throws -> [ParticipantRecord] {
        try database.read { database in
            let rows = try database.rows(
                "SELECT * FROM participant WHERE ?1 IS NULL OR commune = ?1 ORDER BY id", [.string(commune)])
            let consents = try database.rows(
                """
                SELECT c.* FROM consent c JOIN participant p ON p.id = c.participant
                WHERE ?1 IS NULL OR p.commune = ?1 ORDER BY c.participant, c.channel
                """, [.string(commune)])
            let byPerson = Dictionary(grouping: consents.map(Self.consent), by: \.0).mapValues { $0.map(\.1) }
            return rows.map { Self.participant($0, consents: byPerson[$0.int64("id")!] ?? []) }
        }
    }

    /// One person, or nil.
    public func participant(id: Int64) throws -> ParticipantRecord? {
        try database.read { database in
            guard let row = try database.row("SELECT * FROM participant WHERE id = ?", [.integer(id)]) else { return nil }
            let consents = try database.rows("SELECT * FROM consent WHERE participant = ? ORDER BY channel", [.integer(id)])
            return Self.participant(row, consents: consents.map(Self.consent).map(\.1))
        }
    }

    /// A person's registrations, by occurrence start.
    public func registrations(of participant: Int64) throws -> [RegistrationListing] {
        try database.read { database in
            try database.rows(
                "SELECT id, occurrence, registered_at, attended_at, source, status FROM registration WHERE participant = ?",
                [.integer(participant)]
            ).compactMap { row in
                guard let occurrence = try self.occurrence(id: row.int64("occurrence")!) else { return nil }
                return RegistrationListing(
                    id: row.int64("id")!, occurrence: occurrence, registeredAt: row.date("registered_at")!,
                    attendedAt: row.date("attended_at"), source: row.string("source") ?? "",
                    status: RegistrationStatus(rawValue: row.string("status") ?? "") ?? .confirmed)
            }.sorted { $0.occurrence.start < $1.occurrence.start }
        }
    }

    /// Erases a person (GDPR right to erasure): their record and consents go; their past
    /// registrations stay, anonymous (commune and age group only), so that the contract's counts
    /// hold. What they held for the future is given back: upcoming registrations are removed (the
    /// place frees up and the session's waitlist moves up), upcoming shuttle bookings are cancelled
    /// and, with `shuttle`, the waitlist is promoted; messages still waiting are cancelled. Their
    /// cancelled registrations go too: they count nowhere. Returns false when there was no such person.
    public func forget(participant id: Int64, now: Date = Date(), shuttle: ShuttleContext? = nil) throws -> Bool {
        try database.write { database in
            try database.run(
                "UPDATE outbox SET state = 'cancelled', reason = 'person forgotten', updated_at = ? WHERE participant = ? AND state IN (\(Self.sqlList(OutboxState.waiting)))",
                [.date(now), .integer(id)])
            let upcoming = """
                SELECT r.id FROM registration r JOIN occurrence o ON o.id = r.occurrence
                WHERE r.participant = ?1 AND ((r.attended_at IS NULL AND o.starts_at > ?2) OR r.status = 'cancelled')
                """
            let freed = try database.rows(
                "SELECT DISTINCT occurrence FROM registration WHERE status = 'confirmed' AND id IN (\(upcoming))",
                [.integer(id), .date(now)])
            try database.run("UPDATE outbox SET registration = NULL WHERE registration IN (\(upcoming))", [.integer(id), .date(now)])
            try database.run("DELETE FROM registration WHERE id IN (\(upcoming))", [.integer(id), .date(now)])
            let planning = Planning(
                rules: shuttle?.outreach ?? OutreachRules(), now: now, calendar: shuttle?.calendar ?? LocalTime.paris.calendar)
            for row in freed { try promoteWaitlist(of: row.int64("occurrence")!, planning: planning, in: database) }
            let bookings = try database.rows(
                """
                SELECT b.id, b.run, b.status FROM shuttle_booking b JOIN shuttle_run r ON r.id = b.run
                WHERE b.participant = ? AND b.status IN ('confirmed', 'waitlisted') AND r.departs_at > ?
                """, [.integer(id), .date(now)])
            for booking in bookings {
                try database.run(
                    "UPDATE shuttle_booking SET status = 'cancelled', cancelled_at = ?, cancel_reason = 'person forgotten' WHERE id = ?",
                    [.date(now), .integer(booking.int64("id")!)])
                try cancelShuttleMessages(of: booking.int64("id")!, reason: "person forgotten", in: database, now: now)
            }
            if let shuttle {
                for run in Set(bookings.filter { $0.string("status") == "confirmed" }.compactMap { $0.int64("run") }) {
                    _ = try promoteWaitlist(of: run, context: shuttle, in: database)
                    try replanOnDemandRun(run, context: shuttle, in: database)
                }
            }
            return try database.run("DELETE FROM participant WHERE id = ?", [.integer(id)]) > 0
        }
    }

    private static func participant(_ row: Row, consents: [Consent]) -> ParticipantRecord {
        ParticipantRecord(
            id: row.int64("id")!, name: row.string("name")!, phone: row.string("phone"), email: row.string("email"),
            commune: row.string("commune")!, birthYear: row.int("birth_year"),
            language: Language(rawValue: row.string("language")!) ?? .french, createdAt: row.date("created_at")!,
            consents: consents)
    }

    private static func consent(_ row: Row) -> (Int64, Consent) {
        (
            row.int64("participant")!,
            Consent(
                channel: Channel(rawValue: row.string("channel")!) ?? .sms, granted: row.bool("granted"),
                recordedAt: row.date("recorded_at")!, source: row.string("source")!)
        )
    }
}
