// Store+Communes: the territory's communes and QPVs as the database knows them, keyed by INSEE code.
//
// At open, the territory (its file) is reconciled with the rows: a commune still keyed by the slug
// of its name or of one of its aliases (a database of relais before schema step 17) is re-keyed to
// its INSEE code, in `commune` and in every column that refers to it; a commune renamed keeps its
// code and takes its new name; a new one is added. A row the territory no longer lists is kept
// with its last known name: people, registrations and bookings of a commune merged away stay
// counted and readable. All of it in one BEGIN IMMEDIATE transaction, foreign keys checked at
// commit; nothing is written when the database already agrees with the territory.

import Foundation
import RelaisCore

extension Store {
    /// Brings the `commune` and `neighbourhood` rows in line with the territory (see above).
    func recordCommunes(_ territory: Territory) throws {
        let stored = try storedCommuneNames()
        let places = try database.rows("SELECT slug, name, commune, code FROM neighbourhood")
        let placesByKey = Dictionary(places.map { ($0.string("slug") ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        let communesAgree = territory.communes.allSatisfy { stored[$0.code] == $0.name }
        let placesAgree = territory.neighbourhoods.allSatisfy { place in
            guard let row = placesByKey[place.slug] else { return false }
            return row.string("name") == place.name && row.string("commune") == territory.communeCode(of: place)
                && row.string("code") == place.code
        }
        if communesAgree && placesAgree { return }
        try database.write { database in
            try database.execute("PRAGMA defer_foreign_keys = ON")
            // Read again under the lock: another process may have reconciled meanwhile.
            var stored = try storedCommuneNames()
            let references = try Self.communeReferences(database)
            for commune in territory.communes {
                try Self.record(commune, stored: &stored, references: references, in: database)
            }
            for place in territory.neighbourhoods {
                guard let commune = territory.communeCode(of: place) else { continue }
                try database.run(
                    """
                    INSERT INTO neighbourhood (slug, name, commune, code) VALUES (?, ?, ?, ?)
                    ON CONFLICT (slug) DO UPDATE SET name = excluded.name, commune = excluded.commune, code = excluded.code
                    """, [.text(place.slug), .text(place.name), .text(commune), .string(place.code)])
            }
        }
    }

    /// Every commune the database knows, listed by the territory or not: its last known name by code.
    public func storedCommuneNames() throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try database.rows("SELECT code, name FROM commune") {
            if let code = row.string("code"), let name = row.string("name") { names[code] = name }
        }
        return names
    }

    /// Re-keys, renames or adds one commune of the territory; `stored` follows what is written.
    private static func record(
        _ commune: Commune, stored: inout [String: String], references: [(String, String)], in database: Database
    ) throws {
        defer { stored[commune.code] = commune.name }
        if stored[commune.code] != nil {
            try database.run(
                "UPDATE commune SET name = ? WHERE code = ? AND name IS NOT ?",
                [.text(commune.name), .text(commune.code), .text(commune.name)])
            return
        }
        let oldKeys = ([commune.slug] + commune.aliases).filter { stored[$0] != nil }
        guard let old = oldKeys.first else {
            try database.run("INSERT INTO commune (code, name) VALUES (?, ?)", [.text(commune.code), .text(commune.name)])
            return
        }
        stored[old] = nil
        try database.run("UPDATE commune SET code = ?, name = ? WHERE code = ?", [.text(commune.code), .text(commune.name), .text(old)])
        for (table, column) in references {
            try database.run(
                "UPDATE \"\(table)\" SET \"\(column)\" = ? WHERE \"\(column)\" = ?", [.text(commune.code), .text(old)])
        }
    }

    /// The (table, column) pairs whose foreign key refers to `commune`, read from the schema itself
    /// so that a table added later is re-keyed too.
    private static func communeReferences(_ database: Database) throws -> [(String, String)] {
        try database.rows(
            """
            SELECT m.name AS "table", f."from" AS "column"
            FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND f."table" = 'commune'
            ORDER BY m.name, f."from"
            """
        ).compactMap { row in row.string("table").flatMap { table in row.string("column").map { (table, $0) } } }
    }
}
