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
            labels: [], commune: "gex", neighbourhood: nil, capacity: capacity, professionals: 2, actionSheets: [7],
            audience: nil, status: .confirmed, sequence: 0, timeZone: "Europe/Paris", allDay: false,
            alarms: [CalendarAlarm(trigger: .fromStart(seconds: -86_400))], occurrences: occurrences)
    }

    static func campaign(_ events: [CampaignEvent]) -> CampaignCalendarContent {
        CampaignCalendarContent(campaign: Campaign(id: "mars-bleu-2027", name: "Mars bleu 2027"), events: events)
    }

    static func person(_ name: String = "Jeanne Martin") -> NewParticipant {
        try! ParticipantForm(
            name: name, phone: "06 12 34 56 78", commune: "Gex", birthYear: "1952", consentedChannels: ["sms"],
            consentSource: "CCAS de Gex"
        ).validated(territory: .paysDeGex, now: now, calendar: paris.calendar)
    }
}
