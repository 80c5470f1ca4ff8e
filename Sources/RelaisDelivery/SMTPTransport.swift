// SMTPTransport: sends reminder e-mails to one SMTP relay through libcurl. Its easy handles (one
// per connection, `[email] connections`) live as long as the transport, so libcurl's connection
// cache keeps each SMTP session open and each message is one more MAIL/RCPT/DATA on it (twenty
// reminders sent one by one, one TCP connection and one TLS handshake; the tests count sessions
// with smtp-sink). A batch goes over up to `connections` sessions at once (CurlPool). libcurl does
// the dot-stuffing of the body (RFC 5321 §4.5.2).
//
// Reply classification, after OpenSMTPD: a 5xx reply to MAIL, RCPT, DATA or to the end of the data
// is permanent (`.failed`, the reply kept); everything else is temporary (`.deferred`): a 4xx reply,
// a refused connection, a DNS or TLS failure, a timeout, a relay that will not talk to us (5xx
// greeting or EHLO) and a refused login. The last two are deliberate exceptions to "5xx is
// permanent": they say nothing about the message, only about our configuration or the relay, and
// failing every reminder for good because a password expired would lose them all.

import CCurl
import Foundation
import RelaisCore

/// Where and how to hand e-mail over.
public struct SMTPSettings: Sendable, CustomStringConvertible {
    /// The relay: `smtp://host:port` (plain, or STARTTLS when `requireTLS`) or `smtps://host:465`
    /// (TLS from the first byte).
    public var url: String
    /// Refuse to send unless the session is encrypted: STARTTLS is required on `smtp://`
    /// (CURLOPT_USE_SSL = CURLUSESSL_ALL). Set it whenever a password is configured.
    public var requireTLS: Bool
    /// The AUTH user name; `nil` sends without authenticating.
    public var username: String?
    /// The AUTH password, as read from a file or a credential; never logged or described.
    public var password: String?
    /// The sender: envelope (`MAIL FROM`) and `From` header.
    public var fromAddress: EmailAddress
    /// The sender's display name in `From`, e.g. `<organiser> – Prévention santé`.
    public var fromName: String
    /// The domain of `Message-ID`s; by default the sender address's domain.
    public var messageIDDomain: String?
    /// The name given in EHLO; by default libcurl's (this machine's host name).
    public var heloName: String?
    /// A file of CA certificates to trust instead of the system's, for a relay with a private CA.
    public var caBundlePath: String?
    /// Seconds allowed to connect (TCP and TLS).
    public var connectTimeout: TimeInterval
    /// Seconds allowed for one whole message, connection included.
    public var timeout: TimeInterval
    /// How many SMTP sessions a batch uses at once (`[email] connections`).
    public var connections: Int

    /// Creates settings; only the relay URL and the sender are required.
    public init(
        url: String, requireTLS: Bool = false, username: String? = nil, password: String? = nil,
        fromAddress: EmailAddress, fromName: String = "", messageIDDomain: String? = nil, heloName: String? = nil,
        caBundlePath: String? = nil, connectTimeout: TimeInterval = 10, timeout: TimeInterval = 60, connections: Int = 4
    ) {
        self.connections = connections
        self.url = url
        self.requireTLS = requireTLS
        self.username = username
        self.password = password
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.messageIDDomain = messageIDDomain
        self.heloName = heloName
        self.caBundlePath = caBundlePath
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// The settings without the password.
    public var description: String {
        "SMTPSettings(url: \(url), requireTLS: \(requireTLS), username: \(username ?? "none"), "
            + "password: \(password == nil ? "none" : "<redacted>"), timeout: \(timeout))"
    }
}

/// Sends e-mail over reused SMTP connections. Not `Sendable`: one thread sends at a time (`write`,
/// which only reads the composer, a value, may run on another meanwhile).
public final class SMTPTransport: BatchTransport {
    /// The settings this transport was made with.
    public let settings: SMTPSettings
    /// Builds the message text from each outgoing message.
    public let composer: MailComposer
    private var pool: CurlPool?
    private var configurationError: CurlError?

