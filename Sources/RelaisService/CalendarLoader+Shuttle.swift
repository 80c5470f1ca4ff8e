// CalendarLoader+Shuttle: the shuttle lines a transport calendar describes (stops, vehicle,
// arrival, return: the X-RELAIS-STOPS... properties, or the [transport] defaults), read from the
// same file as its events so that `campaigns load` and the daemon keep the runs in step.

import Foundation
import RelaisCore
import RelaisStore

extension CalendarLoader {
    /// The line of every transport event of a judged calendar, by UID, and the problem of each
    /// event whose properties do not make a line (with the event's line).
    func shuttleLines(
        _ document: CalendarDocument, _ content: CampaignCalendarContent, file: String, settings: ShuttleSettings
    ) -> (lines: [String: ShuttleLine], problems: [FileError]) {
        var lines: [String: ShuttleLine] = [:]
        var problems: [FileError] = []
        for event in content.events where event.categories.contains(.transport) {
            guard let source = document.events.first(where: { $0.uid == event.uid }) else { continue }
            var zone = Calendar(identifier: .gregorian)
            zone.timeZone = TimeZone(identifier: event.timeZone) ?? calendar.timeZone
            let first = event.occurrences.first
            let original = first.map { Self.originalStart(of: $0) }
            let firstMinute = original.map { zone.component(.hour, from: $0) * 60 + zone.component(.minute, from: $0) }
            let stopMinute = source.extensions["X-RELAIS-STOPS"].flatMap { text in
                text.split(separator: ";").first.flatMap { ShuttleClock.minutes(String($0.trimmingCharacters(in: .whitespaces).prefix(5))) }
            }
            do {
                lines[event.uid] = try ShuttleCalendarProperties.line(
                    source.extensions, commune: event.commune, location: event.location, capacity: event.capacity,
                    firstMinute: firstMinute ?? stopMinute ?? 0,
                    durationMinutes: first.map { Int($0.end.timeIntervalSince($0.start)) / 60 } ?? 0,
                    settings: settings, territory: territory)
            } catch {
                problems.append(FileError(fileName: file, line: source.line, reason: "event \(event.uid): \(error.field): \(error.reason)"))
            }
        }
        return (lines, problems)
    }

    /// The start an occurrence had in the series (its RECURRENCE-ID), before any override moved it.
    static func originalStart(of occurrence: CalendarOccurrence) -> Date {
        guard !occurrence.recurrenceKey.isEmpty else { return occurrence.start }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: occurrence.recurrenceKey) ?? occurrence.start
    }
}
