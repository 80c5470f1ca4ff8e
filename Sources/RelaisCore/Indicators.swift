// Indicators: from IndicatorData to the report's tables, with every count of people declared to
// the suppression problem by what it counts.
//
// The registrations of one event are an atom. A count over a set of events is named by the set
// ("registered|#3,#8"), whatever table shows it, and declared equal to the sum of its atoms; so
// the same count in two tables is one cell, and the relations between tables (a commune's events
// and the total, a campaign's events and the QPV rows) are all known to the suppression. Counts
// of events, sessions and professionals are public and plain. The sections themselves are in
// Indicators+FA7.swift, Indicators+Sheets.swift (FA 11, 12, 14) and Indicators+Outreach.swift.

import Foundation

/// Choices that change what is counted.
public struct IndicatorOptions: Sendable {
    public var territory: Territory
    public var calendar: Calendar
    /// FA 14 counts young people under this age: 18 or 26 (the bounds of the stored age groups).
    public var youngUnder: Int

    /// The thresholds the stored age groups allow: registrations keep the band ("0-17",
    /// "18-25", "26-49"...), not the age, so a young person can only be "under 18" or "under 26".
    public static let youngThresholds = [18, 26]

    public init(territory: Territory, calendar: Calendar = LocalTime.paris.calendar, youngUnder: Int = 26) {
        self.territory = territory
        self.calendar = calendar
        self.youngUnder = youngUnder
    }
}

public enum Indicators {
    /// The report for `data`, read over `period` (sessions counted until `countedUntil`),
    /// optionally for one campaign.
    public static func report(
        _ data: IndicatorData, period: ReportPeriod, countedUntil: Date, campaign: String? = nil,
        options: IndicatorOptions
    ) -> IndicatorReport {
        var builder = ReportBuilder(data: data, period: period, options: options)
        let heading = ReportHeading(
            period: period, countedUntil: countedUntil, campaign: campaign, campaignName: campaign.flatMap { data.campaignNames[$0] },
            isEmpty: data.isEmpty, isMasked: true, limit: CellSuppression.defaultLimit, youngUnder: options.youngUnder)
        guard !data.isEmpty else { return IndicatorReport(heading: heading, sections: [], problem: builder.problem) }
        let sections = [builder.fa7(), builder.fa11(), builder.fa12(), builder.fa14(), builder.outreach()]
        return IndicatorReport(heading: heading, sections: sections, problem: builder.problem)
    }
}

/// Builds the sections and the suppression problem together.
struct ReportBuilder {
    /// What is counted among an event's registrations.
    enum Measure: String {
        case registered, attended

        func count(_ event: IndicatorEvent) -> Int {
            self == .registered ? event.people.registered : event.people.attended
        }
    }

    let data: IndicatorData
    let period: ReportPeriod
    let options: IndicatorOptions
    /// The events, by UID: their position is their number in cell keys, and each carries it (`number`).
    /// Every set a section counts is taken from these.
    let events: [IndicatorEvent]
    /// Each event's registrations and presences, by number: summed over sets of thousands of events
    /// without copying the events themselves.
    private let registeredOf: [Int]
    private let attendedOf: [Int]
    /// Each event's two atoms, by number: their cells in the problem.
    private var registeredAtoms: [Int] = []
    private var attendedAtoms: [Int] = []
    var problem = SuppressionProblem()
    /// The relations declared, as the total's cell then the members' in order: one set of thousands of
    /// events is compared by its cells' numbers, never by their keys' text.
    private var related: Set<[Int]> = []

    init(data: IndicatorData, period: ReportPeriod, options: IndicatorOptions) {
        self.data = data
        self.period = period
        self.options = options
        var events = data.events.sorted { $0.uid < $1.uid }
        for number in events.indices { events[number].number = number }
        self.events = events
        registeredOf = events.map { Measure.registered.count($0) }
        attendedOf = events.map { Measure.attended.count($0) }
        for (number, event) in events.enumerated() {
            let registered = Self.key(Measure.registered.rawValue, [number])
            let attended = Self.key(Measure.attended.rawValue, [number])
            problem.atom(registered, value: Measure.registered.count(event))
            problem.atom(attended, value: Measure.attended.count(event))
            registeredAtoms.append(problem.index(of: registered)!)
            attendedAtoms.append(problem.index(of: attended)!)
        }
    }

    // MARK: - Counts of people

    /// The registrations (or presences) at a set of events: one cell, equal to the sum of the
    /// events' atoms.
    mutating func people(_ measure: Measure, _ set: [IndicatorEvent]) -> IndicatorValue {
        people(measure, numbers: numbers(of: set))
    }

    /// The registrations (or presences) at one event: the same cell as `people(measure, [event])`,
    /// without making a one-event set (a per-event table makes two for each of thousands of events).
    mutating func people(_ measure: Measure, event: IndicatorEvent) -> IndicatorValue {
        people(measure, numbers: [event.number])
    }

