// MailComposer and the small pure pieces around the transports: RFC 2047 subjects folded within 78
// columns and decoding back intact, header injection neutralised, quoted-printable lines within 76
// characters, the Date and Message-ID forms, List-Unsubscribe; the GSM alphabet check, Kannel's
// parameter encoding, Retry-After and SMTP reply parsing.

import Foundation
import RelaisCore
import RelaisTestPeers
import Testing

@testable import RelaisDelivery

/// Decoders written for the tests, independent of the encoders under test.
enum Decode {
    /// The unfolded value of a header in a composed message.
    static func header(_ name: String, in message: String) -> String? {
        let head = message.components(separatedBy: "\r\n\r\n")[0]
        let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
        return unfolded.first { $0.hasPrefix(name + ": ") }.map { String($0.dropFirst(name.count + 2)) }
    }

    /// RFC 2047 Q-encoded words (UTF-8) separated by white space, decoded.
    static func encodedWords(_ value: String) -> String? {
        var bytes: [UInt8] = []
        for word in value.split(separator: " ") {
            guard word.hasPrefix("=?UTF-8?Q?"), word.hasSuffix("?=") else { return nil }
            let payload = Array(word.dropFirst(10).dropLast(2).utf8)
            var wordBytes: [UInt8] = []
            var index = 0
            while index < payload.count {
                if payload[index] == UInt8(ascii: "_") {
                    wordBytes.append(0x20)
                    index += 1
                } else if payload[index] == UInt8(ascii: "="), index + 2 < payload.count + 0,
                    let byte = UInt8(String(decoding: payload[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
                {
                    wordBytes.append(byte)
                    index += 3
                } else {
                    wordBytes.append(payload[index])
                    index += 1
                }
            }
            // Each word must hold whole characters (RFC 2047 §5).
            guard String(validating: wordBytes, as: UTF8.self) != nil else { return nil }
            bytes += wordBytes
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A quoted-printable body, decoded; line ends become LF.
    static func quotedPrintable(_ body: String) -> String? {
        var bytes: [UInt8] = []
        for line in body.components(separatedBy: "\r\n").dropLast() {
            var input = Array(line.utf8)[...]
            var soft = false
            while let byte = input.popFirst() {
                if byte == UInt8(ascii: "=") {
                    if input.isEmpty {
                        soft = true
                        break
                    }
                    guard let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                    bytes.append(value)
                    input = input.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            }
            if !soft { bytes.append(0x0A) }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

@Suite("Mail composer")
struct MailComposerTests {
    let composer: MailComposer

    init() throws {
        composer = MailComposer(
            fromAddress: try MailSample.sender(), fromName: "Prévention Pays de Gex",
            timeZone: TimeZone(secondsFromGMT: 3600) ?? .gmt)
    }

    func lines(_ text: String) -> [String] { text.components(separatedBy: "\r\n") }

    @Test("an accented subject is RFC 2047 encoded, folded within 78 columns, and decodes back intact")
    func subjectEncodedAndFolded() throws {
        let long =
            "Rappel : dépistage à Gex — mardi 30 mars, salle des fêtes ; n’oubliez pas votre carte Vitale et l’ordonnance. 🩺 Ça compte !"
        for subject in [MailSample.subject, long] {
            var message = MailSample.message("r1")
            message.subject = subject
            let text = composer.compose(message)
            let head = text.components(separatedBy: "\r\n\r\n")[0]
            #expect(lines(head).allSatisfy { $0.count <= 78 })
            let value = try #require(Decode.header("Subject", in: text))
            #expect(value.split(separator: " ").allSatisfy { $0.count <= 75 })
            #expect(Decode.encodedWords(value) == subject)
        }
        // A character of several bytes (here four) is never split between two encoded-words.
        var message = MailSample.message("r1")
        message.subject = String(repeating: "é", count: 27) + String(repeating: "🩺", count: 30)
        let value = try #require(Decode.header("Subject", in: composer.compose(message)))
        #expect(value.split(separator: " ").count > 2)
        #expect(Decode.encodedWords(value) == message.subject)
    }

    @Test("an ASCII subject stays readable and is folded at spaces")
    func asciiSubjectFolded() throws {
        var message = MailSample.message("r1")
        message.subject = Array(repeating: "Reminder: screening in Gex on Tuesday 30 March", count: 3).joined(separator: " ")
        let text = composer.compose(message)
        #expect(lines(text.components(separatedBy: "\r\n\r\n")[0]).allSatisfy { $0.count <= 78 })
        #expect(Decode.header("Subject", in: text) == message.subject)
    }

    @Test("CR and LF in any value cannot add a header")
    func headerInjectionIsNeutralised() throws {
        let injected = try MailComposer(fromAddress: MailSample.sender(), fromName: "Relais\r\nBcc: evil@example.com")
        var message = MailSample.message("r1\r\nX-Key: 1", to: "jeanne@example.fr\r\nBcc: evil@example.com")
        message.subject = "Rappel\r\nBcc: evil@example.com"
        message.unsubscribe = Unsubscribe(mailto: "stop@relais-gex.fr>\r\nBcc: evil@example.com", https: "https://x.fr/u\n", oneClick: true)
        let text = injected.compose(message)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(!lines(head).contains { $0.hasPrefix("Bcc") || $0.hasPrefix("X-Key") })
        #expect(!head.contains("\n\n") && !head.contains("\r\r"))
        #expect(lines(head).allSatisfy { $0.first.map { $0.isUppercase || $0 == " " } ?? false })
    }

    @Test("the body is quoted-printable: lines within 76, trailing spaces and = encoded, decodes back intact")
    func bodyQuotedPrintable() throws {
        var message = MailSample.message("r1")
        message.body = MailSample.body + "\r\n" + String(repeating: "é=à ", count: 40) + "\nfin avec espace \n.\n"
        let text = composer.compose(message)
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(lines(body).allSatisfy { $0.count <= 76 })
        #expect(!lines(body).contains { $0.hasSuffix(" ") })
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        // The text ends with a line break already, so the message adds none.
        let expected = message.body.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(Decode.quotedPrintable(body) == expected)
    }

    @Test("Date, Message-ID, From, MIME and list headers")
    func fixedHeaders() throws {
        let text = composer.compose(MailSample.message("r42-a0-email-v1"), date: Date(timeIntervalSince1970: 0))
        #expect(Decode.header("Date", in: text) == "Thu, 01 Jan 1970 01:00:00 +0100")
        #expect(Decode.header("Message-ID", in: text) == "<r42-a0-email-v1@relais-gex.fr>")
        #expect(Decode.header("From", in: text)?.hasSuffix(" <rappels@relais-gex.fr>") == true)
        #expect(Decode.header("MIME-Version", in: text) == "1.0")
        #expect(Decode.header("Content-Type", in: text) == "text/plain; charset=UTF-8")
        #expect(Decode.header("Content-Transfer-Encoding", in: text) == "quoted-printable")
        #expect(Decode.header("Auto-Submitted", in: text) == "auto-generated")
        #expect(
            Decode.header("List-Unsubscribe", in: text)
                == "<https://relais-gex.fr/desinscription/r42>, <mailto:desinscription@relais-gex.fr?subject=r42>")
        #expect(Decode.header("List-Unsubscribe-Post", in: text) == "List-Unsubscribe=One-Click")
        #expect(composer.messageID(forKey: "r 42/<x>@y..z") == "<r-42/-x--y.z@relais-gex.fr>")

        var mailOnly = MailSample.message("r1")
        mailOnly.unsubscribe = Unsubscribe(mailto: "stop@relais-gex.fr", oneClick: true)
        let plain = composer.compose(mailOnly)
        #expect(Decode.header("List-Unsubscribe", in: plain) == "<mailto:stop@relais-gex.fr>")
        #expect(Decode.header("List-Unsubscribe-Post", in: plain) == nil)
        let ascii = try MailComposer(fromAddress: MailSample.sender(), fromName: "Relais, Pays de Gex")
        #expect(Decode.header("From", in: ascii.compose(mailOnly)) == "\"Relais, Pays de Gex\" <rappels@relais-gex.fr>")
    }
}

@Suite("Delivery helpers")
struct DeliveryHelperTests {
    @Test("Kannel parameters keep only unreserved characters")
    func percentEncoding() {
        #expect(KannelTransport.percentEncoded("+33 6&x=1%é~._-") == "%2B33%206%26x%3D1%25%C3%A9~._-")
    }

    @Test("Retry-After in seconds or as an HTTP-date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(HTTPOutcome.retryAfter("7", now: now) == 7)
        #expect(HTTPOutcome.retryAfter("Sun, 06 Nov 1994 08:51:37 GMT", now: now) == 120)
        #expect(HTTPOutcome.retryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == 0)
        #expect(HTTPOutcome.retryAfter("soon", now: now) == nil)
        #expect(HTTPOutcome.retryAfter(nil, now: now) == nil)
    }

    @Test("SMTP replies: continuation lines joined, the reply with libcurl's code chosen")
    func smtpReplies() {
        let lines = ["250-smtp-sink", "250 PIPELINING", "550-5.1.1 first", "550 5.1.1 second", "221 Bye"]
        #expect(SMTPTransport.lastReply(in: lines) == "221 Bye")
        #expect(SMTPTransport.lastReply(in: lines, code: 550) == "550-5.1.1 first 550 5.1.1 second")
        #expect(SMTPTransport.lastReply(in: lines, code: 452) == nil)
        // A bare code is a whole reply; a line that is no reply is passed over, inside a reply too;
        // continuation lines with no last line make no reply.
        #expect(SMTPTransport.lastReply(in: ["354 go", "250"]) == "250")
        #expect(SMTPTransport.lastReply(in: ["250-a", "* noise", "250 b", "221-unfinished"]) == "250-a 250 b")
        #expect(SMTPTransport.lastReply(in: ["ok", "25"]) == nil)
    }

    @Test("settings never describe their secrets")
    func secretsNotDescribed() throws {
        let smtp = SMTPSettings(url: "smtps://mail.example.fr", username: "u", password: "pw-1", fromAddress: try MailSample.sender())
        let kannel = KannelSettings(sendSMSURL: "http://k", username: "u", password: "pw-2", sender: "PaysDeGex")
        let webhook = WebhookSettings(url: "https://w", bearerToken: "pw-3")
        #expect(!"\(smtp) \(kannel) \(webhook)".contains("pw-"))
    }
}
