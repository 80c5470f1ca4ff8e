// Listing shuttle runs, bookings, a waitlist or a manifest only reads (issue 16: a listing must
// not write): runs are brought in step with the calendar where it changes, not when the desk
// looks. Shown on a real file by a second connection's `PRAGMA data_version`, which moves when
// another connection commits, and by the runs table.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct ShuttleReadsStoreTests {
    /// A run with one booking, then a transport occurrence recorded without its run (a load
    /// through the store alone, as an older relais or another path may leave it).
    func unsyncedFixture() throws -> (fixture: ShuttleFixture, booking: Int64) {
        let fixture = try ShuttleFixture()
        let booking = try fixture.book(try fixture.residents(1)[0]).id
        let event = ShuttleCalendarSyncTests().transportEvent(occurrences: [Sample.occurrence("a", "2027-03-23T07:30", minutes: 330)])
        try fixture.store.load(
            CampaignCalendarContent(campaign: Campaign(id: "navettes", name: "Navettes"), events: [event]), sourceFile: "n.ics",
            now: fixture.context.now)
        return (fixture, booking)
    }

    @Test func listingsLeaveTheDatabaseAsItWasEvenWithARunToMake() throws {
        let (fixture, booking) = try unsyncedFixture()
        let observer = try fixture.file.open()
        let version = { try observer.database.row("PRAGMA data_version")?.int("data_version") ?? -1 }
        let before = try version()
        let runs = try fixture.count("SELECT count(*) AS n FROM shuttle_run")

        for scope in [ShuttleScope.coordinator, .ccas(try #require(Territory.paysDeGex.commune(named: "Gex")))] {
            #expect(try fixture.store.shuttleRuns(from: nil, to: nil, scope: scope, context: fixture.context).count == runs)
            #expect(try fixture.store.shuttleRun(fixture.run, scope: scope, context: fixture.context) != nil)
            #expect(try fixture.store.shuttleBookings(run: fixture.run, scope: scope, context: fixture.context).map(\.id) == [booking])
            #expect(try fixture.store.shuttleWaitlist(run: fixture.run, scope: scope, context: fixture.context).isEmpty)
            #expect(try fixture.store.shuttleManifest(run: fixture.run, scope: scope, context: fixture.context).passengers.count == 1)
        }
        #expect(try version() == before, "a listing committed a write")
        #expect(try fixture.count("SELECT count(*) AS n FROM shuttle_run") == runs)

        // The sync (a calendar load's, a booking's, the daemon's) makes the run the listings did not.
        #expect(try fixture.store.syncShuttleRuns(context: fixture.context).added == 1)
        #expect(try version() != before)
        #expect(try fixture.store.shuttleRuns(from: nil, to: nil, scope: .coordinator, context: fixture.context).count == runs + 1)
    }
}
