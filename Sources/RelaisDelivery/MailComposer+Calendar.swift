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
        let seed = String(Self.boundaryKept(message.key).prefix(50))
        let mixed = "=_relais_mixed_" + seed
        let alternative = "=_relais_alt_" + seed
        let method = Self.methodLetters(calendar.method)
        let file = Self.boundaryKept(calendar.fileName)
        let calendarBody = Self.base64Lines(Data(calendar.text.utf8))
        let textBody = QuotedPrintable.encode(message.body)
        // The parts appended as bytes to one buffer, each line ending with CRLF (appending to a String
        // was a part of sending's time, issue 16).
        var body: [UInt8] = []
        body.reserveCapacity(textBody.utf8.count + 2 * calendarBody.utf8.count + 1024)
        func lines(_ texts: String...) {
            for text in texts {
                body.append(contentsOf: text.utf8)
                body.append(0x0D)
                body.append(0x0A)
            }
        }
        func part(_ encoded: String) { body.append(contentsOf: encoded.utf8) }
        lines("This is a multi-part message in MIME format.", "--" + mixed)
        lines("Content-Type: multipart/alternative;\r\n boundary=\"\(alternative)\"", "")
        lines("--" + alternative, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "")
        part(textBody)
        lines("--" + alternative)
        lines("Content-Type: text/calendar; method=\(method); charset=UTF-8", "Content-Transfer-Encoding: base64", "")
        part(calendarBody)
        lines("--" + alternative + "--", "")
        lines("--" + mixed, "Content-Type: application/ics; name=\"\(file)\"", "Content-Disposition: attachment; filename=\"\(file)\"")
        lines("Content-Transfer-Encoding: base64", "")
        part(calendarBody)
        lines("--" + mixed + "--")
        let content = ["Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\""]
        return header(message, date: date, content: content, cache: &cache) + "\r\n\r\n" + String(decoding: body, as: UTF8.self)
    }

    /// What a boundary or file name keeps of `text`: its ASCII letters, digits, `-`, `_` and `.` (RFC
    /// 2046 `bcharsnospace`, without the ones that would need quoting elsewhere). On bytes: every
    /// other character, control and non-ASCII ones among them, is left out whole (issue 16).
    static func boundaryKept(_ text: String) -> String {
        String(decoding: text.utf8.filter { isBoundaryByte[Int($0)] }, as: UTF8.self)
    }

    /// `boundaryKept`'s bytes, as a table indexed by byte.
    private static let isBoundaryByte: [Bool] = (0...255).map { byte in
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.".utf8.contains(UInt8(byte))
    }

    /// The upper-case letters of an iTIP method, the Content-Type's `method` parameter.
    static func methodLetters(_ method: String) -> String {
        guard method.utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(method.unicodeScalars.filter { CharacterSet.uppercaseLetters.contains($0) })
        }
        return String(decoding: method.utf8.filter { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters, each ending with CRLF.
    static func base64Lines(_ data: Data) -> String {
        data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
    }
}
