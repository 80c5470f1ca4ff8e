// The check-in desk's store on real SQLite files: presences from the session's start only, undone
// the same day (later only with late check-in), walk-ins registered and present at once, a
// waitlisted resident confirmed at the door while a place is left, one commune's residents only,
// and every tick in the audit log with its actor.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct CheckInStoreTests {
    let start = Sample.paris.parse("2027-03-30T09:00")!
    var onTheDay: Date { Sample.paris.parse("2027-03-30T09:20")! }
    var nextDay: Date { Sample.paris.parse("2027-03-31T08:00")! }

    @Test func aPresenceIsRecordedFromTheStartAndUndoneTheSameDayOnlyUnlessLate() throws {
        let fixture = try WaitlistFixture(capacity: 5, people: 2)
        let registration = try fixture.register(0).id
        #expect(throws: Refusal.registration(.sessionNotStarted(occurrence: fixture.occurrence, start: start))) {
            try fixture.store.checkIn(
                registration: registration, occurrence: fixture.occurrence, late: false,
                context: fixture.context(Sample.paris.parse("2027-03-30T08:50")!))
        }
        #expect(throws: Refusal.registration(.sessionNotStarted(occurrence: fixture.occurrence, start: start))) {
            try fixture.store.attend(
                participant: fixture.people[0], occurrence: fixture.occurrence, now: Sample.now, calendar: Sample.paris.calendar)
        }
        let ticked = try fixture.store.checkIn(
            registration: registration, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        #expect(ticked.attendedAt == onTheDay && ticked.status == .confirmed)
        #expect(throws: Refusal.registration(.alreadyPresent(registration: registration))) {
            try fixture.store.checkIn(
                registration: registration, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        }
        let day = Sample.paris.parse("2027-03-30")!
        #expect(throws: Refusal.registration(.attendanceClosed(registration: registration, day: day))) {
            try fixture.store.undoCheckIn(registration: registration, late: false, context: fixture.context(nextDay))
        }
        let undone = try fixture.store.undoCheckIn(registration: registration, late: false, context: fixture.context(onTheDay))
        #expect(undone.attendedAt == nil && undone.status == .confirmed)
        #expect(throws: Refusal.notFound(.attendance, id: String(registration))) {
            try fixture.store.undoCheckIn(registration: registration, late: false, context: fixture.context(onTheDay))
        }
        // The coordinator enters a paper sign-in sheet the next day.
        #expect(throws: Refusal.registration(.attendanceClosed(registration: registration, day: day))) {
            try fixture.store.checkIn(
                registration: registration, occurrence: fixture.occurrence, late: false, context: fixture.context(nextDay))
        }
        let late = try fixture.store.checkIn(
            registration: registration, occurrence: fixture.occurrence, late: true, context: fixture.context(nextDay, actor: "coordination")
        )
        #expect(late.attendedAt == nextDay)
        let audit = try fixture.store.database.rows("SELECT account || ' ' || action AS line FROM audit_log ORDER BY id").map {
            $0.string("line")!
        }
        #expect(
            audit == [
                "agent-gex registration.add", "agent-gex attendance.add", "agent-gex attendance.undo", "coordination attendance.add",
            ])
    }

    @Test func aWalkInIsRegisteredAndPresentAtOnceAndUndoingItCancelsItsRegistration() throws {
        let fixture = try WaitlistFixture(capacity: 2, people: 1)
        try fixture.register(0)
        let person = try ParticipantForm(name: "Paul Passant", commune: "Cessy", birthYear: "2008")
            .validated(territory: .paysDeGex, now: onTheDay, calendar: Sample.paris.calendar)
        let walkIn = try fixture.store.walkIn(person, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        #expect(walkIn.source == "walk-in" && walkIn.attendedAt == onTheDay && walkIn.commune == "01071" && walkIn.name == "Paul Passant")
        #expect(try fixture.store.occurrence(id: fixture.occurrence).map { [$0.registered, $0.attended] } == [2, 1])
        // The session is full now: another walk-in is refused, and nothing of it is kept.
        let people = try fixture.count("SELECT count(*) AS n FROM participant")
        #expect(throws: Refusal.registration(.occurrenceFull(occurrence: fixture.occurrence, capacity: 2))) {
            try fixture.store.walkIn(person, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        }
        #expect(try fixture.count("SELECT count(*) AS n FROM participant") == people)
        let undone = try fixture.store.undoCheckIn(registration: walkIn.registration, late: false, context: fixture.context(onTheDay))
        #expect(undone.status == .cancelled && undone.attendedAt == nil)
        #expect(try fixture.store.occurrence(id: fixture.occurrence).map { [$0.registered, $0.attended] } == [1, 0])
    }

    @Test func aWaitlistedResidentWhoComesIsConfirmedAtTheDoorWhileAPlaceIsLeft() throws {
        let fixture = try WaitlistFixture(capacity: 1, people: 3)
        let first = try fixture.register(0)
        let second = try fixture.register(1)
        #expect(throws: Refusal.registration(.occurrenceFull(occurrence: fixture.occurrence, capacity: 1))) {
            try fixture.store.checkIn(
                registration: second.id, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        }
        // The confirmed one gives up on the day: the place is not promoted after the start, but the door may take it.
        try fixture.store.database.execute("UPDATE registration SET status = 'cancelled', cancelled_at = 0 WHERE id = \(first.id)")
        let confirmed = try fixture.store.checkIn(
            registration: second.id, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        #expect(confirmed.status == .confirmed && confirmed.attendedAt == onTheDay)
        #expect(throws: Refusal.registration(.registrationCancelled(registration: first.id))) {
            try fixture.store.checkIn(
                registration: first.id, occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay))
        }
    }

    @Test func aCCASSeesAndTicksItsOwnResidentsOnlyAndTheListIsAlphabetical() throws {
        let fixture = try WaitlistFixture(capacity: nil, people: 0)
        let names = ["Zoé Abadie", "émile Bernard", "Anne Carré"]
        let gex = try fixture.store.add(names.map { Sample.person($0) }, now: Sample.now)
        let cessy = try fixture.store.add(
            [
                try ParticipantForm(name: "Bruno Cessy", commune: "Cessy").validated(
                    territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
            ], now: Sample.now)
        for person in gex + cessy {
            _ = try fixture.store.register(participant: person, occurrence: fixture.occurrence, source: "t", context: fixture.context())
        }
        #expect(
            try fixture.store.checkInList(occurrence: fixture.occurrence, commune: nil).compactMap(\.name) == [
                "Anne Carré", "Bruno Cessy", "émile Bernard", "Zoé Abadie",
            ])
        let gexList = try fixture.store.checkInList(occurrence: fixture.occurrence, commune: "01173")
        #expect(gexList.compactMap(\.name) == ["Anne Carré", "émile Bernard", "Zoé Abadie"])
        let cessyRegistration = try #require(try fixture.store.registrationID(participant: cessy[0], occurrence: fixture.occurrence))
        #expect(throws: Refusal.notFound(.registration, id: String(cessyRegistration))) {
            try fixture.store.checkIn(
                registration: cessyRegistration, occurrence: fixture.occurrence, late: false,
                context: fixture.context(onTheDay, commune: "01173"))
        }
        #expect(throws: Refusal.notFound(.resident, id: String(cessy[0]))) {
            try fixture.store.attend(
                participant: cessy[0], occurrence: fixture.occurrence, late: false, context: fixture.context(onTheDay, commune: "01173"))
        }
        let sessions = try fixture.store.checkInSessions(
            from: Sample.paris.parse("2027-03-30")!, to: Sample.paris.parse("2027-03-31")!, commune: "01173")
        #expect(sessions.map { ($0.occurrence.id, $0.registered, $0.present) }.first.map { $0 == (fixture.occurrence, 3, 0) } == true)
        #expect(try fixture.store.checkInSessions(from: Sample.paris.parse("2027-03-31")!, to: nextDay + 86_400, commune: nil).isEmpty)
    }
}
