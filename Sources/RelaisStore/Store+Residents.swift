// Store+Residents: duplicates and editing a resident's record, each decided inside the write
// transaction that records it.
//
// Duplicates: a resident with the phone number or e-mail address of another is refused, unless
// the caller allows it (a couple sharing one landline or one address is common among the people
// a CCAS registers). The other resident is looked for by phone (E.164) and by `lower(email)`
// (schema step 11), within what the caller may be told: ResidentDuplicates decides the words
// (the id for a resident the caller may see, only "another commune" otherwise).
//
// Editing: the record is read in the transaction, judged by the core (ResidentEditForm, passed
// in as `judge`), checked for duplicates on a changed phone or address, and written with its
// consents. A consent withdrawn cancels what waits on that channel for that person (as `relais
// optout` does, but for this person only: the address is not opted out, another person may share
// it); a consent given plans the reminders the person's upcoming registrations now call for.
// Audited with the fields changed, never their values.

import Foundation
import RelaisCore

/// Whether a new or edited resident may share a phone number or an e-mail address with another.
public enum DuplicatePolicy: Sendable, Equatable {
    /// Refused, as told to a caller who sees `viewer`'s residents (a commune code; nil: all).
    case refuse(viewer: String?)
    /// Recorded: a real second person with the same phone or address.
    case allow
}

/// One person of a group added together was refused; nothing of the group was added.
public struct RefusedPerson: Error, Sendable, Equatable {
    /// The person's place in the group (0-based).
    public var index: Int
    public var refusal: Refusal
    /// When the person shares a phone or an address with one before them in the same group: that
    /// one's place (their id would not survive the refusal).
    public var sameAs: Int?

    public init(index: Int, refusal: Refusal, sameAs: Int? = nil) {
        self.index = index
        self.refusal = refusal
        self.sameAs = sameAs
    }
}

/// What editing a resident changed.
public struct ResidentEditOutcome: Sendable, Equatable {
    /// The fields whose value changed.
    public var changedFields: [RefusalField]
    /// Messages that were waiting on a channel whose consent was withdrawn, now cancelled.
    public var messagesCancelled: Int
    /// Reminders planned for upcoming registrations on a channel whose consent was given.
    public var remindersPlanned: Int
}

extension Store {
    // MARK: - Duplicates

    /// Another resident with `phone` (E.164) or `email`, the one `viewer` may see first; nil when none.
    func duplicate(phone: String?, email: String?, excluding id: Int64?, viewer: String?, in database: Database) throws -> (
        id: Int64, commune: String, sharing: RefusalField
    )? {
        let order = "ORDER BY commune IS ?3 DESC, id LIMIT 1"
        if let phone,
            let row = try database.row(
                "SELECT id, commune FROM participant WHERE phone = ?1 AND id IS NOT ?2 \(order)",
                [.text(phone), id.map { .integer($0) } ?? .null, .string(viewer)])
        {
            return (row.int64("id")!, row.string("commune")!, .phone)
        }
        if let email,
            let row = try database.row(
                "SELECT id, commune FROM participant WHERE lower(email) = lower(?1) AND id IS NOT ?2 \(order)",
                [.text(email), id.map { .integer($0) } ?? .null, .string(viewer)])
        {
            return (row.int64("id")!, row.string("commune")!, .email)
        }
        return nil
    }

    /// Refuses person `index` of a group when another resident has their phone or address
    /// (`added`: the ids of the group's people already inserted, in order).
    func refuseDuplicate(of person: NewParticipant, index: Int, added: [Int64], policy: DuplicatePolicy, in database: Database) throws {
        guard case .refuse(let viewer) = policy,
            let found = try duplicate(phone: person.phone?.e164, email: person.email?.address, excluding: nil, viewer: viewer, in: database)
        else { return }
        if let earlier = added.firstIndex(of: found.id) {
            throw RefusedPerson(
                index: index, refusal: .resident(.duplicate(existing: found.id, sharing: found.sharing)), sameAs: earlier)
        }
        throw RefusedPerson(
            index: index,
            refusal: ResidentDuplicates.refusal(existing: found.id, existingCommune: found.commune, sharing: found.sharing, viewer: viewer))
    }

    // MARK: - Editing

