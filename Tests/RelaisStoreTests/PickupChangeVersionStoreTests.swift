// The version of a passenger's pickup change messages (Store+ShuttlePickupTold): each new change
// message takes one more than the booking's `shuttle_pickup.change_version`, never read back out of
// outbox keys, so a change is told even when housekeeping pruned older ones; and a database made
// before the column starts from the highest version its keys carry (Migrations+PickupChangeVersion).

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct PickupChangeVersionStoreTests {
    /// The keys of the change messages, oldest first.
    func changeKeys(_ fixture: OnDemandFixture) throws -> [String] {
        try fixture.fixed.store.database.rows("SELECT key FROM outbox WHERE kind = 'shuttle-pickup-changed' ORDER BY id").map {
            $0.string("key")!
        }
    }

    func changeVersion(_ store: Store, _ booking: Int64) throws -> Int? {
        try store.database.row("SELECT change_version FROM shuttle_pickup WHERE booking = ?", [.integer(booking)])?
            .int("change_version")
    }

    @Test func eachChangeMessageTakesANewVersionEvenOnceOlderOnesArePruned() throws {
        let told = OnDemandToldStoreTests()
        let (fixture, context, booking) = try told.toldOnePassenger(at: "07:00")
        #expect(try changeVersion(fixture.fixed.store, booking) == 0)
        try told.route(fixture, booking, pickup: "07:15", context: context)
        try told.route(fixture, booking, pickup: "07:02", context: context)  // back near what was told: cancelled
        try told.route(fixture, booking, pickup: "07:15", context: context)
        _ = try told.send(fixture, at: "2027-03-26T17:35")
        let prefix = "shuttle-pickup-changed:b\(booking):sms"
        #expect(try changeKeys(fixture) == ["\(prefix):v1", "\(prefix):v2"])
        // Housekeeping prunes the cancelled one: the next change still gets a version never used.
        #expect(try fixture.fixed.store.database.run("DELETE FROM outbox WHERE key = ?", [.text("\(prefix):v1")]) == 1)
        try told.route(fixture, booking, pickup: "07:00", context: context)
        #expect(try changeKeys(fixture) == ["\(prefix):v2", "\(prefix):v3"])
        #expect(try changeVersion(fixture.fixed.store, booking) == 3)
        let sent = try told.send(fixture, at: "2027-03-26T17:40")
        #expect(sent.map(\.kind) == [.shuttlePickupChanged] && told.time(sent.first?.start) == "7:00")
    }

    @Test func eachChangeWhoseSMSIsRefusedForGoodGetsItsOwnEmailCopy() throws {
        let told = OnDemandToldStoreTests()
        let (fixture, context, booking) = try told.toldOnePassenger(at: "07:00")
        let store = fixture.fixed.store
        try store.database.run(
            """
            UPDATE participant SET email = 'passager@example.org' WHERE id = (SELECT participant FROM shuttle_booking WHERE id = ?1);
            """, [.integer(booking)])
        try store.database.run(
            "INSERT INTO consent SELECT participant, 'email', 1, 0, 'CCAS' FROM shuttle_booking WHERE id = ?1", [.integer(booking)])
        /// Claims what is due at `local`: each SMS refused for good, each e-mail sent.
        func send(at local: String) throws -> [String] {
            let claimed = try told.claim(fixture, at: local)
            try store.recordOutcomes(
                claimed.map { message in
                    OutboxOutcome(
                        id: message.id, result: message.channel == .sms ? .failed(reason: "550 unknown number") : .sent(reply: "ok"),
                        at: Sample.paris.parse(local)!)
                }, owner: "test:1")
            return claimed.map { "\($0.kind.rawValue) \($0.channel.rawValue)" }
        }
        let prefix = "shuttle-pickup-changed:b\(booking):sms"
        try told.route(fixture, booking, pickup: "07:15", context: context)
        #expect(try send(at: "2027-03-26T17:35") == ["shuttle-pickup-changed sms"])
        #expect(try send(at: "2027-03-26T17:36") == ["shuttle-pickup-changed email"])
        // A second change, its SMS refused too: the passenger hears of it by e-mail as well (the first
        // change's copy is another message).
        try told.route(fixture, booking, pickup: "07:40", context: context)
        #expect(try send(at: "2027-03-26T17:45") == ["shuttle-pickup-changed sms"])
        #expect(try send(at: "2027-03-26T17:46") == ["shuttle-pickup-changed email"])
        #expect(try changeKeys(fixture) == ["\(prefix):v1", "\(prefix):v1:email", "\(prefix):v2", "\(prefix):v2:email"])
    }

    @Test func aDatabaseMadeBeforeTheColumnStartsFromTheHighestVersionItsKeysCarry() throws {
        let file = TemporaryDatabase()
        let before = Migrations.steps.firstIndex(of: Migrations.pickupChangeVersionStep)!  // the steps before it
        let message = "shuttle-pickup-changed"
        try file.makeSchema(
            before,
            then: """
                INSERT INTO shuttle_run (id, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places,
                    seats_per_wheelchair, status, created_at) VALUES (1, 'Navette', 90000, 95000, 99000, 'CH', 8, 1, 2, 'scheduled', 0);
                INSERT INTO shuttle_stop (run, position, commune, place, pickup_at) VALUES (1, 1, '01173', 'Mairie', 90000);
                INSERT INTO shuttle_demand (run, window_opens_at, window_closes_at, depot, destination_commune)
                    VALUES (1, 80000, 85000, '01173', '01173');
                INSERT INTO shuttle_booking (id, run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                    fare_band, fare_cents, status, booked_at, booked_by, confirmed_at)
                    VALUES (1, 1, 1, '01173', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 't', 0),
                    (2, 1, 2, '01173', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 't', 0);
                INSERT INTO shuttle_pickup (booking, commune, place_kind, point) VALUES (1, '01173', 'point', 'Mairie'),
                    (2, '01173', 'point', 'Mairie');
                INSERT INTO outbox (id, key, kind, channel, participant, booking, occurrence_version, state, due_at, nominal_at,
                    not_after, created_at, updated_at) VALUES
                    (1, '\(message):b1:sms:v1', '\(message)', 'sms', 1, 1, 1, 'queued', 1, 1, 100000, 0, 0),
                    (2, '\(message):b1:sms:v3:email', '\(message)', 'email', 1, 1, 1, 'queued', 1, 1, 100000, 0, 0),
                    (3, 'shuttle-pickup:b2:sms', 'shuttle-pickup', 'sms', 2, 2, 1, 'queued', 1, 1, 100000, 0, 0);
                """)
        let store = try file.open()
        #expect(try changeVersion(store, 1) == 3, "the e-mail copy of version 3 counts")
        #expect(try changeVersion(store, 2) == 0, "no change message yet")
    }
}
