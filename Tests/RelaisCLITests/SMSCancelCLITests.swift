// SMSCancelCLITests: "ANNULER" texted back through a real Kannel (fakesmsc) cancels the sender's
// next registration once they confirm with "OUI": the question names the event, the confirmation
// frees the place for the first waitlisted person, and a "OUI" with nothing pending changes nothing.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct SMSCancelCLITests {
    static let secret = "s3cr3t-callback-0123456789"

    @Test func annulerThenOuiThroughKannelCancelsTheNextRegistrationAndTheWaitlistMoves() throws {
        let port = LoopbackPort.random()
        let kannel = try KannelGateway.start(inboundURL: "http://127.0.0.1:\(port)/gateway/\(Self.secret)/mo?from=%p&text=%a")
        defer { kannel.stopAll() }
        let workspace = Workspace()
        let password = workspace.write("kannel-password", KannelGateway.password + "\n")
        let secretFile = workspace.write("callback-secret", Self.secret + "\n")
        workspace.configure(
            """
            [reminders]
            per_day = 5
            [sms]
            transport = kannel
            url = \(kannel.sendSMSURL)
            username = \(KannelGateway.username)
            password_file = \(password)
            rate_per_second = 100
            [web]
            port = \(port)
            callback_secret_file = \(secretFile)
            """, confirmations: false)
        workspace.now = "2027-03-20T10:00"
        let file = workspace.write(
            "test.ics",
            calendar(
                eventWithAlarms(
                    uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"], extra: "X-RELAIS-CAPACITY:1")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let occurrence = try #require(try occurrenceIDs(workspace)["a@test"])
        let people = workspace.write(
            "people.csv",
            "name,commune,phone,consent,consent_source\nJeanne Martin,Gex,06 00 00 00 01,sms,test\nPaul Durand,Gex,06 00 00 00 02,sms,test\n"
        )
        #expect(try workspace.relais("participants", "import", people, "--occurrence", occurrence).status == 0)
        func statuses() throws -> String {
            try workspace.run(
                "/usr/bin/sqlite3",
                [workspace.database, "SELECT group_concat(status, ',') FROM (SELECT status FROM registration ORDER BY id)"]
            )
            .output.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try statuses() == "confirmed,waitlisted")
        let server = try startServe(workspace, port: port)
        defer { server.stop() }

        try kannel.sendInbound(from: "+33600000001", text: "OUI")
        #expect(eventually(timeout: 20) { server.text.contains("SMS confirmation with no cancel pending") }, "\(server.text)")
        #expect(try statuses() == "confirmed,waitlisted")

        try kannel.sendInbound(from: "+33600000001", text: "Annuler")
        let question = eventually(timeout: 20) { kannel.messages().contains { $0.to == "+33600000001" && $0.text.contains("OUI") } }
        #expect(question, "\(kannel.messages())")
        let asked = kannel.messages().first { $0.to == "+33600000001" && $0.text.contains("OUI") }?.text ?? ""
        #expect(asked.contains("mardi 30 mars") && asked.contains("Répondez OUI"), "\(asked)")
        #expect(asked.contains("l'inscription de Jeanne"), "a phone may be a couple's: the question names whose registration: \(asked)")
        #expect(try statuses() == "confirmed,waitlisted")

        try kannel.sendInbound(from: "+33600000001", text: "oui")
        #expect(eventually(timeout: 20) { (try? statuses()) == "cancelled,confirmed" }, "\(server.text)")
        let done = eventually(timeout: 20) {
            kannel.messages().contains { $0.to == "+33600000001" && $0.text.contains("Inscription annulée") }
        }
        #expect(done, "\(kannel.messages())")
        let messages = try outbox(workspace)
        #expect(messages.contains { ($0["kind"] as? String) == "registration-promoted" }, "\(messages)")
        #expect(!server.text.contains("600000001"))
    }
}
