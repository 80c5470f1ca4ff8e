import CSQLite
import Foundation
import RelaisCore

@testable import RelaisStore

/// A fresh database file in its own temporary directory, removed when the test ends.
final class TemporaryDatabase {
    let directory: URL
    let path: String

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("relais.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func open() throws -> Store { try Store.open(path: path, territory: .paysDeGex) }
}

enum Sample {
    static let paris = LocalTime.paris
    static let now = paris.parse("2027-03-01T10:00")!

    static func occurrence(_ key: String, _ local: String, minutes: Int = 180, status: EventStatus = .confirmed) -> CalendarOccurrence {
        let start = paris.parse(local)!
        return CalendarOccurrence(recurrenceKey: key, start: start, end: start + Double(minutes * 60), status: status)
    }

    static func event(_ uid: String, capacity: Int? = 2, occurrences: [CalendarOccurrence]) -> CampaignEvent {
        CampaignEvent(
            uid: uid, summary: "Stand Mars bleu", description: nil, location: "Salle des fêtes, Gex", categories: [.screening],
            labels: [], commune: "01173", neighbourhood: nil, capacity: capacity, professionals: 2, actionSheets: [7],
            audience: nil, status: .confirmed, sequence: 0, timeZone: "Europe/Paris", allDay: false,
            alarms: [CalendarAlarm(trigger: .fromStart(seconds: -86_400))], occurrences: occurrences)
    }

    static func campaign(_ events: [CampaignEvent]) -> CampaignCalendarContent {
        CampaignCalendarContent(campaign: Campaign(id: "mars-bleu-2027", name: "Mars bleu 2027"), events: events)
    }

    /// A resident of Gex with SMS consent; each name its own mobile number (two residents sharing
    /// one are refused as duplicates), "Jeanne Martin" 06 12 34 56 78.
    static func person(_ name: String = "Jeanne Martin") -> NewParticipant {
        try! ParticipantForm(
            name: name, phone: phone(of: name), commune: "Gex", birthYear: "1952", consentedChannels: ["sms"],
            consentSource: "CCAS de Gex"
        ).validated(territory: .paysDeGex, now: now, calendar: paris.calendar)
    }
}

extension Sample {
    /// A mobile number made from `name`: the same name, the same number.
    static func phone(of name: String) -> String {
        guard name != "Jeanne Martin" else { return "06 12 34 56 78" }
        let digits = name.unicodeScalars.reduce(0) { ($0 * 31 + Int($1.value)) % 100_000_000 }
        return "06" + String(format: "%08d", digits)
    }
}

extension TemporaryDatabase {
    /// Makes the file a database of schema `version`, as a relais that knew only the first
    /// `version` steps would have left it (each step applied and recorded as Migrations.apply
    /// does), then runs `sql` on it. Opening it with `open()` upgrades it.
    func makeSchema(_ version: Int, then sql: String = "") throws {
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK, let handle else { throw DatabaseError(code: 1, message: "cannot open", sql: nil) }
        defer { sqlite3_close(handle) }
        let steps =
            ["CREATE TABLE schema_migration (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT"]
            + Migrations.steps.prefix(version).enumerated().map { index, step in
                "BEGIN; \(step); INSERT INTO schema_migration (version, applied_at) VALUES (\(index + 1), 0); COMMIT"
            } + (sql.isEmpty ? [] : [sql])
        for step in steps {
            var message: UnsafeMutablePointer<CChar>?
            guard sqlite3_exec(handle, step, nil, nil, &message) == SQLITE_OK else {
                defer { sqlite3_free(message) }
                throw DatabaseError(code: 1, message: message.map { String(cString: $0) } ?? "failed", sql: String(step.prefix(200)))
            }
        }
    }
}
