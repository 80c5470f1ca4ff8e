// FileTransport: "sends" by writing each message to a directory, so that someone trying Relais (or
// checking a campaign before the real gateways are configured) sees exactly what would leave: an
// e-mail as `<key>.eml`, the whole RFC 5322 message MailComposer builds (it opens in any mail
// client), an SMS as `<key>.json`, the body the webhook transport would POST. Each file is written
// under a temporary name in the same directory and then renamed, and rename(2) is atomic within a
// file system, so a reader never sees half a message and a retry replaces the file whole. The files
// hold addresses and phone numbers, so they are readable by their owner only (0600).

import Foundation
import RelaisCore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes messages to files instead of sending them. Not `Sendable`: one thread at a time.
public final class FileTransport: Transport {
    /// Where the files go; created when missing.
    public let directory: URL
    /// Builds e-mails; `nil` when the placeholder sender could not be made.
    public let composer: MailComposer?

    /// Writes into `directory`; e-mails get `composer`'s sender, by default `relais@relais.invalid`.
    public init(directory: URL, composer: MailComposer? = nil) {
        self.directory = directory
        self.composer =
            composer ?? (try? EmailAddress(parsing: "relais@relais.invalid")).map { MailComposer(fromAddress: $0) }
    }

    /// Writes the message's file and answers `.sent(detail: path)`; `.deferred` when it cannot.
    public func send(_ message: OutgoingMessage) -> DeliveryOutcome {
        send(message, date: Date())
    }

    /// Writes the message's file with a given e-mail `Date` header (for tests).
    public func send(_ message: OutgoingMessage, date: Date) -> DeliveryOutcome {
        let contents: [UInt8]
        let fileExtension: String
        switch message.channel {
        case .email:
            if let refusal = Recipient.refusal(message, expected: .email, by: "file") { return refusal }
            guard let composer else { return .deferred(reason: "no sender address for e-mails", retryAfter: nil) }
            contents = Array(composer.compose(message, date: date).utf8)
            fileExtension = "eml"
        case .sms:
            if let refusal = Recipient.refusal(message, expected: .sms, by: "file") { return refusal }
            guard let phone = Recipient.phone(message) else { return .failed(reason: "no recipient") }
            contents = SMSPayload(to: phone.e164, text: message.body.precomposedStringWithCanonicalMapping, key: message.key).json()
            fileExtension = "json"
        }
        let name = Self.fileName(forKey: message.key) + "." + fileExtension
        do {
            try write(contents, to: name)
            return .sent(detail: directory.appendingPathComponent(name).path)
        } catch {
            return .deferred(reason: "cannot write \(name) in \(directory.path): \(error.localizedDescription)", retryAfter: nil)
        }
    }

    /// The key with anything but letters, digits, `.`, `_` and `-` replaced by `_`, and no leading
    /// dot, so that no key can name a file outside the directory or a hidden one.
    static func fileName(forKey key: String) -> String {
        var name = String(key.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        while name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return name.isEmpty ? "_" : name
    }

    private func write(_ contents: [UInt8], to name: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let final = directory.appendingPathComponent(name)
        let temporary = directory.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: Data(contents), attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown)
        }
        guard rename(temporary.path, final.path) == 0 else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
