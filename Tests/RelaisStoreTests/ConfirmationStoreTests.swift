// ConfirmationStoreTests: a registration that gets a place is confirmed to the person in the same
// transaction (Store+Invitations.swift): on registering with a place left, and on promotion from the
// waitlist; by e-mail when the person can be written to there, else by SMS; never for a waitlisted
// one; none at all with `[reminders] confirmations = no`.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct ConfirmationStoreTests {
    /// Confirmation keys, in order.
    func confirmations(_ store: Store) throws -> [String] {
        try store.database.rows("SELECT key FROM outbox WHERE kind = 'confirmation' ORDER BY id").map { $0.string("key")! }
    }

    /// A session of one place on Tuesday 30 March 2027 at 09:00, and Jeanne (SMS and e-mail) and Paul (SMS).
    func session() throws -> (Store, Int64, [Int64]) {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", capacity: 1, occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]),
            sourceFile: "m.ics", now: Sample.now)
        let occurrence = try #require(try store.occurrences(OccurrenceFilter()).first?.id)
        let jeanne = try ParticipantForm(
            name: "Jeanne Martin", phone: "06 12 34 56 78", email: "jeanne@example.fr", commune: "Gex",
            consentedChannels: ["sms", "email"], consentSource: "t"
        ).validated(territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
        let people = try store.add([jeanne, Sample.person("Paul")], now: Sample.now)
        return (store, occurrence, people)
    }

    @Test func aPlaceIsConfirmedByEmailWhenReachableAndAPromotionByWhatIsLeft() throws {
        let (store, occurrence, people) = try session()
        let context = RegistrationContext(now: Sample.now, calendar: Sample.paris.calendar)
        let first = try store.register(participant: people[0], occurrence: occurrence, source: "t", context: context)
        let second = try store.register(participant: people[1], occurrence: occurrence, source: "t", context: context)
        #expect(first.status == .confirmed && second.status == .waitlisted)
        #expect(try confirmations(store) == ["confirmation:r\(first.id):email"])  // Paul waits: no confirmation

        _ = try store.cancelRegistration(first.id, reason: "t", context: context)
        #expect(try confirmations(store) == ["confirmation:r\(first.id):email", "confirmation:r\(second.id):sms"])
        let states = try store.database.rows("SELECT state FROM outbox WHERE kind = 'confirmation' ORDER BY id").map { $0.string("state")! }
        #expect(states == ["cancelled", "queued"])  // Jeanne's, not sent yet, goes with her registration
        // Her invitation never left: nothing to remove from her calendar.
        #expect(try store.database.row("SELECT count(*) AS n FROM outbox WHERE kind = 'registration-cancelled'")?.int("n") == 0)
    }

    @Test func noConfirmationWhenTheyAreTurnedOff() throws {
        let (store, occurrence, people) = try session()
        let context = RegistrationContext(rules: OutreachRules(confirmations: false), now: Sample.now, calendar: Sample.paris.calendar)
        _ = try store.register(participant: people[0], occurrence: occurrence, source: "t", context: context)
        #expect(try confirmations(store).isEmpty)
        #expect(try store.database.row("SELECT count(*) AS n FROM outbox WHERE kind = 'reminder'")?.int("n") ?? 0 > 0)
    }
}
