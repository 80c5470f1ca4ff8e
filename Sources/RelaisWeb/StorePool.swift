// StorePool: SQLite connections for the server's threads. A Store (one SQLite connection) is not
// Sendable and must never serve two threads at once, so a handler borrows one for the length of
// its request and gives it back; the lock guards only the list of idle connections, never a query.
// Each connection is opened by Store.open, like every other relais connection (WAL, busy timeout,
// BEGIN IMMEDIATE writes), so the daemon's own connection and these wait for each other in SQLite.
//
// Each connection also keeps the answers of the reads the desk marks cacheable (`cachedRead`: a
// run's JSON, the session behind a token, the API's whole answer to a run's GET) with the connection's data version (Database+DataVersion)
// when they were rendered: any commit to the database file, by this process or another (a booking
// on the command line, a sign-out), changes the version, and the next request on that connection
// drops every answer it kept. An answer is kept
// only when the version was the same before and after rendering it, so nothing written meanwhile
// is missed. While an answer renders, `withStore` and `cachedRead` on the same thread use the same
// connection (a whole API answer kept holds the run's JSON kept inside it).

import Foundation
import RelaisCore
import RelaisStore

/// A pool of Store connections on one database file.
public final class StorePool: @unchecked Sendable {
    // @unchecked: `idle` is only touched under `lock`, and a connection leaves the pool to one thread at a time.
    private let lock = NSLock()
    private var idle: [PooledStore] = []
    private let maximumIdle: Int
    private let open: @Sendable () throws -> Store

    /// A pool opening connections on `path`; at most `maximumIdle` are kept between requests.
    public init(path: String, busyTimeoutMilliseconds: Int, territory: Territory, maximumIdle: Int = 4) {
        self.maximumIdle = maximumIdle
        open = { try Store.open(path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, territory: territory) }
    }

    /// Runs `body` with a connection no other thread uses meanwhile (the one this thread holds for
    /// a `cachedRead` rendering, if any).
    public func withStore<Result>(_ body: (Store) throws -> Result) throws -> Result {
        try withPooled { try body($0.store) }
    }

    /// The value kept under `key` on the connection borrowed (the one this thread holds while it
    /// renders a kept value, if any), if nothing was committed to the database since it was made;
    /// otherwise `render`'s, kept for the next time when nothing was committed while it rendered
    /// and `keeping` accepts it. `key` must name everything the value depends on besides the
    /// database (the route, the agent's scope); a value that depends on the clock must be refused by
    /// `keeping` or checked again by the caller (as DeskAPI checks a kept answer's session). An
    /// error is not kept. Values of different types must have different keys.
    public func cachedRead<Value>(key: String, keeping: (Value) -> Bool = { _ in true }, _ render: () throws -> Value) throws -> Value {
        try withPooled { pooled in
            let version = try pooled.store.database.dataVersion()
            if version != pooled.version {
                pooled.answers.removeAll(keepingCapacity: true)
                pooled.version = version
            }
            // Unwrapped first: a missing key cast to an optional Value would read as a kept nil.
            if let kept = pooled.answers[key], let answer = kept as? Value { return answer }
            let answer = try pooled.holding(render)
            if keeping(answer), try pooled.store.database.dataVersion() == version {
                if pooled.answers.count >= PooledStore.maximumAnswers { pooled.answers.removeAll(keepingCapacity: true) }
                pooled.answers[key] = answer
            }
            return answer
        }
    }

    /// Runs `body` with the connection this thread holds, or one borrowed for it and given back after.
    private func withPooled<Result>(_ body: (PooledStore) throws -> Result) throws -> Result {
        if let held = PooledStore.heldByThisThread { return try body(held) }
        let pooled = try borrow()
        defer { giveBack(pooled) }
        return try body(pooled)
    }

    private func borrow() throws -> PooledStore {
        lock.lock()
        let pooled = idle.popLast()
        lock.unlock()
        return try pooled ?? PooledStore(store: open())
    }

    private func giveBack(_ pooled: PooledStore) {
        lock.lock()
        defer { lock.unlock() }
        if idle.count < maximumIdle { idle.append(pooled) }
    }
}

/// One connection of the pool with the answers rendered on it. Used by one thread at a time.
private final class PooledStore {
    /// Answers kept per connection at most; beyond, they are dropped and rendered again.
    static let maximumAnswers = 256

    let store: Store
    /// The data version the answers were rendered at.
    var version: UInt32?
    var answers: [String: Any] = [:]

    init(store: Store) { self.store = store }

    /// The connection this thread holds while it renders an answer, if any.
    static var heldByThisThread: PooledStore? {
        pthread_getspecific(heldKey).map { Unmanaged<PooledStore>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with this connection held by the thread, so that `withStore` uses it.
    func holding<Result>(_ body: () throws -> Result) rethrows -> Result {
        let before = pthread_getspecific(heldKey)
        pthread_setspecific(heldKey, Unmanaged.passUnretained(self).toOpaque())
        defer { pthread_setspecific(heldKey, before) }
        return try body()
    }
}

/// The thread-specific slot of `PooledStore.heldByThisThread`.
private let heldKey: pthread_key_t = {
    var key = pthread_key_t()
    precondition(pthread_key_create(&key, nil) == 0, "no thread-specific key left")
    return key
}()
