// CalendarLoader: one campaign calendar file from disk into the store: read with its limits,
// parsed and expanded by libical, judged by the core, recorded in one transaction; then the
// shuttle runs of its transport events are brought in step (a second transaction: a crash between
// the two is mended by the next load). Used by `relais campaigns load`, `relais transport runs
// load` and by the daemon when a file changes.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisStore

/// A calendar file refused, with the file and line in the message.
public struct CalendarLoadError: Error, CustomStringConvertible {
    public var description: String
}

/// What loading one calendar file changed.
public struct CalendarLoadResult {
    public var campaign: CampaignLoadSummary
    public var shuttle: ShuttleSyncSummary
    /// How many transport events the file describes.
    public var transportEvents: Int
    /// The events whose occurrences were cut (by the horizon or the cap per event).
    public var truncations: [OccurrenceTruncation]
}

/// Loads calendar files with one configuration.
public struct CalendarLoader {
    let store: Store
    let configuration: Configuration
    let territory: Territory
    let calendar: Calendar

    public init(store: Store, configuration: Configuration, territory: Territory, calendar: Calendar) {
        self.store = store
        self.configuration = configuration
        self.territory = territory
        self.calendar = calendar
    }

    /// Loads one file: all of it, or nothing.
    public func load(_ path: String, now: Date) throws -> CalendarLoadResult {
        let prepared = try prepare(path, now: now)
        do {
            let summary = try store.load(
                prepared.content, sourceFile: path, now: now, rules: configuration.outreachRules, calendar: calendar)
            let shuttle = try store.recordShuttleLines(
                prepared.lines,
                context: ShuttleContext(
                    settings: configuration.shuttle, outreach: configuration.outreachRules, now: now,
                    localTime: LocalTime(timeZone: calendar.timeZone), territory: territory))
            return CalendarLoadResult(
                campaign: summary, shuttle: shuttle, transportEvents: prepared.lines.count, truncations: prepared.truncations)
        } catch let error as StoreError {
            throw CalendarLoadError(description: "\(path): \(error.description)")
        }
    }

    /// Reads and judges one file as `load` would, writing nothing: what `relais doctor` checks.
    public func check(_ path: String, now: Date) throws -> [OccurrenceTruncation] {
        try prepare(path, now: now).truncations
    }

    /// A file read, parsed, expanded and judged, ready to be recorded.
    private struct PreparedCalendar {
        var content: CampaignCalendarContent
        var lines: [String: ShuttleLine]
        var truncations: [OccurrenceTruncation]
    }

    /// The most occurrences generated for one event.
    public static let maximumOccurrencesPerEvent = CalendarReader().maximumOccurrencesPerEvent

    private func prepare(_ path: String, now: Date) throws -> PreparedCalendar {
        let reader = CalendarReader(
            defaultTimeZone: configuration.timeZone, horizon: TimeInterval(configuration.horizonDays * 86_400), now: now,
            maximumOccurrencesPerEvent: Self.maximumOccurrencesPerEvent)
        do {
            let text = try Self.readText(path, limits: TextLimits(maximumFileBytes: configuration.maximumFileMegabytes * 1024 * 1024))
            let document = try reader.read(text, fileName: path)
            let content = try CampaignCalendar.judge(document, fileName: path, territory: territory)
            let lines = try shuttleLines(document, content, file: path, settings: configuration.shuttle)
            return PreparedCalendar(content: content, lines: lines, truncations: document.truncations)
        } catch let error as FileError {
            throw CalendarLoadError(description: error.description)
        } catch let error as TextFileError {
            throw CalendarLoadError(description: error.description)
        }
    }

    /// The .ics files of a directory, sorted, so that loads are repeatable.
    public static func calendarFiles(in directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.lowercased().hasSuffix(".ics") }.sorted()
                .map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
        } catch {
            throw CalendarLoadError(description: "\(directory): cannot list the calendars folder")
        }
    }

    /// The .ics files that paths name: a file as it is, a folder's .ics files sorted. Throws
    /// naming the first path that does not exist.
    public static func calendarFiles(naming paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw TextFileError(unreadable: true, description: "\(path): no such file or directory")
            }
            files += isDirectory.boolValue ? try calendarFiles(in: path) : [path]
        }
        return files
    }

    /// Reads a text file through TextInput's checks; errors name the file (and the line).
    public static func readText(_ path: String, limits: TextLimits) throws(TextFileError) -> String {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maximumFileBytes {
            throw TextFileError(
                unreadable: false, description: "\(path): file is \(size) bytes, more than the \(limits.maximumFileBytes) accepted")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw TextFileError(unreadable: true, description: "\(path): \(exists ? "cannot be read" : "no such file")")
        }
        do {
            return try TextInput.decode(data, limits: limits)
        } catch {
            throw TextFileError(
                unreadable: false, description: error.line > 0 ? "\(path):\(error.line): \(error.reason)" : "\(path): \(error.reason)")
        }
    }
}

/// A text file that could not be read (`unreadable`) or was refused by TextInput's checks.
public struct TextFileError: Error, CustomStringConvertible {
    public var unreadable: Bool
    public var description: String
}
