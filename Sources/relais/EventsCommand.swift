// relais events list: the occurrences of the campaigns' events, in local time.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum EventsCommand {
    static let help = """
        relais events list [--campaign ID] [--from DATE] [--to DATE] [--json]

        Lists occurrences by start, in local time (Europe/Paris), from today unless --from says
        otherwise. Each line gives the occurrence id (what relais register and attend take),
        its status (scheduled, moved, cancelled), and registrations against capacity.
        DATE is 2027-03-30 or 2027-03-30T09:00; --to is exclusive.

        Example:
          relais events list --campaign mars-bleu-2027
          relais events list --from 2027-03-01 --to 2027-04-01 --json
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard words.first == "list" else { throw UserError.usage("events takes list\n\n\(help)") }
        let arguments = try Arguments(Array(words.dropFirst()), options: ["campaign", "from", "to"], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais events list [--campaign ID] [--from DATE] [--to DATE] [--json]")
        let from = try context.date(arguments.value("from"), option: "from") ?? context.localTime.calendar.startOfDay(for: context.now)
        let to = try context.date(arguments.value("to"), option: "to")
        let store = try context.store()
        let campaign = try arguments.value("campaign")
        if let campaign, try !store.campaigns().contains(where: { $0.id == campaign }) {
            throw UserError.data("no campaign \(campaign) (relais campaigns list shows them)")
        }
        let occurrences = try store.occurrences(OccurrenceFilter(campaign: campaign, from: from, to: to))
        for event in try store.truncatedEvents(campaign: campaign, before: to) {
            Output.warn(
                "\(event.uid) (\(event.summary)) repeats after \(context.localTime.short(event.generatedUntil)), "
                    + "but its later occurrences are not generated (\(CampaignsCommand.cause(event.cause, context)))")
        }
        if arguments.flag("json") {
            Output.json(occurrences.map { OccurrenceJSON($0, territory: context.territory, localTime: context.localTime) })
            return
        }
        if occurrences.isEmpty {
            print("No occurrence in that period.")
            return
        }
        Output.table(
            ["ID", "START", "END", "STATUS", "SEATS", "CAMPAIGN", "SUMMARY"],
            occurrences.map { occurrence in
                let waiting = occurrence.waitlisted > 0 ? " +\(occurrence.waitlisted) waiting" : ""
                let seats = (occurrence.capacity.map { "\(occurrence.registered)/\($0)" } ?? "\(occurrence.registered)") + waiting
                let endDay = context.localTime.day(occurrence.end) == context.localTime.day(occurrence.start)
                let end = context.localTime.short(occurrence.end)
                return [
                    String(occurrence.id), context.localTime.short(occurrence.start),
                    endDay ? String(end.suffix(5)) : end, occurrence.status.rawValue, seats, occurrence.campaign,
                    occurrence.summary,
                ]
            })
    }

}
