// What the store refuses, as typed values on real SQLite files: the shuttle's stops, settlements,
// runs added by command, the outbox's operator actions and accounts; and the triggers' refusals
// read in one place (TriggerRefusal), whatever SQL raised them.

import CSQLite
import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct StoreRefusalTests {
    @Test func anUnknownStopIsRefusedWithTheStopsTheRunHas() throws {
        let fixture = try ShuttleFixture()
        let person = try fixture.residents(1)[0]
        let pickups = ["2027-03-30T07:30", "2027-03-30T07:45"].map { Sample.paris.parse($0)! }
        #expect(
            throws: Refusal.shuttle(
                .stopUnknown(
                    typed: "Thoiry",
                    stops: [
                        ShuttleStopChoice(number: 1, commune: "Gex", place: "Parking de l'agglo", pickup: pickups[0]),
                        ShuttleStopChoice(number: 2, commune: "Cessy", place: "Mairie", pickup: pickups[1]),
                    ]))
        ) { try fixture.book(person, stop: "Thoiry") }
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_booking") == 0)
    }

    @Test func aTripIsSettledOnlyOnceTheRunHasLeftAndOnlyWhenConfirmed() throws {
        var fixture = try ShuttleFixture(seats: 1)
        let people = try fixture.residents(2)
        let confirmed = try fixture.book(people[0])
        let waiting = try fixture.book(people[1])
        let departure = Sample.paris.parse("2027-03-30T07:30")!
        #expect(throws: Refusal.shuttle(.runNotLeft(run: fixture.run, departure: departure))) {
            try fixture.store.settleShuttleBookings([confirmed.id], run: nil, as: .completed, scope: .coordinator, context: fixture.context)
        }
        #expect(throws: Refusal.shuttle(.runNotLeft(run: fixture.run, departure: departure))) {
            try fixture.store.settleShuttleBookings([], run: fixture.run, as: .noShow, scope: .coordinator, context: fixture.context)
        }
        fixture.context.now = Sample.paris.parse("2027-03-30T12:00")!
        #expect(throws: Refusal.shuttle(.notSettleable(booking: waiting.id, status: .waitlisted))) {
            try fixture.store.settleShuttleBookings([waiting.id], run: nil, as: .noShow, scope: .coordinator, context: fixture.context)
        }
        #expect(throws: Refusal.notFound(.run, id: "99")) {
            try fixture.store.settleShuttleBookings([], run: 99, as: .noShow, scope: .coordinator, context: fixture.context)
        }
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_booking WHERE settled_at IS NOT NULL") == 0)
    }

    @Test func aRunAddedByCommandIsRefusedForItsShapeOrForAPastDate() throws {
        let fixture = try ShuttleFixture()
        let stops = try ShuttleStopText.list(["07:30 Gex, Mairie"], field: "--stop", territory: .paysDeGex)
        func form(day: String, seats: Int = 8, returnMinute: Int = 690) -> ShuttleRunForm {
            ShuttleRunForm(
                label: "Navette", day: Sample.paris.parse(day)!, stops: stops, arrivalMinute: 540, returnMinute: returnMinute,
                vehicle: ShuttleVehicle(seats: seats, wheelchairPlaces: 0, seatsPerWheelchair: 2), destination: "CH", ccasQuota: nil)
        }
        #expect(throws: Refusal.shuttle(.runShape(.seatsOutOfRange(seats: 0)))) {
            try fixture.store.addShuttleRun(form(day: "2027-04-13", seats: 0), context: fixture.context)
        }
        #expect(throws: Refusal.shuttle(.runShape(.returnBeforeArrival))) {
            try fixture.store.addShuttleRun(form(day: "2027-04-13", returnMinute: 500), context: fixture.context)
        }
        #expect(throws: Refusal.shuttle(.departureInPast(departure: Sample.paris.parse("2027-02-13T07:30")!))) {
            try fixture.store.addShuttleRun(form(day: "2027-02-13"), context: fixture.context)
        }
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_run") == 1)
        _ = try fixture.store.cancelShuttleRun(fixture.run, reason: "test", context: fixture.context)
        #expect(throws: Refusal.shuttle(.runCancelled)) {
            try fixture.store.cancelShuttleRun(fixture.run, reason: "again", context: fixture.context)
        }
    }

    @Test func anotherCommunesResidentOrBookingIsNotFoundForACCAS() throws {
        let fixture = try ShuttleFixture()
        let gex = try fixture.residents(1, of: "Gex")[0]
        let cessy = ShuttleScope.ccas(Territory.paysDeGex.commune(named: "Cessy")!)
        #expect(throws: Refusal.notFound(.resident, id: String(gex))) { try fixture.book(gex, scope: cessy) }
        let booking = try fixture.book(gex)
        #expect(throws: Refusal.notFound(.booking, id: String(booking.id))) {
            try fixture.store.cancelShuttleBooking(booking.id, scope: cessy, reason: "x", context: fixture.context)
        }
    }

    @Test func anOperatorRetriesOrCancelsOnlyWhatItsStateAllows() throws {
        let fixture = try ShuttleFixture()
        let booking = try fixture.book(try fixture.residents(1)[0])
        let message = try #require(try fixture.store.outbox().first { $0.kind == "shuttle-reminder" })
        #expect(message.state == "queued")
        #expect(throws: Refusal.outbox(.notRetriable(message: message.id, state: .queued))) {
            try fixture.store.retry(message.id, now: fixture.context.now)
        }
        try fixture.store.cancel(message.id, now: fixture.context.now)
        #expect(throws: Refusal.outbox(.notCancellable(message: message.id, state: .cancelled))) {
            try fixture.store.cancel(message.id, now: fixture.context.now)
        }
        try fixture.store.retry(message.id, now: fixture.context.now)
        #expect(try fixture.store.outbox().first { $0.id == message.id }?.state == "queued")
        #expect(throws: Refusal.notFound(.message, id: "9999")) { try fixture.store.retry(9999, now: fixture.context.now) }
        #expect(booking.status == .confirmed)
    }

    @Test func anAccountIsRefusedForItsLoginCommuneOrRole() throws {
        let file = TemporaryDatabase()
        let store = try file.open()
        try store.addAccount(login: "ccas-gex", role: .ccas, commune: "01173", passwordHash: "$y$x", now: Sample.now)
        #expect(throws: Refusal.account(.loginTaken(login: "ccas-gex"))) {
            try store.addAccount(login: "ccas-gex", role: .ccas, commune: "01071", passwordHash: "$y$y", now: Sample.now)
        }
        #expect(throws: Refusal.account(.unknownCommune(typed: "geneve"))) {
            try store.addAccount(login: "ccas-ge", role: .ccas, commune: "geneve", passwordHash: "$y$y", now: Sample.now)
        }
        #expect(throws: Refusal.account(.unknownCommune(typed: nil))) {
            try store.addAccount(login: "ccas-x", role: .ccas, commune: nil, passwordHash: "$y$y", now: Sample.now)
        }
        #expect(throws: Refusal.account(.communeNotForRole(role: .planner))) {
            try store.addAccount(login: "plan", role: .planner, commune: "01173", passwordHash: "$y$y", now: Sample.now)
        }
        #expect(throws: Refusal.notFound(.account, id: "nobody")) { try store.disableAccount(login: "nobody", now: Sample.now) }
        #expect(try store.accounts().map(\.login) == ["ccas-gex"])
    }

    @Test func triggersRefusalsAreReadAsTypedValuesAndNothingElseIs() throws {
        let fixture = try ShuttleFixture(seats: 2, wheelchairPlaces: 1, quota: 2)
        let people = try fixture.residents(3)
        _ = try fixture.book(people[0], companion: true)
        func refusal(_ sql: String, _ arguments: [SQLValue] = []) -> TriggerRefusal? {
            do {
                try fixture.store.database.run(sql, arguments)
                return nil
            } catch let error as DatabaseError {
                return TriggerRefusal(error)
            } catch {
                return nil
            }
        }
        let insert = """
            INSERT INTO shuttle_booking (run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                fare_band, fare_cents, status, booked_at, booked_by, confirmed_at)
            VALUES (?, ?, ?, 1, 1, 1, 0, 0, ?, 'x', 0, ?, 0, 'sql', 0)
            """
        let person: [SQLValue] = [.integer(fixture.run), .integer(people[1]), .text("01071")]
        #expect(refusal(insert, person + [.int(1), .text("confirmed")]) == .shuttleFull)
        #expect(refusal(insert, person + [.int(2), .text("waitlisted")]) == .bookingSeatsMismatch)
        #expect(refusal("UPDATE shuttle_run SET ccas_quota = 1 WHERE id = ?", [.integer(fixture.run)]) == .ccasQuotaReached)
        #expect(refusal("UPDATE shuttle_run SET id = 99 WHERE id = ?", [.integer(fixture.run)]) == .bookedRunRenumbered)
        #expect(refusal("INSERT INTO commune (slug, name) VALUES ('gex', 'Gex')") == nil, "a UNIQUE key is not a trigger's refusal")
        #expect(TriggerRefusal.shuttleFull.waitlistReason == .runFull)
        #expect(TriggerRefusal.occurrenceFull.waitlistReason == nil)
    }
}
