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

    /// Opens the database at `path` and makes sure it knows the territory's communes and QPVs, and
    /// every kind of message (Store+MessageKinds.swift).
    public static func open(path: String, busyTimeoutMilliseconds: Int = 30_000, territory: Territory) throws -> Store {
        let database = try Database.open(path: path, busyTimeoutMilliseconds: Int32(busyTimeoutMilliseconds))
        let store = Store(database: database, territory: territory)
        try store.record(territory)
        try store.recordMessageKinds()
        return store
    }

    /// Inserts the communes and QPVs the database does not know yet (none are ever removed:
    /// people and events refer to them).
    func record(_ territory: Territory) throws {
        let known = try database.row("SELECT (SELECT count(*) FROM commune) + (SELECT count(*) FROM neighbourhood) AS n")?.int("n") ?? 0
        guard known < territory.communes.count + territory.neighbourhoods.count else { return }
        try database.write { database in
            for commune in territory.communes {
                try database.run("INSERT OR IGNORE INTO commune (slug, name) VALUES (?, ?)", [.text(commune.slug), .text(commune.name)])
            }
            for place in territory.neighbourhoods {
                try database.run(
                    "INSERT OR IGNORE INTO neighbourhood (slug, name, commune) VALUES (?, ?, ?)",
                    [.text(place.slug), .text(place.name), .text(place.commune)])
            }
        }
    }
}
