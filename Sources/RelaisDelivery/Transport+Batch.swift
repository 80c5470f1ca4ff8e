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

/// A transport that hands several messages over at once.
public protocol BatchTransport: Transport {
    /// How many messages it may have in flight at once (its connections).
    var connections: Int { get }
    /// Sends `messages`, up to `connections` at a time, telling `hooks` what happens to each.
    func send(_ messages: [OutgoingMessage], hooks: SendHooks)
}

extension Transport {
    /// Sends `messages` through this transport: at once when it is a ``BatchTransport``, otherwise
    /// one after the other.
    public func sendBatch(_ messages: [OutgoingMessage], hooks: SendHooks) {
        if let batch = self as? BatchTransport {
            batch.send(messages, hooks: hooks)
            return
        }
        for (index, message) in messages.enumerated() {
            guard hooks.starting(index) else { return }
            hooks.finished(index, send(message))
        }
    }
}
