// The per-person cap serves every registration: a busy fortnight around Easter 2027 (sessions twice a
// day from Tuesday 23 March to Thursday 1 April, Easter Monday 29 March a public holiday), 30 residents
// registered one after the other to three sessions each, by SMS, e-mail or both. Whatever the order
// of registration, each of the 90 registrations has a reminder waiting on each channel its person
// consented to, the cap (one a day, three an ISO week per channel) holds, and the resident reachable
// only by SMS who goes to the Easter Monday session is reminded on the Saturday before.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct CapWeekStoreTests {
    /// The sessions: 10:00 and 14:30 each day from Tuesday 23 March to Thursday 1 April 2027, each
    /// with one alarm a day before; some also two hours before.
    static let starts: [String] = (0..<10).flatMap { day -> [String] in
        let date = Sample.paris.calendar.date(byAdding: .day, value: day, to: Sample.paris.parse("2027-03-23T12:00")!)!
        let local = Sample.paris.day(date)
        return ["\(local)T10:00", "\(local)T14:30"]
    }

    func loaded() throws -> (Store, [Int64]) {
        let store = try TemporaryDatabase().open()
        let events = Self.starts.enumerated().map { index, start in
            var event = Sample.event("s\(index)@relais", capacity: nil, occurrences: [Sample.occurrence("", start, minutes: 120)])
            if index % 4 == 1 { event.alarms.append(CalendarAlarm(trigger: .fromStart(seconds: -7_200))) }
            return event
        }
        try store.load(Sample.campaign(events), sourceFile: "m.ics", now: Sample.now)
        let ids = try store.occurrences(OccurrenceFilter()).sorted { $0.start < $1.start }.map(\.id)
        #expect(ids.count == Self.starts.count)
        return (store, ids)
    }

    /// Resident `index`'s consented channels: SMS, e-mail, or both, in turn.
    static func channels(_ index: Int) -> [String] { [["sms"], ["email"], ["sms", "email"]][index % 3] }

    @Test func aBusyEasterFortnightLeavesNoRegistrationWithoutAReminderOnEachConsentedChannel() throws {
        let (store, occurrences) = try loaded()
        let people = try store.add(
            (0..<30).map { index in
                try! ParticipantForm(
                    name: "Résident \(index)", phone: Sample.phone(of: "Résident \(index)"), email: "resident\(index)@example.fr",
                    commune: "Gex", consentedChannels: Self.channels(index), consentSource: "CCAS de Gex"
                ).validated(territory: .paysDeGex, now: Sample.now, calendar: Sample.paris.calendar)
            }, now: Sample.now)
        let easterMonday = occurrences[Self.starts.firstIndex(of: "2027-03-29T10:00")!]
        // Three sessions each, close together (a simple generator: the same every run).
        var seed: UInt64 = 2027
        var registrations: [(registration: Int64, person: Int)] = []
        for (index, person) in people.enumerated() {
            var chosen: Set<Int64> = index == 0 ? [easterMonday] : []
            while chosen.count < 3 {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                chosen.insert(occurrences[Int((seed >> 33) % UInt64(occurrences.count))])
            }
            for occurrence in chosen.sorted() {
                let id = try store.register(
                    participant: person, occurrence: occurrence, source: "t", now: Sample.now, calendar: Sample.paris.calendar)
                registrations.append((id, index))
            }
        }
        #expect(registrations.count == 90)

        let rows = try store.database.rows(
            "SELECT registration, participant, channel, state, due_at, key, reason FROM outbox WHERE kind = 'reminder' ORDER BY due_at")
        let queued = rows.filter { $0.string("state") == "queued" }
        for (registration, person) in registrations {
            for channel in Self.channels(person) {
                let reminded = queued.contains { $0.int64("registration") == registration && $0.string("channel") == channel }
                #expect(reminded, "registration \(registration) of resident \(person) has no \(channel) reminder")
            }
        }
        // The cap holds for every person and channel.
        let cap = MessageCap()
        for person in people {
            for channel in ["sms", "email"] {
                let dues = queued.filter { $0.int64("participant") == person && $0.string("channel") == channel }.map { $0.date("due_at")! }
                for (index, due) in dues.enumerated() {
                    var others = dues
                    others.remove(at: index)
                    #expect(cap.allows(due, alreadyPlanned: others, calendar: Sample.paris.calendar), "resident \(person) \(channel)")
                }
            }
        }
        // Resident 0, SMS only, goes to the Easter Monday session: reminded on Saturday 27 March.
        let easterRegistration = try #require(
            try store.database.row(
                "SELECT id FROM registration WHERE participant = ? AND occurrence = ?", [.integer(people[0]), .integer(easterMonday)]
            )?.int64("id"))
        let easterReminders = queued.filter { $0.int64("registration") == easterRegistration }
        #expect(
            easterReminders.map { Sample.paris.day($0.date("due_at")!) } == ["2027-03-27"], "\(easterReminders.map { $0.string("key")! })")
        let dropped = rows.filter { $0.string("state") == "dropped" }
        let capped = dropped.filter { $0.string("reason")?.hasPrefix("per-person cap") == true }.count
        let last = queued.filter { $0.string("key")!.contains(":last:") }.count
        print(
            "cap week: 90 registrations, \(queued.count) reminders queued (\(last) at the latest allowed time), "
                + "\(capped) dropped by the cap, \(dropped.count - capped) by quiet time")

        // Planning again changes nothing.
        let again = try store.planReminders(rules: OutreachRules(), now: Sample.now, calendar: Sample.paris.calendar)
        #expect(again == PlanSummary())
    }
}
