import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct HousekeepingTests {
    @Test func theRetentionPurgeForgetsPeopleWhoseEventsAreLongOverAndKeepsTheCounts() throws {
        let store = try TemporaryDatabase().open()
        let longAgo = Sample.paris.parse("2024-01-10T10:00")!
        let old = Sample.occurrence("", "2024-02-01T09:00")
        let recent = Sample.occurrence("", "2026-10-01T09:00")
        try store.load(
            Sample.campaign([
                Sample.event("old@relais", capacity: nil, occurrences: [old]),
                Sample.event("new@relais", capacity: nil, occurrences: [recent]),
            ]),
            sourceFile: "m.ics", now: longAgo)
        let ids = try store.occurrences(OccurrenceFilter()).map(\.id)
        let people = try store.add([Sample.person("Ancienne"), Sample.person("Récente")], now: longAgo)
        _ = try store.register(participant: people[0], occurrence: ids[0], source: "t", now: longAgo, calendar: Sample.paris.calendar)
        _ = try store.register(participant: people[1], occurrence: ids[1], source: "t", now: longAgo, calendar: Sample.paris.calendar)
        let now = Sample.paris.parse("2026-11-22T10:00")!
        let summary = try store.housekeep(now: now, retentionDays: 365, outboxKeepDays: 100)
        #expect(summary.peopleForgotten == 1)
        #expect(try store.participant(id: people[0]) == nil)
        #expect(try store.participant(id: people[1]) != nil)
        #expect(try store.occurrence(id: ids[0])?.registered == 1)
        let reminders = try store.outbox()
        #expect(reminders.first { $0.occurrence == ids[0] }?.reason == "retention period over")
        #expect(reminders.first { $0.occurrence == ids[1] }?.state == "queued")
        let later = now.addingTimeInterval(101 * 86_400)
        let pruned = try store.housekeep(now: later, retentionDays: 365, outboxKeepDays: 100)
        // The cancelled reminder and confirmation, settled more than 100 days before.
        #expect(pruned.messagesPruned == 2)
        #expect(Set(try store.outbox().map(\.occurrence)) == [ids[1]])
    }

    @Test func theDaemonsHeartbeatIsSharedThroughTheDatabase() throws {
        let store = try TemporaryDatabase().open()
        let now = Sample.now
        try store.setServiceState("serve.heartbeat", "host:42", now: now)
        #expect(try store.serviceState("serve.heartbeat")?.value == "host:42")
        try store.clearServiceState("serve.heartbeat")
        #expect(try store.serviceState("serve.heartbeat") == nil)
        #expect(try store.integrityCheck() == ["ok"])
    }
}
