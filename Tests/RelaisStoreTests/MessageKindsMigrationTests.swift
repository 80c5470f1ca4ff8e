// Schema step 13 (Migrations+Outbox.swift): an outbox of the schema before it, with a message of
// every kind in every state, keeps every row and column when upgraded, its indexes and CHECKs; its
// kinds are rows of `message_kind` that the store completes when it opens, so that a kind is data.

import Foundation
import RelaisCore
import Testing

@testable import RelaisStore

@Suite struct MessageKindsMigrationTests {
    /// A database of schema 12 with one message of each kind, in each state, the columns filled.
    func schemaTwelve() throws -> TemporaryDatabase {
        let file = TemporaryDatabase()
        let kinds = ["reminder", "moved", "cancelled", "registration-promoted", "shuttle-reminder", "shuttle-promoted", "shuttle-cancelled"]
        let states = ["queued", "sending", "sent", "deferred", "failed", "cancelled", "dropped"]
        var rows: [String] = []
        for (index, kind) in kinds.enumerated() {
            for (offset, state) in states.enumerated() {
                let id = index * 10 + offset + 1
                let shuttle = kind.hasPrefix("shuttle-")
                let lease = state == "sending" ? "'host:1', 900, 1" : "NULL, NULL, 0"
                rows.append(
                    """
                    (\(id), '\(kind):\(id):sms', '\(kind)', '\(offset % 2 == 0 ? "sms" : "email")', \(shuttle ? "NULL" : "1"), 1,
                     \(shuttle ? "NULL" : "1"), 1, \(kind == "reminder" ? "0" : "NULL"), '\(state)', \(500 + id), 450, 100000, \(offset),
                     \(offset > 0 ? "400" : "NULL"), \(lease), \(state == "failed" ? "'550 refused'" : "NULL"),
                     \(state == "sent" ? "'250 ok'" : "NULL"), 10, 20, \(state == "sent" ? "600" : "NULL"), \(shuttle ? "1" : "NULL"),
                     \(state == "sent" ? "'delivered', 1, 700" : "NULL, NULL, NULL"), \(state == "deferred" ? "1" : "0"))
                    """)
            }
        }
        try file.makeSchema(
            12,
            then: """
                INSERT INTO commune (slug, name) VALUES ('gex', 'Gex');
                INSERT INTO campaign VALUES ('c', 'C', 'c.ics', 0);
                INSERT INTO event (uid, campaign, summary, categories, status, time_zone, all_day) VALUES ('e', 'c', 'E', 'screening', 'confirmed', 'UTC', 0);
                INSERT INTO occurrence (id, event, recurrence_key, starts_at, ends_at, status) VALUES (1, 'e', '', 100000, 200000, 'scheduled');
                INSERT INTO participant (id, name, commune, language, created_at) VALUES (1, 'P', 'gex', 'fr', 0);
                INSERT INTO registration (id, occurrence, participant, commune, registered_at, source) VALUES (1, 1, 1, 'gex', 0, 't');
                INSERT INTO shuttle_run (id, label, departs_at, arrives_at, returns_at, destination, seats, wheelchair_places,
                    seats_per_wheelchair, status, created_at) VALUES (1, 'Navette', 90000, 95000, 99000, 'CH', 8, 1, 2, 'scheduled', 0);
                INSERT INTO shuttle_stop (run, position, commune, place, pickup_at) VALUES (1, 1, 'gex', 'Mairie', 90000);
                INSERT INTO shuttle_booking (id, run, participant, commune, stop, outbound, inbound, companion, wheelchair, seats,
                    fare_band, fare_cents, status, booked_at, booked_by, confirmed_at) VALUES (1, 1, 1, 'gex', 1, 1, 1, 0, 0, 1, 'x', 0, 'confirmed', 0, 't', 0);
                INSERT INTO outbox (id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm, state,
                    due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, in_flight, reason, reply,
                    created_at, updated_at, sent_at, booking, delivery, delivery_code, delivery_at, interrupted)
                VALUES \(rows.joined(separator: ",\n"));
                """)
        return file
    }

    /// Every row of the outbox, in `columns`, as sqlite3 quotes them.
    func dump(_ file: TemporaryDatabase, columns: String) throws -> String {
        try sqlite3(file, "SELECT \(columns) FROM outbox ORDER BY id")
    }

