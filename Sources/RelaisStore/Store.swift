// Store: the queries the rest of Relais needs, over one Database.
//
// Commands and the daemon talk to the store in domain terms (load this campaign, register this
// person); the SQL lives here and in the Store+*.swift files beside it, one file per concern.

import Foundation
import RelaisCore

/// The Relais database, open and up to date.
public final class Store {
    public let database: Database
    /// The territory it serves: its organiser names messages that no campaign names.
    public let territory: Territory

    public init(database: Database, territory: Territory) {
        self.database = database
        self.territory = territory
    }

    /// Opens the database at `path` and makes sure it knows the territory's communes (by INSEE code)
    /// and QPVs (Store+Communes.swift), and every kind of message (Store+MessageKinds.swift).
    public static func open(path: String, busyTimeoutMilliseconds: Int = 30_000, territory: Territory) throws -> Store {
        let database = try Database.open(path: path, busyTimeoutMilliseconds: Int32(busyTimeoutMilliseconds))
        let store = Store(database: database, territory: territory)
        try store.recordCommunes(territory)
        try store.recordMessageKinds()
        return store
    }
}
