// RecurrenceExpander: turns a parsed event and its RECURRENCE-ID overrides into dated occurrences.
//
// The recurrence set is RFC 5545's (§3.8.5): DTSTART, every instance of each RRULE, every RDATE,
// less every EXDATE, then each override replacing the instance it names. libical's iterator
// (icalrecur_iterator_next) generates RRULE instances in the wall-clock time of DTSTART's zone, so a
// 09:00 Europe/Paris series stays at 09:00 across clock changes; this file only converts, merges,
// bounds and applies overrides. It never computes a recurrence itself, except where libical 3.0 is
// wrong: a weekly rule with INTERVAL > 1 and BYDAY is handed to libical one weekday at a time
// (WeeklyRule: RFC 5545 §3.3.10's weeks start on WKST, Monday when absent).
//
// Bounds, so that no rule can make a read hang or explode:
// - the horizon: nothing starting after `max(now, DTSTART) + horizon` is generated. The rule's UNTIL
//   is also lowered to just past that date before libical sees it, because libical's iterator can
//   search for years for a rule that matches nothing (e.g. FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30);
// - `maximumOccurrences`: only the earliest that many instances of an event are kept.
// Neither bound hides anything silently: an event cut by either carries its `truncation`, which
// `campaigns load` prints and listings show. And the true frequency is checked on what libical
// generates, not on FREQ alone: two instances of one event less than an hour apart refuse the file
// (FREQ=YEARLY;BYMINUTE=0,1,...,59 is minutely in disguise), at the first such pair, so a hostile
// rule costs at most one instance more than a legitimate one.
// libical refuses some rules outright (icalrecur_iterator_new returns NULL), including rules that can
// never match such as FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30; the file is then refused at the RRULE line.

import CICal
import Foundation
import RelaisCore

/// One instance of the recurrence set before overrides: its original start and its span.
private struct Instance {
    var original: Date
    var start: Date
    var end: Date
}

/// An event's occurrences, and why its recurrence goes on beyond them, if it does.
struct ExpandedOccurrences {
    var occurrences: [CalendarOccurrence]
    var truncation: OccurrenceTruncation.Cause?
}

/// What one source of instances (an RRULE, or the merged set) gave, and whether a bound cut it.
private struct BoundedInstances<Element> {
    var elements: [Element] = []
    var truncation: OccurrenceTruncation.Cause?
}

struct RecurrenceExpander {
    /// The shortest time between two occurrences of one event.
    static let minimumSpacing: TimeInterval = 3600

    let fileName: String
    let now: Date
    let horizon: TimeInterval
    let maximumOccurrences: Int

    /// The occurrences of `master` with `overrides` applied. With `includeMaster` false (overrides
    /// whose master is not in the file), the occurrences are the overrides alone.
    func occurrences(
        of master: ParsedEvent, overrides: [ParsedEvent], includeMaster: Bool = true
    ) throws(CalendarReadError) -> ExpandedOccurrences {
        let limit = max(now, master.start.instant).addingTimeInterval(horizon)
        let baseStatus: EventStatus = master.status ?? .confirmed
        let set = includeMaster ? try recurrenceSet(of: master, limit: limit) : BoundedInstances<Instance>()
        let instances = set.elements

        var occurrences = instances.map { instance in
            CalendarOccurrence(
                recurrenceKey: master.isRecurring ? LibICal.utcStamp(instance.original) : "",
                start: instance.start, end: instance.end, status: baseStatus)
        }
        for override in overrides {
            guard let originalTime = override.recurrenceID else { continue }
            let original = originalTime.instant
            let start = override.start.instant
            // An override that gives no DTEND or DURATION keeps the master's length.
            var (length, lengthStart) = (override.length, override.start)
            if case .unspecified = length { (length, lengthStart) = (master.length, master.start) }
            var occurrence = CalendarOccurrence(
                recurrenceKey: LibICal.utcStamp(original), start: start,
                end: end(of: override.start, startingAt: start, length: length, eventStart: lengthStart),
                status: override.status ?? baseStatus,
                summary: override.summary == master.summary ? nil : override.summary,
                location: override.location == master.location ? nil : override.location)
            if let index = instances.firstIndex(where: { $0.original == original }) {
                occurrence.recurrenceKey = occurrences[index].recurrenceKey
                occurrences[index] = occurrence
            } else if start <= limit {
                occurrences.append(occurrence)
            }
        }
        if master.status == .cancelled {
            for index in occurrences.indices { occurrences[index].status = .cancelled }
        }
        return ExpandedOccurrences(
            occurrences: occurrences.sorted { ($0.start, $0.recurrenceKey) < ($1.start, $1.recurrenceKey) },
            truncation: set.truncation)
    }

