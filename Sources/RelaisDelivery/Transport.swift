// Transport: what the outbox hands to delivery (an OutgoingMessage), what delivery answers (a
// DeliveryOutcome), and the one protocol every way of sending implements. The outcome follows
// OpenSMTPD's rule: a permanent refusal (an SMTP 5xx, an HTTP 4xx other than 408/429) is never
// retried and keeps the server's reply; anything else is temporary and the outbox tries again later,
// no sooner than a Retry-After the server asked for. Nothing returned here names the recipient: the
// message key identifies the message in logs and in the store.

import Foundation
import RelaisCore

/// One message ready to leave, as the outbox hands it over.
public struct OutgoingMessage: Sendable, Equatable {
    /// The outbox row's unique key, e.g. `r42-a0-sms-v1`; stable across retries, so it also serves as
    /// the e-mail's `Message-ID` and the webhook's `Idempotency-Key`.
    public var key: String
    /// Whether this is a text message or an e-mail.
    public var channel: Channel
    /// An e-mail address, or an E.164 phone number (`+33612345678`).
    public var recipient: String
    /// The e-mail subject (may contain accents); ignored for SMS.
    public var subject: String
    /// The UTF-8 text; for SMS the whole text.
    public var body: String
    /// For e-mail: where a resident can unsubscribe (RFC 2369 / RFC 8058).
    public var unsubscribe: Unsubscribe?
    /// For e-mail: the calendar invitation it carries (MailComposer+Calendar), nil for a plain message.
    public var calendar: CalendarPart?

    /// Creates a message; `subject`, `unsubscribe` and `calendar` only matter for e-mail.
    public init(
        key: String, channel: Channel, recipient: String, subject: String = "", body: String,
        unsubscribe: Unsubscribe? = nil, calendar: CalendarPart? = nil
    ) {
        self.calendar = calendar
        self.key = key
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.unsubscribe = unsubscribe
    }
}

/// The `List-Unsubscribe` targets of an e-mail (RFC 2369) and whether one-click unsubscription by
/// HTTPS POST is offered (RFC 8058).
public struct Unsubscribe: Sendable, Equatable {
    /// A `mailto:` URL, e.g. `mailto:desinscription@example.fr?subject=r42`.
    public var mailto: String?
    /// An `https:` URL that unsubscribes the resident.
    public var https: String?
    /// Whether a POST of `List-Unsubscribe=One-Click` to the `https` URL unsubscribes without any
    /// further step (adds `List-Unsubscribe-Post`; only meaningful with an `https` URL).
    public var oneClick: Bool

    /// Creates the targets; give at least one of `mailto` and `https`.
    public init(mailto: String? = nil, https: String? = nil, oneClick: Bool = false) {
        self.mailto = mailto
        self.https = https
        self.oneClick = oneClick
    }
}

/// What became of one attempt to send a message.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The next hop accepted the message; `detail` is its reply, e.g. `250 2.0.0 Ok` or Kannel's
    /// `0: Accepted for delivery`.
    case sent(detail: String)
    /// A temporary problem: try again later, no sooner than `retryAfter` seconds when the server said so.
    case deferred(reason: String, retryAfter: TimeInterval?)
    /// A permanent refusal: never retry; `reason` keeps the server's reply.
    case failed(reason: String)
}

/// A way of sending messages. Implementations keep a connection (a libcurl handle) between messages,
/// so one instance sends on one thread at a time; they are deliberately not `Sendable`. (A
/// ``BatchTransport``'s `write` touches nothing `send` uses, and may run on another thread meanwhile.)
public protocol Transport: AnyObject {
    /// Sends one message and says what became of it. Never throws: every problem is an outcome.
    func send(_ message: OutgoingMessage) -> DeliveryOutcome
}

// MARK: - Recipients

/// The recipient checks every transport makes before anything leaves: an address that could smuggle
/// an SMTP command or a header, or a number that is not E.164, is refused for good.
enum Recipient {
    /// The message's recipient as an e-mail address, or `nil` when it is not one.
    static func email(_ message: OutgoingMessage) -> EmailAddress? {
        guard message.recipient.utf8.allSatisfy({ (0x20...0x7E).contains($0) })
            || message.recipient.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control })
        else {
            return nil
        }
        return try? EmailAddress(parsing: message.recipient)
    }

    /// The message's recipient as an E.164 number, or `nil` when it is not one.
    static func phone(_ message: OutgoingMessage) -> PhoneNumber? {
        guard message.recipient.hasPrefix("+") else { return nil }
        return try? PhoneNumber(parsing: message.recipient)
    }

    static func refusal(_ message: OutgoingMessage, expected: Channel, by transport: String) -> DeliveryOutcome? {
        guard message.channel == expected else {
            return .failed(reason: "the \(transport) transport does not send \(message.channel.rawValue) messages")
        }
        switch expected {
        case .email: return email(message) == nil ? .failed(reason: "the recipient is not a valid e-mail address") : nil
        case .sms: return phone(message) == nil ? .failed(reason: "the recipient is not an E.164 phone number") : nil
        }
    }
}

// MARK: - Keeping personal data out of reasons

extension String {
    /// This text with the recipient (an address or a phone number, in the forms a server may echo
    /// it) replaced by `[recipient]`, so that reasons can be stored and logged.
    func redacting(recipient: String) -> String {
        var text = self
        for form in Self.echoedForms(of: recipient) where text.mayHold(form) {
            text = text.replacingOccurrences(of: form, with: "[recipient]", options: .caseInsensitive)
        }
        return text
    }

    /// The forms a server may echo `recipient` in, longest first, those of three characters or more:
    /// the address itself, or a phone number with its `+` as `%2B`, `00`, itself or digits alone
    /// (in that order, each one character shorter than the one before).
    private static func echoedForms(of recipient: String) -> [String] {
        guard recipient.hasPrefix("+") else { return recipient.count >= 3 ? [recipient] : [] }
        let digits = String(recipient.dropFirst())
        return ["%2B" + digits, "00" + digits, recipient, digits].filter { $0.count >= 3 }
    }

    /// False when this text cannot hold `form` whatever its case: both ASCII (a server's reply, an
    /// address) and no ASCII-case-insensitive match. Foundation's search is left for the rest, and for
    /// a match: a sent message's reply seldom echoes the address. Read in place, nothing copied: this
    /// runs on the hand-over thread for every reply (issue 16).
    private func mayHold(_ form: String) -> Bool {
        var text = self
        var form = form
        return text.withUTF8 { textBytes in
            form.withUTF8 { formBytes in
                guard textBytes.allSatisfy({ $0 < 0x80 }), formBytes.allSatisfy({ $0 < 0x80 }) else { return true }
                return textBytes.holdsIgnoringASCIICase(formBytes)
            }
        }
    }

    /// This text with every control character (CR and LF among them) replaced by a space, so that it
    /// cannot end a header line and start another.
    func strippingControlCharacters() -> String {
        // Printable ASCII, most values, has nothing to strip.
        if utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let category = scalar.properties.generalCategory
            let breaksLine = category == .control || category == .lineSeparator || category == .paragraphSeparator
            scalars.append(breaksLine ? " " : scalar)
        }
        return String(scalars)
    }

    /// At most `limit` characters, on one line: server replies become short single-line reasons.
    func singleLine(limit: Int = 300) -> String {
        let flat = split(whereSeparator: { $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}
