// SMTPTransport against Postfix's smtp-sink: messages arrive once each, intact, over one reused
// connection; the relay's refusals are classified as deferred (4xx, nothing listening, 421 then
// disconnect, no STARTTLS when TLS is required) or failed (5xx). AUTH is checked against a small
// Python server because smtp-sink's AUTH cannot succeed with libcurl (see Scripts.swift).

import Foundation
import RelaisCore
import RelaisTestPeers
import Testing

@testable import RelaisDelivery

enum MailSample {
    static let subject = "Rappel : dépistage à Gex — mardi 30 mars"
    static let body = """
        Bonjour,

        Rappel : dépistage mardi 30 mars à 9 h 00, salle des fêtes de Gex.
        .Cette ligne commence par un point et doit arriver intacte.
        ..Et celle-ci par deux.
        Pour ne plus recevoir ces rappels : répondez STOP.
        """
    static let unsubscribe = Unsubscribe(
        mailto: "mailto:desinscription@relais-gex.fr?subject=r42", https: "https://relais-gex.fr/desinscription/r42",
        oneClick: true)

    static func sender() throws -> EmailAddress { try EmailAddress(parsing: "rappels@relais-gex.fr") }

    static func settings(url: String, _ change: (inout SMTPSettings) -> Void = { _ in }) throws -> SMTPSettings {
        var settings = SMTPSettings(
            url: url, fromAddress: try sender(), fromName: "Prévention Pays de Gex", connectTimeout: 5, timeout: 20)
        change(&settings)
        return settings
    }

    static func message(_ key: String, to recipient: String = "jeanne.martin@example.fr") -> OutgoingMessage {
        OutgoingMessage(
            key: key, channel: .email, recipient: recipient, subject: subject, body: body, unsubscribe: unsubscribe)
    }
}

@Suite("SMTP transport with smtp-sink")
struct SMTPTransportTests {
    @Test("twenty reminders each arrive once, intact, over one connection")
    func twentyMessagesOverOneConnection() throws {
        let sink = try SMTPSink.start()
        var transport: SMTPTransport? = SMTPTransport(settings: try MailSample.settings(url: sink.url))
        let keys = (0..<20).map { "r\($0)-a0-email-v1" }
        for (index, key) in keys.enumerated() {
            let outcome = transport?.send(MailSample.message(key, to: "resident\(index)@example.fr"))
            guard case .sent(let detail) = outcome else {
                Issue.record("message \(key): \(String(describing: outcome))")
                return
            }
            #expect(detail.hasPrefix("250"))
        }
        transport = nil  // curl_easy_cleanup: QUIT on the cached connection
        #expect(eventually { sink.counters()?.quits == 1 })
        let counters = sink.counters()
        #expect(counters.map { $0.sessions - sink.sessionsAfterStart } == 1, "one SMTP session for twenty messages")
        #expect(counters?.messages == 20)

        let files = sink.waitForMessages(20)
        #expect(files.count == 20)
        let mails = try ParsedMail.parse(files, scratch: sink.work)
        #expect(Set(mails.map(\.messageID)) == Set(keys.map { "<\($0)@relais-gex.fr>" }), "each key arrives exactly once")
        #expect(mails.count == 20)
        for mail in mails {
            #expect(mail.subject == MailSample.subject)
            #expect(mail.from == "Prévention Pays de Gex <rappels@relais-gex.fr>")
            #expect(mail.recipients.count == 1 && mail.recipients.first == "<\(mail.to)>")
            #expect(mail.dateHasZone)
            #expect(mail.listUnsubscribe.contains("<mailto:desinscription@relais-gex.fr?subject=r42>"))
            #expect(mail.listUnsubscribe.contains("<https://relais-gex.fr/desinscription/r42>"))
            #expect(mail.listUnsubscribePost == "List-Unsubscribe=One-Click")
            #expect(mail.autoSubmitted == "auto-generated")
            #expect(mail.contentTransferEncoding == "quoted-printable")
            #expect(mail.body.trimmingCharacters(in: .newlines) == MailSample.body)
            #expect(mail.longestLine <= 78)
            #expect(mail.defects.isEmpty)
        }
    }

    @Test("a 4xx reply to RCPT defers the message")
    func temporaryRefusalDefers() throws {
        let sink = try SMTPSink.start(["-r", "RCPT"])
        let transport = SMTPTransport(settings: try MailSample.settings(url: sink.url))
        let outcome = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .deferred(let reason, let retryAfter) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(reason.contains("450"))
        #expect(retryAfter == nil)
        #expect(!reason.contains("jeanne.martin"))
    }

    @Test("a 5xx reply to RCPT fails the message and keeps the reply")
    func permanentRefusalFails() throws {
        let sink = try SMTPSink.start(["-f", "RCPT"])
        let transport = SMTPTransport(settings: try MailSample.settings(url: sink.url))
        let outcome = transport.send(MailSample.message("r1-a0-email-v1"))
        #expect(outcome == .failed(reason: "SMTP 500 5.3.0 Error: command failed"))
        // smtp-sink opens a dump file at MAIL FROM; the message itself never arrived.
        let kept = sink.messageFiles().compactMap { try? String(contentsOf: $0, encoding: .utf8) }
        #expect(!kept.contains { $0.contains("Message-ID:") })
    }

