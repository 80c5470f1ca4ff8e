// DateutilComparisonTests: libical's expansion, as CalendarReader applies it, against python-dateutil.
//
// For every corpus file that loads and every event in it with an RRULE, the original starts of the
// occurrences (their recurrence keys) must equal the instants rrule_oracle.py computes with
// dateutil's rrulestr over the same window. A rule dateutil cannot parse (RSCALE, RFC 7529) is
// skipped with its reason printed.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct DateutilComparisonTests {
    @Test func corpusRecurrencesMatchDateutil() throws {
        var compared = 0
        var skipped: [String] = []
        for file in try Paths.corpusFiles() {
            guard let (document, text) = try readForComparison(file) else { continue }
            let physical = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            for event in document.events {
                let lines = recurrenceLines(of: physical, beginLine: event.line)
                guard lines.contains(where: { $0.uppercased().hasPrefix("RRULE") }) else { continue }
                let label = "\(file.lastPathComponent) \(event.uid)"
                switch try oracle(lines, calendar: text) {
                case .skip(let reason):
                    skipped.append("\(label): \(reason)")
                case .instants(let expected):
                    compared += 1
                    print("  compared \(label): \(expected.count) instants")
                    let actual = event.occurrences.map(\.recurrenceKey)
                    #expect(actual == expected, "\(label): libical \(actual.count), dateutil \(expected.count)")
                    if actual != expected {
                        print(
                            "MISMATCH \(label)\n  libical only: \(Set(actual).subtracting(expected).sorted().prefix(8))\n  dateutil only: \(Set(expected).subtracting(actual).sorted().prefix(8))"
                        )
                    }
                }
            }
        }
        print("dateutil comparison: \(compared) recurring events compared, \(skipped.count) skipped")
        for line in skipped { print("  skipped \(line)") }
        #expect(compared >= 5)
    }

    @Test func builtRulesMatchDateutil() throws {
        let rules = [
            "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=30", "FREQ=MONTHLY;BYDAY=2TU;COUNT=12", "FREQ=MONTHLY;BYDAY=-1SU;COUNT=12",
            "FREQ=MONTHLY;BYMONTHDAY=15,31", "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU", "FREQ=DAILY;INTERVAL=3;UNTIL=20261231T230000Z",
            "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU;COUNT=12",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=MO;COUNT=12", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
            "FREQ=HOURLY;INTERVAL=5;COUNT=40", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=14",
        ]
        for rule in rules {
            let lines = ["DTSTART;TZID=Europe/Paris:20260105T090000", "RRULE:\(rule)"]
            try compare(lines)
        }
        // UNTIL in UTC with a floating DTSTART, and a floating UNTIL with a zoned DTSTART.
        try compare(["DTSTART:20260105T090000", "RRULE:FREQ=DAILY;UNTIL=20260107T080000Z"])
        try compare(["DTSTART;TZID=Europe/Paris:20260105T090000", "RRULE:FREQ=DAILY;UNTIL=20260107T090000"])
        try compare(["DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;UNTIL=20260202"])
        try compare(["DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=MONTHLY;BYDAY=1MO;COUNT=4", "EXDATE;VALUE=DATE:20260202"])
    }

    func compare(_ lines: [String]) throws {
        let document = try read(event(lines))
        let actual = document.events[0].occurrences.map(\.recurrenceKey)
        switch try oracle(lines) {
        case .skip(let reason): Issue.record("dateutil skipped \(lines): \(reason)")
        case .instants(let expected): #expect(actual == expected, "\(lines)")
        }
    }
}

/// The document of a corpus file that loads, or of a bare VEVENT file (the fuzzing corpus holds
/// some) once wrapped in a VCALENDAR (with a UID when it has none), so that its rule is compared too.
func readForComparison(_ file: URL) throws -> (CalendarDocument, String)? {
    switch try readCorpusFile(file) {
    case .loaded(let document, let text):
        return (document, text)
    case .refused(let message) where message.hasSuffix("not BEGIN:VEVENT"):
        guard var bare = String(data: try Data(contentsOf: file), encoding: .utf8) else { return nil }
        if !bare.contains("\nUID") {
            bare = bare.replacingOccurrences(of: "BEGIN:VEVENT", with: "BEGIN:VEVENT\r\nUID:wrapped@relais-tests")
        }
        let text = "BEGIN:VCALENDAR\r\n" + bare + (bare.hasSuffix("\n") ? "" : "\r\n") + "END:VCALENDAR\r\n"
        guard let document = try? reader().read(text, fileName: file.lastPathComponent) else { return nil }
        return (document, text)
    case .refused:
        return nil
    }
}

/// The DTSTART, RRULE, RDATE and EXDATE lines of the VEVENT that begins on `beginLine`, unfolded,
/// not those of its VALARMs.
func recurrenceLines(of physical: [String], beginLine: Int) -> [String] {
    var logical: [String] = []
    for raw in physical[(beginLine - 1)...] {
        let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
        if let first = line.first, first == " " || first == "\t", !logical.isEmpty {
            logical[logical.count - 1] += line.dropFirst()
        } else {
            logical.append(line)
        }
        if line.uppercased().hasPrefix("END:VEVENT") { break }
    }
    var depth = 0
    var result: [String] = []
    for line in logical {
        let upper = line.uppercased()
        if upper.hasPrefix("BEGIN:") { depth += 1 } else if upper.hasPrefix("END:") { depth -= 1 }
        if depth == 1, ["DTSTART", "RRULE", "RDATE", "EXDATE"].contains(where: { upper.hasPrefix($0 + ":") || upper.hasPrefix($0 + ";") }) {
            result.append(line)
        }
    }
    return result
}

enum OracleAnswer {
    case instants([String])
    case skip(String)
}

/// Runs rrule_oracle.py on `lines` with the test reader's clock, horizon and maximum.
/// Runs rrule_oracle.py (python-dateutil) on `request` (one request, or a list of them) as JSON
/// on its standard input; its exit status and what it printed.
func runOracle(_ request: Any) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [Paths.testDirectory.appendingPathComponent("rrule_oracle.py").path]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

func oracle(_ lines: [String], calendar: String = "", horizon: TimeInterval = 2 * 365 * 86_400, maximum: Int = 10_000) throws
    -> OracleAnswer
{
    let request: [String: Any] = [
        "lines": lines, "calendar": calendar, "defaultZone": "Europe/Paris", "now": stamp(testNow), "horizon": Int(horizon),
        "maximum": maximum,
    ]
    let (status, data) = try runOracle(request)
    let text = String(decoding: data, as: UTF8.self)
    if status != 0 { return .skip("oracle failed (status \(status))") }
    if text.hasPrefix("SKIP: ") { return .skip(String(text.dropFirst(6)).trimmingCharacters(in: .newlines)) }
    return .instants(text.split(separator: "\n").map(String.init))
}
