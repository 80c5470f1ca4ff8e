// Sending windows held when a message is claimed, through the built binary and real peers: an SMS
// retried after a Kannel outage that ends at 22:00 waits for 08:00 the next morning; a shuttle
// reminder due on Saturday at 19:59 leaves then, and one found on Easter Sunday is not sent at all
// (the next SMS time, Tuesday 08:00, comes after the 07:45 pickup).

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct SendingWindowCLITests {
    @Test func anSMSRetriedAfterAGatewayOutageThatEndsAt2200WaitsForTheMorning() throws {
        let kannel = try KannelGateway.start()
        defer { kannel.stopAll() }
        let workspace = Workspace()
        let password = workspace.write("kannel-password", KannelGateway.password + "\n")
        workspace.configure(
            """
            [sms]
            transport = kannel
            url = \(kannel.sendSMSURL)
            username = \(KannelGateway.username)
            password_file = \(password)
            """, confirmations: false)
        workspace.now = "2027-03-01T10:00"
        // A session on Saturday 27 March at 10:00, its reminder due on Friday 26 at 10:00.
        let file = workspace.write(
            "test.ics", calendar(eventWithAlarms(uid: "a@test", start: "20270327T100000", end: "20270327T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let csv = workspace.write("people.csv", "name,commune,phone,consent,consent_source\nRésident 0,Gex,06 00 00 00 00,sms,test\n")
        let imported = try workspace.relais("participants", "import", csv, "--occurrence", try occurrenceIDs(workspace)["a@test"]!)
        #expect(imported.status == 0, "\(imported.errors)")

        // The gateway is down from Friday evening: the SMS found at 19:50 is deferred, and again at 19:51.
        kannel.stopSMSBox()
        workspace.now = "2027-03-26T19:50"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("0 sent, 1 deferred"))
        workspace.now = "2027-03-26T19:51"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("0 sent, 1 deferred"))
        // The outage ends at 22:00: the retry due then is outside SMS hours and waits for Saturday 08:00.
        try kannel.startSMSBox()
        workspace.now = "2027-03-26T22:00"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("0 sent, 0 deferred, 0 failed"))
        let waiting = try #require(try outbox(workspace, "--state", "deferred").first)
        #expect((waiting["due"] as? String)?.hasPrefix("2027-03-27T08:00") == true, "\(waiting)")
        // The outage that deferred it stays said, then the wait.
        let reason = waiting["reason"] as? String ?? ""
        #expect(reason.hasPrefix("Kannel unreachable"), "\(waiting)")
        #expect(
            reason.hasSuffix("; then outside sms hours 08:00-20:00, not on Sundays or public holidays: waits until 2027-03-27 08:00"),
            "\(waiting)")
        workspace.now = "2027-03-27T07:59"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("0 sent"))
        #expect(kannel.messages().isEmpty)
        workspace.now = "2027-03-27T08:00"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("1 sent"))
        let received = kannel.waitForMessages(1)
        #expect(received.count == 1 && received.first?.to == "+33600000000")
    }

    @Test func aShuttleReminderDueOnSaturdayAt1959LeavesThenAndOneFoundOnEasterSundayIsNotSent() throws {
        let fixture = try TransportWorkspace(gex: 2, cessy: 0)
        _ = try fixture.book(1)
        let reminder = try #require(try outbox(fixture.workspace).first { $0["kind"] as? String == "shuttle-reminder" })
        // The day before Tuesday's pickup is Easter Monday: planned on Saturday 27 March at 19:59.
        #expect((reminder["due"] as? String)?.hasPrefix("2027-03-27T19:59") == true, "\(reminder)")
        fixture.workspace.now = "2027-03-27T19:59"
        #expect(try fixture.workspace.relais("send", "--once").output.hasPrefix("1 sent"))
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.workspace.directory.appendingPathComponent("outbox").path)
        #expect(files.filter { $0.hasPrefix("shuttle-reminder") }.count == 1)

        // A second booking whose reminder the daemon, down on Saturday evening, finds on Sunday at noon.
        fixture.workspace.now = "2027-03-01T10:00"
        _ = try fixture.book(2)
        fixture.workspace.now = "2027-03-28T12:00"
        #expect(try fixture.workspace.relais("send", "--once").output.hasPrefix("0 sent, 0 deferred, 0 failed"))
        let dropped = try outbox(fixture.workspace, "--state", "dropped")
        #expect(dropped.count == 1 && dropped.first?["kind"] as? String == "shuttle-reminder", "\(dropped)")
        #expect(
            dropped.first?["reason"] as? String
                == "no allowed time before its deadline (sms hours 08:00-20:00, not on Sundays or public holidays)", "\(dropped)")
    }
}
