// What a passenger of an on-demand run was told: `told_pickup_at` is written when the pickup notice
// is claimed for sending (the time it says), not when the route is planned. A replan after booking
// closed but before the notice went tells nobody of a change (the notice still waiting will say the
// new time), and once told, only a move of 10 minutes or more from what was said is told again.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct OnDemandToldStoreTests {
    func told(_ fixture: OnDemandFixture) throws -> [Int64: Date?] {
        Dictionary(
            uniqueKeysWithValues: try fixture.fixed.store.database.rows(
                "SELECT booking, told_pickup_at FROM shuttle_pickup WHERE pickup_at IS NOT NULL"
            ).map { ($0.int64("booking")!, $0.date("told_pickup_at")) })
    }

    func claim(_ fixture: OnDemandFixture, at local: String) throws -> [ClaimedMessage] {
        try fixture.fixed.store.claimDue(
            now: Sample.paris.parse(local)!, limit: 50, owner: "test:1", lease: 60, policy: ReminderPolicy(),
            calendar: Sample.paris.calendar)
    }

    @Test func thePickupToldIsTheOneTheNoticeSaidWhenItWentNotTheOneAReplanGave() throws {
        let fixture = try OnDemandFixture()
        var context = fixture.planned(limit: 105)
        var ids: [Int64] = []
        for commune in ["Cessy", "Ségny", "Échenevex", "Divonne", "Ferney", "Ornex"] {
            ids.append(try fixture.book(try fixture.fixed.residents(1, of: commune)[0], nil, context: context).id)
        }
        #expect(try told(fixture).values.allSatisfy { $0 == nil }, "told before any notice went")

        // After close (Friday 26 March 17:00) but before the notices went: a cancellation moves the route,
        // and nobody is sent a change, since nobody was told a time yet.
        context.now = Sample.paris.parse("2027-03-26T17:30")!
        _ = try fixture.fixed.store.cancelShuttleBooking(ids[2], scope: .coordinator, reason: "test", context: context)
        #expect(try told(fixture).values.allSatisfy { $0 == nil })
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-pickup-changed'") == 0)

        // The notices go: each says the pickup recorded now, and that is what was told.
        let sent = try claim(fixture, at: "2027-03-26T17:31").filter { $0.kind == .shuttlePickup }
        #expect(sent.count == 5)
        let recorded = try fixture.fixed.store.database.rows(
            "SELECT booking, pickup_at FROM shuttle_pickup WHERE pickup_at IS NOT NULL"
        ).map { ($0.int64("booking")!, $0.date("pickup_at")) }
        #expect(recorded.count == 5)
        let toldNow = try told(fixture)
        for (booking, pickup) in recorded { #expect(toldNow[booking] == pickup, "booking \(booking)") }
        // Planning again with nothing changed tells nobody.
        try fixture.fixed.store.database.write { database in
            try fixture.fixed.store.replanOnDemandRun(fixture.run, context: context, in: database)
        }
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-pickup-changed'") == 0)
    }
}
