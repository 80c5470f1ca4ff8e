// CalendarReader: reads one iCalendar file (RFC 5545) into a CalendarDocument, every recurrence expanded.
//
// The steps, each in its own file:
//   SourceText.scan        physical lines and BEGIN/END nesting: one VCALENDAR, nothing unclosed
//   LibICalInput.text      what libical refuses but RFC 5545 allows (empty values) normalised away
//   icalparser_parse_string libical parses the whole text (floating times in X-WR-TIMEZONE's zone)
//   LibICalProblems        X-LIC-ERRORs libical left in the tree that matter, mapped to a line
//   EventParser.parse      each VEVENT: UID, DTSTART, SUMMARY, times with their zones, alarms
//   RecurrenceExpander     RRULE/RDATE/EXDATE/RECURRENCE-ID into occurrences within the horizon
// The whole read holds the module's libical lock, and frees libical's tree before it returns.
//
// Every problem is gathered, each with its line, so that a planner sees them all at once: a
// malformed line, a problem libical left, an event that does not parse or expand (its first
// problem: what follows in the same event often depends on it), a UID used twice. Only a file
// whose structure cannot be read (SourceText's nesting, libical finding no VCALENDAR) is refused
// at its first problem. An event with a problem is left out of the document, so that the core's
// judgement (CampaignCalendar.judgeAll) can go on with the others and add its own problems.

import CICal
import Foundation
import RelaisCore

/// What reading one file gave: the events that read well, and every problem found.
public struct CalendarReading: Sendable {
    /// The calendar's properties and the events without a problem.
    public var document: CalendarDocument
    /// Every problem found, in line order; empty when the whole file reads.
    public var problems: [FileError]
}

/// Reads iCalendar files into `CalendarDocument`s, expanding every recurring event.
///
/// Occurrences are generated up to `max(now, DTSTART) + horizon` for each event, and at most
/// `maximumOccurrencesPerEvent` of them (the earliest) are kept; an event cut by either bound says
/// so in its `truncation`. Two occurrences of one event less than an hour apart refuse the file.
public struct CalendarReader: Sendable {
    /// The Olson zone for floating times and all-day dates (which carry no zone).
    public var defaultTimeZone: String
    /// How far after `max(now, DTSTART)` occurrences are generated, in seconds.
    public var horizon: TimeInterval
    /// The present, for the horizon.
    public var now: Date
    /// The most occurrences kept for one event (the earliest ones).
    public var maximumOccurrencesPerEvent: Int

    /// A reader for files written in `defaultTimeZone` when they say no zone.
    public init(
        defaultTimeZone: String = "Europe/Paris", horizon: TimeInterval = 2 * 365 * 86_400,
        now: Date = Date(), maximumOccurrencesPerEvent: Int = 10_000
    ) {
        self.defaultTimeZone = defaultTimeZone
        self.horizon = horizon
        self.now = now
        self.maximumOccurrencesPerEvent = maximumOccurrencesPerEvent
    }

    /// Parses one VCALENDAR (text already decoded by `TextInput.decode`, BOM stripped, CRLF or LF),
    /// expands every event, and returns it; throws `CalendarReadError` with every problem found,
    /// each naming its line.
    public func read(_ text: String, fileName: String) throws(CalendarReadError) -> CalendarDocument {
        let reading = try readAll(text, fileName: fileName)
        guard reading.problems.isEmpty else { throw CalendarReadError(reading.problems) }
        return reading.document
    }

    /// Reads what can be read of one VCALENDAR: the events that read well, and the problems of
    /// those that did not (each event's first), of malformed lines, and of the calendar itself.
    /// Throws only when the file's structure cannot be read at all (not one VCALENDAR whose
    /// BEGIN/END lines nest), with that first problem.
    public func readAll(_ text: String, fileName: String) throws(CalendarReadError) -> CalendarReading {
        let source = try SourceText.scan(text, fileName: fileName)
        return try LibICal.locked { () throws(CalendarReadError) -> CalendarReading in
            guard let root = icalparser_parse_string(LibICalInput.text(text)) else {
                throw CalendarReadError(fileName: fileName, line: 0, reason: "the file could not be read as an iCalendar file")
            }
            defer { icalcomponent_free(root) }
            return try read(root, source: source, fileName: fileName)
        }
    }

