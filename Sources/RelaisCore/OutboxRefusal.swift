// OutboxRefusal: the states of a message in the outbox, and why an operator's retry or
// cancellation of one is refused (see Refusal.swift for how fronts word it).
//
//    queued ──claimed──▶ sending ──▶ sent
//      ▲  │                 │  └──▶ deferred (retried later) ──▶ queued
//      │  └─cancel─▶ cancelled      └──▶ failed
//      └──────── retry ◀── failed, cancelled, dropped, deferred
//
// `dropped`: settled without sending (opted out, forgotten, past its deadline).

/// Where a message of the outbox stands (the `state` column).
public enum OutboxState: String, Sendable, Equatable, CaseIterable {
    case queued, sending, sent, deferred, failed, cancelled, dropped

    /// The states an operator may put back in the queue (`relais outbox retry`).
    public static let retriable: [OutboxState] = [.failed, .cancelled, .dropped, .deferred]
    /// The states an operator may cancel (`relais outbox cancel`): the message has not left.
    public static let cancellable: [OutboxState] = [.queued, .deferred]
}

/// Why an operator's action on a message is refused.
public enum OutboxRefusal: Sendable, Equatable {
    /// Only a failed, cancelled, dropped or deferred message is retried.
    case notRetriable(message: Int64, state: OutboxState)
    /// Only a queued or deferred message is cancelled.
    case notCancellable(message: Int64, state: OutboxState)

    /// The API's `error`.
    public var code: String {
        switch self {
        case .notRetriable: "message-not-retriable"
        case .notCancellable: "message-not-cancellable"
        }
    }
}
