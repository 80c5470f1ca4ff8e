// Transport+Batch: handing over several messages at once. The outbox's sender gives a transport a
// batch and hears, for each message, when it is about to go (and may stop the batch there: SIGTERM,
// or the channel's rate), when its outcome is known, and, while transfers are in flight, that it is
// still waiting. A transport with connections (SMTP, Kannel, the webhook) runs up to that many
// transfers at once through libcurl's multi interface (CurlPool); the others send one by one.

import Foundation

/// What a sender hears while a transport sends a batch. Indexes are positions in the batch.
public struct SendHooks {
    /// Asked just before message `index` is handed over; false stops the batch: it and the messages
    /// after it are not handed over, and not reported. What is in flight still finishes.
    public var starting: (Int) -> Bool
    /// The outcome of message `index`, once known (in the order outcomes arrive, not the batch's).
    public var finished: (Int, DeliveryOutcome) -> Void
    /// Called while transfers are in flight, at least every tenth of a second.
    public var waiting: () -> Void

    /// Hooks from closures; `waiting` does nothing unless given.
    public init(
        starting: @escaping (Int) -> Bool, finished: @escaping (Int, DeliveryOutcome) -> Void, waiting: @escaping () -> Void = {}
    ) {
        self.starting = starting
        self.finished = finished
        self.waiting = waiting
    }
}

/// Messages written ahead for one transport, with what it uploads for each (an e-mail's whole
/// text), so that the writing may run on another thread than the hand-over (the outbox's sender
/// writes the next batch while one is handed over). A transport that writes nothing ahead gives no
/// uploads, and writes each message as it sends it.
public struct WrittenBatch: Sendable {
    public let messages: [OutgoingMessage]
    /// The bytes to upload, one per message; empty when nothing was written ahead.
    let uploads: [[UInt8]]
    /// The `Date` the uploads carry.
    let date: Date

    init(messages: [OutgoingMessage], uploads: [[UInt8]] = [], date: Date = Date()) {
        precondition(uploads.isEmpty || uploads.count == messages.count, "one upload per message")
        self.messages = messages
        self.uploads = uploads
        self.date = date
    }

    /// Each message with its upload, when written ahead.
    var items: [(message: OutgoingMessage, upload: [UInt8]?)] {
        messages.indices.map { (messages[$0], uploads.isEmpty ? nil : uploads[$0]) }
    }
}

/// A transport that hands several messages over at once.
public protocol BatchTransport: Transport {
    /// How many messages it may have in flight at once (its connections).
    var connections: Int { get }
    /// Sends `messages`, up to `connections` at a time, telling `hooks` what happens to each.
    func send(_ messages: [OutgoingMessage], hooks: SendHooks)
    /// Writes `messages` ahead, on any thread, touching nothing `send` uses. By default nothing.
    func write(_ messages: [OutgoingMessage]) -> WrittenBatch
    /// Sends a batch written by `write`, as `send(_:hooks:)` does.
    func send(_ batch: WrittenBatch, hooks: SendHooks)
}

extension BatchTransport {
    public func write(_ messages: [OutgoingMessage]) -> WrittenBatch { WrittenBatch(messages: messages) }
    public func send(_ batch: WrittenBatch, hooks: SendHooks) { send(batch.messages, hooks: hooks) }
}

extension Transport {
    /// Writes `messages` ahead when this transport can (a ``BatchTransport``'s `write`).
    public func write(_ messages: [OutgoingMessage]) -> WrittenBatch {
        (self as? BatchTransport)?.write(messages) ?? WrittenBatch(messages: messages)
    }

    /// Sends `messages` through this transport: at once when it is a ``BatchTransport``, otherwise
    /// one after the other.
    public func sendBatch(_ messages: [OutgoingMessage], hooks: SendHooks) {
        sendBatch(WrittenBatch(messages: messages), hooks: hooks)
    }

    /// Sends a batch written by `write`: at once when this is a ``BatchTransport``, otherwise one
    /// message after the other.
    public func sendBatch(_ written: WrittenBatch, hooks: SendHooks) {
        if let batch = self as? BatchTransport {
            batch.send(written, hooks: hooks)
            return
        }
        for (index, message) in written.messages.enumerated() {
            guard hooks.starting(index) else { return }
            hooks.finished(index, send(message))
        }
    }
}
