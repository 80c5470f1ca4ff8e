// MailComposer+Calendar: an e-mail that carries a calendar invitation (RFC 6047, iMIP), in the shape
// Thunderbird, Outlook and Gmail all recognise:
//
//     multipart/mixed
//       multipart/alternative
//         text/plain; charset=UTF-8                        (the template's words, quoted-printable)
//         text/calendar; method=REQUEST; charset=UTF-8     (the iTIP message, base64)
//       application/ics; name="invitation.ics"            (the same text as an attachment, base64)
//
// The calendar text is base64 (RFC 2045 §6.8), lines of 76: it keeps the CRLF line ends iCalendar
// requires byte for byte, whatever a relay does to line ends of text. The boundaries start with `=_`,
// which neither quoted-printable (it writes `=` as `=3D`) nor base64 can produce (RFC 2046 §5.1.1:
// the boundary must not occur in the encapsulated text), and are derived from the outbox key, so a
// retry sends the same bytes; they go on a folded line of their own, within 78 columns. A message
// without a calendar part is composed exactly as before.

import Foundation

/// The iCalendar text an e-mail carries, and its iTIP method (RFC 5546): `REQUEST` or `CANCEL`.
public struct CalendarPart: Sendable, Equatable {
    /// The `METHOD` of the VCALENDAR, repeated in the Content-Type's `method` parameter (RFC 6047 §2.4).
    public var method: String
    /// The VCALENDAR text, CRLF line ends.
    public var text: String
    /// The attachment's file name.
    public var fileName: String

    public init(method: String, text: String, fileName: String = "invitation.ics") {
        self.method = method
        self.text = text
        self.fileName = fileName
    }
}

extension MailComposer {
    /// The multipart message of an e-mail with a calendar part.
    func compose(_ message: OutgoingMessage, calendar: CalendarPart, date: Date, cache: inout MailHeaderCache) -> String {
        let kept = Self.headerValue(message.key).unicodeScalars.filter { Self.boundaryCharacters.contains($0) }
        let seed = String(String(kept).prefix(50))
        let mixed = "=_relais_mixed_" + seed
        let alternative = "=_relais_alt_" + seed
        let method = String(calendar.method.unicodeScalars.filter { CharacterSet.uppercaseLetters.contains($0) })
        let file = String(calendar.fileName.unicodeScalars.filter { Self.boundaryCharacters.contains($0) })
        let calendarBody = Self.base64Lines(Data(calendar.text.utf8))
        var body = ["This is a multi-part message in MIME format.", "--" + mixed]
        body.append("Content-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"")
        body.append("")
        body.append("--" + alternative)
        body.append(contentsOf: ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", ""])
        body.append(QuotedPrintable.encode(message.body) + "--" + alternative)
        body.append("Content-Type: text/calendar; method=\(method); charset=UTF-8")
        body.append(contentsOf: ["Content-Transfer-Encoding: base64", ""])
        body.append(calendarBody + "--" + alternative + "--")
        body.append("")
        body.append("--" + mixed)
        body.append("Content-Type: application/ics; name=\"\(file)\"")
        body.append("Content-Disposition: attachment; filename=\"\(file)\"")
        body.append(contentsOf: ["Content-Transfer-Encoding: base64", ""])
        body.append(calendarBody + "--" + mixed + "--")
        let content = ["Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\""]
        return header(message, date: date, content: content, cache: &cache) + "\r\n\r\n" + body.joined(separator: "\r\n") + "\r\n"
    }

    /// What a boundary or file name keeps of the key (RFC 2046 `bcharsnospace`, without the ones
    /// that would need quoting elsewhere).
    static let boundaryCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    /// Base64 in lines of 76 characters, each ending with CRLF.
    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
    }
}
