// MailComposer: turns an OutgoingMessage into the RFC 5322 message an SMTP server receives (and the
// file transport writes): headers in a fixed order, CRLF line ends, a non-ASCII subject or sender name
// as RFC 2047 encoded-words folded to 78 columns, a Message-ID derived from the outbox key (stable
// across retries, so a receiver can spot a duplicate), List-Unsubscribe (RFC 2369) and one-click
// List-Unsubscribe-Post (RFC 8058), and `Auto-Submitted: auto-generated` (RFC 3834) so that
// vacation responders stay quiet. Pure Swift, no I/O.
//
// The body is sent as quoted-printable, not 8bit or base64: 8bit is only allowed when every hop
// announces 8BITMIME (RFC 6152) and libcurl does not send BODY=8BITMIME; base64 hides the text from
// anyone reading a queue file or a `.eml` written by the file transport and makes some spam filters
// suspicious of a plain-text mail; quoted-printable keeps French text readable, stays 7-bit and keeps
// every line within 76 characters (RFC 2045 §6.7).
//
// Header injection: every value taken from a message (subject, recipient, sender name, URLs, key) has
// its control characters (CR and LF among them) replaced by spaces before it goes into a header.

import Foundation
import RelaisCore

/// Builds the RFC 5322 text of a reminder e-mail.
public struct MailComposer: Sendable {
    /// The sender address, used in `From` (and by SMTP as the envelope sender).
    public var fromAddress: EmailAddress { didSet { from = fromHeader() } }
    /// The sender's display name, e.g. `<organiser> – Prévention santé`; empty for none.
    public var fromName: String { didSet { from = fromHeader() } }
    /// The domain on the right of every `Message-ID`; by default the sender address's domain.
    public var messageIDDomain: String { didSet { messageIDRight = Self.messageIDRight(messageIDDomain) } }
    /// The zone the `Date` header is written in.
    public var timeZone: TimeZone
    /// The `From` field and the right-hand side of `Message-ID`s, written once, not per message (issue 16).
    private var from = ""
    private var messageIDRight = ""

