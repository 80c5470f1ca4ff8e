import CSQLite
import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct DatabaseTests {
    @Test func everyConnectionIsWALWithFullSyncAndForeignKeys() throws {
        let file = TemporaryDatabase()
        let store = try file.open()
        #expect(try store.database.row("PRAGMA journal_mode")?.string("journal_mode") == "wal")
        #expect(try store.database.row("PRAGMA synchronous")?.int("synchronous") == 2)
        #expect(try store.database.row("PRAGMA foreign_keys")?.int("foreign_keys") == 1)
    }

    @Test func reopeningAppliesNoMigrationTwice() throws {
        let file = TemporaryDatabase()
        _ = try file.open()
        let store = try file.open()
        #expect(try store.database.row("SELECT count(*) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
        #expect(try store.database.row("SELECT count(*) AS n FROM commune")?.int("n") == 27)
    }

    @Test func aDatabaseFromANewerRelaisIsRefused() throws {
        let file = TemporaryDatabase()
        let store = try file.open()
        try store.database.run("INSERT INTO schema_migration (version, applied_at) VALUES (999, 0)")
        let error = #expect(throws: DatabaseTooNew.self) { try file.open() }
        #expect(error?.description.contains("newer relais") == true)
    }

    @Test func errorsCarryTheCodeAndSQLButNeverTheBoundValues() throws {
        let store = try TemporaryDatabase().open()
        let error = #expect(throws: DatabaseError.self) {
            try store.database.run(
                "INSERT INTO participant (name, phone, commune, language, created_at) VALUES (?, ?, ?, 'fr', 0)",
                [.text("Jeanne Secret"), .text("+33612345678"), .text("nowhere")])
        }
        #expect(error?.code == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        #expect(error?.sql?.contains("INSERT INTO participant") == true)
        #expect(error?.description.contains("Jeanne Secret") == false)
        #expect(error?.description.contains("+33612345678") == false)
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let store = try TemporaryDatabase().open()
        #expect(throws: DatabaseError.self) {
            try store.database.write { database in
                try database.run("INSERT INTO campaign (id, name, source_file, loaded_at) VALUES ('a', 'A', 'a.ics', 0)")
                try database.run("INSERT INTO campaign (id, name, source_file, loaded_at) VALUES ('a', 'A', 'a.ics', 0)")
            }
        }
        #expect(try store.campaigns().isEmpty)
    }
}

@Suite struct CampaignLoadTests {
    @Test func loadingTheSameCalendarTwiceChangesNothing() throws {
        let store = try TemporaryDatabase().open()
        let content = Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00")])])
        let first = try store.load(content, sourceFile: "mars.ics", now: Sample.now)
        #expect(first.eventsAdded == 1 && first.occurrencesAdded == 1)
        let second = try store.load(content, sourceFile: "mars.ics", now: Sample.now)
        #expect(second.isUnchanged)
        #expect(second.occurrencesUnchanged == 1)
    }

    @Test func aMovedStartKeepsTheOccurrenceAndItsRegistrations() throws {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]), sourceFile: "m.ics",
            now: Sample.now)
        let id = try #require(try store.occurrences(OccurrenceFilter()).first?.id)
        let person = try store.add([Sample.person()], now: Sample.now)[0]
        _ = try store.register(participant: person, occurrence: id, source: "test", now: Sample.now, calendar: Sample.paris.calendar)
        let summary = try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-31T14:00")])]), sourceFile: "m.ics",
            now: Sample.now)
        #expect(summary.occurrencesMoved == 1)
        let moved = try #require(try store.occurrence(id: id))
        #expect(moved.status == .moved)
        #expect(moved.previousStart == Sample.paris.parse("2027-03-30T09:00"))
        #expect(moved.registered == 1)
    }

    @Test func anEventRemovedFromTheFileIsCancelled() throws {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([
                Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00")]),
                Sample.event("b@relais", occurrences: [Sample.occurrence("", "2027-03-31T09:00")]),
            ]), sourceFile: "m.ics", now: Sample.now)
        let summary = try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]), sourceFile: "m.ics",
            now: Sample.now)
        #expect(summary.eventsRemoved == 1 && summary.occurrencesCancelled == 1)
        #expect(try store.occurrences(OccurrenceFilter(uid: "b@relais")).first?.status == .cancelled)
        #expect(try store.campaigns().first?.events == 1)
    }

    @Test func aUIDOfAnotherCampaignIsRefusedAndNothingIsLoaded() throws {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]), sourceFile: "m.ics",
            now: Sample.now)
        let other = CampaignCalendarContent(
            campaign: Campaign(id: "juin-vert-2027", name: "Juin vert"),
            events: [
                Sample.event("new@relais", occurrences: [Sample.occurrence("", "2027-06-01T09:00")]),
                Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-06-02T09:00")]),
            ])
        #expect(throws: Refusal.campaign(.uidOfAnotherCampaign(uid: "a@relais", owner: "mars-bleu-2027"))) {
            try store.load(other, sourceFile: "j.ics", now: Sample.now)
        }
        #expect(try store.campaigns().map(\.id) == ["mars-bleu-2027"])
        #expect(try store.occurrences(OccurrenceFilter(uid: "new@relais")).isEmpty)
    }
}

