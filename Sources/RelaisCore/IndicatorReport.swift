// IndicatorReport: the contract's indicators as sections of tables, before and after masking.
//
// A report is built once with raw values (Indicators.report), every count of people named by a
// CellKey in one SuppressionProblem; `published(masked:)` then decides what readers see, the same
// way for every output format (table, CSV, JSON, HTML). Counts of events, sessions and health
// professionals come from the public calendar (the feed any partner subscribes to) and are shown
// as they are; counts of people and of messages sent to people are masked from 1 to 10. A masked
// value says why it is masked (MaskKind): a count from 1 to 10 reads "< 11", a value hidden only
// to protect another reads "s", so that no published text states a bound that is false.

import Foundation

/// The parts of a report, in the order they are printed.
public enum ReportSectionID: String, Sendable, CaseIterable, Comparable {
    case fa7, fa11, fa12, fa14, outreach

    public static func < (lhs: ReportSectionID, rhs: ReportSectionID) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A value as the indicators compute it.
public enum IndicatorValue: Sendable, Equatable {
    /// Words: a name, a date.
    case text(String)
    /// A public count (events, sessions, professionals): never masked.
    case count(Int)
    /// A count of people or of messages to people: masked from 1 to the limit.
    case people(Int, CellKey)
    /// `numerator / denominator` as a percentage, both counts of people.
    case rate(numerator: CellKey, denominator: CellKey)
    /// An amount that follows a count of people (the segments of the SMS sent, 1 or 2 each): it
    /// would tell that count, so it is masked (secondary) whenever that count is.
    case following(Int, count: CellKey)
    /// Nothing to show.
    case none
}

/// A value as readers see it.
public enum PublishedValue: Sendable, Equatable {
    case text(String)
    case count(Int)
    /// A value hidden by small-cell suppression, and why.
    case masked(MaskKind)
    /// A percentage, 0 to 100.
    case percent(Double)
    case none
}

/// A column of a table.
public struct ReportColumn: Sendable, Equatable {
    public var id: String
    public var label: String
    /// Numbers are aligned to the right and charted; words are not.
    public var isNumeric: Bool

    public init(id: String, label: String, isNumeric: Bool = true) {
        self.id = id
        self.label = label
        self.isNumeric = isNumeric
    }
}

/// A row: its label, then one value per column.
public struct ReportRow<Value: Sendable & Equatable>: Sendable, Equatable {
    public var id: String
    public var label: String
    public var values: [Value]
    public var isTotal: Bool
    /// The INSEE code of the commune the row is about (a commune, its CCAS, a QPV's or an event's
    /// commune), for the CSV's `code_insee`; nil for other rows.
    public var communeCode: String?

    public init(id: String, label: String, values: [Value], isTotal: Bool = false, communeCode: String? = nil) {
        self.id = id
        self.label = label
        self.values = values
        self.isTotal = isTotal
        self.communeCode = communeCode
    }
}

/// A bar chart of one column of a table (its total rows left out), for the HTML report.
public struct ReportChart: Sendable, Equatable {
    /// The column drawn: a public count.
    public var column: String
    /// Rows are months, in order: drawn as vertical bars along time; otherwise horizontal bars.
    public var isTimeline: Bool

    public init(column: String, isTimeline: Bool) {
        self.column = column
        self.isTimeline = isTimeline
    }
}

/// A table, perhaps drawn as a chart too.
public struct ReportTable<Value: Sendable & Equatable>: Sendable, Equatable {
    public var id: String
    public var title: String
    /// The heading of the row labels.
    public var rowHeading: String
    public var columns: [ReportColumn]
    public var rows: [ReportRow<Value>]
    public var note: String?
    public var chart: ReportChart?

    public init(
        id: String, title: String, rowHeading: String, columns: [ReportColumn], rows: [ReportRow<Value>], note: String? = nil,
        chart: ReportChart? = nil
    ) {
        self.id = id
        self.title = title
        self.rowHeading = rowHeading
        self.columns = columns
        self.rows = rows
        self.note = note
        self.chart = chart
    }
}

/// One action sheet (or the outreach part): its tables, or why it cannot be given.
public struct ReportSection<Value: Sendable & Equatable>: Sendable, Equatable {
    public var id: ReportSectionID
    public var title: String
    /// How the counts are defined, in a sentence or two each.
    public var notes: [String]
    public var tables: [ReportTable<Value>]
    /// Set when the section cannot be computed: the reason, said to readers.
    public var unavailable: String?