    /// The numbers of the events of `set`, ascending, each once. A set is most often a filter of `events`,
    /// already in their order: then no Set is made nor sorted.
    private func numbers(of set: [IndicatorEvent]) -> [Int] {
        let numbers = set.map(\.number)
        let ascending = zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }
        return ascending ? numbers : Set(numbers).sorted()
    }

    /// The cell of the events numbered `numbers` (ascending, each once): the sum of their atoms.
    private mutating func people(_ measure: Measure, numbers: [Int]) -> IndicatorValue {
        let key = Self.key(measure.rawValue, numbers)
        let counts = measure == .registered ? registeredOf : attendedOf
        let value = numbers.reduce(0) { $0 + counts[$1] }
        problem.publish(key, value: value)
        let atoms = measure == .registered ? registeredAtoms : attendedAtoms
        relate(problem.index(of: key)!, numbers.map { atoms[$0] })
        return .people(value, key)
    }

    /// A count of people of another kind (an age group, with or without reminder, messages),
    /// named by `name` and the set of events it is taken over.
    mutating func people(_ name: String, over set: [IndicatorEvent], value: Int) -> IndicatorValue {
        let key = Self.key(name, numbers(of: set))
        problem.publish(key, value: value)
        return .people(value, key)
    }

    /// A count of people not tied to events (reminders by channel), named by `name`.
    mutating func people(_ name: String, value: Int) -> IndicatorValue {
        let key = CellKey(name)
        problem.publish(key, value: value)
        return .people(value, key)
    }

    /// Declares that a people cell is the sum of others (a table's total and its rows).
    mutating func relate(_ total: IndicatorValue, _ members: [IndicatorValue]) {
        guard case .people(_, let totalKey) = total else { return }
        relate(totalKey, members.compactMap { if case .people(_, let key) = $0 { key } else { nil } })
    }

    /// Two rows share a key only when both count an empty set of events (both 0): such a
    /// duplicate adds nothing and is dropped. A row equal to the total leaves the others at 0,
    /// which readers see: that relation says nothing either.
    private mutating func relate(_ total: CellKey, _ members: [CellKey]) {
        relate(problem.index(of: total)!, members.map { problem.index(of: $0)! })
    }

    /// The same, by cell.
    private mutating func relate(_ total: Int, _ members: [Int]) {
        var seen: Set<Int> = []
        let members = members.filter { cell in
            if seen.insert(cell).inserted { return true }
            assert(problem.values[cell] == 0, "\(problem.keys[cell]) is a row twice with a count")
            return false
        }
        guard !members.isEmpty, !members.contains(total) else { return }
        guard related.insert([total] + members.sorted()).inserted else { return }
        problem.relate(total: total, members: members)
    }

    /// "registered|#3,#8", "registered|none": written into one string as it grows, not joined from one
    /// string per event (a total over thousands of events is made several times per report).
    static func key(_ name: String, _ numbers: [Int]) -> CellKey {
        var text = name + "|"
        guard !numbers.isEmpty else { return CellKey(text + "none") }
        text.reserveCapacity(text.utf8.count + numbers.count * 7)
        for (position, number) in numbers.enumerated() {
            text.append(position == 0 ? "#" : ",#")
            text.append(String(number))
        }
        return CellKey(text)
    }

    // MARK: - Public counts

    /// Sessions held.
    func sessions(_ set: [IndicatorEvent]) -> Int { set.reduce(0) { $0 + $1.sessions.count } }

    /// Health professionals mobilised: per session, summed over the sessions.
    func professionals(_ set: [IndicatorEvent]) -> Int { set.reduce(0) { $0 + $1.professionals * $1.sessions.count } }

    // MARK: - Wording

    /// A stored INSEE code's commune name: the territory's name, else the last one the
    /// database knew (a commune merged away), else the code.
    func communeName(_ code: String?) -> String {
        guard let code else { return "Hors territoire" }
        return options.territory.communeName(code: code, known: data.communeNames)
    }

    /// A commune's row id in the tables: the slug of its name, as reports have always given it.
    func communeRowID(_ code: String) -> String { options.territory.communeSlug(code: code, known: data.communeNames) }

    /// Stored commune codes in the order of their names (accents and case aside).
    func sortedByName(_ codes: [String]) -> [String] {
        codes.map { (Territory.slug(communeName($0)), $0) }.sorted { $0 < $1 }.map(\.1)
    }

    func campaignName(_ id: String) -> String { data.campaignNames[id] ?? id }

    /// "mars 2027".
    func monthName(_ month: Date) -> String { ReportDateWording.month(month, calendar: options.calendar) }

    /// "09/03/2027".
    func shortDate(_ date: Date) -> String {
        let parts = options.calendar.dateComponents([.year, .month, .day], from: date)
        return "\(Self.padded(parts.day!, 2))/\(Self.padded(parts.month!, 2))/\(Self.padded(parts.year!, 4))"
    }

    /// `number` with zeros in front up to `width` digits, as "%0*d" writes it (String(format:) took more
    /// time than the rest of a per-event table).
    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return number < 0 || digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// For each month of the period (first instants, in order), the sessions of `set` that start
    /// in it.
    func sessionsByMonth(_ set: [IndicatorEvent]) -> [(month: Date, sessions: [(event: IndicatorEvent, start: Date)])] {
        let months = period.months(calendar: options.calendar)
        var buckets = Array(repeating: [(event: IndicatorEvent, start: Date)](), count: months.count)
        for event in set {
            for start in event.sessions {
                guard let index = months.lastIndex(where: { $0 <= start }) else { continue }
                buckets[index].append((event, start))
            }
        }
        return zip(months, buckets).map { (month: $0, sessions: $1) }
    }
}

/// Dates as the reports write them, in French: "1er janvier 2027", "mars 2027".
public enum ReportDateWording {
    /// "1er janvier 2027", "31 décembre 2027".
    public static func day(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day! == 1 ? "1er" : String(parts.day!)) \(months[parts.month! - 1]) \(parts.year!)"
    }

    /// "mars 2027".
    public static func month(_ date: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month], from: date)
        return "\(months[parts.month! - 1]) \(parts.year!)"
    }

    static var months: [String] { LocalDateWording.frenchMonths }
}
