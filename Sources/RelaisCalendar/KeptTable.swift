// KeptTable: what the invitation writer keeps from one message to the next (the VTIMEZONE texts,
// InvitationWriter+TimeZones; the invitations' shapes, InvitationWriter+Shapes): a bounded table
// behind a mutex, emptied when full rather than grown.

import Synchronization

/// Values kept by key, at most `limit` of them.
final class KeptTable<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    let limit: Int
    private let values = Mutex<[Key: Value]>([:])

    init(limit: Int) { self.limit = limit }

    /// The value kept for `key`, made by `make` the first time.
    func value(_ key: Key, make: () -> Value) -> Value {
        if let value = values.withLock({ $0[key] }) { return value }
        let value = make()
        values.withLock { values in
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = value
        }
        return value
    }
}