    /// Prepares the handles; nothing connects until the first `send`.
    public init(settings: SMTPSettings) {
        self.settings = settings
        composer = MailComposer(
            fromAddress: settings.fromAddress, fromName: settings.fromName, messageIDDomain: settings.messageIDDomain)
        do {
            pool = try CurlPool(connections: settings.connections) { handle throws(CurlError) in try Self.configure(handle, settings) }
        } catch {
            configurationError = error
        }
    }

    /// The handle options every connection shares.
    private static func configure(_ handle: CurlHandle, _ settings: SMTPSettings) throws(CurlError) {
        var url = settings.url
        if let helo = settings.heloName?.filter({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }), !helo.isEmpty {
            // libcurl takes the EHLO name from the URL's path (CURLOPT_URL, "SMTP" section).
            url = url.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/" + helo
        }
        try handle.set(CURLOPT_URL, url)
        try handle.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        if settings.requireTLS { try handle.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let caBundlePath = settings.caBundlePath { try handle.set(CURLOPT_CAINFO, caBundlePath) }
        if let username = settings.username {
            try handle.set(CURLOPT_USERNAME, username)
            try handle.set(CURLOPT_PASSWORD, settings.password ?? "")
        }
        try handle.set(CURLOPT_MAIL_FROM, "<\(settings.fromAddress.address)>")
        try handle.set(CURLOPT_UPLOAD, true)
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, Int(settings.connectTimeout * 1000))
        try handle.set(CURLOPT_TIMEOUT_MS, Int(settings.timeout * 1000))
    }

    /// How many SMTP sessions a batch uses at once.
    public var connections: Int { pool?.handles.count ?? 1 }

    /// Sends one e-mail; the SMTP session stays open for the next.
    public func send(_ message: OutgoingMessage) -> DeliveryOutcome {
        send(message, date: Date())
    }

    /// Sends one e-mail with a given `Date` header (for tests and replays).
    public func send(_ message: OutgoingMessage, date: Date) -> DeliveryOutcome {
        var result = DeliveryOutcome.deferred(reason: "not sent", retryAfter: nil)
        send(WrittenBatch(messages: [message], date: date), hooks: SendHooks(starting: { _ in true }, finished: { result = $1 }))
        return result
    }

    /// Sends e-mails over up to `connections` sessions at once.
    public func send(_ messages: [OutgoingMessage], hooks: SendHooks) {
        send(WrittenBatch(messages: messages), hooks: hooks)
    }

    /// Writes each message's text ahead (the composer is a value: any thread may use it).
    public func write(_ messages: [OutgoingMessage]) -> WrittenBatch {
        let date = Date()
        var cache = MailHeaderCache()
        return WrittenBatch(messages: messages, uploads: messages.map { Array(composer.compose($0, date: date, cache: &cache).utf8) }, date: date)
    }

    /// Sends e-mails, written ahead by `write` or not (then written here, with the batch's date), over
    /// up to `connections` sessions at once.
    public func send(_ batch: WrittenBatch, hooks: SendHooks) {
        let messages = batch.messages
        guard let pool else {
            let reason = "SMTP transport misconfigured: \(configurationError?.description ?? "no handle")"
            for index in messages.indices {
                guard hooks.starting(index) else { return }
                let refusal = Recipient.refusal(messages[index], expected: .email, by: "SMTP")
                hooks.finished(index, refusal ?? .deferred(reason: reason, retryAfter: nil))
            }
            return
        }
        // One Date field and one Subject field per text for the whole batch (MailComposer+HeaderCache).
        var cache = MailHeaderCache()
        pool.send(batch.items, hooks: hooks) { item, handle in
            prepare(item.message, upload: item.upload, on: handle, date: batch.date, cache: &cache)
        }
    }

