// The sessions a report counts, and only they, when the counts are read between the ids of its first
// and last session (Store+IndicatorSessions.swift), on a real SQLite file: a session numbered between
// two counted ones that started after the period, was cancelled, or belongs to another campaign gives
// nothing to the people and reminders counted, and its SMS count only where they are due (a cancelled
// session's SMS were paid for, the last session numbered among them; another campaign's count when
// every campaign is asked for, under its name, though all its sessions were cancelled).

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct IndicatorPeriodStoreTests {
    /// Sessions numbered 1 to 5, as loaded: a1 (counted), a2 (after the period), b (campaign
    /// octobre-rose, cancelled), c (counted), d (cancelled). One person registered to each, and sent
    /// one SMS of 2 segments.
    private struct Fixture {
        static let keys = ["a1", "a2", "b", "c", "d"]
        let file = TemporaryDatabase()
        let store: Store
        var sessions: [String: Int64] = [:]

        init() throws {
            store = try file.open()
            let a = Sample.event(
                "a@relais", capacity: nil,
                occurrences: [Sample.occurrence("a1", "2027-03-10T09:00"), Sample.occurrence("a2", "2028-02-10T09:00")])
            let b = Sample.event("b@relais", capacity: nil, occurrences: [Sample.occurrence("b", "2027-03-15T09:00")])
            let c = Sample.event("c@relais", capacity: nil, occurrences: [Sample.occurrence("c", "2027-03-25T09:00")])
            let d = Sample.event("d@relais", capacity: nil, occurrences: [Sample.occurrence("d", "2027-03-30T09:00")])
            try store.load(Sample.campaign([a, b, c, d]), sourceFile: "m.ics", now: Sample.now)
            for row in try store.database.rows("SELECT id, recurrence_key AS k FROM occurrence") {
                sessions[row.string("k")!] = row.int64("id")!
            }
            try store.database.execute(
                """
                INSERT INTO campaign (id, name, source_file, loaded_at) VALUES ('octobre-rose', 'Octobre rose', 'o.ics', 0);
                UPDATE event SET campaign = 'octobre-rose' WHERE uid = 'b@relais';
                """)
            let people = try store.add(Self.keys.map { Sample.person("Personne \($0)") }, now: Sample.now)
            for (person, key) in zip(people, Self.keys) {
                let registration = try store.register(
                    participant: person, occurrence: sessions[key]!, source: "desk",
                    context: RegistrationContext(actor: "agent-gex", commune: nil, now: Sample.now, calendar: Sample.paris.calendar)
                ).id
                try store.database.run(
                    """
                    INSERT INTO outbox (key, kind, channel, registration, participant, occurrence, occurrence_version, state, due_at,
                        not_after, created_at, updated_at, sent_at, sms_encoding, sms_segments)
                    VALUES (?, 'reminder', 'sms', ?, ?, ?, 1, 'sent', 0, 0, 0, 0, 0, 'gsm-7', 2)
                    """, [.text("test:\(key)"), .integer(registration), .integer(person), .integer(sessions[key]!)])
            }
            for cancelled in ["b", "d"] {
                try store.database.run("UPDATE occurrence SET status = 'cancelled' WHERE id = ?", [.integer(sessions[cancelled]!)])
            }
        }

        func data(campaign: String?) throws -> IndicatorData {
            let year = ReportPeriod(start: Sample.paris.parse("2027-01-01")!, end: Sample.paris.parse("2028-01-01")!)
            return try store.indicatorData(IndicatorQuery(period: year, until: Sample.paris.parse("2027-06-01")!, campaign: campaign))
        }
    }

    @Test func theSessionsNumberedBetweenTwoCountedOnesGiveOnlyWhatIsTheirsToGive() throws {
        let fixture = try Fixture()
        #expect(Fixture.keys.map { fixture.sessions[$0] } == [1, 2, 3, 4, 5], "numbered in the order they were loaded")
        let data = try fixture.data(campaign: "mars-bleu-2027")
        #expect(data.events.map(\.uid) == ["a@relais", "c@relais"], "d's only session was cancelled")
        #expect(data.events.map(\.sessions.count) == [1, 1], "a2 after the period")
        #expect(data.events.map(\.people.registered) == [1, 1])
        #expect(data.events.map(\.people.registeredReminded) == [1, 1])
        #expect(data.reminders == [ReminderTally(channel: .sms, sent: 2, failed: 0)], "a1 and c: not the cancelled d, nor b")
        #expect(
            data.smsSegments == [SMSSegmentTally(campaign: "mars-bleu-2027", campaignName: "Mars bleu 2027", sms: 3, segments: 6)],
            "a1, c and the cancelled d, numbered after every counted session, whose SMS was paid for; not b, nor a2")
    }

    @Test func everyCampaignCountsItsOwnSessionsInTheOrderOfItsId() throws {
        let data = try Fixture().data(campaign: nil)
        #expect(data.events.map(\.uid) == ["a@relais", "c@relais"])
        #expect(data.events.map(\.people.registered) == [1, 1])
        #expect(data.reminders == [ReminderTally(channel: .sms, sent: 2, failed: 0)])
        #expect(
            data.smsSegments == [
                SMSSegmentTally(campaign: "mars-bleu-2027", campaignName: "Mars bleu 2027", sms: 3, segments: 6),
                SMSSegmentTally(campaign: "octobre-rose", campaignName: "Octobre rose", sms: 1, segments: 2),
            ], "octobre-rose's only session was cancelled: its SMS still count, under its name")
    }
}
