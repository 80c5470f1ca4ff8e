// CorpusTests: every file of the shared iCalendar corpus (python-icalendar's test and fuzzing
// calendars) either loads with sensible occurrences or is refused with a message naming the file
// and a line; never a crash or a hang. The summary printed lists every refusal and why.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite struct CorpusTests {
    @Test func everyCorpusFileLoadsOrIsRefusedWithALine() throws {
        let files = try Paths.corpusFiles()
        #expect(files.count > 100)
        var loaded: [String] = []
        var refused: [String] = []
        for file in files {
            switch try readCorpusFile(file) {
            case .loaded(let document, _):
                let count = document.events.reduce(0) { $0 + $1.occurrences.count }
                loaded.append("\(file.lastPathComponent): \(document.events.count) events, \(count) occurrences")
                checkSensible(document, file: file.lastPathComponent)
            case .refused(let message):
                refused.append(message)
                #expect(message.hasPrefix(file.lastPathComponent + ":"), "\(message)")
            }
        }
        print("corpus: loaded \(loaded.count) / refused \(refused.count)")
        for line in loaded { print("  loaded  \(line)") }
        for line in refused { print("  refused \(line)") }
    }

    /// Occurrences sorted, each ending no earlier than it starts, keys unique, within the horizon.
    func checkSensible(_ document: CalendarDocument, file: String) {
        for event in document.events {
            let occurrences = event.occurrences
            #expect(!occurrences.isEmpty, "\(file) \(event.uid)")
            #expect(occurrences.allSatisfy { $0.end >= $0.start }, "\(file) \(event.uid)")
            #expect(zip(occurrences, occurrences.dropFirst()).allSatisfy { $0.start <= $1.start }, "\(file)")
            #expect(Set(occurrences.map(\.recurrenceKey)).count == occurrences.count, "\(file) \(event.uid)")
            #expect(occurrences.allSatisfy { $0.start < testNow.addingTimeInterval(40 * 365 * 86_400) }, "\(file)")
            #expect(event.line > 0)
        }
    }

    @Test(arguments: [
        "tests__calendars__example.ics", "tests__calendars__issue_1081_event_with_rrule.ics",
        "tests__calendars__x_location.ics", "tests__calendars__america_new_york.ics", "tests__calendars__pacific_fiji.ics",
        "tests__calendars__timezoned.ics", "tests__calendars__issue_127_categories_with_commas.ics",
        "tests__calendars__period_with_timezone.ics", "tests__calendars__rfc_7265_appendix_example_2_ical.ics",
        "tests__calendars__alarm_google_future.ics", "tests__calendars__bom_calendar.ics",
        "tests__calendars__issue_722_timezone_transition_ambiguity.ics", "tests__calendars__issue_466_convert_tzid_with_slash.ics",
        "tests__calendars__issue_313_globally_unique_tzid.ics", "tests__calendars__rfc_7529.ics",
    ])
    func knownGoodFileLoads(name: String) throws {
        guard case .loaded = try readCorpusFile(Paths.corpus.appendingPathComponent(name)) else {
            Issue.record("\(name) was refused")
            return
        }
    }

    @Test func knownGoodFilesReadAsTheirAuthorsMeant() throws {
        let example = try document("tests__calendars__example.ics")
        #expect(example.properties["X-WR-CALNAME"] == "Holidays")
        #expect(example.events.map(\.summary) == ["New Year's Day", "Orthodox Christmas", "International Women's Day"])
        #expect(example.events.allSatisfy { $0.allDay })
        #expect(wallClock(example.events[0].occurrences[0].start) == "2022-01-01 00:00")
        #expect(wallClock(example.events[0].occurrences[0].end) == "2022-01-02 00:00", "DTEND equal to DTSTART reads as one day")

        let commas = try document("tests__calendars__issue_127_categories_with_commas.ics")
        #expect(commas.events[0].categories == ["Meeting, John", "Work, Sarah", "Project"])

        let newYork = try document("tests__calendars__america_new_york.ics")
        #expect(newYork.events[0].timeZone == "custom_America/New_York", "a zone only the file defines keeps its TZID")
        #expect(stamp(newYork.events[0].occurrences[0].start) == "20140829T120000Z")

        let unique = try document("tests__calendars__issue_313_globally_unique_tzid.ics")
        #expect(unique.events.map(\.timeZone) == ["Europe/Berlin", "America/New_York", "America/Argentina/Buenos_Aires"])

        let rrule = try document("tests__calendars__issue_1081_event_with_rrule.ics")
        #expect(rrule.events[0].occurrences.count == 10)
    }

    @Test(arguments: [
        ("fuzzing__corpus__event_with_recurrence.ics", 1, "must start with BEGIN:VCALENDAR"),
        ("tests__calendars__broken_ical.ics", 4, "malformed parameter"),
        ("tests__calendars__broken_dtstart.ics", 6, "DTSTART"),
        ("tests__calendars__parsing_error.ics", 18, "EXDATE"),
        ("tests__calendars__fuzz_testcase_invalid_month.ics", 1, "must start with BEGIN:VCALENDAR"),
        ("tests__calendars__issue_1081_invalid_rrule_freq.ics", 7, "RRULE"),
        ("tests__calendars__issue_1081_empty_rdate.ics", 7, "RDATE"),
        ("tests__calendars__big_bad_calendar.ics", 1, "never closed"),
        ("tests__calendars__issue_1050_multiple_calendars.ics", 9, "second VCALENDAR"),
        ("tests__calendars__invalid_duration.ics", 8, "DURATION"),
        ("tests__calendars__multiple_timezones.ics", 23, "RDATE"),
        ("tests__calendars__issue_526_calendar_with_events.ics", 7, "Western/Central Europe"),
        ("tests__calendars__timezone_same_start_and_offset.ics", 23, "END:VCALENDARD"),
        ("tests__calendars__issue_168_input.ics", 6, "no ':'"),
        ("tests__calendars__fuzz_testcase_0_char_in_component_name.ics", 1, "NUL"),
    ])
    func brokenFileIsRefusedAtItsLine(name: String, line: Int, mention: String) throws {
        guard case .refused(let message) = try readCorpusFile(Paths.corpus.appendingPathComponent(name)) else {
            Issue.record("\(name) was loaded")
            return
        }
        // Every problem is said, one per line: the one this file is known for among them.
        #expect(message.split(separator: "\n").contains { $0.hasPrefix("\(name):\(line): ") && $0.contains(mention) }, "\(message)")
    }

    @Test func readersInParallelShareLibicalSafely() async throws {
        let files = try Paths.corpusFiles().filter { $0.lastPathComponent.hasPrefix("tests__calendars__") }
        let serial = try files.map { try outcomeSummary(readCorpusFile($0)) }
        let parallel = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask { (index, try outcomeSummary(readCorpusFile(file))) }
            }
            var results = [String](repeating: "", count: files.count)
            for try await (index, summary) in group { results[index] = summary }
            return results
        }
        #expect(parallel == serial)
    }

    func document(_ name: String) throws -> CalendarDocument {
        let text = try TextInput.decode(try Data(contentsOf: Paths.corpus.appendingPathComponent(name)))
        return try reader().read(text, fileName: name)
    }
}

/// A comparable summary of a corpus outcome.
func outcomeSummary(_ outcome: CorpusOutcome) -> String {
    switch outcome {
    case .loaded(let document, _): "\(document.events.map { ($0.uid, $0.occurrences.map(\.start)) })"
    case .refused(let message): message
    }
}
