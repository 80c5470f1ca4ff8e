import Foundation
import Testing

@Suite struct RemindersCLITests {
    /// Five events around the clock changes and the holidays of 2027, each with -P1D and -PT2H.
    /// Expected sending times worked out by hand (SMS: 08:00-20:00, not Sundays or holidays, at
    /// most 12 h earlier than planned; e-mail: 07:00-21:00 every day):
    ///   Sun 28 Mar 10:00 (+02:00, the day clocks go forward)
    ///     -P1D  Sat 27 Mar 10:00 +01:00   sms and e-mail
    ///     -PT2H Sun 28 Mar 08:00 +02:00   e-mail; sms moved to Sat 27 Mar 19:59 +01:00 (Sunday; the last SMS minute
    ///                                     of Saturday is 11 h 01 earlier, not 12, because the clocks went forward)
    ///   Mon 29 Mar 10:00 (Easter Monday)
    ///     -P1D  Sun 28 Mar 10:00 +02:00   e-mail; sms dropped
    ///     -PT2H Mon 29 Mar 08:00 +02:00   e-mail; sms dropped (holiday)
    ///     no SMS alarm can go: one SMS at the latest allowed time before it, Sat 27 Mar 19:59 +01:00
    ///   Tue 30 Mar 10:00
    ///     -P1D  Mon 29 Mar 10:00 +02:00   e-mail; sms moved to Tue 30 Mar 08:00 +02:00 (before the start)
    ///     -PT2H Tue 30 Mar 08:00 +02:00   sms and e-mail
    ///   Sun 31 Oct 10:00 (+01:00, the day clocks go back)
    ///     -P1D  Sat 30 Oct 10:00 +02:00   sms and e-mail
    ///     -PT2H Sun 31 Oct 08:00 +01:00   e-mail; sms dropped (Sunday, then Toussaint)
    ///   Mon 1 Nov 10:00 (Toussaint)
    ///     -P1D  Sun 31 Oct 10:00 +01:00   e-mail; sms dropped
    ///     -PT2H Mon 1 Nov 08:00 +01:00    e-mail; sms dropped
    ///     no SMS alarm can go: one SMS at the latest allowed time before it, Sat 30 Oct 19:59 +02:00
    @Test func remindersAcrossClockChangesAndHolidaysAreTimedByHand() throws {
        let workspace = Workspace()
        workspace.configure("[reminders]\nper_day = 20\nper_week = 50\n", confirmations: false)
        let days = ["20270328", "20270329", "20270330", "20271031", "20271101"]
        let events = days.map {
            eventWithAlarms(uid: "e\($0)@test", start: "\($0)T100000", end: "\($0)T120000", alarms: ["-P1D", "-PT2H"])
        }
        let file = workspace.write("test.ics", calendar(events[0], events[1], events[2], events[3], events[4]))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        #expect(
            try workspace.relais(
                "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--email", "jeanne@example.fr",
                "--consent", "sms,email", "--consent-source", "test"
            ).status == 0)
        let ids = try occurrenceIDs(workspace)
        for day in days {
            #expect(try workspace.relais("register", "--participant", "1", "--occurrence", ids["e\(day)@test"]!).status == 0)
        }

