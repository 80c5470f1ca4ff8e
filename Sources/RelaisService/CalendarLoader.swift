// CalendarLoader: one campaign calendar file from disk into the store: read with its limits,
// parsed and expanded by libical, judged by the core, and recorded with the shuttle lines of its
// transport events in one transaction. Used by `relais campaigns load`, `relais transport runs
// load`, the daemon when a file changes, and the desk's calendar upload (CalendarUploads). A
// refused file changes nothing: the database keeps the last version that loaded, and the refusal
// (CalendarLoadError) names the file and every problem found with its line, or the core's
// CapacityRefusal when people hold places the file would take away.

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisStore

/// A calendar file refused: the file, and every problem found with its line.
public struct CalendarLoadError: Error, CustomStringConvertible {
    /// The file as it was named.
    public var file: String
    /// Every problem, in line order, each with its physical line (an event's BEGIN:VEVENT, a
    /// property's line; 0 when the whole file is at fault); never empty.
    public var problems: [FileError]
    /// The places people hold that the file would take away, when that is why it was refused.
    public var capacity: CapacityRefusal?

    /// A file refused for one reason.
    public init(file: String, line: Int, reason: String, capacity: CapacityRefusal? = nil) {
        self.file = file
        self.problems = [FileError(fileName: file, line: line, reason: reason)]
        self.capacity = capacity
    }

    /// A file refused for every one of `problems` (at least one).
    public init(file: String, problems: [FileError]) {
        self.file = file
        self.problems = FileProblems(problems).problems
    }

    /// The first problem's line, 1-based; 0 when the whole file is refused.
    public var line: Int { problems[0].line }
    /// The first problem, in plain words, without the file and the line.
    public var reason: String { problems[0].reason }

    /// `FILE:LINE: reason` (or `FILE: reason` when the whole file is refused), one line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
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
    /// The territory's route data, for the on-demand runs a load changes (RouteFiles).
    public var route = RouteDataLoad.unavailable("the territory's route data was not loaded")

    public init(store: Store, configuration: Configuration, territory: Territory, calendar: Calendar) {
        self.store = store
        self.configuration = configuration
        self.territory = territory
        self.calendar = calendar
    }

    /// Loads one file: all of it, or nothing. What the file does not say comes from `options`
    /// (the command's), its sidecar `path.relais`, or the campaign already loaded from `path`.
    public func load(_ path: String, now: Date, options: CalendarDefaults = CalendarDefaults()) throws -> CalendarLoadResult {
        try record(try prepare(path, now: now, options: options), sourceFile: Self.sourcePath(of: path), now: now)
    }

    /// Reads and judges one file as `load` would, writing nothing: what `relais doctor` checks.
    /// Returns the events whose occurrences were cut.
    public func check(_ path: String, now: Date, options: CalendarDefaults = CalendarDefaults()) throws -> [OccurrenceTruncation] {
        try prepare(path, now: now, options: options).document.truncations
    }

    /// Records a judged calendar as coming from `sourceFile`, in one transaction; `beforeCommit`
    /// runs last inside it (a throw there undoes everything), and `auditActor` (a desk account's
    /// login) is written in the audit log. A capacity below the people holding places refuses it.
    public func record(
        _ prepared: PreparedCalendar, sourceFile: String, now: Date, auditActor: String? = nil, beforeCommit: () throws -> Void = {}
    ) throws -> CalendarLoadResult {
        var context = ShuttleContext(
            settings: configuration.shuttle, outreach: configuration.outreachRules, now: now,
            localTime: LocalTime(timeZone: calendar.timeZone), territory: territory)
        context.use(route)
        do {
            let (summary, shuttle) = try store.load(
                prepared.content, lines: prepared.lines, sourceFile: sourceFile, context: context, auditActor: auditActor,
                beforeCommit: beforeCommit)
            return CalendarLoadResult(
                campaign: summary, shuttle: shuttle, transportEvents: prepared.lines.count, truncations: prepared.document.truncations)
        } catch let refusal as CapacityRefusal {
            throw refused(refusal, document: prepared.document, file: sourceFile, localTime: context.localTime)
        } catch Refusal.campaign(let refusal) {
            throw refused(refusal, document: prepared.document, file: sourceFile)
        }
    }

    /// The most occurrences generated for one event.
    public static let maximumOccurrencesPerEvent = CalendarReader().maximumOccurrencesPerEvent

    /// A file read, parsed, expanded and judged, ready to be recorded.
    public struct PreparedCalendar: Sendable {
        var document: CalendarDocument
        var content: CampaignCalendarContent
        var lines: [String: ShuttleLine]

        /// The campaign the file describes.
        public var campaign: Campaign { content.campaign }
    }

    private func prepare(_ path: String, now: Date, options: CalendarDefaults) throws -> PreparedCalendar {
        let text: String
        do {
            text = try Self.readText(path, limits: TextLimits(maximumFileBytes: configuration.maximumFileBytes))
        } catch {
            throw CalendarLoadError(file: path, line: error.line, reason: error.reason)
        }
        let (defaults, problems) = try self.defaults(for: path, options: options)
        return try prepare(text: text, fileName: path, now: now, defaults: defaults, problems: problems)
    }

    /// Reads, expands and judges `text` (a file's decoded text, named `fileName` in problems) with
    /// `defaults` for what it does not say, writing nothing; throws every problem found: `problems`
    /// (a sidecar's), the reader's, the core's judgement's and the transport events' lines together.
    public func prepare(
        text: String, fileName: String, now: Date, defaults: CalendarDefaults = CalendarDefaults(), problems earlier: [FileError] = []
    ) throws(CalendarLoadError) -> PreparedCalendar {
        let reader = CalendarReader(
            defaultTimeZone: configuration.timeZone, horizon: TimeInterval(configuration.horizonDays * 86_400), now: now,
            maximumOccurrencesPerEvent: Self.maximumOccurrencesPerEvent)
        var reading: CalendarReading
        do { reading = try reader.readAll(text, fileName: fileName) } catch {
            throw CalendarLoadError(file: fileName, problems: earlier + error.problems)
        }
        let judgement = CampaignCalendar.judgeAll(reading.document, fileName: fileName, territory: territory, defaults: defaults)
        var problems = earlier + reading.problems + judgement.problems
        var lines: [String: ShuttleLine] = [:]
        if let content = judgement.content {
            let shuttle = shuttleLines(reading.document, content, file: fileName, settings: configuration.shuttle)
            lines = shuttle.lines
            problems += shuttle.problems
        }
        guard problems.isEmpty, let content = judgement.content else { throw CalendarLoadError(file: fileName, problems: problems) }
        return PreparedCalendar(document: reading.document, content: content, lines: lines)
    }

    /// The .ics files of a directory, sorted, so that loads are repeatable.
    public static func calendarFiles(in directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.lowercased().hasSuffix(".ics") }.sorted()
                .map { sourcePath(of: URL(fileURLWithPath: directory).appendingPathComponent($0).path) }
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
