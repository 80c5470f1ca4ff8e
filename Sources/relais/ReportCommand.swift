// relais report: the participation counts the health contract's action sheets ask for, as a
// table, CSV, JSON or a self-contained HTML page, small counts of people masked.
//
// RelaisReports makes the report (the same as the desk's): the store reads, the core counts and
// masks, and one renderer per format writes the one PublishedReport it is given. This file reads
// the options and says what is wrong with them.

import Foundation
import RelaisCore
import RelaisReports
import RelaisStore

enum ReportCommand {
    static let help = """
        relais report fa7|fa11|fa12|fa14|outreach|all [--year YYYY | --from DATE --to DATE]
                      [--campaign ID] [--format table|csv|json|html] [--output FILE]
                      [--unmasked] [--young-under 18|26]
        relais report merge A.json B.json [--output FILE]   (below)

        The indicators of the health contract's action sheets (fiches actions) over a period:
        FA 7 (vaccination and screening events, health professionals mobilised, actions relayed,
        registrations and presences per event, per campaign, in the two QPVs and elsewhere),
        FA 11 (people taken to the EPS by the shuttle, trips, situations handled per CCAS),
        FA 12 (the events around 8 March and their participants), FA 14 (young people reached,
        tobacco-free spaces, prevention actions, Mois sans tabac participants), and outreach
        (reminders sent and failed by channel, presence with and without a reminder).

        The period is the current calendar year unless --year or --from/--to (DATE is 2027-03-01;
        --to is exclusive) says otherwise, within the years 2000 to 2200. Sessions count when they
        are not cancelled and started in the period, before now. Counts of people from 1 to 10 are
        shown as "< 11"; a value hidden only so that one of them cannot be recomputed from the
        totals is shown as "s" (secret statistique: never a count from 1 to 10); the legend opens
        the report, and CSV and JSON mark each masked value primary or secondary. Counts of
        events and professionals are public and shown. --unmasked gives the raw counts, marked
        CONFIDENTIEL, for the coordinator only. The reports are in French, as the steering
        committee reads them.

        Formats: table (the terminal), csv (semicolon-separated, UTF-8 with a byte-order mark and
        decimal commas, as French spreadsheets open it; one value per line), json, html (one
        self-contained page with charts, printable on A4).

        Example:
          relais report all --year 2027 --format html --output cts-2027.html
          relais report fa7 --campaign octobre-rose-2027
          relais report fa14 --from 2026-10-01 --to 2026-12-01 --format csv --output fa14.csv

        \(mergeHelp)
        """

    static let formats = ReportFormat.allCases.map(\.rawValue)

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: ["year", "from", "to", "campaign", "format", "output", "young-under"], flags: ["unmasked"])
        let usage = "relais report fa7|fa11|fa12|fa14|outreach|all [--year YYYY | --from DATE --to DATE] [--campaign ID] [--format FORMAT]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        guard let which = arguments.positional.first else {
            throw UserError.usage("report needs fa7, fa11, fa12, fa14, outreach or all\n\n\(help)")
        }
        let formatName = try arguments.value("format") ?? "table"
        do {
            let sections = try ReportRequest.sections(named: which)
            guard let format = ReportFormat(rawValue: formatName) else {
                throw ReportRefusal.unknownFormat(typed: formatName, known: formats)
            }
            var youngUnder = 26
            if let text = try arguments.value("young-under") {
                guard let age = Int(text), IndicatorOptions.youngThresholds.contains(age) else {
                    throw UserError.usage("--young-under takes 18 or 26: registrations keep age groups (0-17, 18-25, 26-49...), not ages")
                }
                youngUnder = age
            }
            let request = ReportRequest(
                sections: sections, period: try period(arguments, context), campaign: try arguments.value("campaign"),
                masked: !arguments.flag("unmasked"), youngUnder: youngUnder)
            try write(request, format: format, output: try arguments.value("output"), context)
        } catch let refusal as ReportRefusal {
            throw UserError.usage(RefusalText.words(refusal))
        }
    }

    /// Makes the report and prints it, or writes it to `output`.
    static func write(_ request: ReportRequest, format: ReportFormat, output: String?, _ context: Context) throws {
        let published: PublishedReport
        do {
            published = try Reports.publish(
                request, store: try context.store(), territory: context.territory, localTime: context.localTime, now: context.now)
        } catch Refusal.notFound(.campaign, let campaign) {
            throw UserError.data("no campaign \(campaign) (relais campaigns list shows them)")
        }
        let wording = ReportWording(localTime: context.localTime, generatedAt: context.now, territory: context.territory)
        let text = Reports.render(published, as: format, wording)
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw UserError.cannotCreate("\(output): cannot be written (\(error.localizedDescription))")
            }
            let masking = published.heading.isMasked ? "\(published.maskedCells) counts masked" : "UNMASKED, confidential"
            print("report written to \(output) (\(masking))")
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }

    /// The period: --year, --from and --to, or the current calendar year.
    static func period(_ arguments: Arguments, _ context: Context) throws -> ReportPeriod {
        let from = try context.date(arguments.value("from"), option: "from")
        let to = try context.date(arguments.value("to"), option: "to")
        return try ReportPeriod.chosen(
            year: try arguments.value("year"), from: from, to: to, now: context.now, calendar: context.localTime.calendar)
    }
}
