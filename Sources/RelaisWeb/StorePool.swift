// StorePool: SQLite connections for the server's threads. A Store (one SQLite connection) is not
// Sendable and must never serve two threads at once, so a handler borrows one for the length of
// its request and gives it back; the lock guards only the list of idle connections, never a query.
// Each connection is opened by Store.open, like every other relais connection (WAL, busy timeout,
// BEGIN IMMEDIATE writes), so the daemon's own connection and these wait for each other in SQLite.

import Foundation
import RelaisCore
import RelaisStore

/// A pool of Store connections on one database file.
public final class StorePool: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `lock`, and a Store leaves the pool to one thread at a time.
    private let lock = NSLock()
    private var idle: [Store] = []
    private let maximumIdle: Int
    private let open: @Sendable () throws -> Store

    /// A pool opening connections on `path`; at most `maximumIdle` are kept between requests.
    public init(path: String, busyTimeoutMilliseconds: Int, territory: Territory, maximumIdle: Int = 4) {
        self.maximumIdle = maximumIdle
        open = { try Store.open(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, territory: territory) }
    }

    /// Runs `body` with a connection no other thread uses meanwhile.
    public func withStore<Result>(_ body: (Store) throws -> Result) throws -> Result {
        let store = try borrow()
        defer { giveBack(store) }
        return try body(store)
    }

    private func borrow() throws -> Store {
        lock.lock()
        let store = idle.popLast()
        lock.unlock()
        return try store ?? open()
    }

    private func giveBack(_ store: Store) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < maximumIdle { idle.append(store) }
    }
}
