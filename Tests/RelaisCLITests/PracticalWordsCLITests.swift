import Foundation
import RelaisTestPeers
import Testing

/// What residents read beyond the date and place: the event's details (X-RELAIS-NOTE, else its
/// DESCRIPTION) and whom to call (the event's X-RELAIS-CONTACT, else the calendar's, else
/// `[reminders] contact_fr`), received through smtp-sink and read with Python's `email`.
@Suite struct PracticalWordsCLITests {
    /// Event `uid` at 10:00 on `day` of March 2027, reminded by e-mail the day before.
    func event(_ uid: String, day: Int, _ extra: String) -> String {
        eventWithAlarms(uid: uid, start: "202703\(day)T100000", end: "202703\(day)T120000", alarms: ["-P1D"], extra: extra)
    }

    @Test func remindersCarryTheDetailsAndTheContactToCall() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = Workspace()
        workspace.configure(
            "[reminders]\ncontact_fr = la coordination santé, 04 50 99 99 99\n[email]\ntransport = smtp\nurl = \(sink.url)\n",
            confirmations: false)
        let withContact = calendar(
            campaign: "mars-bleu-2027",
            event("described@t", day: 25, "DESCRIPTION:Test immunologique remis sur place\\, résultats par courrier.\nX-RELAIS-CONTACT:CCAS de Gex\\, 04 50 41 00 00"),
            event("noted@t", day: 25, "DESCRIPTION:Deux infirmières de l'équipe mobile\\, salle 2.\nX-RELAIS-NOTE:Apportez votre carte Vitale."))
            .replacingOccurrences(of: "X-RELAIS-FA:7\r\n", with: "X-RELAIS-FA:7\r\nX-RELAIS-CONTACT:Coordination Mars bleu\\, 04 50 00 00 01\r\n")
        let without = calendar(campaign: "octobre-rose-2027", event("plain@t", day: 25, ""))
        for (name, text) in [("mars.ics", withContact), ("octobre.ics", without)] {
            let loaded = try workspace.relais("campaigns", "load", workspace.write(name, text))
            #expect(loaded.status == 0, "\(loaded.errors)")
        }
        let occurrences = try occurrenceIDs(workspace)
        for (index, uid) in ["described@t", "noted@t", "plain@t"].enumerated() {
            let csv = "name,commune,email,consent,consent_source\nRésident \(index),Gex,r\(index)@example.fr,email,test\n"
            let imported = try workspace.relais(
                "participants", "import", workspace.write("p\(index).csv", csv), "--occurrence", try #require(occurrences[uid]))
            #expect(imported.status == 0, "\(imported.errors)")
        }
        workspace.now = "2027-03-24T10:30"
        let sent = try workspace.relais("send", "--once")
        #expect(sent.status == 0 && sent.output.hasPrefix("3 sent"), "\(sent.output)\(sent.errors)")
        let mails = try ParsedMail.parse(sink.waitForMessages(3), scratch: try TemporaryDirectory("parse"))
        func body(_ recipient: String) throws -> String {
            try #require(mails.first { $0.recipients.contains("<\(recipient)>") }, "no message to \(recipient) in \(mails.map(\.recipients))").body
        }
        let described = try body("r0@example.fr")
        #expect(described.contains("Test immunologique remis sur place, résultats par courrier."), "\(described)")
        #expect(described.contains("CCAS de Gex, 04 50 41 00 00"), "the event's contact comes first: \(described)")
        let noted = try body("r1@example.fr")
        #expect(noted.contains("Apportez votre carte Vitale.") && !noted.contains("équipe mobile"), "the note wins: \(noted)")
        #expect(noted.contains("Coordination Mars bleu, 04 50 00 00 01"), "then the calendar's contact: \(noted)")
        let plain = try body("r2@example.fr")
        #expect(plain.contains("la coordination santé, 04 50 99 99 99"), "then the configuration's: \(plain)")
        #expect(!plain.contains("\n\n\n"), "an event without details leaves no empty paragraph: \(plain)")
    }

    @Test func aContactOnSeveralLinesOrANoteTooLongIsRefusedWithItsLine() throws {
        let workspace = Workspace()
        #expect(try workspace.relais("campaigns", "list").status == 0)
        let before = try workspace.dump()
        let text = calendar(
            event("long@t", day: 23, "X-RELAIS-NOTE:" + String(repeating: "Apportez votre carte. ", count: 30)),
            event("lines@t", day: 24, "X-RELAIS-CONTACT:CCAS\\nde Gex"))
        let loaded = try workspace.relais("campaigns", "load", workspace.write("bad.ics", text))
        #expect(loaded.status == 65)
        #expect(loaded.errors.contains("X-RELAIS-NOTE") && loaded.errors.contains("more than the 500"), "\(loaded.errors)")
        #expect(loaded.errors.contains("X-RELAIS-CONTACT") && loaded.errors.contains("one line"), "\(loaded.errors)")
        #expect(loaded.errors.contains("bad.ics:"), "\(loaded.errors)")
        #expect(try workspace.dump() == before)
    }
}
