// CalendarReader: reads one iCalendar file (RFC 5545) into a CalendarDocument, every recurrence expanded.
//
// The steps, each in its own file:
//   SourceText.scan        physical lines and BEGIN/END nesting: one VCALENDAR, nothing unclosed
//   icalparser_parse_string libical parses the whole text
//   LibICalProblems.check  X-LIC-ERRORs libical left in the tree that matter, mapped to a line
//   EventParser.parse      each VEVENT: UID, DTSTART, SUMMARY, times with their zones, alarms
//   RecurrenceExpander     RRULE/RDATE/EXDATE/RECURRENCE-ID into occurrences within the horizon
// The whole read holds the module's libical lock, and frees libical's tree before it returns.

import CICal
import Foundation
import RelaisCore

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
    /// expands every event, and returns it; throws `CalendarReadError` naming the line for anything
    /// malformed.
    public func read(_ text: String, fileName: String) throws(CalendarReadError) -> CalendarDocument {
        let source = try SourceText.scan(text, fileName: fileName)
        return try LibICal.locked { () throws(CalendarReadError) -> CalendarDocument in
            guard let root = icalparser_parse_string(text) else {
                throw CalendarReadError(fileName: fileName, line: 0, reason: "libical could not parse the file")
            }
            defer { icalcomponent_free(root) }
            return try read(root, source: source, fileName: fileName)
        }
    }

    /// Reads libical's tree `root`, whose lines are `source`. Called with the lock held.
    private func read(
        _ root: OpaquePointer, source: SourceComponent, fileName: String
    ) throws(CalendarReadError) -> CalendarDocument {
        guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else {
            throw CalendarReadError(fileName: fileName, line: source.line, reason: "libical did not read a VCALENDAR here")
        }
        try LibICalProblems.check(root, source: source, fileName: fileName)
        guard let defaultZone = LibICal.builtinZone(named: defaultTimeZone) else {
            throw CalendarReadError(
                fileName: fileName, line: 0, reason: "the default time zone \(defaultTimeZone) is unknown to libical")
        }
        let parser = EventParser(
            fileName: fileName, calendar: root, defaultZone: defaultZone, defaultZoneName: defaultTimeZone)

        var masters: [ParsedEvent] = []
        var masterLines: [String: Int] = [:]
        var overrides: [String: [ParsedEvent]] = [:]
        var orphanOrder: [String] = []
        let eventSources = source.children(named: "VEVENT")
        for (index, event) in LibICal.children(of: root, kind: ICAL_VEVENT_COMPONENT).enumerated() {
            let parsed = try parser.parse(event, source: index < eventSources.count ? eventSources[index] : source)
            if parsed.recurrenceID != nil {
                if overrides[parsed.uid] == nil { orphanOrder.append(parsed.uid) }
                overrides[parsed.uid, default: []].append(parsed)
            } else if let first = masterLines[parsed.uid] {
                throw CalendarReadError(
                    fileName: fileName, line: parsed.line,
                    reason: "UID \(parsed.uid) is already used by the event on line \(first)")
            } else {
                masterLines[parsed.uid] = parsed.line
                masters.append(parsed)
            }
        }

        let expander = RecurrenceExpander(
            fileName: fileName, now: now, horizon: horizon, maximumOccurrences: max(1, maximumOccurrencesPerEvent))
        var events: [CalendarEvent] = []
        for master in masters {
            let expanded = try expander.occurrences(of: master, overrides: overrides[master.uid] ?? [])
            events.append(Self.event(master, expanded))
        }
        // Overrides whose master is not in this file: one event each UID, made of those instances.
        for uid in orphanOrder where masterLines[uid] == nil {
            let group = overrides[uid] ?? []
            guard let first = group.first else { continue }
            guard first.summary != nil else {
                throw CalendarReadError(fileName: fileName, line: first.line, reason: "the event \(uid) has no SUMMARY")
            }
            let expanded = try expander.occurrences(of: first, overrides: group, includeMaster: false)
            events.append(Self.event(first, expanded))
        }
        return CalendarDocument(
            properties: EventParser.extensions(of: source, also: ["X-WR-CALNAME"]), events: events)
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
