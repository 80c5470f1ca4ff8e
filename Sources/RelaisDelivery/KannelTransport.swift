// KannelTransport: sends SMS through a Kannel gateway's HTTP `sendsms` interface (smsbox), one GET
// per message on reused connections, a batch over up to `[sms] connections` of them at once:
//
//   GET /cgi-bin/sendsms?username=..&password=..&from=<sender>&to=%2B33612345678&text=..
//       &charset=UTF-8&coding=0|2[&dlr-mask=31&dlr-url=..][&smsc=..][&validity=..]
//
// The text always travels as UTF-8 (`charset=UTF-8`); `coding` says how Kannel sends it on: 0 (GSM
// 7-bit) when every character is in the GSM alphabet, else 2 (UCS-2). A GSM segment holds 160
// characters and a UCS-2 one 70, so a reminder with only é, è and à costs one SMS where UCS-2 would
// cost two or three; a text with ê or ç must be UCS-2, because Kannel would silently turn those into
// "?" or "Ç" in GSM (seen with fakesmsc). With `[sms] alphabet = gsm` (the default) MessageWriter has
// already transliterated them, so the text goes as coding 0. Every parameter is percent-encoded with only RFC 3986's
// unreserved characters left as they are, so "+", "&", "=" and "%" in a text or in the delivery-report
// URL's `%d` placeholders arrive intact. Answers are classified by HTTPOutcome.

import Foundation
import RelaisCore

/// Where and how to reach a Kannel smsbox.
public struct KannelSettings: Sendable, CustomStringConvertible {
    /// The sendsms URL, e.g. `http://127.0.0.1:13013/cgi-bin/sendsms`.
    public var sendSMSURL: String
    /// The `sendsms-user` name.
    public var username: String
    /// The `sendsms-user` password, as read from a file or a credential; never logged or described.
    public var password: String
    /// The sender shown on the phone (`from`, required by Kannel), at most 11 letters and digits, or a number.
    public var sender: String
    /// Where Kannel reports delivery (`dlr-url`, with Kannel's `%d`, `%p`, ... placeholders); when
    /// set, every report is asked for (`dlr-mask=31`).
    public var deliveryReportURL: String?
    /// A specific SMSC to route through (`smsc`).
    public var smsc: String?
    /// How long the operator keeps trying, in minutes (`validity`).
    public var validityMinutes: Int?
    /// Seconds allowed to connect.
    public var connectTimeout: TimeInterval
    /// Seconds allowed for one request.
    public var timeout: TimeInterval
    /// How many requests a batch has in flight at once (`[sms] connections`).
    public var connections: Int

    /// Creates settings; the URL, the sendsms user and the sender are required.
    public init(
        sendSMSURL: String, username: String, password: String, sender: String, deliveryReportURL: String? = nil,
        smsc: String? = nil, validityMinutes: Int? = nil, connectTimeout: TimeInterval = 10, timeout: TimeInterval = 30,
        connections: Int = 4
    ) {
        self.connections = connections
        self.sendSMSURL = sendSMSURL
        self.username = username
        self.password = password
        self.sender = sender
        self.deliveryReportURL = deliveryReportURL
        self.smsc = smsc
        self.validityMinutes = validityMinutes
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The settings without the password.
    public var description: String {
        "KannelSettings(sendSMSURL: \(sendSMSURL), username: \(username), password: <redacted>, sender: \(sender))"
    }
}

/// Sends SMS through Kannel's sendsms interface. Not `Sendable`: one thread at a time.
public final class KannelTransport: BatchTransport {
    /// The settings this transport was made with.
    public let settings: KannelSettings
    private let client: HTTPClient

    /// Prepares the HTTP handle; nothing connects until the first `send`.
    public init(settings: KannelSettings) {
        self.settings = settings
        client = HTTPClient(connectTimeout: settings.connectTimeout, timeout: settings.timeout, connections: settings.connections)
    }

    /// How many requests a batch has in flight at once.
    public var connections: Int { client.pool?.handles.count ?? 1 }

    /// Sends one SMS.
    public func send(_ message: OutgoingMessage) -> DeliveryOutcome {
        if let refusal = Recipient.refusal(message, expected: .sms, by: "Kannel") { return refusal }
        guard let phone = Recipient.phone(message) else { return .failed(reason: "no recipient") }
        let result = client.get(requestURL(to: phone, text: message.body, key: message.key))
        return HTTPOutcome.outcome(of: result, service: "Kannel").redacting(recipient: phone.e164)
    }

    /// Sends SMS over up to `connections` requests at once.
    public func send(_ messages: [OutgoingMessage], hooks: SendHooks) {
        client.send(messages, hooks: hooks, service: "Kannel") { phone, message in
            (url: requestURL(to: phone, text: message.body, key: message.key), post: nil, headers: [:])
        }
    }

    /// The sendsms URL for one message (it carries the password: never log it).
    func requestURL(to phone: PhoneNumber, text: String, key: String = "") -> String {
        let body = text.precomposedStringWithCanonicalMapping
        var parameters: [(String, String)] = [
            ("username", settings.username),
            ("password", settings.password),
            ("from", settings.sender),
            ("to", phone.e164),
            ("text", body),
            ("charset", "UTF-8"),
            ("coding", SMSText.encoding(of: body) == .gsm7 ? "0" : "2"),
        ]
        if let deliveryReportURL = settings.deliveryReportURL {
            parameters.append(("dlr-mask", "31"))
            parameters.append(("dlr-url", Self.deliveryReportURL(deliveryReportURL, key: key)))
        }
        if let smsc = settings.smsc { parameters.append(("smsc", smsc)) }
        if let validityMinutes = settings.validityMinutes { parameters.append(("validity", String(validityMinutes))) }
        let query = parameters.map { Self.percentEncoded($0) + "=" + Self.percentEncoded($1) }.joined(separator: "&")
        return settings.sendSMSURL + (settings.sendSMSURL.contains("?") ? "&" : "?") + query
    }

    /// The dlr-url of one message: the configured one with `key=<outbox key>` added, so that the
    /// report names its outbox row (relais serve's /gateway/<secret>/dlr reads it).
    static func deliveryReportURL(_ url: String, key: String) -> String {
        guard !key.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?") + "key=" + percentEncoded(key)
    }

    /// RFC 3986 §2.3's unreserved characters stay; every other UTF-8 byte becomes %XX.
    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + hex(byte)
            }
        }
        return encoded
    }
}
