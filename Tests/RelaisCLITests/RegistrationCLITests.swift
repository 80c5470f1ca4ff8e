// relais register, unregister and attend as a user runs them: a full session's waitlist with its
// position, a cancellation confirming the first waitlisted and queuing their notice, a presence
// refused before the session starts, and a sign-up sheet refused whole when its session is
// (exit 65, the database unchanged).

import Foundation
import Testing

@Suite struct RegistrationCLITests {
    /// A workspace with one session of 2 places on 30 March 2027 at 09:00 and four Gex residents
    /// with SMS consent; returns the occurrence id.
    func prepared() throws -> (Workspace, String) {
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure("")
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        var csv = "name,commune,phone,consent,consent_source\n"
        for index in 0..<4 { csv += "Résident \(index),Gex,06 11 22 33 \(String(format: "%02d", index)),sms,test\n" }
        #expect(try workspace.relais("participants", "import", workspace.write("people.csv", csv)).status == 0)
        let occurrences = try workspace.json(workspace.relais("events", "list", "--json")) as! [[String: Any]]
        return (workspace, String(occurrences[0]["id"] as! Int))
    }

    func expectRefused(_ workspace: Workspace, _ arguments: String..., mentioning fragment: String, now: String? = nil) throws {
        let before = try workspace.dump()
        let result = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + arguments, environment: ["RELAIS_NOW": now ?? workspace.now])
        #expect(result.status == 65, "\(arguments): \(result.status) \(result.output)")
        #expect(result.errors.contains(fragment), "\(arguments): \(result.errors)")
        #expect(try workspace.dump() == before, "\(arguments) changed the database")
    }

    @Test func aFullSessionWaitlistsAndUnregisteringConfirmsTheFirstWaitlisted() throws {
        let (workspace, occurrence) = try prepared()
        for participant in ["1", "2"] {
            let registered = try workspace.relais("register", "--participant", participant, "--occurrence", occurrence)
            #expect(registered.output.hasSuffix("to occurrence \(occurrence), confirmed\n"), "\(registered.output)\(registered.errors)")
        }
        let third = try workspace.relais("register", "--participant", "3", "--occurrence", occurrence)
        #expect(third.status == 0 && third.output == "registration 3: participant 3 to occurrence \(occurrence), waitlisted (position 1)\n")
        let fourth = try workspace.json(workspace.relais("register", "--participant", "4", "--occurrence", occurrence, "--json"))
        #expect((fourth as? [String: Any])?["status"] as? String == "waitlisted" && (fourth as? [String: Any])?["position"] as? Int == 2)
        let listed = try #require((try workspace.json(workspace.relais("events", "list", "--json")) as? [[String: Any]])?.first)
        #expect(listed["registered"] as? Int == 2 && listed["waitlisted"] as? Int == 2)

        let cancelled = try workspace.relais("unregister", "--participant", "2", "--occurrence", occurrence, "--reason", "malade")
        #expect(
            cancelled.output == "registration 2 cancelled (it was confirmed); registration 3 confirmed from the waitlist\n",
            "\(cancelled.errors)")
        let byID = try workspace.relais("unregister", "4")
        #expect(byID.output == "registration 4 cancelled (it was waitlisted)\n", "\(byID.errors)")
        let notices = try outbox(workspace).filter { $0["kind"] as? String == "registration-promoted" }
        #expect(notices.count == 1 && notices.first?["state"] as? String == "queued", "\(notices)")
        let after = try #require((try workspace.json(workspace.relais("events", "list", "--json")) as? [[String: Any]])?.first)
        #expect(after["registered"] as? Int == 2 && after["waitlisted"] as? Int == 0)
        let shown = try workspace.relais("participants", "show", "2")
        #expect(shown.output.contains("(scheduled, cancelled)"), "\(shown.output)")

        try expectRefused(workspace, "unregister", "2", mentioning: "registration 2 was cancelled")
        try expectRefused(
            workspace, "unregister", "--participant", "2", "--occurrence", occurrence,
            mentioning: "no registration of participant 2 to occurrence \(occurrence)")
        try expectRefused(workspace, "unregister", "99", mentioning: "no registration 99")
        try expectRefused(
            workspace, "unregister", "1", mentioning: "registration 1 can no longer be cancelled: its session started at",
            now: "2027-03-30T09:30")
    }

    @Test func attendanceBeforeTheSessionStartsIsRefusedAndRecordedOnceItHas() throws {
        let (workspace, occurrence) = try prepared()
        #expect(try workspace.relais("register", "--participant", "1", "--occurrence", occurrence).status == 0)
        try expectRefused(
            workspace, "attend", "--participant", "1", "--occurrence", occurrence,
            mentioning: "--occurrence: occurrence \(occurrence) starts at 2027-03-30 09:00; attendance is recorded from then on")
        try expectRefused(
            workspace, "attend", "--participant", "2", "--occurrence", occurrence, mentioning: "starts at 2027-03-30 09:00",
            now: "2027-03-30T08:59")
        workspace.now = "2027-03-30T09:05"
        #expect(try workspace.relais("attend", "--participant", "1", "--occurrence", occurrence).status == 0)
        #expect(try workspace.relais("attend", "--participant", "2", "--occurrence", occurrence).status == 0, "a walk-in")
        try expectRefused(workspace, "attend", "--participant", "1", "--occurrence", occurrence, mentioning: "already recorded as present")
        let listed = try #require(
            (try workspace.json(workspace.relais("events", "list", "--from", "2027-03-01", "--json")) as? [[String: Any]])?.first)
        #expect(listed["registered"] as? Int == 2 && listed["attended"] as? Int == 2)
        // A third person: the session is full, a walk-in is refused.
        try expectRefused(
            workspace, "attend", "--participant", "3", "--occurrence", occurrence,
            mentioning: "--occurrence: occurrence \(occurrence) is full (2 places)")
    }

    @Test func aSignUpSheetToASessionThatTakesNoRegistrationIsRefusedWholeNamingTheFile() throws {
        let (workspace, occurrence) = try prepared()
        let sheet = workspace.write("sheet.csv", "name,commune\nAnne Dupont,Gex\nLouis Martin,Cessy\n")
        try expectRefused(
            workspace, "participants", "import", sheet, "--occurrence", occurrence,
            mentioning: "\(sheet): --occurrence: occurrence \(occurrence) started at 2027-03-30 09:00", now: "2027-03-30T09:30")
        try expectRefused(
            workspace, "participants", "import", sheet, "--occurrence", "999",
            mentioning: "\(sheet): --occurrence: no occurrence 999 (relais events list shows them); nothing imported")
    }
}
