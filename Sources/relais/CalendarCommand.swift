// relais calendar export: the upcoming events as an iCalendar feed partners can subscribe to.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisStore

enum CalendarCommand {
    static let help = """
        relais calendar export [--campaign ID] [--from DATE] [--days N] [--output FILE]

        Writes the upcoming occurrences (from today, for 365 days unless --days says otherwise) as
        one RFC 5545 calendar: one VEVENT per occurrence, cancelled ones with STATUS:CANCELLED so
        that subscribed calendars remove them. Publish the file where partners subscribe to it.
        No personal data is in it.

        Example:
          relais calendar export --output /var/www/relais/agenda.ics
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard words.first == "export" else { throw UserError.usage("calendar takes export\n\n\(help)") }
        let arguments = try Arguments(Array(words.dropFirst()), options: ["campaign", "from", "days", "output"], flags: [])
        try arguments.expectPositional(atMost: 0, usage: "relais calendar export [--campaign ID] [--from DATE] [--days N] [--output FILE]")
        let from = try context.date(arguments.value("from"), option: "from") ?? context.localTime.calendar.startOfDay(for: context.now)
        var days = 365
        if let text = try arguments.value("days") {
            guard let number = Int(text), (1...3660).contains(number) else { throw UserError.usage("--days takes a number from 1 to 3660") }
            days = number
        }
        let to = context.localTime.calendar.date(byAdding: .day, value: days, to: from)!
        let occurrences = try context.store().occurrences(
            OccurrenceFilter(campaign: try arguments.value("campaign"), from: from, to: to))
        let events = occurrences.map { occurrence in
            FeedEvent(
                uid: "\(occurrence.id).\(occurrence.uid)", summary: occurrence.summary,
                description: occurrence.description, location: occurrence.location, categories: occurrence.categories,
                start: occurrence.start, end: occurrence.end, timeZone: occurrence.timeZone, allDay: occurrence.allDay,
                status: occurrence.status == .cancelled ? .cancelled : .confirmed,
                sequence: occurrence.sequence + (occurrence.status == .scheduled ? 0 : 1), lastModified: context.now)
        }
        let feed = CalendarWriter.feed(events, name: "Prévention santé – \(context.territory.name)", now: context.now)
        if let output = try arguments.value("output") {
            do {
                try Data(feed.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw UserError.cannotCreate("\(output): cannot be written (\(error.localizedDescription))")
            }
            print("\(events.count) occurrences written to \(output)")
        } else {
            print(feed, terminator: "")
        }
    }
}