@Suite struct RegistrationTests {
    func loaded(capacity: Int? = 2) throws -> (Store, Int64) {
        let store = try TemporaryDatabase().open()
        try store.load(
            Sample.campaign([Sample.event("a@relais", capacity: capacity, occurrences: [Sample.occurrence("", "2027-03-30T09:00")])]),
            sourceFile: "m.ics", now: Sample.now)
        return (store, try store.occurrences(OccurrenceFilter()).first!.id)
    }

    @Test func capacityIsHeldByTheDatabaseItselfAndTheThirdPersonIsWaitlisted() throws {
        let (store, occurrence) = try loaded(capacity: 2)
        let people = try store.add([Sample.person("A"), Sample.person("B"), Sample.person("C"), Sample.person("D")], now: Sample.now)
        for person in people.prefix(2) {
            _ = try store.register(
                participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        }
        let third = try store.register(
            participant: people[2], occurrence: occurrence, source: "t",
            context: RegistrationContext(now: Sample.now, calendar: Sample.paris.calendar))
        #expect(third.status == .waitlisted && third.waitlistPosition == 1)
        let direct = #expect(throws: DatabaseError.self) {
            try store.database.run(
                "INSERT INTO registration (occurrence, participant, commune, registered_at, source) VALUES (?, ?, 'gex', 0, 'sql')",
                [.integer(occurrence), .integer(people[3])])
        }
        #expect(direct?.message.contains("occurrence full") == true)
        #expect(try store.occurrence(id: occurrence).map { [$0.registered, $0.waitlisted] } == [2, 1])
    }

    @Test func aPersonRegistersOnceAndNotToThePast() throws {
        let (store, occurrence) = try loaded()
        let person = try store.add([Sample.person()], now: Sample.now)[0]
        let first = try store.register(
            participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        #expect(throws: Refusal.registration(.alreadyRegistered(registration: first))) {
            try store.register(participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        }
        let other = try store.add([Sample.person("B")], now: Sample.now)[0]
        let late = Sample.paris.parse("2027-04-01")!
        #expect(throws: Refusal.registration(.occurrenceStarted(occurrence: occurrence, start: Sample.paris.parse("2027-03-30T09:00")!))) {
            try store.register(participant: other, occurrence: occurrence, source: "t", now: late, calendar: Sample.paris.calendar)
        }
    }

    @Test func attendanceMarksARegistrationOrRegistersAWalkIn() throws {
        let (store, occurrence) = try loaded(capacity: nil)
        let people = try store.add([Sample.person("A"), Sample.person("B")], now: Sample.now)
        let registered = try store.register(
            participant: people[0], occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        let onTheDay = Sample.paris.parse("2027-03-30T09:30")!
        #expect(
            try store.attend(participant: people[0], occurrence: occurrence, now: onTheDay, calendar: Sample.paris.calendar) == registered)
        _ = try store.attend(participant: people[1], occurrence: occurrence, now: onTheDay, calendar: Sample.paris.calendar)
        let listing = try #require(try store.occurrence(id: occurrence))
        #expect(listing.registered == 2 && listing.attended == 2)
    }

    @Test func forgettingAPersonKeepsAnonymousCounts() throws {
        let (store, occurrence) = try loaded()
        let person = try store.add([Sample.person()], now: Sample.now)[0]
        _ = try store.register(participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        #expect(try store.forget(participant: person, now: Sample.paris.parse("2027-04-01")!))  // after the event
        #expect(try store.participant(id: person) == nil)
        #expect(try store.database.row("SELECT count(*) AS n FROM consent")?.int("n") == 0)
        let kept = try #require(try store.database.row("SELECT participant, commune, age_group FROM registration"))
        #expect(kept.int64("participant") == nil)
        #expect(kept.string("commune") == "01173" && kept.string("age_group") == "75+")
        #expect(try store.occurrence(id: occurrence)?.registered == 1)
    }

    @Test func anEmailOptOutMatchesWhateverTheCase() throws {
        let (store, occurrence) = try loaded()
        let person = try ParticipantForm(
            name: "Jeanne", email: "Jeanne.Martin@Example.fr", commune: "Gex", consentedChannels: ["email"], consentSource: "t"
        ).validated(territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
        let id = try store.add([person], now: Sample.now)[0]
        _ = try store.register(participant: id, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        let summary = try store.optOut(address: "jeanne.martin@example.fr", channel: .email, source: "mail", now: Sample.now)
        #expect(summary.participants == 1 && summary.messagesCancelled == 2)  // the reminder and the confirmation
        #expect(try store.participant(id: id)?.consents.first?.granted == false)
    }

    @Test func aCancelledOccurrenceTakesNoRegistration() throws {
        let (store, occurrence) = try loaded()
        try store.load(
            Sample.campaign([Sample.event("a@relais", occurrences: [Sample.occurrence("", "2027-03-30T09:00", status: .cancelled)])]),
            sourceFile: "m.ics", now: Sample.now)
        let person = try store.add([Sample.person()], now: Sample.now)[0]
        #expect(throws: Refusal.registration(.occurrenceCancelled(occurrence: occurrence))) {
            try store.register(participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
        }
    }
}
