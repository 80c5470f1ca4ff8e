// Message kinds as data, through the built binary: a templates folder made before a kind existed
// (here without registration-promoted.fr.sms.txt) is a `relais doctor` warning, not a refusal to
// send; the promoted resident's SMS is written from the French e-mail's text.

import Foundation
import Testing

@Suite struct MessageKindsCLITests {
    @Test func aMissingOptionalTemplateIsADoctorWarningAndTheOtherChannelStandsIn() throws {
        let templates = TemporaryDirectoryCopy.templates(adding: "", to: "reminder.fr.sms.txt")
        try FileManager.default.removeItem(at: templates.appendingPathComponent("registration-promoted.fr.sms.txt"))
        let workspace = Workspace()
        workspace.now = "2027-03-01T10:00"
        workspace.configure("[reminders]\ntemplates = \(templates.path)\n", confirmations: false)
        let doctor = try workspace.relais("doctor")
        #expect(doctor.output.contains("ok   templates in \(templates.path)"), "\(doctor.output)")
        #expect(
            doctor.output.contains(
                "warn registration-promoted.fr.sms.txt: missing (an optional template): registration-promoted.fr.email.txt stands in"),
            "\(doctor.output)")

        // A session of 2 places, a third resident waitlisted, then promoted when the second unregisters.
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        var csv = "name,commune,phone,consent,consent_source\n"
        for index in 0..<3 { csv += "Résident \(index),Gex,06 11 22 33 \(String(format: "%02d", index)),sms,test\n" }
        #expect(try workspace.relais("participants", "import", workspace.write("people.csv", csv)).status == 0)
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        for participant in ["1", "2", "3"] {
            #expect(try workspace.relais("register", "--participant", participant, "--occurrence", occurrence).status == 0)
        }
        #expect(try workspace.relais("unregister", "--participant", "2", "--occurrence", occurrence).status == 0)
        let sent = try workspace.relais("send", "--once")
        #expect(sent.status == 0 && sent.output.hasPrefix("1 sent"), "\(sent.output)\(sent.errors)")
        let outbox = workspace.directory.appendingPathComponent("outbox")
        let names = try FileManager.default.contentsOfDirectory(atPath: outbox.path)
        let promoted = try #require(names.first { $0.hasPrefix("registration-promoted") && $0.hasSuffix(".json") }, "\(names)")
        let text = try String(contentsOf: outbox.appendingPathComponent(promoted), encoding: .utf8)
        // The e-mail's words (its "Campagne :" line, which the SMS template does not have), sent by SMS.
        #expect(text.contains("Campagne : ") && text.contains("Bonjour Résident 2,"), "\(text)")
        #expect(text.contains("+33611223302"), "\(text)")
    }
}