    // MARK: - The recurrence set

    private func recurrenceSet(of event: ParsedEvent, limit: Date) throws(CalendarReadError) -> BoundedInstances<Instance> {
        var starts: [Date] = [event.start.instant]
        var explicitEnds: [Date: Date] = [:]
        var truncation: OccurrenceTruncation.Cause?
        for (rule, line) in event.rules {
            let generated = try expand(rule, line: line, from: event.start, limit: limit)
            starts += generated.elements
            truncation = truncation ?? generated.truncation
        }
        for extra in event.extraDates {
            let start = extra.start.instant
            guard start <= limit else {
                truncation = truncation ?? .horizon
                continue
            }
            starts.append(start)
            if let end = extra.end {
                explicitEnds[start] = end.instant
            } else if let duration = extra.duration {
                explicitEnds[start] = LibICal.instant(of: icaltime_add(extra.start.local, duration), in: extra.start.zone)
            }
        }
        let excluded = Set(event.exceptionDates.map(\.instant))
        let excludedDays = Set(event.exceptionDates.filter(\.isDate).map { Day($0.local) })
        var seen = Set<Date>()
        var instances: [Instance] = []
        for start in starts.sorted() where seen.insert(start).inserted {
            if excluded.contains(start) { continue }
            if !event.start.isDate, !excludedDays.isEmpty,
                excludedDays.contains(Day(LibICal.localTime(of: start, in: event.start.zone)))
            {
                continue
            }
            if instances.count == maximumOccurrences {
                truncation = .cap(limit: maximumOccurrences)
                break
            }
            if let previous = instances.last?.start {
                try checkSpacing(previous, start, zone: event.start.zone, line: event.rules.first?.line ?? event.line)
            }
            let end =
                explicitEnds[start] ?? self.end(of: event.start, startingAt: start, length: event.length, eventStart: event.start)
            instances.append(Instance(original: start, start: start, end: max(end, start)))
        }
        return BoundedInstances(elements: instances, truncation: truncation)
    }

    /// The starts of `rule` from `start`, up to `limit` and `maximumOccurrences`, and whether the
    /// rule goes on beyond them. A weekly rule libical 3.0 gets wrong is expanded one weekday at a
    /// time (WeeklyRule), the pieces merged and COUNT applied to the merged set.
    private func expand(
        _ rule: icalrecurrencetype, line: Int, from start: EventTime, limit: Date
    ) throws(CalendarReadError) -> BoundedInstances<Date> {
        guard let pieces = WeeklyRule.pieces(of: rule, from: start.local) else {
            return try iterate(rule, line: line, from: start, limit: limit)
        }
        var merged: Set<Date> = []
        var truncation: OccurrenceTruncation.Cause?
        for piece in pieces {
            var pieceStart = start
            pieceStart.local = piece.start
            let generated = try iterate(piece.rule, line: line, from: pieceStart, limit: limit)
            merged.formUnion(generated.elements)
            truncation = truncation ?? generated.truncation
        }
        var elements = merged.sorted()
        if rule.count > 0, elements.count >= Int(rule.count) {
            elements = Array(elements.prefix(Int(rule.count)))
            truncation = nil
        }
        if elements.count > maximumOccurrences {
            elements = Array(elements.prefix(maximumOccurrences))
            truncation = .cap(limit: maximumOccurrences)
        }
        for (previous, next) in zip(elements, elements.dropFirst()) {
            try checkSpacing(previous, next, zone: start.zone, line: line)
        }
        return BoundedInstances(elements: elements, truncation: truncation)
    }

    /// The starts libical generates for `rule` from `start`, up to `limit` and `maximumOccurrences`,
    /// and whether the rule goes on beyond them. Refuses the rule at the first two starts less
    /// than `minimumSpacing` apart.
    private func iterate(
        _ rule: icalrecurrencetype, line: Int, from start: EventTime, limit: Date
    ) throws(CalendarReadError) -> BoundedInstances<Date> {
        // libical iterates on the wall clock of a floating DTSTART; with a zone it moves a time that
        // does not exist (02:30 when the clocks go forward) and keeps it moved for the next instance.
        // Each wall-clock time is placed in the zone by LibICal.instant, as RFC 5545 §3.3.5 says.
        var floating = start
        floating.local.zone = nil
        let (bounded, lowered) = boundedRule(rule, from: floating, limit: limit)
        guard let iterator = icalrecur_iterator_new(bounded, floating.local) else {
            throw CalendarReadError(
                fileName: fileName, line: line,
                reason: "this RRULE cannot be expanded (a value is out of range, or the rule never matches a date)")
        }
        defer { icalrecur_iterator_free(iterator) }
        var result = BoundedInstances<Date>()
        while true {
            let next = icalrecur_iterator_next(iterator)
            if LibICal.isNull(next) {
                // The lowered UNTIL stopped it, before the rule's own COUNT (if any) ran out.
                if lowered, rule.count == 0 || result.elements.count < rule.count { result.truncation = .horizon }
                break
            }
            let instant = LibICal.instant(of: next, in: start.zone)
            if instant > limit {
                result.truncation = .horizon
                break
            }
            if result.elements.count == maximumOccurrences {
                result.truncation = .cap(limit: maximumOccurrences)
                break
            }
            if let previous = result.elements.last { try checkSpacing(previous, instant, zone: start.zone, line: line) }
            result.elements.append(instant)
        }
        return result
    }

