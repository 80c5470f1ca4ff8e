// On-demand shuttle runs in the store, on real SQLite files: the schema admits a pickup only for a
// booking of an on-demand run, and housekeeping erases the home addresses of runs that came back
// without anyone recording the trips.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

/// A store with an on-demand run on Tuesday 30 March 2027 (window 07:00-08:30 from Gex, arrival
/// 09:00 at Bourg-en-Bresse 01053, return 11:30) beside the fixed-stop run of ShuttleFixture.
struct OnDemandFixture {
    let fixed: ShuttleFixture
    let run: Int64

    init(seats: Int = 8) throws {
        fixed = try ShuttleFixture()
        run = try fixed.store.addOnDemandRun(
            ShuttleDemandRunForm(
                label: "Navette à la demande", day: Sample.paris.parse("2027-03-30")!,
                shape: ShuttleDemandShape(
                    windowOpens: 420, windowCloses: 510, arrival: 540, returnDeparture: 690, depot: "01173", destinationCommune: "01053"),
                vehicle: ShuttleVehicle(seats: seats, wheelchairPlaces: 1, seatsPerWheelchair: 2), destination: "CH Fleyriat",
                ccasQuota: nil),
            context: fixed.context)
    }

    func book(_ participant: Int64, _ place: ShuttlePickupPlace?, context: ShuttleContext? = nil) throws -> ShuttleBookingOutcome {
        try fixed.store.bookShuttle(
            ShuttleBookingRequest(run: run, participant: participant, stop: "", pickup: place), scope: .coordinator,
            context: context ?? fixed.context)
    }
}

@Suite struct OnDemandStoreTests {
    @Test func housekeepingErasesTheHomeAddressesOfRunsThatCameBackAndKeepsUpcomingOnes() throws {
        let fixture = try OnDemandFixture()
        let people = try fixture.fixed.residents(2)
        _ = try fixture.book(people[0], .door("3 rue du Jura"))
        _ = try fixture.book(people[1], .point("Mairie"))
        let store = fixture.fixed.store
        let beforeReturn = Sample.paris.parse("2027-03-30T15:29")!
        #expect(try store.housekeep(now: beforeReturn, retentionDays: 365, outboxKeepDays: 30).doorsErased == 0)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE door = '3 rue du Jura'") == 1)
        let after = try store.housekeep(now: Sample.paris.parse("2027-03-30T15:31")!, retentionDays: 365, outboxKeepDays: 30)
        #expect(after.doorsErased == 1)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE door IS NULL AND door_erased_at IS NOT NULL") == 1)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup WHERE point = 'Mairie'") == 1)
    }

    @Test func aPickupIsRefusedByTheSchemaForABookingOfAFixedStopRun() throws {
        let fixture = try OnDemandFixture()
        let person = try fixture.fixed.residents(1)[0]
        let booking = try fixture.fixed.book(person).id
        #expect(throws: DatabaseError.self) {
            try fixture.fixed.store.database.run(
                "INSERT INTO shuttle_pickup (booking, commune, place_kind, point) VALUES (?, '01173', 'point', 'Mairie')",
                [.integer(booking)])
        }
        #expect(throws: Refusal.shuttle(.pickupOnFixedStopRun)) {
            try fixture.fixed.store.bookShuttle(
                ShuttleBookingRequest(run: fixture.fixed.run, participant: person, stop: "1", pickup: .townHall), scope: .coordinator,
                context: fixture.fixed.context)
        }
    }
}
