// relais report: the participation counts the health contract's action sheets ask for, as a
// table, CSV, JSON or a self-contained HTML page, small counts of people masked.
//
// The store reads (Store+Indicators), the core counts and masks (Indicators*, CellSuppression),
// and ReportText, ReportCSV, ReportJSON and ReportHTML write the one PublishedReport they are
// given: every format shows the same cells masked.

import Foundation
import RelaisCore
import RelaisStore

enum ReportCommand {
    static let help = """
        relais report fa7|fa11|fa12|fa14|outreach|all [--year YYYY | --from DATE --to DATE]
                      [--campaign ID] [--format table|csv|json|html] [--output FILE]
                      [--unmasked] [--young-under 18|26]

        The indicators of the health contract's action sheets (fiches actions) over a period:
        FA 7 (vaccination and screening events, health professionals mobilised, actions relayed,
        registrations and presences per event, per campaign, in the two QPVs and elsewhere),
        FA 11 (people taken to the EPS by the shuttle, trips, situations handled per CCAS),
        FA 12 (the events around 8 March and their participants), FA 14 (young people reached,
        tobacco-free spaces, prevention actions, Mois sans tabac participants), and outreach
        (reminders sent and failed by channel, presence with and without a reminder).

        The period is the current calendar year unless --year or --from/--to (DATE is 2027-03-01;
        --to is exclusive) says otherwise. Sessions count when they are not cancelled and started
        in the period, before now. Counts of people from 1 to 10 are shown as "< 11", and so are
        the counts that would let anyone recompute them; counts of events and professionals are
        public and shown. --unmasked gives the raw counts, marked CONFIDENTIEL, for the
        coordinator only. The reports are in French, as the steering committee reads them.

        Formats: table (the terminal), csv (semicolon-separated, UTF-8 with a byte-order mark and
        decimal commas, as French spreadsheets open it; one value per line), json, html (one
        self-contained page with charts, printable on A4).

        Example:
          relais report all --year 2027 --format html --output cts-2027.html
          relais report fa7 --campaign octobre-rose-2027
          relais report fa14 --from 2026-10-01 --to 2026-12-01 --format csv --output fa14.csv
        """

    static let formats = ["table", "csv", "json", "html"]

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(
            words, options: ["year", "from", "to", "campaign", "format", "output", "young-under"], flags: ["unmasked"])
        let usage = "relais report fa7|fa11|fa12|fa14|outreach|all [--year YYYY | --from DATE --to DATE] [--campaign ID] [--format FORMAT]"
        try arguments.expectPositional(atMost: 1, usage: usage)
        guard let which = arguments.positional.first else {
            throw UserError.usage("report needs fa7, fa11, fa12, fa14, outreach or all\n\n\(help)")
        }
        let sections: Set<ReportSectionID>
        if which == "all" {
            sections = Set(ReportSectionID.allCases)
        } else if let section = ReportSectionID(rawValue: which) {
            sections = [section]
        } else {
            throw UserError.usage("unknown report \"\(which)\": fa7, fa11, fa12, fa14, outreach or all")
        }
        let format = try arguments.value("format") ?? "table"
        guard formats.contains(format) else {
            throw UserError.usage("--format \"\(format)\" is not one of \(formats.joined(separator: ", "))")
        }
        var options = IndicatorOptions(territory: context.territory, calendar: context.localTime.calendar)
        if let text = try arguments.value("young-under") {
            guard let age = Int(text), IndicatorOptions.youngThresholds.contains(age) else {
                throw UserError.usage("--young-under takes 18 or 26: registrations keep age groups (0-17, 18-25, 26-49...), not ages")
            }
            options.youngUnder = age
        }
        let period = try self.period(arguments, context)
        let store = try context.store()
        let campaign = try arguments.value("campaign")
        if let campaign, try !store.campaigns().contains(where: { $0.id == campaign }) {
            throw UserError.data("no campaign \(campaign) (relais campaigns list shows them)")
        }
        let data = try store.indicatorData(IndicatorQuery(period: period, until: context.now, campaign: campaign))
        var report = Indicators.report(
            data, period: period, countedUntil: min(period.end, context.now), campaign: campaign, options: options)
        if let campaign, report.heading.campaignName == nil {
            report.heading.campaignName = try store.campaigns().first { $0.id == campaign }?.name
        }
        let published = report.published(masked: !arguments.flag("unmasked"), sections: sections)
        let wording = ReportWording(localTime: context.localTime, generatedAt: context.now)
        let text: String
        switch format {
        case "csv": text = ReportCSV.render(published, wording)
        case "json": text = ReportJSON.render(published, wording)
        case "html": text = ReportHTML.render(published, wording)
        default: text = ReportText.render(published, wording)
        }
        if let output = try arguments.value("output") {
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
        let calendar = context.localTime.calendar
        let from = try context.date(arguments.value("from"), option: "from")
        let to = try context.date(arguments.value("to"), option: "to")
        if let text = try arguments.value("year") {
            guard from == nil, to == nil else { throw UserError.usage("give --year or --from and --to, not both") }
            guard let year = Int(text), (2000...2200).contains(year), let period = ReportPeriod.year(year, calendar: calendar) else {
                throw UserError.usage("--year takes a year such as 2027, not \"\(text)\"")
            }
            return period
        }
        if from != nil || to != nil {
            guard let from, let to else { throw UserError.usage("--from and --to go together (--to is exclusive)") }
            guard from < to else { throw UserError.usage("--to must come after --from") }
            return ReportPeriod(start: from, end: to)
        }
        return ReportPeriod.year(calendar.component(.year, from: context.now), calendar: calendar)!
    }
}
