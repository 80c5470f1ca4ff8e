// OutboxState: where a message of the outbox stands (the `state` column), and the groups of states
// the store, the command line and the daemon act on, named once here rather than spelled in each.
//
//    queued ──claimed (in its channel's hours)──▶ sending ──▶ sent
//      ▲ │ └──outside its hours: due moved to the next allowed time (stays queued or deferred)
//      │ │                                        │  └──▶ deferred (retried later) ──▶ claimed again
//      │ └─cancel─▶ cancelled                     └──▶ failed
//      └──────── retry ◀── failed, cancelled, dropped, deferred
//
// `dropped`: settled without sending (quiet time or the cap when planned, no allowed time left
// before its deadline, past its deadline). Store+Outbox.swift draws every transition.

/// Where a message of the outbox stands (the `state` column).
public enum OutboxState: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case queued, sending, sent, deferred, failed, cancelled, dropped

    /// The states an operator may put back in the queue (`relais outbox retry`).
    public static let retriable: [OutboxState] = [.failed, .cancelled, .dropped, .deferred]
    /// The states an operator may cancel (`relais outbox cancel`): the message has not left.
    public static let cancellable: [OutboxState] = [.queued, .deferred]
    /// Waiting for their due time: what a sender claims, and what a cause that disappears cancels.
    /// The claim's index (outbox_waiting, schema step 29) is written with this list, in this order:
    /// SQLite uses it only for a query with a term identical to the index's condition as an expression
    /// (the same IN list in the same order), not one that merely implies it.
    public static let waiting: [OutboxState] = [.queued, .deferred]
    /// Claimed, sent or to be retried: a message that reaches or may reach the person, which the
    /// per-person cap counts as given.
    public static let given: [OutboxState] = [.sending, .sent, .deferred]
    /// Settled for good: kept for the record, pruned after `[service] outbox_keep_days`.
    public static let settled: [OutboxState] = [.sent, .failed, .cancelled, .dropped]
}