    /// The recipient checked and set on `handle`, and the message's text to upload (`upload` when
    /// written ahead).
    private func prepare(
        _ message: OutgoingMessage, upload: [UInt8]?, on handle: CurlHandle, date: Date, cache: inout MailHeaderCache
    ) -> PreparedSend {
        // The address is read once: refusal reads it again only to say why it is refused.
        guard message.channel == .email, let recipient = Recipient.email(message) else {
            return .settled(Recipient.refusal(message, expected: .email, by: "SMTP") ?? .failed(reason: "no recipient"))
        }
        do {
            try handle.set(CURLOPT_MAIL_RCPT, ["<\(recipient.address)>"])
        } catch {
            return .settled(.deferred(reason: error.description, retryAfter: nil))
        }
        let text = upload ?? Array(composer.compose(message, date: date, cache: &cache).utf8)
        return .transfer(upload: text) { Self.outcome(of: $0).redacting(recipient: recipient.address) }
    }

    // MARK: - Classification

    /// The outcome of one SMTP transaction; see the file comment for the rules.
    static func outcome(of transfer: CurlTransfer) -> DeliveryOutcome {
        if transfer.succeeded { return .sent(detail: lastReply(in: transfer.headerLines) ?? "accepted") }
        // CURLINFO_RESPONSE_CODE is only this transaction's when a reply arrived during it. After a
        // refusal libcurl closes the connection with QUIT, whose "221" comes last: the reply that
        // matters is the last one carrying the code libcurl reports.
        let code = transfer.headerLines.isEmpty ? 0 : transfer.responseCode
        let reply = lastReply(in: transfer.headerLines, code: code)
        let replyText = reply ?? (code == 0 ? "no reply" : String(code))
        let detail = "SMTP \(replyText) (\(transfer.error.description))".singleLine()
        let result = transfer.result
        let messageRefused =
            (result == CURLE_SEND_ERROR)  // MAIL, RCPT or DATA refused
            || (result == CURLE_WEIRD_SERVER_REPLY && transfer.uploadCompleted)  // end of data refused
        if (500..<600).contains(code) && messageRefused { return .failed(reason: "SMTP \(replyText)".singleLine()) }
        if result == CURLE_LOGIN_DENIED { return .deferred(reason: "SMTP login refused: " + detail, retryAfter: nil) }
        if result == CURLE_USE_SSL_FAILED {
            return .deferred(reason: "SMTP relay did not offer TLS, which is required: " + detail, retryAfter: nil)
        }
        return .deferred(reason: detail, retryAfter: nil)
    }

    /// The last complete reply (its continuation lines joined), e.g. `250 2.0.0 Ok: queued as 4F2`;
    /// with `code`, the last one with that code.
    static func lastReply(in lines: [String], code: Int? = nil) -> String? {
        // Only the last reply (with `code`) is kept, and lines are read in place: this runs on the
        // hand-over thread for every message (issue 16).
        let wanted = code.map(String.init)
        var last: String?
        var pending: [String] = []
        for line in lines {
            let bytes = line.utf8
            guard bytes.count >= 3, bytes.prefix(3).allSatisfy({ (48...57).contains($0) }) else { continue }
            pending.append(line)
            if bytes.count == 3 || bytes.dropFirst(3).first != UInt8(ascii: "-") {
                let reply = pending.count == 1 ? line : pending.joined(separator: " ")
                if wanted.map({ reply.hasPrefix($0) }) ?? true { last = reply }
                pending.removeAll(keepingCapacity: true)
            }
        }
        return last
    }
}

extension DeliveryOutcome {
    /// The same outcome with the recipient taken out of its text.
    func redacting(recipient: String) -> DeliveryOutcome {
        switch self {
        case .sent(let detail): .sent(detail: detail.redacting(recipient: recipient))
        case .deferred(let reason, let retryAfter):
            .deferred(reason: reason.redacting(recipient: recipient), retryAfter: retryAfter)
        case .failed(let reason): .failed(reason: reason.redacting(recipient: recipient))
        }
    }
}
