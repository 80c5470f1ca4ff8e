// Schema step 17 and Store+Communes: communes keyed by INSEE code. A database of schema 16 (keyed
// by slug) comes up with every person, registration, booking, stop, QPV and account re-keyed; a
// commune renamed in a new edition of the territory keeps its code and its people; one the
// territory drops stays, under its last known name.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct CommuneCodesStoreTests {
    /// A database written at schema 16: Gex, Cessy, Ferney-Voltaire and an "Ancienne-Commune" no
    /// territory lists, by slug; a person of Gex registered and booked on a run stopping in Gex,
    /// a CCAS account of Gex, the QPV Levant-Tattes in Ferney-Voltaire.
    func schema16() throws -> TemporaryDatabase {
        let file = TemporaryDatabase()
        try file.makeSchema(
            16,
            then: """
                INSERT INTO commune (slug, name) VALUES ('gex', 'Gex'), ('cessy', 'Cessy'), ('ferney-voltaire', 'Ferney-Voltaire'),
                    ('ancienne-commune', 'Ancienne-Commune');
                INSERT INTO neighbourhood (slug, name, commune) VALUES ('levant-tattes', 'Levant-Tattes', 'ferney-voltaire');
                INSERT INTO campaign VALUES ('c', 'C', 'c.ics', 0);
                INSERT INTO event (uid, campaign, summary, categories, commune, neighbourhood, status, time_zone, all_day)
                    VALUES ('e', 'c', 'E', 'screening', 'ferney-voltaire', 'levant-tattes', 'confirmed', 'UTC', 0);
                INSERT INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status) VALUES (1, 'e', '', 100000, 200000, 'scheduled');
                INSERT INTO participant (id, name, commune, language, created_at) VALUES (1, 'P', 'gex', 'fr', 0),
                    (2, 'Q', 'ancienne-commune', 'fr', 0);
                INSERT INTO registration (id, occurrence, participant, commune, registered_at, source) VALUES (1, 1, 1, 'gex', 0, 't'),
                    (2, 1, 2, 'ancienne-commune', 0, 't');
                INSERT INTO shuttle_run (id, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places,
                    seats_per_wheelchair, status, created_at) VALUES (1, 'Navette', 90000, 95000, 99000, 'CH', 8, 1, 2, 'scheduled', 0);
                INSERT INTO shuttle_stop (run, position, commune, place, pickup_at) VALUES (1, 1, 'gex', 'Mairie', 90000);
                INSERT INTO shuttle_booking (id, run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                    fare_band, fare_cents, status, booked_at, booked_by, confirmed_at) VALUES (1, 1, 1, 'gex', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 't', 0);
                INSERT INTO account (id, login, role, commune, password_hash, created_at) VALUES (7, 'agent-gex', 'ccas', 'gex', '$y$x', 0);
                """)
        return file
    }

    /// Every commune value of the tables that refer to `commune`, as "table.column=value" sorted.
    func references(_ store: Store) throws -> [String] {
        var found: [String] = []
        for (table, column) in [
            ("neighbourhood", "commune"), ("event", "commune"), ("participant", "commune"), ("registration", "commune"),
            ("shuttle_stop", "commune"), ("shuttle_booking", "commune"), ("account", "commune"),
        ] {
            for row in try store.database.rows("SELECT \(column) AS v FROM \(table) WHERE \(column) IS NOT NULL ORDER BY v") {
                found.append("\(table).\(column)=\(row.string("v") ?? "")")
            }
        }
        return found
    }

    @Test func aSchema16DatabaseIsReKeyedByINSEECodeAndKeepsWhatTheTerritoryNoLongerLists() throws {
        let file = try schema16()
        let store = try file.open()
        #expect(try store.database.row("SELECT max(version) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(
            try references(store) == [
                "neighbourhood.commune=01160", "neighbourhood.commune=01354", "event.commune=01160", "participant.commune=01173",
                "participant.commune=ancienne-commune", "registration.commune=01173", "registration.commune=ancienne-commune",
                "shuttle_stop.commune=01173", "shuttle_booking.commune=01173", "account.commune=01173",
            ])
        let names = try store.storedCommuneNames()
        #expect(names.count == Territory.paysDeGex.communes.count + 1)
        #expect(names["01173"] == "Gex" && names["01071"] == "Cessy" && names["ancienne-commune"] == "Ancienne-Commune")
        #expect(names.keys.filter { $0 != "ancienne-commune" }.allSatisfy { $0.count == 5 && $0.hasPrefix("01") })
        // What a CCAS of Gex sees and does goes through the code.
        #expect(try store.participants(commune: "01173").map(\.name) == ["P"])
        #expect(try store.accounts().first { $0.login == "agent-gex" }?.commune == "01173")
        // A second open has nothing to do and changes nothing.
        let before = try references(store)
        let again = try file.open()
        #expect(try references(again) == before)
        #expect(try again.database.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func aCommuneRenamedInANewEditionKeepsItsPeopleAndOneDroppedKeepsItsLastName() throws {
        let file = try schema16()
        _ = try file.open()
        var edition = Territory.paysDeGex
        let gex = try #require(edition.communes.firstIndex { $0.code == "01173" })
        edition.communes[gex] = Commune(name: "Gex-la-Ville", code: "01173")
        edition.communes.removeAll { $0.code == "01071" }
        // A QPV code given by the new edition is kept beside the QPV's slug (a sample code, not a real one).
        edition.neighbourhoods[0].code = "QN00000X"
        let store = try Store.open(path: file.path, territory: edition)
        let names = try store.storedCommuneNames()
        #expect(names["01173"] == "Gex-la-Ville")
        #expect(names["01071"] == "Cessy", "a commune the territory dropped keeps its last known name")
        #expect(try store.participants(commune: "01173").map(\.name) == ["P"])
        #expect(edition.communeName(code: "01071", known: names) == "Cessy")
        #expect(edition.communeName(code: "01173", known: names) == "Gex-la-Ville")
        #expect(try store.database.row("SELECT code FROM neighbourhood WHERE slug = 'levant-tattes'")?.string("code") == "QN00000X")
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
    }

    @Test func aShortNameTheTerritoryListsAsAnAliasIsReKeyedToo() throws {
        let file = TemporaryDatabase()
        try file.makeSchema(
            16,
            then: """
                INSERT INTO commune (slug, name) VALUES ('saint-genis', 'St Genis');
                INSERT INTO participant (id, name, commune, language, created_at) VALUES (1, 'P', 'saint-genis', 'fr', 0);
                """)
        var territory = Territory.paysDeGex
        let index = try #require(territory.communes.firstIndex { $0.code == "01354" })
        territory.communes[index] = Commune(name: "Saint-Genis-Pouilly", code: "01354", aliases: ["St Genis"])
        let store = try Store.open(path: file.path, territory: territory)
        #expect(try store.participant(id: 1)?.commune == "01354")
        #expect(try store.storedCommuneNames()["01354"] == "Saint-Genis-Pouilly")
        #expect(try store.storedCommuneNames()["saint-genis"] == nil)
    }
}
