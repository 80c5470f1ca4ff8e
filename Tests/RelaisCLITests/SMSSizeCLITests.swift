// The size of each SMS, recorded when it is written for sending and shown by `relais outbox list
// --json` (`encoding`, `segments`: null before, and for e-mail), in both `[sms] alphabet`s, through the
// built binary and the file transport.

import Foundation
import Testing

@Suite struct SMSSizeCLITests {
    /// A workspace with `configuration`, one event in "Salle des fêtes, Gex" on Tuesday 30 March
    /// 2027 at 10:00 and one person registered who takes SMS and e-mail.
    func registered(_ configuration: String) throws -> Workspace {
        let workspace = Workspace()
        workspace.configure(configuration, confirmations: false)
        let file = workspace.write(
            "test.ics", calendar(eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"])))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        #expect(
            try workspace.relais(
                "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--email", "jeanne@example.fr",
                "--consent", "sms,email", "--consent-source", "test"
            ).status == 0)
        #expect(try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["a@test"]!).status == 0)
        return workspace
    }

    func row(_ rows: [[String: Any]], channel: String) throws -> [String: Any] {
        try #require(rows.first { $0["channel"] as? String == channel })
    }

    func sentSMS(_ workspace: Workspace) throws -> String {
        let folder = workspace.directory.appendingPathComponent("outbox")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".json") })
        return try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func gsmSMSAreRecordedAsGSM7WithTheirSegments() throws {
        let workspace = try registered("")
        let before = try outbox(workspace)
        #expect(before.count == 2)
        for row in before {
            #expect(row["encoding"] is NSNull && row["segments"] is NSNull, "nothing written yet: \(row)")
        }
        workspace.now = "2027-03-30T08:30"
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.hasPrefix("2 sent"), "\(sent.output)\(sent.errors)")
        let after = try outbox(workspace)
        let sms = try row(after, channel: "sms")
        #expect(sms["encoding"] as? String == "gsm-7")
        #expect(sms["segments"] as? Int == 1)
        let email = try row(after, channel: "email")
        #expect(email["encoding"] is NSNull && email["segments"] is NSNull)
        let text = try sentSMS(workspace)
        #expect(text.contains("Salle des fetes, Gex") && text.contains("Dépistage Mars bleu"), "\(text)")
    }

    @Test func ucs2SMSKeepTheirAccentsAndAreRecordedAsUCS2() throws {
        let workspace = try registered("[sms]\nalphabet = ucs2\n")
        workspace.now = "2027-03-30T08:30"
        #expect(try workspace.relais("send", "--once").output.hasPrefix("2 sent"))
        let sms = try row(try outbox(workspace), channel: "sms")
        #expect(sms["encoding"] as? String == "ucs-2")
        #expect(sms["segments"] as? Int == 2, "about 100 characters in UCS-2: two segments of 67")
        #expect(try sentSMS(workspace).contains("Salle des fêtes, Gex"))
    }

    @Test func aBadAlphabetIsRefusedWithItsLine() throws {
        let workspace = Workspace()
        workspace.configure("[sms]\nalphabet = latin1\n")
        let result = try workspace.relais("outbox", "list")
        #expect(result.status != 0)
        #expect(result.errors.contains("sms.alphabet") && result.errors.contains("gsm, ucs2"), "\(result.errors)")
    }
}