    /// Reads libical's tree `root`, whose lines are `source`. Called with the lock held.
    private func read(_ root: OpaquePointer, source: SourceComponent, fileName: String) throws(CalendarReadError) -> CalendarReading {
        guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else {
            throw CalendarReadError(fileName: fileName, line: source.line, reason: "no calendar could be read here (BEGIN:VCALENDAR)")
        }
        guard let defaultZone = LibICal.builtinZone(named: defaultTimeZone) else {
            throw CalendarReadError(
                fileName: fileName, line: 0, reason: "the default time zone \(defaultTimeZone) is unknown to libical")
        }
        var (floatingZone, floatingZoneName) = (defaultZone, defaultTimeZone)
        var problems = source.allProblems + LibICalProblems.problems(ofCalendar: root, source: source, fileName: fileName)
        problems += LibICalInput.emptyRelaisProperties(source.allLines, fileName: fileName)
        // X-WR-TIMEZONE (Google, Apple, Outlook): the zone of the file's floating times (not of its
        // DATEs: an all-day event is that day wherever it is read).
        if let line = source.firstLine(named: "X-WR-TIMEZONE"), let name = line.textValues(commaSeparated: false).first,
            !name.trimmingSpaces().isEmpty
        {
            if let found = LibICal.builtinZone(matching: name.trimmingSpaces()) {
                (floatingZone, floatingZoneName) = found
            } else {
                problems.append(
                    FileError(
                        fileName: fileName, line: line.number,
                        reason: "X-WR-TIMEZONE \"\(name)\" is not a time zone Relais knows (e.g. Europe/Paris)"))
            }
        }
        let parser = EventParser(
            fileName: fileName, calendar: root, defaultZone: defaultZone, defaultZoneName: defaultTimeZone,
            floatingZone: floatingZone, floatingZoneName: floatingZoneName)
        let parsed = parseEvents(of: root, source: source, parser: parser, problems: &problems)

        let expander = RecurrenceExpander(
            fileName: fileName, now: now, horizon: horizon, maximumOccurrences: max(1, maximumOccurrencesPerEvent))
        var events: [CalendarEvent] = []
        for master in parsed.masters {
            do throws(CalendarReadError) {
                events.append(Self.event(master, try expander.occurrences(of: master, overrides: parsed.overrides[master.uid] ?? [])))
            } catch {
                problems += error.problems
            }
        }
        // Overrides whose master is not in this file: one event each UID, made of those instances.
        for uid in parsed.orphans {
            guard let group = parsed.overrides[uid], let first = group.first else { continue }
            guard first.summary != nil else {
                problems.append(FileError(fileName: fileName, line: first.line, reason: "the event \(uid) has no SUMMARY"))
                continue
            }
            do throws(CalendarReadError) {
                events.append(Self.event(first, try expander.occurrences(of: first, overrides: group, includeMaster: false)))
            } catch {
                problems += error.problems
            }
        }
        let document = CalendarDocument(properties: EventParser.extensions(of: source, also: ["X-WR-CALNAME"]), events: events)
        return CalendarReading(document: document, problems: FileProblems.ordered(problems))
    }

    /// The VEVENTs of `root` that parse: masters in file order, overrides by UID, and the UIDs of
    /// overrides whose master is not in the file. An event with a malformed line or a problem
    /// libical left is not parsed (its problems are said instead); a parse stops at the event's
    /// first problem, and the next event is read.
    private func parseEvents(
        of root: OpaquePointer, source: SourceComponent, parser: EventParser, problems: inout [FileError]
    ) -> (masters: [ParsedEvent], overrides: [String: [ParsedEvent]], orphans: [String]) {
        var masters: [ParsedEvent] = []
        var masterLines: [String: Int] = [:]
        var overrides: [String: [ParsedEvent]] = [:]
        var orphanOrder: [String] = []
        let eventSources = source.children(named: "VEVENT")
        for (index, event) in LibICal.children(of: root, kind: ICAL_VEVENT_COMPONENT).enumerated() {
            let eventSource = index < eventSources.count ? eventSources[index] : source
            let early = LibICalProblems.problems(ofEvent: event, source: eventSource, fileName: parser.fileName)
            guard early.isEmpty, eventSource.allProblems.isEmpty else {
                problems += early
                continue
            }
            let parsed: ParsedEvent
            do throws(CalendarReadError) { parsed = try parser.parse(event, source: eventSource) } catch {
                problems += error.problems
                continue
            }
            if parsed.recurrenceID != nil {
                if overrides[parsed.uid] == nil { orphanOrder.append(parsed.uid) }
                overrides[parsed.uid, default: []].append(parsed)
            } else if let first = masterLines[parsed.uid] {
                problems.append(
                    FileError(
                        fileName: parser.fileName, line: parsed.line,
                        reason: "UID \(parsed.uid) is already used by the event on line \(first)"))
            } else {
                masterLines[parsed.uid] = parsed.line
                masters.append(parsed)
            }
        }
        return (masters, overrides, orphanOrder.filter { masterLines[$0] == nil })
    }

    private static func event(_ parsed: ParsedEvent, _ expanded: ExpandedOccurrences) -> CalendarEvent {
        var event = CalendarEvent(
            uid: parsed.uid, line: parsed.line, summary: parsed.summary ?? "", description: parsed.description,
            location: parsed.location, categories: parsed.categories, status: parsed.status ?? .confirmed,
            sequence: parsed.sequence, timeZone: parsed.start.zoneName, allDay: parsed.start.isDate,
            alarms: parsed.alarms, extensions: parsed.extensions, occurrences: expanded.occurrences)
        event.truncation = expanded.truncation
        return event
    }
}
