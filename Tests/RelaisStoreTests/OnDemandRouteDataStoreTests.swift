// On-demand runs and the territory's route data, in the store on real SQLite files: without travel
// times an on-demand booking is refused (never taken on seats alone) and nothing is recorded, while a
// fixed-stop booking goes on; a pair missing from the travel times names the file and the pair; a
// cancellation goes through when a waitlisted booking cannot be planned (that one just keeps waiting);
// an on-demand run of more than 16 seats is refused where it is defined.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct OnDemandRouteDataStoreTests {
    @Test func withoutRouteDataAnOnDemandBookingIsRefusedAndAFixedStopOneGoesOn() throws {
        let fixture = try OnDemandFixture(seats: 2)
        var context = fixture.fixed.context
        context.use(.unavailable("gex.travel-times.csv:4: minutes \"x\" is not a number"))
        let people = try fixture.fixed.residents(4)
        let reason = "gex.travel-times.csv:4: minutes \"x\" is not a number"
        #expect(throws: Refusal.shuttle(.routeDataUnavailable(reason: reason))) { try fixture.book(people[0], nil, context: context) }
        // Full run: the booking would wait, and is refused all the same.
        _ = try fixture.book(people[1], nil, context: fixture.planned(limit: 200))
        _ = try fixture.book(people[2], nil, context: fixture.planned(limit: 200))
        #expect(throws: Refusal.shuttle(.routeDataUnavailable(reason: reason))) { try fixture.book(people[3], nil, context: context) }
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_booking") == 2)
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_pickup") == 2)
        let fixed = try fixture.fixed.store.bookShuttle(
            ShuttleBookingRequest(run: fixture.fixed.run, participant: people[0], stop: "1"), scope: .coordinator, context: context)
        #expect(fixed.status == .confirmed)
    }

    @Test func aMissingPairIsRefusedNamingTheFileAndThePair() throws {
        let fixture = try OnDemandFixture()
        var context = fixture.planned(limit: 200)
        context.travelTimes = TravelTimes(fileName: "gex.travel-times.csv", minutes: [("01173", "01053", 50)])
        let person = try fixture.fixed.residents(1, of: "Mijoux")[0]
        #expect(throws: Refusal.shuttle(.travelTimeMissing(file: "gex.travel-times.csv", from: "01247", to: "01173"))) {
            try fixture.book(person, nil, context: context)
        }
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM shuttle_booking") == 0)
    }

    @Test func aCancellationGoesThroughWhenAWaitlistedBookingCannotBePlanned() throws {
        let fixture = try OnDemandFixture(seats: 2)
        let planned = fixture.planned(limit: 200)
        let gex = try fixture.fixed.residents(2)
        let mijoux = try fixture.fixed.residents(1, of: "Mijoux")[0]
        let first = try fixture.book(gex[0], nil, context: planned)
        _ = try fixture.book(gex[1], nil, context: planned)
        let waiting = try fixture.book(mijoux, nil, context: planned)
        #expect(first.status == .confirmed && waiting.status == .waitlisted && waiting.waitlistReason == .runFull)
        // The travel times lose Mijoux: the freed seat cannot go to it, the cancellation still holds.
        var lacking = planned
        lacking.travelTimes = TravelTimes(fileName: "gex.travel-times.csv", minutes: [("01173", "01053", 50)])
        let cancellation = try fixture.fixed.store.cancelShuttleBooking(first.id, scope: .coordinator, reason: "test", context: lacking)
        #expect(cancellation.promoted == 0)
        let rows = try fixture.fixed.store.database.rows("SELECT id, status, waitlist_reason, promoted_at FROM shuttle_booking ORDER BY id")
        #expect(rows.map { $0.string("status") } == ["cancelled", "confirmed", "waitlisted"])
        #expect(rows[2].string("waitlist_reason") == ShuttleWaitlistReason.runFull.rawValue && rows[2].date("promoted_at") == nil)
        // The route was planned again for the one left: picked up first, alone.
        #expect(try fixture.route()[gex[1]]?.order == 1)
    }

    @Test func anOnDemandRunOfMoreThanSixteenSeatsIsRefused() throws {
        #expect(throws: Refusal.shuttle(.runShape(.onDemandSeats(seats: 17, maximum: 16)))) { try OnDemandFixture(seats: 17) }
        #expect(try OnDemandFixture(seats: 16).run > 0)
    }
}