    /// Creates a composer for one sender.
    public init(
        fromAddress: EmailAddress, fromName: String = "", messageIDDomain: String? = nil,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Paris") ?? .gmt
    ) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.messageIDDomain = messageIDDomain ?? String(fromAddress.address.split(separator: "@").last ?? "localhost")
        self.timeZone = timeZone
        from = fromHeader()
        messageIDRight = Self.messageIDRight(self.messageIDDomain)
    }

    /// The whole message: header fields, an empty line, the quoted-printable body; CRLF line ends.
    /// A message with a calendar part is a MIME multipart instead (MailComposer+Calendar).
    public func compose(_ message: OutgoingMessage, date: Date = Date()) -> String {
        var cache = MailHeaderCache()
        return compose(message, date: date, cache: &cache)
    }

    /// The same message, its `Date` and `Subject` fields taken from `cache` when it has them
    /// (one batch's messages share them: MailComposer+HeaderCache).
    public func compose(_ message: OutgoingMessage, date: Date, cache: inout MailHeaderCache) -> String {
        if let calendar = message.calendar { return compose(message, calendar: calendar, date: date, cache: &cache) }
        let content = ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"]
        return header(message, date: date, content: content, cache: &cache) + "\r\n\r\n" + QuotedPrintable.encode(message.body)
    }

    /// The header fields, `content` (the Content-Type and its encoding) after MIME-Version; no final CRLF.
    /// Appended as bytes to one buffer, not joined from an array of fields (a part of sending's time, issue 16).
    func header(_ message: OutgoingMessage, date: Date, content: [String], cache: inout MailHeaderCache) -> String {
        var header: [UInt8] = []
        header.reserveCapacity(1024)
        header.append(contentsOf: from.utf8)
        func field(_ text: String) {
            header.append(0x0D)
            header.append(0x0A)
            header.append(contentsOf: text.utf8)
        }
        field("To: " + Self.headerValue(message.recipient))
        field(cache.subjectField(message.subject))
        field(cache.dateField(date, timeZone: timeZone))
        field("Message-ID: " + messageID(forKey: message.key))
        field("MIME-Version: 1.0")
        content.forEach(field)
        if let unsubscribe = message.unsubscribe { Self.unsubscribeHeaders(unsubscribe).forEach(field) }
        field("Auto-Submitted: auto-generated")
        return String(decoding: header, as: UTF8.self)
    }

    /// `<key@domain>`, the key reduced to the characters a Message-ID allows (RFC 5322 `dot-atom-text`),
    /// without empty dot-separated parts (no leading, trailing or doubled dot).
    public func messageID(forKey key: String) -> String {
        let left: String
        if key.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) {
            // Printable ASCII, every outbox key: one byte per character, in one pass (issue 16).
            left = Self.messageIDLeft(asciiKey: key)
        } else {
            left = String(key.map { Self.messageIDAllowed.contains($0) ? $0 : "-" })
                .split(separator: ".", omittingEmptySubsequences: true).joined(separator: ".")
        }
        return "<\(left.isEmpty ? "message" : left)@\(messageIDRight)>"
    }

    /// A printable ASCII key's bytes a Message-ID allows, each other byte as `-`, every run of dots
    /// kept as one dot and only between two other bytes.
    private static func messageIDLeft(asciiKey key: String) -> String {
        let dot = UInt8(ascii: ".")
        var left: [UInt8] = []
        left.reserveCapacity(key.utf8.count)
        var dotPending = false
        for byte in key.utf8 {
            if byte == dot {
                dotPending = !left.isEmpty
                continue
            }
            if dotPending { left.append(dot) }
            dotPending = false
            left.append(messageIDAllowedBytes[Int(byte)] ? byte : UInt8(ascii: "-"))
        }
        return String(decoding: left, as: UTF8.self)
    }

    /// The characters a Message-ID keeps (RFC 5322 `dot-atom-text`).
    private static let messageIDAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")

    /// `messageIDAllowed` as a table indexed by byte.
    private static let messageIDAllowedBytes: [Bool] = (0...255).map { byte in
        byte < 0x80 && messageIDAllowed.contains(Character(Unicode.Scalar(UInt8(byte))))
    }

    /// The right-hand side of every Message-ID: the domain reduced to what a Message-ID allows.
    private static func messageIDRight(_ messageIDDomain: String) -> String {
        let domain = String(headerValue(messageIDDomain).filter { messageIDAllowed.contains($0) })
        return domain.isEmpty ? "localhost" : domain
    }

    // MARK: - Header fields

    private func fromHeader() -> String {
        let address = "<" + Self.headerValue(fromAddress.address) + ">"
        let name = Self.headerValue(fromName).trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return "From: " + address }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) {
            let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~- ")
            let phrase =
                name.allSatisfy { atext.contains($0) }
                ? name
                : "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            return Self.fold(name: "From", words: [phrase, address])
        }
        let words = EncodedWord.encode(name, firstLineRoom: Self.lineLimit - "From: ".count)
        return Self.fold(name: "From", words: words + [address])
    }

    /// RFC 2369 and RFC 8058 fields; the POST field only with an https target and one-click promised.
    static func unsubscribeHeaders(_ unsubscribe: Unsubscribe) -> [String] {
        func target(_ url: String?, scheme: String) -> String? {
            guard let url else { return nil }
            let clean = withoutSpaceOrBrackets(headerValue(url))
            guard !clean.isEmpty else { return nil }
            return clean.utf8.prefix(scheme.utf8.count).lazy.map(\.asciiLowercased).elementsEqual(scheme.utf8) ? clean : scheme + clean
        }
        let mailto = target(unsubscribe.mailto, scheme: "mailto:")
        let https = target(unsubscribe.https, scheme: "https://")
        // In order of preference (RFC 2369 §2): the one-click link first, as RFC 8058's examples give it.
        let targets = [https, mailto].compactMap { $0 }.map { "<\($0)>" }
        guard !targets.isEmpty else { return [] }
        var fields = [fold(name: "List-Unsubscribe", words: targets.enumerated().map { $0 < targets.count - 1 ? $1 + "," : $1 })]
        if https != nil && unsubscribe.oneClick { fields.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click") }
        return fields
    }

    /// `url` without white space and angle brackets (which would end the `<...>` it goes in); on bytes
    /// when it is printable ASCII, as every URL relais writes is (a part of sending's time, issue 16).
    private static func withoutSpaceOrBrackets(_ url: String) -> String {
        guard url.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            return String(url.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" })
        }
        // Compared byte by byte, not looked up in a Set (a hash per byte).
        let dropped = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") }
        guard url.utf8.contains(where: dropped) else { return url }
        return String(decoding: url.utf8.filter { !dropped($0) }, as: UTF8.self)
    }

    /// An unstructured field (RFC 5322 §3.2.5): folded at spaces when ASCII, encoded-words otherwise.
    static func unstructuredHeader(name: String, value: String) -> String {
        let clean = headerValue(value)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII }) {
            return fold(name: name, words: clean.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        }
        return fold(name: name, words: EncodedWord.encode(clean, firstLineRoom: lineLimit - name.count - 2))
    }

    /// RFC 5322 §2.1.1: "Each line of characters SHOULD be no more than 78 characters".
    static let lineLimit = 78

    /// `name: w1 w2 ...`, a CRLF before a word that would pass 78 columns (never inside a word, never
    /// leaving a line of only white space).
    static func fold(name: String, words: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasWord = false
        for word in words {
            if lineHasWord && !word.isEmpty && line.count + 1 + word.count > lineLimit {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// A header value with every control character (CR, LF, NUL, ...) replaced by a space, so that no
    /// value can end its field and start another.
    public static func headerValue(_ text: String) -> String { text.strippingControlCharacters() }

    /// `Sun, 22 Mar 2027 09:00:00 +0100`: RFC 5322 §3.3, English names whatever the locale.
    public static func rfc5322Date(_ date: Date, timeZone: TimeZone) -> String {
        LocalTime.rfc5322(date, timeZone: timeZone)
    }
}
