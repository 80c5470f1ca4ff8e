// Waitlist notices through the built binary (file transport): a resident waitlisted for a full
// session is told their place; when a place comes up the first waitlisted is told (registration-
// promoted); at the deadline ([reminders] waitlist_deadline_hours before the start) the one still
// waiting is told that no place came up, and the promoted one's deadline notice is cancelled.

import Foundation
import Testing

@Suite struct WaitlistNoticesCLITests {
    @Test func aWaitlistedResidentIsToldTheirPlaceThenAtTheDeadlineThatNoneCameUp() throws {
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure("[reminders]\nwaitlist_deadline_hours = 48\n", confirmations: false)
        // Two places on Thursday 25 March 2027 at 09:00; four residents reachable by SMS.
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270325T090000", end: "20270325T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        var csv = "name,commune,phone,consent,consent_source\n"
        for index in 0..<4 { csv += "Résident \(index),Gex,06 11 22 33 \(String(format: "%02d", index)),sms,test\n" }
        #expect(try workspace.relais("participants", "import", workspace.write("people.csv", csv)).status == 0)
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        for participant in ["1", "2", "3", "4"] {
            #expect(try workspace.relais("register", "--participant", participant, "--occurrence", occurrence).status == 0)
        }
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.hasPrefix("2 sent"), "\(sent.output)\(sent.errors)")
        let outbox = workspace.directory.appendingPathComponent("outbox")
        let texts = try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasPrefix("waitlisted") }.map {
            try String(contentsOf: outbox.appendingPathComponent($0), encoding: .utf8)
        }
        #expect(texts.count == 2)
        #expect(texts.contains { $0.contains("Rang sur la liste d'attente : 1.") && $0.contains("Résident 2") }, "\(texts)")
        #expect(texts.contains { $0.contains("Rang sur la liste d'attente : 2.") && $0.contains("Résident 3") }, "\(texts)")

        // Resident 1 unregisters: resident 2 gets the place (and its notice).
        #expect(try workspace.relais("unregister", "--participant", "2", "--occurrence", occurrence).status == 0)
        #expect(try workspace.relais("send", "--once").output.hasPrefix("1 sent"))
        // 48 hours before Thursday 09:00: Tuesday 23 March at 09:00.
        let deadlines = try RelaisCLITestsOutbox.rows(workspace, kind: "waitlist-deadline")
        #expect(deadlines.map { $0["due"] as? String } == ["2027-03-23T09:00:00+01:00", "2027-03-23T09:00:00+01:00"])
        workspace.now = "2027-03-23T09:00"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("1 sent"))
        let after = try RelaisCLITestsOutbox.rows(workspace, kind: "waitlist-deadline")
        #expect(after.map { $0["state"] as? String } == ["cancelled", "sent"], "\(after)")
        #expect(after.first?["reason"] as? String == "registration confirmed")
        let told = try #require(
            try FileManager.default.contentsOfDirectory(atPath: outbox.path).first { $0.hasPrefix("waitlist-deadline") })
        let text = try String(contentsOf: outbox.appendingPathComponent(told), encoding: .utf8)
        #expect(text.contains("aucune place ne s'est libérée") && text.contains("Résident 3"), "\(text)")
    }
}

enum RelaisCLITestsOutbox {
    /// The outbox rows of one kind, as `relais outbox list --json` gives them, by id.
    static func rows(_ workspace: Workspace, kind: String) throws -> [[String: Any]] {
        try outbox(workspace).filter { $0["kind"] as? String == kind }.sorted { ($0["id"] as? Int ?? 0) < ($1["id"] as? Int ?? 0) }
    }
}
