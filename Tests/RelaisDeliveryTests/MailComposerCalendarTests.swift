// MailComposerCalendarTests: an e-mail with a calendar part is the multipart Thunderbird, Outlook and
// Gmail expect, read back by Python's `email` and `icalendar`; one without is composed byte for byte
// as before; both are the bytes written before the composer appended its parts as bytes (issue 16).

import Foundation
import RelaisCore
import RelaisTestPeers
import Testing

@testable import RelaisDelivery

@Suite struct MailComposerCalendarTests {
    static let calendar = [
        "BEGIN:VCALENDAR", "PRODID:-//Relais//Invitation//FR", "VERSION:2.0", "METHOD:REQUEST", "BEGIN:VEVENT",
        "UID:registration-4@relais-gex.fr", "DTSTAMP:20270301T120000Z", "SEQUENCE:1", "DTSTART:20270330T080000Z",
        "DTEND:20270330T100000Z", "SUMMARY:Dépistage", "ORGANIZER:mailto:rappels@relais-gex.fr",
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jeanne@example.fr", "END:VEVENT", "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    func composer() throws -> MailComposer {
        MailComposer(fromAddress: try MailSample.sender(), fromName: "Relais", timeZone: TimeZone(secondsFromGMT: 3600) ?? .gmt)
    }

    @Test func aPlainMessageIsComposedAsBefore() throws {
        let message = OutgoingMessage(key: "k1", channel: .email, recipient: "jeanne@example.fr", subject: "Hello", body: "Body")
        let text = try composer().compose(message, date: Date(timeIntervalSince1970: 0))
        #expect(
            text
                == [
                    "From: Relais <rappels@relais-gex.fr>", "To: jeanne@example.fr", "Subject: Hello",
                    "Date: Thu, 01 Jan 1970 01:00:00 +0100", "Message-ID: <k1@relais-gex.fr>", "MIME-Version: 1.0",
                    "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable",
                    "Auto-Submitted: auto-generated", "", "Body", "",
                ].joined(separator: "\r\n"))
    }

    @Test func anInvitationIsAnAlternativeAndAnAttachmentThatPythonReads() throws {
        var message = MailSample.message("confirmation:r4:email")
        message.calendar = CalendarPart(method: "REQUEST", text: Self.calendar)
        let text = try composer().compose(message)
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.count <= 78 }, "\(text)")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let scratch = try TemporaryDirectory("invitation-mail")
        let file = scratch.file("message.eml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let mail = try #require(try InvitationMail.parse([file], scratch: scratch).first)
        #expect(
            mail.contentTypes == ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics"])
        #expect(mail.defects.isEmpty, "\(mail.defects)")
        #expect(mail.text.contains("Cette ligne commence par un point"))
        #expect(mail.contentMethod == "REQUEST" && mail.method == "REQUEST")
        #expect(mail.attachment == "invitation.ics" && mail.attachmentMatches)
        #expect(mail.uid == "registration-4@relais-gex.fr" && mail.sequence == 1)
        #expect(mail.start == "2027-03-30T08:00:00+00:00")
        #expect(Decode.header("List-Unsubscribe", in: text) != nil)
        let epoch = Date(timeIntervalSince1970: 0)
        #expect(try composer().compose(message, date: epoch) == composer().compose(message, date: epoch))  // a retry: same bytes
    }

    /// Tests/Fixtures/MailGolden: what the composer wrote before its header and parts were appended
    /// as bytes (c28722c, issue 16), for the messages of `goldenMessages`.
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/MailGolden")

    /// An invitation and a plain reminder, with an accented sender name and subject, both unsubscribe
    /// targets, lines starting with dots, and a key with characters a Message-ID and a boundary drop.
    static func goldenMessages() throws -> [(file: String, text: String)] {
        let composer = MailComposer(
            fromAddress: try MailSample.sender(), fromName: "CCAS – Prévention santé", timeZone: TimeZone(identifier: "Europe/Paris") ?? .gmt)
        var invitation = MailSample.message("..confirmation:r4/é..email.")
        invitation.calendar = CalendarPart(method: "REQUEST", text: calendar)
        let date = Date(timeIntervalSince1970: 1_806_400_000)
        return [
            ("invitation.eml", composer.compose(invitation, date: date)),
            ("reminder.eml", composer.compose(MailSample.message("reminder:r4:email"), date: date)),
        ]
    }

    @Test func theMessagesAreTheBytesTheComposerWroteBefore() throws {
        for (file, text) in try Self.goldenMessages() {
            let expected = try Data(contentsOf: Self.golden.appendingPathComponent(file))
            #expect(Data(text.utf8) == expected, "\(file): \(text)")
        }
    }
}
