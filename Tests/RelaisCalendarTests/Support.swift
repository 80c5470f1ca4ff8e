// Support: what the calendar tests share: a reader with a fixed clock, calendar text builders,
// UTC date literals, and the location of the shared iCalendar corpus.

import Foundation
import RelaisCalendar
import RelaisCore
import Testing

/// 2026-01-01T00:00:00Z: the tests' "now", so horizons do not move with the wall clock.
let testNow = utc("20260101T000000Z")

/// A reader whose clock is `testNow`.
func reader(horizon: TimeInterval = 2 * 365 * 86_400, maximum: Int = 10_000) -> CalendarReader {
    CalendarReader(defaultTimeZone: "Europe/Paris", horizon: horizon, now: testNow, maximumOccurrencesPerEvent: maximum)
}

/// A VCALENDAR holding `lines`, joined by `lineEnd`.
func calendar(_ lines: [String], lineEnd: String = "\r\n") -> String {
    (["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais tests//FR"] + lines + ["END:VCALENDAR"])
        .joined(separator: lineEnd) + lineEnd
}

/// A VEVENT with UID, SUMMARY and DTSTAMP, and `lines`.
func event(uid: String = "e1@relais", summary: String = "Dépistage", _ lines: [String]) -> [String] {
    ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20250101T000000Z", "SUMMARY:\(summary)"] + lines + ["END:VEVENT"]
}

/// Reads a calendar made of `lines` with the test reader.
func read(_ lines: [String], reader: CalendarReader = reader()) throws -> CalendarDocument {
    try reader.read(calendar(lines), fileName: "test.ics")
}

/// The error reading `lines` throws, or nil when it reads.
func readError(_ text: String) -> CalendarReadError? {
    do {
        _ = try reader().read(text, fileName: "bad.ics")
        return nil
    } catch {
        return error
    }
}

/// An instant written as `yyyyMMdd'T'HHmmss'Z'`.
func utc(_ stamp: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.date(from: stamp)!
}

/// `date` as `yyyyMMdd'T'HHmmss'Z'`.
func stamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return formatter.string(from: date)
}

/// `date` on the wall clock of `zone`, as `yyyy-MM-dd HH:mm`.
func wallClock(_ date: Date, in zone: String = "Europe/Paris") -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: zone)
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
}

/// Where the corpus and this test directory are.
enum Paths {
    /// Tests/RelaisCalendarTests.
    static let testDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root, three levels up from a test file.
    static let root = testDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// ROOT/Tests/Corpora/icalendar (python-icalendar's calendars, BSD licence, kept in the repository).
    static let corpus = root.appendingPathComponent("Tests/Corpora/icalendar")

    /// Every `.ics` file of the corpus, sorted by name.
    static func corpusFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: corpus, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "ics" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// The outcome of reading one corpus file through `TextInput.decode` and `CalendarReader.read`.
enum CorpusOutcome {
    case loaded(CalendarDocument, text: String)
    case refused(String)
}

/// Reads `file` as Relais reads a user's file.
func readCorpusFile(_ file: URL, reader: CalendarReader = reader()) throws -> CorpusOutcome {
    let name = file.lastPathComponent
    let data = try Data(contentsOf: file)
    let text: String
    do {
        text = try TextInput.decode(data)
    } catch {
        return .refused(error.line > 0 ? "\(name):\(error.line): \(error.reason)" : "\(name): \(error.reason)")
    }
    do {
        return .loaded(try reader.read(text, fileName: name), text: text)
    } catch {
        return .refused(error.description)
    }
}