    /// What sqlite3 prints for `query` (values quoted), the database file read as a separate program reads it.
    func sqlite3(_ file: TemporaryDatabase, _ query: String) throws -> String {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-quote", file.path, query]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func anOutboxOfTheSchemaBeforeKeepsEveryRowAndColumnWhenUpgraded() throws {
        let file = try schemaTwelve()
        // Schema 12's columns, every one of them (later steps may add columns, never drop one).
        let columns = try sqlite3(file, "SELECT group_concat(name, ', ') FROM pragma_table_info('outbox')")
            .trimmingCharacters(in: CharacterSet(charactersIn: "'\n"))
        let before = try dump(file, columns: columns)
        #expect(before.split(separator: "\n").count == 49)
        let store = try file.open()
        #expect(try store.database.row("SELECT max(version) AS n FROM schema_migration")?.int("n") == Migrations.steps.count)
        #expect(try dump(file, columns: columns) == before)
        #expect(try store.outbox(limit: 100).count == 49)
        let indexes = try store.database.rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL")
            .compactMap { $0.string("name") }
        #expect(
            Set(indexes)
                == [
                    "outbox_by_participant", "outbox_by_occurrence", "outbox_by_booking", "outbox_by_registration", "outbox_by_kind",
                    // step 19's outbox_outcome, for the reports, gave way to step 27's counts (Migrations+ReportCounts.swift);
                    // outbox_due, to step 29's claim and lease indexes (Migrations+OutboxQueue.swift)
                    "outbox_waiting", "outbox_sending",
                ])
        #expect(try store.database.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try store.messageKinds() == MessageKind.allCases.map(\.rawValue).sorted())
    }

    @Test func theUpgradedOutboxKeepsItsChecksAndRefusesAKindNobodyDeclared() throws {
        let store = try schemaTwelve().open()
        let insert = """
            INSERT INTO outbox (key, kind, channel, occurrence, occurrence_version, state, due_at, not_after, created_at, updated_at,
                sent_at, lease_until, in_flight, booking)
            VALUES (?, ?, 'sms', 1, 1, ?, 0, 1, 0, 0, ?, ?, ?, ?)
            """
        func refused(_ values: [SQLValue]) -> String? {
            (#expect(throws: DatabaseError.self) { try store.database.run(insert, values) })?.message
        }
        // A kind nobody declared: the foreign key to message_kind.
        #expect(refused([.text("k1"), .text("newsletter"), .text("queued"), .null, .null, .int(0), .null])?.contains("FOREIGN KEY") == true)
        // Sent without a sending time; in flight without a lease; a shuttle kind without a booking.
        #expect(refused([.text("k2"), .text("reminder"), .text("sent"), .null, .null, .int(0), .null])?.contains("CHECK") == true)
        #expect(refused([.text("k3"), .text("reminder"), .text("queued"), .null, .null, .int(1), .null])?.contains("CHECK") == true)
        #expect(refused([.text("k4"), .text("shuttle-reminder"), .text("queued"), .null, .null, .int(0), .null])?.contains("CHECK") == true)
        #expect(refused([.text("k5"), .text("reminder"), .text("posted"), .null, .null, .int(0), .null])?.contains("CHECK") == true)
        // A kind declared in message_kind needs no rebuilt outbox.
        try store.database.run("INSERT INTO message_kind (name, subject) VALUES ('newsletter', 'registration')")
        try store.database.run(insert, [.text("k6"), .text("newsletter"), .text("queued"), .null, .null, .int(0), .null])
        #expect(try store.outbox(limit: 100).contains { $0.kind == "newsletter" })
    }

    @Test func aFreshDatabaseKnowsEveryKindAndItsSubject() throws {
        let store = try TemporaryDatabase().open()
        let rows = try store.database.rows("SELECT name, subject FROM message_kind ORDER BY name")
        #expect(rows.count == MessageKind.allCases.count)
        for row in rows {
            let kind = try #require(MessageKind(rawValue: row.string("name")!))
            #expect(row.string("subject") == kind.descriptor.subject.rawValue)
        }
    }
}
