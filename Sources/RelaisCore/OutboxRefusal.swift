// OutboxRefusal: why an operator's retry or cancellation of a message is refused (see
// Refusal.swift for how fronts word it; the states themselves are OutboxState.swift's).

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