    public init(id: ReportSectionID, title: String, notes: [String] = [], tables: [ReportTable<Value>] = [], unavailable: String? = nil) {
        self.id = id
        self.title = title
        self.notes = notes
        self.tables = tables
        self.unavailable = unavailable
    }
}

/// What a report covers and how it is published.
public struct ReportHeading: Sendable, Equatable {
    public var period: ReportPeriod
    /// Sessions after this instant are not counted (the report's date, when inside the period).
    public var countedUntil: Date
    public var campaign: String?
    public var campaignName: String?
    /// True when no session was held in the period: nothing to count.
    public var isEmpty: Bool
    /// True when small counts are hidden; false for the coordinator's confidential copy.
    public var isMasked: Bool
    /// Counts from 1 to this are hidden.
    public var limit: Int
    /// The age under which people count as young for FA 14 (18 or 26).
    public var youngUnder: Int

    /// How a masked value is written in every format: "< 11" for a count from 1 to the limit, "s"
    /// (INSEE's *secret statistique*) for one hidden only to protect another.
    public func maskedText(_ kind: MaskKind) -> String {
        switch kind {
        case .primary: "< \(limit + 1)"
        case .secondary: "s"
        }
    }
}

/// A report with raw values and the problem its masking solves.
public struct IndicatorReport: Sendable {
    public var heading: ReportHeading
    public var sections: [ReportSection<IndicatorValue>]
    public var problem: SuppressionProblem

    /// The report as readers see it: with small counts masked, or raw (`masked: false`, the
    /// confidential copy). Every section is computed and masked together, so that a section
    /// printed alone hides exactly what it hides in the whole report.
    public func published(masked: Bool, limit: Int = CellSuppression.defaultLimit, sections wanted: Set<ReportSectionID>? = nil)
        -> PublishedReport
    {
        let hidden = masked ? CellSuppression.suppress(problem, limit: limit) : []
        var heading = self.heading
        heading.isMasked = masked
        heading.limit = limit
        func publish(_ value: IndicatorValue) -> PublishedValue {
            switch value {
            case .text(let text): return .text(text)
            case .count(let count): return .count(count)
            case .people(let count, let key):
                return hidden.contains(key) ? .masked(MaskKind(count: count, limit: limit)) : .count(count)
            case .rate(let numerator, let denominator):
                // A rate is no count of people: hidden with its counts, it protects them (secondary).
                guard !hidden.contains(numerator), !hidden.contains(denominator),
                    let top = problem.value(of: numerator), let bottom = problem.value(of: denominator), bottom > 0
                else { return hidden.contains(numerator) || hidden.contains(denominator) ? .masked(.secondary) : .none }
                return .percent(Double(top) * 100 / Double(bottom))
            case .following(let amount, let count): return hidden.contains(count) ? .masked(.secondary) : .count(amount)
            case .none: return .none
            }
        }
        let chosen = sections.filter { wanted?.contains($0.id) ?? true }.map { section in
            ReportSection<PublishedValue>(
                id: section.id, title: section.title, notes: section.notes,
                tables: section.tables.map { table in
                    ReportTable(
                        id: table.id, title: table.title, rowHeading: table.rowHeading, columns: table.columns,
                        rows: table.rows.map { row in
                            ReportRow(
                                id: row.id, label: row.label, values: row.values.map(publish), isTotal: row.isTotal,
                                communeCode: row.communeCode)
                        },
                        note: table.note, chart: table.chart)
                },
                unavailable: section.unavailable)
        }
        return PublishedReport(heading: heading, sections: chosen, maskedCells: hidden.count)
    }
}

/// A report as readers see it: what every output format prints.
public struct PublishedReport: Sendable, Equatable {
    public var heading: ReportHeading
    public var sections: [ReportSection<PublishedValue>]
    /// How many distinct counts the masking hid (over the whole report).
    public var maskedCells: Int
}
