// Kannel + fakesmsc: the coding Relais asks Kannel for follows the text it actually sends. With
// `[sms] alphabet = gsm` an event called "Fête à l’hôpital" reaches the phone as GSM 7-bit text
// "Fete à l'hopital" (à is in GSM 03.38); with `ucs2` it arrives as UCS-2 with every accent.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct KannelAlphabetCLITests {
    func received(alphabet: String) throws -> KannelGateway.ReceivedSMS {
        let kannel = try KannelGateway.start()
        defer { kannel.stopAll() }
        let secrets = try TemporaryDirectory("secrets")
        let password = secrets.file("kannel-password").path
        try "\(KannelGateway.password)\n".write(toFile: password, atomically: true, encoding: .utf8)
        let workspace = Workspace()
        workspace.configure(
            """
            [sms]
            transport = kannel
            url = \(kannel.sendSMSURL)
            username = \(KannelGateway.username)
            password_file = \(password)
            alphabet = \(alphabet)
            """, confirmations: false)
        let event = eventWithAlarms(uid: "a@test", start: "20270330T100000", end: "20270330T120000", alarms: ["-P1D"])
            .replacingOccurrences(of: "SUMMARY:Dépistage Mars bleu", with: "SUMMARY:Fête à l’hôpital")
        #expect(try workspace.relais("campaigns", "load", workspace.write("test.ics", calendar(event))).status == 0)
        #expect(
            try workspace.relais(
                "participants", "add", "--name", "Jeanne", "--commune", "Gex", "--phone", "0612345678", "--consent", "sms",
                "--consent-source", "test"
            ).status == 0)
        #expect(try workspace.relais("register", "--participant", "1", "--occurrence", try occurrenceIDs(workspace)["a@test"]!).status == 0)
        workspace.now = "2027-03-30T08:30"
        let sent = try workspace.relais("send", "--once")
        #expect(sent.output.hasPrefix("1 sent"), "\(sent.output)\(sent.errors)")
        return try #require(kannel.waitForMessages(1).first, "fakesmsc received the SMS")
    }

    @Test func gsmTextsGoAsGSM7WithoutTheCharactersOutsideIt() throws {
        let sms = try received(alphabet: "gsm")
        #expect(sms.coding == "text", "GSM 7-bit, not UCS-2: \(sms)")
        #expect(sms.text.contains("Fete à l'hopital") && sms.text.contains("Salle des fetes"), "\(sms.text)")
    }

    @Test func ucs2TextsKeepEveryAccent() throws {
        let sms = try received(alphabet: "ucs2")
        #expect(sms.coding.hasPrefix("ucs-2"), "\(sms)")
        #expect(sms.text.contains("Fête à l’hôpital") && sms.text.contains("Salle des fêtes"), "\(sms.text)")
    }
}
