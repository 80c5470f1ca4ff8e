// FileTransport: what a new user sees instead of sending: a complete .eml per e-mail, the webhook's
// JSON per SMS, written whole under a name derived from the message key.

import Foundation
import RelaisCore
import RelaisTestPeers
import Testing

@testable import RelaisDelivery

@Suite("File transport")
struct FileTransportTests {
    @Test("an e-mail becomes <key>.eml holding the whole composed message, an SMS <key>.json")
    func writesEmlAndJSON() throws {
        let work = try TemporaryDirectory("file-transport")
        let directory = work.file("outbox/preview")  // created on first use
        let composer = MailComposer(fromAddress: try MailSample.sender(), fromName: "Prévention Pays de Gex")
        let transport = FileTransport(directory: directory, composer: composer)
        let date = Date(timeIntervalSince1970: 1_806_300_000)

        let email = MailSample.message("r42-a0-email-v1")
        let emlPath = directory.appendingPathComponent("r42-a0-email-v1.eml").path
        #expect(transport.send(email, date: date) == .sent(detail: emlPath))
        let eml = try String(contentsOfFile: emlPath, encoding: .utf8)
        #expect(eml == composer.compose(email, date: date))

        let sms = SMSSample.message("r42-a0-sms-v1")
        let jsonPath = directory.appendingPathComponent("r42-a0-sms-v1.json").path
        #expect(transport.send(sms) == .sent(detail: jsonPath))
        let payload = try JSONDecoder().decode(SMSPayload.self, from: Data(contentsOf: URL(fileURLWithPath: jsonPath)))
        #expect(payload == SMSPayload(to: "+33612345678", text: SMSSample.text, key: "r42-a0-sms-v1"))

        // Sending again replaces the file whole and leaves no temporary file behind.
        #expect(transport.send(sms) == .sent(detail: jsonPath))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["r42-a0-email-v1.eml", "r42-a0-sms-v1.json"])
        let permissions = try FileManager.default.attributesOfItem(atPath: jsonPath)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("a key cannot name a file outside the directory")
    func keysAreSanitised() {
        #expect(FileTransport.fileName(forKey: "../../etc/passwd") == "_._.._etc_passwd")
        #expect(FileTransport.fileName(forKey: ".hidden") == "_hidden")
        #expect(FileTransport.fileName(forKey: "r42-a0-sms-v1") == "r42-a0-sms-v1")
    }

    @Test("a directory that cannot be created defers the message")
    func unwritableDirectoryDefers() throws {
        let work = try TemporaryDirectory("file-transport")
        let blocker = work.file("not-a-directory")
        try Data("x".utf8).write(to: blocker)
        let transport = FileTransport(directory: blocker.appendingPathComponent("outbox"))
        guard case .deferred(let reason, nil) = transport.send(SMSSample.message("r1-a0-sms-v1")) else {
            Issue.record("expected deferred")
            return
        }
        #expect(reason.contains("r1-a0-sms-v1.json"))
        #expect(!reason.contains("612345678"))
    }
}