    @Test("no server listening defers the message")
    func nothingListeningDefers() throws {
        let port = LoopbackPort.random()
        let transport = SMTPTransport(settings: try MailSample.settings(url: "smtp://127.0.0.1:\(port)"))
        let outcome = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .deferred(let reason, _) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(reason.contains("libcurl error 7"))
    }

    @Test("a relay slower than the timeout defers the message")
    func slowRelayTimesOut() throws {
        let sink = try SMTPSink.start(["-w", "5"])  // waits 5 s before answering DATA
        let transport = SMTPTransport(settings: try MailSample.settings(url: sink.url) { $0.timeout = 1.5 })
        let outcome = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .deferred(let reason, nil) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(reason.contains("libcurl error 28"))
    }

    @Test("421 at DATA defers; the next message reconnects and is sent")
    func serviceClosingDefersThenReconnects() throws {
        let closing = try SMTPSink.start(["-Q", "DATA"])
        let transport = SMTPTransport(settings: try MailSample.settings(url: closing.url))
        let first = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .deferred(let reason, _) = first else {
            Issue.record("expected deferred, got \(first)")
            return
        }
        #expect(reason.contains("421"))
        closing.stop()

        let sink = try SMTPSink.start(port: closing.port)
        let second = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .sent = second else {
            Issue.record("expected sent after reconnecting, got \(second)")
            return
        }
        #expect(sink.waitForMessages(1).count == 1)
    }

    @Test("when TLS is required and the relay offers no STARTTLS, nothing is sent and the message is deferred")
    func requiredTLSMissingDefers() throws {
        let sink = try SMTPSink.start()
        let transport = SMTPTransport(settings: try MailSample.settings(url: sink.url) { $0.requireTLS = true })
        let outcome = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .deferred(let reason, _) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(reason.contains("TLS"))
        usleep(200_000)
        #expect(sink.messageFiles().isEmpty)
    }

    @Test("smtp-sink's AUTH reply (250) is a refused login: deferred, and the password is not in the reason")
    func smtpSinkLoginRefusedDefers() throws {
        let sink = try SMTPSink.start()
        let transport = SMTPTransport(
            settings: try MailSample.settings(url: sink.url) {
                $0.username = "relais"
                $0.password = "s3cret-from-file"
            })
        let outcome = transport.send(MailSample.message("r1-a0-email-v1"))
        guard case .deferred(let reason, _) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(reason.contains("login refused"))
        #expect(!reason.contains("s3cret"))
        #expect(!transport.settings.description.contains("s3cret"))
    }

    @Test("AUTH with the configured password lets the message through; a wrong one defers it")
    func authenticationWithPassword() throws {
        let work = try TemporaryDirectory("smtp-auth")
        let script = work.file("auth_smtp.py")
        try Scripts.authenticatingSMTPServer.write(to: script, atomically: true, encoding: .utf8)
        let log = work.file("auth.log")
        var server: PeerProcess?
        var port: UInt16 = 0
        for attempt in 0..<5 where server == nil {
            port = LoopbackPort.random()
            let candidate = try PeerProcess(
                python3, [script.path, String(port), "relais", "s3cret-from-file", log.path],
                output: work.file("server-\(attempt).out"))
            if LoopbackPort.waitUntilAccepting(port, while: { candidate.isRunning }) { server = candidate }
        }
        defer { server?.stop() }
        #expect(server != nil)

        let good = SMTPTransport(
            settings: try MailSample.settings(url: "smtp://127.0.0.1:\(port)") {
                $0.username = "relais"
                $0.password = "s3cret-from-file"
            })
        #expect(good.send(MailSample.message("r1-a0-email-v1")) == .sent(detail: "250 2.0.0 Ok: queued"))
        let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(logged.contains("\"authenticated\": true"))

        let wrong = SMTPTransport(
            settings: try MailSample.settings(url: "smtp://127.0.0.1:\(port)") {
                $0.username = "relais"
                $0.password = "wrong-password"
            })
        let outcome = wrong.send(MailSample.message("r2-a0-email-v1"))
        guard case .deferred(let reason, _) = outcome else {
            Issue.record("expected deferred, got \(outcome)")
            return
        }
        #expect(reason.contains("535"))
        #expect(!reason.contains("wrong-password"))
    }

    @Test("an SMS or an invalid address never reaches the relay")
    func wrongMessagesFail() throws {
        let transport = SMTPTransport(settings: try MailSample.settings(url: "smtp://127.0.0.1:1"))
        var sms = MailSample.message("r1-a0-sms-v1")
        sms.channel = .sms
        guard case .failed = transport.send(sms) else {
            Issue.record("an SMS was not refused")
            return
        }
        let injected = MailSample.message("r1-a0-email-v1", to: "a@example.fr>\r\nRCPT TO:<b@example.fr")
        guard case .failed(let reason) = transport.send(injected) else {
            Issue.record("an address with CRLF was not refused")
            return
        }
        #expect(!reason.contains("example.fr"))
    }
}
