// RandomRuleComparisonTests: 150 seeded random RRULEs, each expanded by CalendarReader (libical, with
// WeeklyRule's split) and by python-dateutil (rrule_oracle.py), without WKST and with a WKST drawn
// at random: the same instants, every one. The rules are drawn from the forms planners' calendars
// write, and from those where libical 3.0 and RFC 5545 part: INTERVAL with BYDAY (weeks start on
// WKST, Monday when absent), BYSETPOS, BYMONTHDAY=-1, and times across Europe/Paris's clock changes
// (02:30 on the day the clocks go forward, which does not exist, and on the day they go back, twice).
// The seed is fixed, so a failure is made again by running the test; it prints every rule it
// compares when one differs.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisTestPeers
import Testing

@Suite struct RandomRuleComparisonTests {
    static let seed: UInt64 = 0x5245_4C41_4953_0014
    static let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    @Test func oneHundredFiftySeededRulesEqualDateutilWithAndWithoutWKST() throws {
        var random = SplitMix(state: Self.seed)
        let rules = (0..<150).map { Self.rule(kind: $0 % 6, &random) }
        let withWeekStart = rules.map { ($0.start, $0.rule + ";WKST=" + Self.days[random.below(7)]) }
        let cases = rules.map { ($0.start, $0.rule) } + withWeekStart
        let answers = try oracle(batch: cases.map { ["DTSTART;TZID=Europe/Paris:\($0.0)", "RRULE:\($0.1)"] })
        #expect(answers.count == cases.count)
        var mismatches: [String] = []
        for ((start, rule), answer) in zip(cases, answers) {
            let lines = ["DTSTART;TZID=Europe/Paris:\(start)", "RRULE:\(rule)"]
            guard case .instants(let expected) = answer else {
                Issue.record("dateutil skipped \(rule): \(answer)")
                continue
            }
            let actual: [String]
            do { actual = try read(event(lines)).events[0].occurrences.map(\.recurrenceKey) } catch {
                mismatches.append("\(start) \(rule): refused \(error)")
                continue
            }
            if actual != expected {
                mismatches.append(
                    "\(start) \(rule)\n    relais  \(actual.prefix(6))\n    dateutil \(expected.prefix(6))")
            }
        }
        #expect(cases.count == 300)
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ:\n\(mismatches.joined(separator: "\n"))")
        print("random rules: \(cases.count - mismatches.count) of \(cases.count) equal dateutil (seed \(Self.seed))")
    }

