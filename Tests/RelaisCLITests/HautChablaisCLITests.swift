// HautChablaisCLITests: the whole flow on the CPTS du Haut-Chablais with no code change, through the
// built binary and an SMTP peer: a configuration naming Config/territories/haut-chablais.conf, its
// sample calendar (Campaigns/examples/haut-chablais), residents of Évian-les-Bains and
// Thonon-les-Bains (one with a Swiss number), registrations, reminders planned and sent (e-mail to
// smtp-sink, SMS to the file outbox), a shuttle booked by Thonon's CCAS, and the report, which
// lists its communes, not Pays de Gex's.
//
// The territory file has no shuttle destination (none is known from the sources): the run added
// here names its own, a test value, as a coordinator does for each run.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct HautChablaisCLITests {
    static let samples = Workspace.repository.appendingPathComponent("Campaigns/examples/haut-chablais").path
    static let territory = Workspace.repository.appendingPathComponent("Config/territories/haut-chablais.conf").path

    @Test func theWholeFlowRunsOnHautChablaisWithNoCodeChange() throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let workspace = Workspace()
        workspace.configure(
            """
            [territory]
            file = \(Self.territory)
            [email]
            transport = smtp
            url = \(sink.url)
            """)
        workspace.now = "2027-02-20T10:00"
        let loaded = try workspace.relais("campaigns", "load", Self.samples)
        #expect(loaded.status == 0, "\(loaded.errors)")
        #expect(loaded.output.contains("haut-chablais-mars-bleu-2027: 3 events added"), "\(loaded.output)")
        #expect(loaded.output.contains("haut-chablais-octobre-rose-2027: 3 events added"), "\(loaded.output)")

        // A frontier worker of Évian with a Swiss mobile, and a resident of Thonon by e-mail; short names typed.
        let swiss = try workspace.relais(
            "participants", "add", "--name", "Jeanne Favre", "--commune", "Evian", "--phone", "+41 79 123 45 67", "--consent", "sms",
            "--consent-source", "stand")
        #expect(swiss.status == 0, "\(swiss.errors)")
        let thonon = try workspace.relais(
            "participants", "add", "--name", "Paul Dupraz", "--commune", "Thonon", "--email", "paul@example.fr", "--consent", "email",
            "--consent-source", "stand")
        #expect(thonon.status == 0, "\(thonon.errors)")
        let gex = try workspace.relais("participants", "add", "--name", "Hors territoire", "--commune", "Gex", "--phone", "0612345678")
        #expect(gex.status == 65 && gex.errors.contains("Gex"), "\(gex.errors)")
        let people = try #require(try workspace.json(workspace.relais("participants", "list", "--json")) as? [[String: Any]])
        #expect(people.count == 2)
        #expect(people.contains { $0["phone"] as? String == "+41791234567" }, "\(people)")

        // Both registered to the stand at Évian on Tuesday 16 March 2027 at 09:00.
        let stand = try #require(try occurrenceIDs(workspace)["haut-chablais-mars-bleu-2027-stand-evian-20270316@relais.example"])
        for participant in ["1", "2"] {
            let registered = try workspace.relais("register", "--participant", participant, "--occurrence", stand)
            #expect(registered.status == 0, "\(registered.errors)")
        }
        #expect(try workspace.relais("reminders", "plan").status == 0)
        let planned = try outbox(workspace)
        #expect(planned.filter { $0["kind"] as? String == "confirmation" }.count == 2, "\(planned)")
        #expect(planned.filter { $0["kind"] as? String == "reminder" }.count == 2, "\(planned)")

        // The day before, at 09:00: each one's confirmation and reminder, by SMS to the Swiss number
        // (file outbox) and by e-mail to smtp-sink.
        workspace.now = "2027-03-15T09:00"
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.hasPrefix("4 sent"), "\(sent.output) \(sent.errors)")
        let mails = try ParsedMail.parse(sink.waitForMessages(2), scratch: try TemporaryDirectory("parse"))
        #expect(mails.count == 2)
        for mail in mails {
            #expect(mail.recipients.count == 1 && mail.recipients[0].contains("paul@example.fr"), "\(mail.recipients)")
            #expect(mail.body.contains("Évian-les-Bains"), "\(mail.subject)\n\(mail.body)")
            // Signed by the organiser of the territory file, never by Pays de Gex.
            #expect(mail.body.contains("\nCPTS du Haut-Chablais\n"), "\(mail.body)")
            #expect(!mail.body.contains("Pays de Gex"), "\(mail.body)")
        }
        #expect(mails.contains { $0.subject.contains("Rappel") && $0.subject.contains("Mars bleu") }, "\(mails.map(\.subject))")
        let outboxFolder = workspace.directory.appendingPathComponent("outbox")
        let sms = try FileManager.default.contentsOfDirectory(atPath: outboxFolder.path)
            .map { try String(contentsOf: outboxFolder.appendingPathComponent($0), encoding: .utf8) }
        #expect(sms.count == 2 && sms.allSatisfy { $0.contains("+41791234567") && $0.contains("CPTS du Haut-Chablais") }, "\(sms)")

        // A shuttle: the territory names no destination, so the run gives its own; Thonon's CCAS books
        // its resident, and the manifest names the commune and the destination.
        let destination = "Centre d'examens de santé (exemple de test)"
        let run = try workspace.relais(
            "transport", "runs", "add", "--coordinator", "--date", "2027-03-23", "--stop", "07:30 Thonon, Gare",
            "--arrival", "09:00", "--return", "11:30", "--destination", destination)
        #expect(run.status == 0, "\(run.errors)")
        let booked = try workspace.relais("transport", "book", "--ccas", "Thonon", "--run", "1", "--participant", "2", "--stop", "1")
        #expect(booked.status == 0, "\(booked.errors)")
        let bookings = try #require(
            try workspace.json(workspace.relais("transport", "bookings", "--coordinator", "--json")) as? [[String: Any]])
        #expect(bookings.count == 1 && bookings.first?["status"] as? String == "confirmed", "\(bookings)")
        let manifest = try workspace.relais("transport", "manifest", "1", "--coordinator")
        #expect(manifest.output.contains("Thonon-les-Bains") && manifest.output.contains(destination), "\(manifest.output)")
        let elsewhere = try workspace.relais("transport", "book", "--ccas", "Gex", "--run", "1", "--participant", "2", "--stop", "1")
        #expect(elsewhere.status != 0 && elsewhere.errors.contains("Gex"), "\(elsewhere.errors)")

        // After March, the report: its communes, its contract, none of Pays de Gex's.
        let report = try workspace.relais("report", "all", "--year", "2027", environment: ["RELAIS_NOW": "2027-04-01T10:00"])
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.contains("Évian-les-Bains") && report.output.contains("Thonon-les-Bains"), "\(report.output)")
        for place in ["Gex", "Ferney-Voltaire", "Saint-Genis-Pouilly", "Levant-Tattes"] {
            #expect(!report.output.contains(place), "\(place) in\n\(report.output)")
        }
        let title = report.output.split(separator: "\n").first ?? ""
        #expect(title.contains("Accord conventionnel interprofessionnel de la CPTS du Haut-Chablais"), "\(title)")
    }

    @Test func campaignsLoadOfTheCampaignsFolderLeavesTheExamplesOut() throws {
        let workspace = Workspace()
        let loaded = try workspace.relais("campaigns", "load", Workspace.repository.appendingPathComponent("Campaigns").path)
        #expect(loaded.status == 0, "\(loaded.errors)")
        #expect(!loaded.output.contains("haut-chablais"), "\(loaded.output)")
        #expect(loaded.output.contains("mars-bleu-2027"), "\(loaded.output)")
    }
}
