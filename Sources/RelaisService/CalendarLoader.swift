// CalendarLoader: one campaign calendar file from disk into the store: read with its limits,
// parsed and expanded by libical, judged by the core, and recorded with the shuttle lines of its
// transport events in one transaction. Used by `relais campaigns load`, `relais transport runs
// load` and by the daemon when a file changes. A refused file changes nothing: the database keeps
// the last version that loaded, and the refusal (CalendarLoadError) names the file, the line and
// the reason, with the core's CapacityRefusal when people hold places the file would take away.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisStore

/// A calendar file refused: the file, the line, and why.
public struct CalendarLoadError: Error, CustomStringConvertible {
    /// The file as it was named.
    public var file: String
    /// The physical line at fault, 1-based (an event's BEGIN:VEVENT); 0 when the whole file is.
    public var line: Int
    /// What is wrong, in plain words, without the file and the line.
    public var reason: String
    /// The places people hold that the file would take away, when that is why it was refused.
    public var capacity: CapacityRefusal?

    public init(file: String, line: Int, reason: String, capacity: CapacityRefusal? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.capacity = capacity
    }

    /// `FILE:LINE: reason`, or `FILE: reason` when the whole file is refused.
    public var description: String { FileError(fileName: file, line: line, reason: reason).description }
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
        let context = ShuttleContext(
            settings: configuration.shuttle, outreach: configuration.outreachRules, now: now,
            localTime: LocalTime(timeZone: calendar.timeZone), territory: territory)
        do {
            let (summary, shuttle) = try store.load(prepared.content, lines: prepared.lines, sourceFile: path, context: context)
            return CalendarLoadResult(
                campaign: summary, shuttle: shuttle, transportEvents: prepared.lines.count, truncations: prepared.document.truncations)
        } catch let refusal as CapacityRefusal {
            throw refused(refusal, document: prepared.document, file: path, localTime: context.localTime)
        } catch Refusal.campaign(let refusal) {
            throw refused(refusal, document: prepared.document, file: path)
        }
    }

    /// Reads and judges one file as `load` would, writing nothing: what `relais doctor` checks.
    /// Returns the events whose occurrences were cut.
    public func check(_ path: String, now: Date) throws -> [OccurrenceTruncation] {
        try prepare(path, now: now).document.truncations
    }

    /// The most occurrences generated for one event.
    public static let maximumOccurrencesPerEvent = CalendarReader().maximumOccurrencesPerEvent

    /// A file read, parsed, expanded and judged, ready to be recorded.
    private struct PreparedCalendar {
        var document: CalendarDocument
        var content: CampaignCalendarContent
        var lines: [String: ShuttleLine]
    }

    private func prepare(_ path: String, now: Date) throws -> PreparedCalendar {
        let reader = CalendarReader(
            defaultTimeZone: configuration.timeZone, horizon: TimeInterval(configuration.horizonDays * 86_400), now: now,
            maximumOccurrencesPerEvent: Self.maximumOccurrencesPerEvent)
        do {
            let text = try Self.readText(path, limits: TextLimits(maximumFileBytes: configuration.maximumFileMegabytes * 1024 * 1024))
            let document = try reader.read(text, fileName: path)
            let content = try CampaignCalendar.judge(document, fileName: path, territory: territory)
            let lines = try shuttleLines(document, content, file: path, settings: configuration.shuttle)
            return PreparedCalendar(document: document, content: content, lines: lines)
        } catch let error as FileError {
            throw CalendarLoadError(file: error.fileName, line: error.line, reason: error.reason)
        } catch let error as TextFileError {
            throw CalendarLoadError(file: path, line: error.line, reason: error.reason)
        }
    }

    /// The .ics files of a directory, sorted, so that loads are repeatable.
    public static func calendarFiles(in directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.lowercased().hasSuffix(".ics") }.sorted()
                .map { URL(fileURLWithPath: directory).appendingPathComponent($0).path }
        } catch {
            throw CalendarLoadError(file: directory, line: 0, reason: "cannot list the calendars folder")
        }
    }

    /// The .ics files that paths name: a file as it is, a folder's .ics files sorted. Throws
    /// naming the first path that does not exist.
    public static func calendarFiles(naming paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw TextFileError(unreadable: true, path: path, reason: "no such file or directory")
            }
            files += isDirectory.boolValue ? try calendarFiles(in: path) : [path]
        }
        return files
    }

    /// Reads a text file through TextInput's checks; errors name the file (and the line).
    public static func readText(_ path: String, limits: TextLimits) throws(TextFileError) -> String {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maximumFileBytes {
            throw TextFileError(
                unreadable: false, path: path, reason: "file is \(size) bytes, more than the \(limits.maximumFileBytes) accepted")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw TextFileError(unreadable: true, path: path, reason: exists ? "cannot be read" : "no such file")
        }
        do {
            return try TextInput.decode(data, limits: limits)
        } catch {
            throw TextFileError(unreadable: false, path: path, line: error.line, reason: error.reason)
        }
    }
}

/// A text file that could not be read (`unreadable`) or was refused by TextInput's checks.
public struct TextFileError: Error, CustomStringConvertible {
    public var unreadable: Bool
    public var path: String
    /// The physical line at fault, 1-based; 0 when the whole file is.
    public var line: Int
    public var reason: String

    public init(unreadable: Bool, path: String, line: Int = 0, reason: String) {
        self.unreadable = unreadable
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `PATH:LINE: reason`, or `PATH: reason`.
    public var description: String { FileError(fileName: path, line: line, reason: reason).description }
}