    @Test func theIssuesFortnightlyRuleStartsInDTSTARTsMondayWeek() throws {
        let document = try read(event(["DTSTART;TZID=Europe/Paris:20270301T090000", "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;COUNT=3"]))
        #expect(document.events[0].occurrences.map { wallClock($0.start) } == [
            "2027-03-01 09:00", "2027-03-07 09:00", "2027-03-28 09:00", "2027-04-18 09:00",
        ])
        let sunday = try read(
            event(["DTSTART;TZID=Europe/Paris:20270301T090000", "RRULE:FREQ=WEEKLY;INTERVAL=3;BYDAY=SU;WKST=SU;COUNT=2"]))
        #expect(sunday.events[0].occurrences.map { wallClock($0.start) } == ["2027-03-01 09:00", "2027-03-21 09:00", "2027-04-11 09:00"])
    }

    /// One rule of `kind` (0 to 5) and its DTSTART (local time in Europe/Paris), without WKST.
    static func rule(kind: Int, _ random: inout SplitMix) -> (start: String, rule: String) {
        func pick<T>(_ values: [T]) -> T { values[random.below(values.count)] }
        func weekdays(_ count: Int, from pool: [String] = days) -> String {
            var chosen: [String] = []
            while chosen.count < count {
                let day = pick(pool)
                if !chosen.contains(day) { chosen.append(day) }
            }
            return chosen.joined(separator: ",")
        }
        var start = DateComponents(
            calendar: Calendar(identifier: .gregorian), year: 2026, month: 1, day: 1 + random.below(520),
            hour: pick([2, 9, 14, 18]), minute: pick([0, 30]))
        var parts: [String]
        switch kind {
        case 0:
            parts = ["FREQ=WEEKLY", "INTERVAL=\(2 + random.below(3))", "BYDAY=\(weekdays(1 + random.below(3)))"]
        case 1:
            parts = [
                "FREQ=MONTHLY", "BYDAY=\(weekdays(1 + random.below(5), from: Array(days.prefix(5))))",
                "BYSETPOS=\(pick(["1", "-1", "2", "-2", "1,-1"]))",
            ]
            if random.below(2) == 0 { parts.insert("INTERVAL=\(2 + random.below(2))", at: 1) }
        case 2:
            parts = ["FREQ=MONTHLY", "BYMONTHDAY=\(pick(["-1", "-1", "15,-1", "1,-1"]))", "INTERVAL=\(1 + random.below(3))"]
        case 3:
            // Across a clock change: a few days before the last Sunday of March or October.
            let (year, month, sunday) = pick([(2026, 3, 29), (2026, 10, 25), (2027, 3, 28), (2027, 10, 31)])
            start = DateComponents(
                calendar: Calendar(identifier: .gregorian), year: year, month: month, day: sunday - random.below(8),
                hour: pick([1, 2, 2, 3, 9]), minute: pick([0, 30]))
            parts = pick([
                ["FREQ=DAILY", "INTERVAL=\(1 + random.below(2))"], ["FREQ=WEEKLY", "BYDAY=\(weekdays(2))"],
                ["FREQ=WEEKLY", "INTERVAL=2", "BYDAY=SU,\(pick(["MO", "SA", "TH"]))"],
            ])
        case 4:
            parts = ["FREQ=MONTHLY", "BYDAY=\(pick(["1", "2", "3", "-1", "-2"]))\(pick(days))"]
            if random.below(2) == 0 { parts.insert("INTERVAL=\(2 + random.below(2))", at: 1) }
        default:
            parts = pick([
                ["FREQ=YEARLY", "BYMONTH=3,10", "BYDAY=-1SU"], ["FREQ=WEEKLY", "BYDAY=\(weekdays(1 + random.below(4)))"],
                ["FREQ=DAILY", "INTERVAL=\(2 + random.below(5))", "BYDAY=\(weekdays(3))"],
            ])
        }
        let date = start.date!
        if random.below(2) == 0 {
            parts.append("COUNT=\(3 + random.below(18))")
        } else {
            parts.append("UNTIL=\(stamp(date.addingTimeInterval(Double(60 + random.below(300)) * 86_400)))")
        }
        let local = DateFormatter()
        local.locale = Locale(identifier: "en_US_POSIX")
        local.timeZone = TimeZone(identifier: "UTC")
        local.dateFormat = "yyyyMMdd'T'HHmmss"
        return (local.string(from: date), parts.joined(separator: ";"))
    }
}

/// rrule_oracle.py's answers for many events at once (one process), in order.
func oracle(batch: [[String]], horizon: TimeInterval = 2 * 365 * 86_400, maximum: Int = 10_000) throws -> [OracleAnswer] {
    let requests: [[String: Any]] = batch.map { lines in
        [
            "lines": lines, "calendar": "", "defaultZone": "Europe/Paris", "now": stamp(testNow), "horizon": Int(horizon),
            "maximum": maximum,
        ]
    }
    let (status, data) = try runOracle(requests)
    #expect(status == 0, "rrule_oracle.py failed")
    var answers: [OracleAnswer] = []
    var current: [String] = []
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
        if line == "---" {
            if let first = current.first, first.hasPrefix("SKIP: ") {
                answers.append(.skip(String(first.dropFirst(6))))
            } else {
                answers.append(.instants(current))
            }
            current = []
        } else if !line.isEmpty {
            current.append(line)
        }
    }
    return answers
}