        let expected: [String: String] = [
            "20270328:0:sms": "2027-03-27T10:00:00+01:00", "20270328:0:email": "2027-03-27T10:00:00+01:00",
            "20270328:1:sms": "2027-03-27T19:59:00+01:00", "20270328:1:email": "2027-03-28T08:00:00+02:00",
            "20270329:0:sms": "dropped", "20270329:0:email": "2027-03-28T10:00:00+02:00",
            "20270329:1:sms": "dropped", "20270329:1:email": "2027-03-29T08:00:00+02:00",
            "20270330:0:sms": "2027-03-30T08:00:00+02:00", "20270330:0:email": "2027-03-29T10:00:00+02:00",
            "20270330:1:sms": "2027-03-30T08:00:00+02:00", "20270330:1:email": "2027-03-30T08:00:00+02:00",
            "20271031:0:sms": "2027-10-30T10:00:00+02:00", "20271031:0:email": "2027-10-30T10:00:00+02:00",
            "20271031:1:sms": "dropped", "20271031:1:email": "2027-10-31T08:00:00+01:00",
            "20271101:0:sms": "dropped", "20271101:0:email": "2027-10-31T10:00:00+01:00",
            "20271101:1:sms": "dropped", "20271101:1:email": "2027-11-01T08:00:00+01:00",
            "20270329:last:sms": "2027-03-27T19:59:00+01:00", "20271101:last:sms": "2027-10-30T19:59:00+02:00",
        ]
        let rows = try outbox(workspace)
        #expect(rows.count == expected.count)
        let dayOfOccurrence = Dictionary(uniqueKeysWithValues: days.map { (ids["e\($0)@test"]!, $0) })
        for row in rows {
            let key = row["key"] as! String  // reminder:r<registration>:a<alarm>|last:<channel>:v<version>
            let parts = key.split(separator: ":")
            let day = dayOfOccurrence[String(row["occurrence"] as! Int)]!
            let name = "\(day):\(parts[2] == "last" ? "last" : parts[2].dropFirst()):\(parts[3])"
            let actual = row["state"] as! String == "dropped" ? "dropped" : row["due"] as! String
            #expect(actual == expected[name], "\(name)")
        }
    }

    @Test func movingAnEventCancelsItsRemindersPlansNewOnesAndSendsOneNotice() throws {
        let workspace = Workspace()
        workspace.configure("", confirmations: false)
        let file = workspace.write(
            "test.ics", calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        _ = try workspace.relais(
            "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--consent", "sms", "--consent-source",
            "t")
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["a@test"]!)
        #expect(try outbox(workspace, "--state", "queued").count == 1)

        workspace.write(
            "test.ics",
            calendar(
                eventWithAlarms(uid: "a@test", start: "20270331T140000", end: "20270331T160000", alarms: ["-P1D"], extra: "SEQUENCE:1")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let rows = try outbox(workspace)
        #expect(rows.filter { $0["state"] as? String == "cancelled" && $0["kind"] as? String == "reminder" }.count == 1)
        let notices = rows.filter { $0["kind"] as? String == "moved" }
        #expect(notices.count == 1)
        #expect(notices.first?["due"] as? String == "2026-11-23T08:00:00+01:00")  // Sunday 22 Nov: the first SMS hour is Monday 08:00
        let fresh = rows.filter { $0["kind"] as? String == "reminder" && $0["state"] as? String == "queued" }
        #expect(fresh.count == 1)
        #expect(fresh.first?["due"] as? String == "2027-03-30T14:00:00+02:00")
        #expect((fresh.first?["key"] as? String)?.hasSuffix(":v2") == true)

        let again = try workspace.relais("campaigns", "load", file)
        #expect(again.output.contains("unchanged"))
        #expect(try outbox(workspace).count == rows.count)

        workspace.write(
            "test.ics",
            calendar(
                eventWithAlarms(
                    uid: "a@test", start: "20270331T140000", end: "20270331T160000", alarms: ["-P1D"], extra: "SEQUENCE:2\nSTATUS:CANCELLED"
                )))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let after = try outbox(workspace)
        #expect(after.filter { $0["kind"] as? String == "cancelled" }.count == 1)
        #expect(after.filter { $0["kind"] as? String == "reminder" && $0["state"] as? String == "queued" }.isEmpty)
    }

    @Test func anOptedOutPersonReceivesNothingMore() throws {
        let workspace = Workspace()
        workspace.configure("", confirmations: false)
        let file = workspace.write(
            "test.ics",
            calendar(
                eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"]),
                eventWithAlarms(uid: "b@test", start: "20270406T100000", end: "20270406T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        _ = try workspace.relais(
            "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--consent", "sms", "--consent-source",
            "t")
        let ids = try occurrenceIDs(workspace)
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", ids["a@test"]!)
        let stop = try workspace.relais("optout", "+33 6 12 34 56 78", "--source", "SMS STOP")
        #expect(stop.status == 0 && stop.output.contains("1 messages cancelled"), "\(stop.output)\(stop.errors)")
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", ids["b@test"]!)
        #expect(try outbox(workspace, "--state", "queued").isEmpty)
        workspace.now = "2027-04-05T12:00"
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.hasPrefix("0 sent"), "\(sent.output)\(sent.errors)")
        let shown = try workspace.relais("participants", "show", "1")
        #expect(shown.output.contains("sms withdrawn on 2026-11-22 (SMS STOP)"))
    }

    @Test func thePerPersonCapHoldsAcrossTwoCampaigns() throws {
        let workspace = Workspace()
        workspace.configure("", confirmations: false)
        let first = workspace.write(
            "a.ics",
            calendar(
                campaign: "mars-bleu-2027",
                eventWithAlarms(uid: "a@test", start: "20270401T100000", end: "20270401T120000", alarms: ["-P1D"])))
        let second = workspace.write(
            "b.ics",
            calendar(
                campaign: "vaccination-2027",
                eventWithAlarms(uid: "b@test", start: "20270401T140000", end: "20270401T160000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", first, second).status == 0)
        _ = try workspace.relais(
            "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--consent", "sms", "--consent-source",
            "t")
        let ids = try occurrenceIDs(workspace)
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", ids["a@test"]!)
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", ids["b@test"]!)
        // One a day: Wednesday 31 March goes to the 10:00 event; the 14:00 one is not left without a
        // reminder: it gets one at the latest allowed time before it, Thursday at 08:00.
        let rows = try outbox(workspace)
        let queued = rows.filter { $0["state"] as? String == "queued" }
        #expect(queued.compactMap { $0["due"] as? String }.sorted() == ["2027-03-31T10:00:00+02:00", "2027-04-01T08:00:00+02:00"])
        let dropped = rows.filter { $0["state"] as? String == "dropped" }
        #expect(dropped.count == 1)
        #expect((dropped.first?["reason"] as? String)?.contains("per-person cap") == true)

        // The first event is cancelled: the reminder the cap had dropped now has its day.
        workspace.write(
            "a.ics",
            calendar(
                campaign: "mars-bleu-2027",
                eventWithAlarms(
                    uid: "a@test", start: "20270401T100000", end: "20270401T120000", alarms: ["-P1D"], extra: "STATUS:CANCELLED")))
        #expect(try workspace.relais("campaigns", "load", first).status == 0)
        let after = try outbox(workspace)
        let revived = after.first { $0["key"] as? String == dropped.first?["key"] as? String }
        #expect(revived?["state"] as? String == "queued")
        #expect(after.filter { $0["kind"] as? String == "reminder" && $0["state"] as? String == "queued" }.count == 1)
        let last = after.first { ($0["key"] as? String)?.contains(":last:") == true }
        #expect(last?["state"] as? String == "dropped" && last?["reason"] as? String == "not needed: an alarm of the event goes")
    }

    @Test func theFileTransportShowsANewUserWhatWouldBeSent() throws {
        let workspace = Workspace()
        workspace.configure("", confirmations: false)
        let file = workspace.write(
            "test.ics", calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        _ = try workspace.relais(
            "participants", "add", "--name", "John Smith", "--commune", "Ferney", "--phone", "+41 79 123 45 67", "--email",
            "john@example.ch",
            "--language", "en", "--consent", "sms,email", "--consent-source", "t")
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["a@test"]!)
        workspace.now = "2027-03-30T08:30"  // e-mail due Monday 29 at 10:00; SMS moved past Easter Monday to Tuesday 08:00
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.hasPrefix("2 sent"), "\(sent.output)\(sent.errors)")
        let folder = workspace.directory.appendingPathComponent("outbox")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count == 2)
        let sms = try String(
            contentsOf: folder.appendingPathComponent(try #require(files.first { $0.hasSuffix(".json") })), encoding: .utf8)
        #expect(sms.contains("+41791234567") && sms.contains("Tuesday 30 March at 10:00") && sms.contains("STOP"), "\(sms)")
        #expect(try workspace.relais("send", "--once").output.hasPrefix("0 sent"))
    }
}
