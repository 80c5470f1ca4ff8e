// Store: the queries the rest of Relais needs, over one Database.
//
// Commands and the daemon talk to the store in domain terms (load this campaign, register this
// person); the SQL lives here and in the Store+*.swift files beside it, one file per concern.

import Foundation
import RelaisCore

/// The Relais database, open and up to date.
public final class Store {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Opens the database at `path` and makes sure it knows the territory's communes (by INSEE code)
    /// and QPVs (Store+Communes.swift), and every kind of message (Store+MessageKinds.swift).
    public static func open(path: String, busyTimeoutMilliseconds: Int = 30_000, territory: Territory) throws -> Store {
        let store = Store(database: try Database.open(path: path, busyTimeoutMilliseconds: Int32(busyTimeoutMilliseconds)))
        try store.recordCommunes(territory)
        try store.recordMessageKinds()
        return store
    }
}