    /// Edits resident `id` of `viewer`'s commune (nil: any): `judge` (the core's ResidentEditForm)
    /// turns the record as it stands into the change, inside the transaction; a phone or address
    /// another resident has is refused unless `allowDuplicate`. Throws `Refusal` (not found, or
    /// what the judge or the duplicate check refused) and records nothing then.
    public func editParticipant(
        _ id: Int64, viewer: String?, allowDuplicate: Bool, actor: String, now: Date, rules: OutreachRules, calendar: Calendar,
        judge: (ResidentSnapshot) throws -> ResidentChange
    ) throws -> ResidentEditOutcome {
        try database.write { database in
            guard
                let row = try database.row(
                    "SELECT * FROM participant WHERE id = ?1 AND (?2 IS NULL OR commune = ?2)", [.integer(id), .string(viewer)])
            else { throw Refusal.notFound(.resident, id: String(id)) }
            let granted = try database.rows(
                "SELECT channel FROM consent WHERE participant = ? AND granted = 1", [.integer(id)]
            ).compactMap { $0.string("channel").flatMap(Channel.init(rawValue:)) }
            let current = ResidentSnapshot(
                name: row.string("name")!, phone: row.string("phone"), email: row.string("email"), commune: row.string("commune")!,
                birthYear: row.int("birth_year"), language: Language(rawValue: row.string("language")!) ?? .french,
                consents: Set(granted))
            let change = try judge(current)
            if !allowDuplicate {
                let phone = change.changes(.phone) ? change.phone?.e164 : nil
                let email = change.changes(.email) ? change.email?.address : nil
                if let found = try duplicate(phone: phone, email: email, excluding: id, viewer: viewer, in: database) {
                    throw ResidentDuplicates.refusal(
                        existing: found.id, existingCommune: found.commune, sharing: found.sharing, viewer: viewer)
                }
            }
            try database.run(
                "UPDATE participant SET name = ?, phone = ?, email = ?, commune = ?, birth_year = ?, language = ? WHERE id = ?",
                [
                    .text(change.name), .string(change.phone?.e164), .string(change.email?.address), .text(change.commune.code),
                    .int(change.birthYear), .text(change.language.rawValue), .integer(id),
                ])
            var outcome = ResidentEditOutcome(changedFields: change.changedFields, messagesCancelled: 0, remindersPlanned: 0)
            for consent in change.consents {
                try database.run(
                    """
                    INSERT INTO consent (participant, channel, granted, recorded_at, source) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT (participant, channel) DO UPDATE SET granted = ?3, recorded_at = ?4, source = ?5
                    """,
                    [
                        .integer(id), .text(consent.channel.rawValue), .bool(consent.granted), .date(consent.recordedAt),
                        .text(consent.source),
                    ])
                guard !consent.granted else { continue }
                outcome.messagesCancelled += try database.run(
                    """
                    UPDATE outbox SET state = 'cancelled', reason = 'consent withdrawn', updated_at = ?
                    WHERE participant = ? AND channel = ? AND state IN (\(Self.sqlList(OutboxState.waiting)))
                    """, [.date(now), .integer(id), .text(consent.channel.rawValue)])
            }
            if change.consents.contains(where: \.granted) {
                outcome.remindersPlanned = try planUpcoming(
                    of: id, planning: Planning(rules: rules, now: now, calendar: calendar), in: database)
            }
            let consents = change.consents.map { "\($0.channel.rawValue)=\($0.granted ? "granted" : "withdrawn")" }
            try audit(
                actor: actor, action: "participant.edit",
                detail: (["participant=\(id)", "fields=\(change.changedFields.map(\.rawValue).joined(separator: ","))"] + consents)
                    .joined(separator: " "),
                now: now, in: database)
            return outcome
        }
    }

    /// Plans the reminders of a person's upcoming registrations; returns how many were queued.
    private func planUpcoming(of participant: Int64, planning: Planning, in database: Database) throws -> Int {
        let upcoming = try database.rows(
            """
            SELECT r.id FROM registration r JOIN occurrence o ON o.id = r.occurrence
            WHERE r.participant = ? AND o.status <> 'cancelled' AND o.starts_at > ? ORDER BY o.starts_at, r.id
            """, [.integer(participant), .date(planning.now)])
        return try upcoming.reduce(0) { planned, row in
            planned + (try planReminders(registration: row.int64("id")!, planning: planning, in: database)).queued
        }
    }
}
