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
        // What each notice says, rendered as the message writer renders {{time}}, is the time recorded as told.
        let template = try MessageTemplate.parse(
            "Prise en charge à {{time}}. {{stop}}", fileName: "shuttle-pickup.sms.fr", kind: .shuttlePickup, language: .french,
            channel: .sms)
        for message in sent {
            let booking = Int64(message.key.split(separator: ":")[1].dropFirst())!
            let values = MessageTemplate.values(
                name: message.name, event: message.event, start: message.start, location: message.location ?? "", stop: "",
                organiser: message.campaign, territory: "", language: .french, calendar: Sample.paris.calendar)
            let said = try #require(toldNow[booking] ?? nil, "booking \(booking)")
            let time = LocalDateWording.time(said, language: .french, calendar: Sample.paris.calendar)
            #expect(template.render(values).body == "Prise en charge à \(time). ", "booking \(booking)")
        }
        // Planning again with nothing changed tells nobody.
        try fixture.fixed.store.database.write { database in
            try fixture.fixed.store.replanOnDemandRun(fixture.run, context: context, in: database)
        }
        #expect(try fixture.fixed.count("SELECT count(*) AS n FROM outbox WHERE kind = 'shuttle-pickup-changed'") == 0)
    }

    // MARK: - One passenger, pickup times chosen by the test

    /// One Cessy passenger booked before close, their pickup notice sent after it at `told` (local time on 30 March).
    func toldOnePassenger(at told: String) throws -> (OnDemandFixture, ShuttleContext, Int64) {
        let fixture = try OnDemandFixture()
        var context = fixture.planned(limit: 105)
        let booking = try fixture.book(try fixture.fixed.residents(1, of: "Cessy")[0], nil, context: context).id
        context.now = Sample.paris.parse("2027-03-26T17:30")!
        try route(fixture, booking, pickup: told, context: context)
        let sent = try send(fixture, at: "2027-03-26T17:31")
        #expect(sent.map(\.kind) == [.shuttlePickup])
        return (fixture, context, booking)
    }

    /// Records a route picking `booking` up at `pickup` ("07:15" on 30 March), as a replan does (recordRoute).
    func route(_ fixture: OnDemandFixture, _ booking: Int64, pickup: String, context: ShuttleContext) throws {
        let minutes = Int(Sample.paris.parse("2027-03-30T\(pickup)")!.timeIntervalSince(Sample.paris.parse("2027-03-30T09:00")!) / 60)
        let there = PlannedRoute(
            stops: [PlannedStop(booking: booking, commune: "01071", offsetMinutes: minutes, rideMinutes: -minutes)],
            depotOffsetMinutes: minutes - 5, vehicleMinutes: 5 - minutes, longestRideMinutes: -minutes)
        let back = PlannedRoute(
            stops: [PlannedStop(booking: booking, commune: "01071", offsetMinutes: 50, rideMinutes: 50)], depotOffsetMinutes: 55,
            vehicleMinutes: 55, longestRideMinutes: 50)
        try fixture.fixed.store.database.write { database in
            try fixture.fixed.store.recordRoute(fixture.run, outbound: there, back: back, context: context, in: database)
        }
    }

    /// Claims what is due at `local` and records each claimed message sent.
    func send(_ fixture: OnDemandFixture, at local: String) throws -> [ClaimedMessage] {
        let claimed = try claim(fixture, at: local)
        let at = Sample.paris.parse(local)!
        try fixture.fixed.store.recordOutcomes(
            claimed.map { OutboxOutcome(id: $0.id, result: .sent(reply: "ok"), at: at) }, owner: "test:1")
        return claimed
    }

    /// The states of the booking's change messages, oldest first.
    func changes(_ fixture: OnDemandFixture) throws -> [String] {
        try fixture.fixed.store.database.rows("SELECT state FROM outbox WHERE kind = 'shuttle-pickup-changed' ORDER BY id").map {
            $0.string("state")!
        }
    }

    /// The local time `date` says, as a message words it.
    func time(_ date: Date?) -> String? {
        date.map { LocalDateWording.time($0, language: .english, calendar: Sample.paris.calendar) }
    }

    /// The local time the booking's passenger was told, as a message words it.
    func toldTime(_ fixture: OnDemandFixture, _ booking: Int64) throws -> String? {
        time(try told(fixture)[booking] ?? nil)
    }

    @Test func aMoveBackToATimeWhoseChangeWasCancelledIsToldAgain() throws {
        let (fixture, context, booking) = try toldOnePassenger(at: "07:00")
        try route(fixture, booking, pickup: "07:15", context: context)
        #expect(try changes(fixture) == ["queued"])
        // Back within 10 minutes of what they were told: the change waiting would say nothing new.
        try route(fixture, booking, pickup: "07:02", context: context)
        #expect(try changes(fixture) == ["cancelled"])
        // 07:15 again: it must be told, though a change was once queued for 07:15.
        try route(fixture, booking, pickup: "07:15", context: context)
        #expect(try changes(fixture) == ["cancelled", "queued"])
        // A further move while it waits keeps it: it is worded when it goes, with the time of then.
        try route(fixture, booking, pickup: "07:20", context: context)
        #expect(try changes(fixture) == ["cancelled", "queued"])
        let sent = try send(fixture, at: "2027-03-26T17:40")
        #expect(sent.map(\.kind) == [.shuttlePickupChanged])
        #expect(time(sent.first?.start) == "7:20")
        #expect(try toldTime(fixture, booking) == "7:20")
    }

    @Test func aMoveBackToATimeToldTwoChangesAgoIsToldAgain() throws {
        let (fixture, context, booking) = try toldOnePassenger(at: "07:00")
        try route(fixture, booking, pickup: "07:15", context: context)
        #expect(try send(fixture, at: "2027-03-26T17:35").map(\.kind) == [.shuttlePickupChanged])
        try route(fixture, booking, pickup: "07:00", context: context)
        #expect(try send(fixture, at: "2027-03-26T17:40").map(\.kind) == [.shuttlePickupChanged])
        #expect(try toldTime(fixture, booking) == "7:00")
        // 07:15 again: both earlier changes were sent, and this one goes too.
        try route(fixture, booking, pickup: "07:15", context: context)
        #expect(try changes(fixture) == ["sent", "sent", "queued"])
        let sent = try send(fixture, at: "2027-03-26T17:45")
        #expect(sent.map(\.kind) == [.shuttlePickupChanged] && time(sent.first?.start) == "7:15")
    }

    @Test func aPickupChangeRefusedForGoodIsToldAgainAtTheNextReplan() throws {
        let (fixture, context, booking) = try toldOnePassenger(at: "07:00")
        try route(fixture, booking, pickup: "07:15", context: context)
        let claimed = try claim(fixture, at: "2027-03-26T17:35")
        #expect(claimed.map(\.kind) == [.shuttlePickupChanged])
        #expect(try toldTime(fixture, booking) == "7:15")
        // The operator refuses it for good (the resident consented to SMS only: no e-mail copy): nothing was told.
        let failed = claimed.map { OutboxOutcome(id: $0.id, result: .failed(reason: "unknown number"), at: context.now) }
        #expect(try fixture.fixed.store.recordOutcomes(failed, owner: "test:1") == 1)
        #expect(try toldTime(fixture, booking) == nil)
        #expect(try changes(fixture) == ["failed"])
        // The next replan, the same time: told again, and what goes says the time of then.
        try route(fixture, booking, pickup: "07:15", context: context)
        #expect(try changes(fixture) == ["failed", "queued"])
        try route(fixture, booking, pickup: "07:16", context: context)
        #expect(try changes(fixture) == ["failed", "queued"])
        let sent = try send(fixture, at: "2027-03-26T17:40")
        #expect(sent.map(\.kind) == [.shuttlePickupChanged] && time(sent.first?.start) == "7:16")
        #expect(try toldTime(fixture, booking) == "7:16")
    }

    @Test func aFirstPickupNoticeGivenUpWithNoRetryIsToldAgainAtTheNextReplan() throws {
        let fixture = try OnDemandFixture()
        var context = fixture.planned(limit: 105)
        let booking = try fixture.book(try fixture.fixed.residents(1, of: "Cessy")[0], nil, context: context).id
        context.now = Sample.paris.parse("2027-03-26T17:30")!
        try route(fixture, booking, pickup: "07:00", context: context)
        let claimed = try claim(fixture, at: "2027-03-26T17:31")
        #expect(claimed.map(\.kind) == [.shuttlePickup])
        let gaveUp = claimed.map { OutboxOutcome(id: $0.id, result: .deferred(reason: "busy", retryAt: nil), at: context.now) }
        #expect(try fixture.fixed.store.recordOutcomes(gaveUp, owner: "test:1") == 1)
        #expect(try toldTime(fixture, booking) == nil)
        try route(fixture, booking, pickup: "07:00", context: context)
        #expect(try changes(fixture) == ["queued"])
        // A pickup notice sent is not undone by anything: a sent outcome keeps what was told.
        let sent = try send(fixture, at: "2027-03-26T17:40")
        #expect(sent.map(\.kind) == [.shuttlePickupChanged] && time(sent.first?.start) == "7:00")
        #expect(try toldTime(fixture, booking) == "7:00")
    }
}
