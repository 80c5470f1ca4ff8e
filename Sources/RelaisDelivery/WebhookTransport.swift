// WebhookTransport: sends SMS by POSTing JSON to an operator's or an in-house HTTP endpoint:
//
//   POST <url>
//   Authorization: Bearer <token>
//   Idempotency-Key: <message key>
//   Content-Type: application/json
//
//   {"key":"r42-a0-sms-v1","text":"Rappel : ...","to":"+33612345678"}
//
// The Idempotency-Key is the outbox key, the same on every retry, so an endpoint that honours it
// sends a message once even when our first attempt timed out after it was accepted. Answers are
// classified by HTTPOutcome, as for Kannel. The same JSON is what FileTransport writes for an SMS.

import Foundation
import RelaisCore

/// Where and how to reach the webhook.
public struct WebhookSettings: Sendable, CustomStringConvertible {
    /// The endpoint, e.g. `https://sms.example.fr/v1/messages`.
    public var url: String
    /// The bearer token, as read from a file or a credential; `nil` sends no Authorization. Never
    /// logged or described.
    public var bearerToken: String?
    /// Seconds allowed to connect.
    public var connectTimeout: TimeInterval
    /// Seconds allowed for one request.
    public var timeout: TimeInterval
    /// A file of CA certificates to trust instead of the system's.
    public var caBundlePath: String?
    /// How many requests a batch has in flight at once (`[sms] connections`).
    public var connections: Int

    /// Creates settings; only the URL is required.
    public init(
        url: String, bearerToken: String? = nil, connectTimeout: TimeInterval = 10, timeout: TimeInterval = 30,
        caBundlePath: String? = nil, connections: Int = 4
    ) {
        self.connections = connections
        self.url = url
        self.bearerToken = bearerToken
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.caBundlePath = caBundlePath
    }

    /// The settings without the token.
    public var description: String {
        "WebhookSettings(url: \(url), bearerToken: \(bearerToken == nil ? "none" : "<redacted>"))"
    }
}

/// The JSON body of one SMS, for the webhook and the file transport.
struct SMSPayload: Codable, Equatable {
    var to: String
    var text: String
    var key: String

    /// `{"key":...,"text":...,"to":...}`, keys sorted so that the bytes are the same every time.
    func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { Array($0) } ?? []
    }
}

/// Sends SMS by POSTing JSON to a webhook. Not `Sendable`: one thread at a time.
public final class WebhookTransport: BatchTransport {
    /// The settings this transport was made with.
    public let settings: WebhookSettings
    private let client: HTTPClient

    /// Prepares the HTTP handle; nothing connects until the first `send`.
    public init(settings: WebhookSettings) {
        self.settings = settings
        client = HTTPClient(
            connectTimeout: settings.connectTimeout, timeout: settings.timeout, caBundlePath: settings.caBundlePath,
            connections: settings.connections)
    }

    /// How many requests a batch has in flight at once.
    public var connections: Int { client.pool?.handles.count ?? 1 }

    /// Sends one SMS.
    public func send(_ message: OutgoingMessage) -> DeliveryOutcome {
        if let refusal = Recipient.refusal(message, expected: .sms, by: "webhook") { return refusal }
        guard let phone = Recipient.phone(message) else { return .failed(reason: "no recipient") }
        guard let request = request(to: phone, message) else {
            return .deferred(reason: "the SMS could not be encoded as JSON", retryAfter: nil)
        }
        let result = client.post(settings.url, body: request.body, headers: request.headers)
        return HTTPOutcome.outcome(of: result, service: "webhook").redacting(recipient: phone.e164)
    }

    /// Sends SMS over up to `connections` requests at once.
    public func send(_ messages: [OutgoingMessage], hooks: SendHooks) {
        client.send(messages, hooks: hooks, service: "webhook") { phone, message in
            request(to: phone, message).map { (url: settings.url, post: $0.body, headers: $0.headers) }
        }
    }

    /// The JSON body and headers of one SMS; nil when it cannot be encoded.
    private func request(to phone: PhoneNumber, _ message: OutgoingMessage) -> (body: [UInt8], headers: [String: String])? {
        let body = SMSPayload(to: phone.e164, text: message.body.precomposedStringWithCanonicalMapping, key: message.key).json()
        guard !body.isEmpty else { return nil }
        var headers = ["Content-Type": "application/json", "Idempotency-Key": message.key]
        if let token = settings.bearerToken?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty {
            headers["Authorization"] = "Bearer " + token
        }
        return (body, headers)
    }
}