    /// `rule` with its UNTIL lowered to just past `limit`, and whether it was lowered (the rule
    /// then may go on beyond what is generated).
    private func boundedRule(
        _ rule: icalrecurrencetype, from start: EventTime, limit: Date
    ) -> (rule: icalrecurrencetype, lowered: Bool) {
        var bounded = rule
        let bound = limit.addingTimeInterval(86_400)
        var until = rule.until
        if !LibICal.isNull(until), !start.isDate, until.is_date == 0, (until.zone == nil) != (start.local.zone == nil) {
            // libical compares UNTIL field by field with a floating DTSTART: give UNTIL the same
            // form, a UTC UNTIL on the default zone's wall clock, or a floating UNTIL in DTSTART's zone.
            until =
                until.zone == nil
                ? LibICal.localTime(of: LibICal.instant(of: until, in: start.zone), in: start.zone)
                : LibICal.localTime(of: LibICal.instant(of: until, in: LibICal.utc), in: start.zone)
            if start.local.zone == nil { until.zone = nil }
            bounded.until = until
        }
        guard LibICal.isNull(until) || LibICal.instant(of: until, in: until.zone ?? start.zone) > bound else {
            return (bounded, false)
        }
        bounded.until = LibICal.localTime(of: bound, in: LibICal.utc, isDate: start.isDate)
        if start.isDate { bounded.until.zone = nil }
        return (bounded, true)
    }

    /// Refuses two distinct starts of one event less than `minimumSpacing` apart. The same instant
    /// twice (a wall-clock hour skipped by a clock change) is not a second occurrence.
    private func checkSpacing(_ previous: Date, _ next: Date, zone: OpaquePointer, line: Int) throws(CalendarReadError) {
        let gap = next.timeIntervalSince(previous)
        guard gap > 0, gap < Self.minimumSpacing else { return }
        throw CalendarReadError(
            fileName: fileName, line: line,
            reason:
                "occurrences at \(LibICal.wallClock(previous, in: zone)) and \(LibICal.wallClock(next, in: zone)) are less than an hour apart; Relais plans at most one occurrence an hour per event"
        )
    }

    // MARK: - Ends

    /// The end of an instance starting at `instant`, for an event starting at `eventStart` with
    /// `length`. DTEND gives an exact length (RFC 5545 §3.8.5.3: "the same exact duration"), except
    /// between two DATEs, where it is a number of days; DURATION is added to the local wall-clock
    /// time, so P1D ends at the same hour the next day even across a clock change.
    private func end(of time: EventTime, startingAt instant: Date, length: EventLength, eventStart: EventTime) -> Date {
        let local = LibICal.localTime(of: instant, in: time.zone, isDate: time.isDate)
        switch length {
        case .unspecified:
            guard time.isDate else { return instant }
            return LibICal.instant(of: icaltime_add(local, icaldurationtype_from_int(86_400)), in: time.zone)
        case .duration(let duration):
            return LibICal.instant(of: icaltime_add(local, duration), in: time.zone)
        case .end(let end):
            if eventStart.isDate, end.isDate {
                // DTEND equal to DTSTART, a frequent producer mistake, is read as one day.
                if icaltime_compare(end.local, eventStart.local) == 0 {
                    return self.end(of: time, startingAt: instant, length: .unspecified, eventStart: eventStart)
                }
                return LibICal.instant(of: icaltime_add(local, icaltime_subtract(end.local, eventStart.local)), in: time.zone)
            }
            return instant.addingTimeInterval(end.instant.timeIntervalSince(eventStart.instant))
        }
    }
}

/// A calendar day, to match an EXDATE given as a DATE against timed instances.
private struct Day: Hashable {
    let year: Int32
    let month: Int32
    let day: Int32

    init(_ time: icaltimetype) {
        year = time.year
        month = time.month
        day = time.day
    }
}
