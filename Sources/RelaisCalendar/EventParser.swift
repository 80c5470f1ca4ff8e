// EventParser: reads one libical VEVENT into Swift values, with the time zone of every time resolved.
//
// libical has already unescaped the text and parsed the values; this file picks what Relais uses,
// checks what RFC 5545 requires of an event (UID, DTSTART, and SUMMARY on a master), resolves each
// TZID (the file's VTIMEZONE first, then libical's built-in zones) and refuses any it cannot, since a
// silently floating time would send a reminder at the wrong hour. The result, `ParsedEvent`, still
// holds libical time values: `RecurrenceExpander` turns it into occurrences.

import CICal
import Foundation
import RelaisCore

/// A time read from one property, with the zone it is read in.
struct EventTime {
    /// The time as written; its zone is set for TZID and UTC times, nil for floating times and dates.
    var local: icaltimetype
    /// The zone `local` is read in: its TZID's, UTC, X-WR-TIMEZONE or the default zone for floating
    /// times, the default zone for dates.
    var zone: OpaquePointer
    /// What `CalendarEvent.timeZone` reports for it.
    var zoneName: String

    var isDate: Bool { local.is_date != 0 }
    var instant: Date { LibICal.instant(of: local, in: zone) }
}

/// How an event's length is given.
enum EventLength {
    /// Neither DTEND nor DURATION: one day for a DATE, zero for a DATE-TIME.
    case unspecified
    /// DTEND.
    case end(EventTime)
    /// DURATION (nominal: P1D keeps the wall-clock time across a clock change).
    case duration(icaldurationtype)
}

/// One RDATE value: a start, and for the PERIOD form its own end or length.
struct ExtraDate {
    var start: EventTime
    var end: EventTime?
    var duration: icaldurationtype?
}

/// A VEVENT as read, before expansion.
struct ParsedEvent {
    var line: Int
    var uid: String
    var summary: String?
    var description: String?
    var location: String?
    var categories: [String]
    /// STATUS when given.
    var status: EventStatus?
    var sequence: Int
    var extensions: [String: String]
    var alarms: [CalendarAlarm]
    var start: EventTime
    var length: EventLength
    var rules: [(rule: icalrecurrencetype, line: Int)]
    var extraDates: [ExtraDate]
    var exceptionDates: [EventTime]
    /// RECURRENCE-ID, for an override of one instance of a series.
    var recurrenceID: EventTime?

    var isRecurring: Bool { !rules.isEmpty || !extraDates.isEmpty }
}

/// Reads VEVENTs of one parsed VCALENDAR.
struct EventParser {
    let fileName: String
    /// libical's VCALENDAR, whose VTIMEZONEs resolve TZIDs.
    let calendar: OpaquePointer
    /// The zone of all-day dates.
    let defaultZone: OpaquePointer
    let defaultZoneName: String
    /// The zone of floating times: the file's X-WR-TIMEZONE, else the default zone.
    let floatingZone: OpaquePointer
    let floatingZoneName: String

    func refuse(_ line: Int, _ reason: String) -> CalendarReadError {
        CalendarReadError(fileName: fileName, line: line, reason: reason)
    }

    /// Reads `event`, whose lines are `source`.
    func parse(_ event: OpaquePointer, source: SourceComponent) throws(CalendarReadError) -> ParsedEvent {
        func lineOf(_ name: String) -> Int { source.firstLine(named: name)?.number ?? source.line }
        func first(_ kind: icalproperty_kind) -> OpaquePointer? { icalcomponent_get_first_property(event, kind) }

        guard let uid = first(ICAL_UID_PROPERTY).flatMap({ LibICal.string(icalproperty_get_uid($0)) }),
            !uid.trimmingSpaces().isEmpty
        else { throw refuse(source.line, "the event has no UID") }
        guard let startProperty = first(ICAL_DTSTART_PROPERTY) else {
            throw refuse(source.line, "the event \(uid) has no DTSTART")
        }
        let start = try time(icalproperty_get_dtstart(startProperty), of: startProperty, line: lineOf("DTSTART"))

        var parsed = ParsedEvent(
            line: source.line, uid: uid, summary: first(ICAL_SUMMARY_PROPERTY).flatMap { LibICal.string(icalproperty_get_summary($0)) },
            description: first(ICAL_DESCRIPTION_PROPERTY).flatMap { LibICal.string(icalproperty_get_description($0)) },
            location: first(ICAL_LOCATION_PROPERTY).flatMap { LibICal.string(icalproperty_get_location($0)) },
            categories: Self.categories(source), status: nil,
            sequence: first(ICAL_SEQUENCE_PROPERTY).map { Int(icalproperty_get_sequence($0)) } ?? 0,
            extensions: Self.extensions(of: source), alarms: [], start: start, length: .unspecified, rules: [],
            extraDates: [], exceptionDates: [], recurrenceID: nil)

        if let property = first(ICAL_STATUS_PROPERTY) {
            switch icalproperty_get_status(property) {
            case ICAL_STATUS_CONFIRMED: parsed.status = .confirmed
            case ICAL_STATUS_TENTATIVE: parsed.status = .tentative
            case ICAL_STATUS_CANCELLED: parsed.status = .cancelled
            default:
                throw refuse(lineOf("STATUS"), "an event's STATUS must be CONFIRMED, TENTATIVE or CANCELLED")
            }
        }
        parsed.length = try length(of: event, start: start, lineOf: lineOf)
        for (index, property) in LibICal.properties(of: event, kind: ICAL_RRULE_PROPERTY).enumerated() {
            let line = source.properties.filter { $0.name == "RRULE" }.dropFirst(index).first?.number ?? source.line
            let rule = icalproperty_get_rrule(property)
            if rule.freq == ICAL_NO_RECURRENCE { throw refuse(line, "RRULE has no valid FREQ") }
            if rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE {
                throw refuse(line, "RRULE repeats every second or minute; Relais schedules at most hourly")
            }
            parsed.rules.append((rule, line))
        }
        for property in LibICal.properties(of: event, kind: ICAL_RDATE_PROPERTY) {
            let value = icalproperty_get_rdate(property)
            let line = lineOf("RDATE")
            if !LibICal.isNull(value.time) {
                parsed.extraDates.append(ExtraDate(start: try time(value.time, of: property, line: line)))
                continue
            }
            let period = value.period
            var extra = ExtraDate(start: try time(period.start, of: property, line: line))
            if !LibICal.isNull(period.end) {
                extra.end = try time(period.end, of: property, line: line)
            } else {
                extra.duration = period.duration
            }
            parsed.extraDates.append(extra)
        }
        for property in LibICal.properties(of: event, kind: ICAL_EXDATE_PROPERTY) {
            parsed.exceptionDates.append(try time(icalproperty_get_exdate(property), of: property, line: lineOf("EXDATE")))
        }
        if let property = first(ICAL_RECURRENCEID_PROPERTY) {
            parsed.recurrenceID = try time(
                icalproperty_get_recurrenceid(property), of: property, line: lineOf("RECURRENCE-ID"))
        }
        if parsed.recurrenceID == nil, parsed.summary == nil {
            throw refuse(source.line, "the event \(uid) has no SUMMARY")
        }
        let alarmSources = source.children(named: "VALARM")
        for (index, alarm) in LibICal.children(of: event, kind: ICAL_VALARM_COMPONENT).enumerated() {
            let read = try self.alarm(alarm, source: index < alarmSources.count ? alarmSources[index] : source)
            // RFC 9074 §7.2: ACTION:NONE (Apple's default alarm) is a placeholder never to trigger.
            if read.action != "NONE" { parsed.alarms.append(read) }
        }
        return parsed
    }

    // MARK: - Times

    /// Resolves the zone of `value`, read from `property` (on physical line `line`).
    func time(_ value: icaltimetype, of property: OpaquePointer, line: Int) throws(CalendarReadError) -> EventTime {
        // libical 3.0 reads 20261310T090000 (month 13) without complaint.
        if value.month < 1 || value.month > 12 || value.day < 1
            || value.day > icaltime_days_in_month(value.month, value.year) || value.hour < 0 || value.hour > 23
            || value.minute < 0 || value.minute > 59 || value.second < 0 || value.second > 60
        {
            throw refuse(line, "not a valid date or time")
        }
        var local = value
        if value.is_date != 0 {
            local.zone = nil
            return EventTime(local: local, zone: defaultZone, zoneName: defaultZoneName)
        }
        if icaltime_is_utc(value) != 0 {
            local.zone = LibICal.utc
            return EventTime(local: local, zone: LibICal.utc, zoneName: "UTC")
        }
        guard let tzid = LibICal.tzid(of: property) else {
            local.zone = nil
            return EventTime(local: local, zone: floatingZone, zoneName: floatingZoneName)
        }
        guard let zone = icalcomponent_get_timezone(calendar, tzid) ?? LibICal.builtinZone(matching: tzid)?.zone else {
            throw refuse(line, "unknown time zone TZID=\(tzid): the file has no VTIMEZONE for it and it is not a time zone Relais knows")
        }
        local.zone = zone
        return EventTime(local: local, zone: zone, zoneName: Self.zoneName(tzid: tzid, zone: zone))
    }

    /// The TZID as written when libical knows it by that name; else the Olson name libical gives the
    /// zone or finds in the TZID (for `/freeassociation.sourceforge.net/Europe/Paris`); else the TZID
    /// as written. A Windows name (`Romance Standard Time`) is reported as its Olson zone (WindowsZones),
    /// even when the file's own VTIMEZONE defines the times.
    static func zoneName(tzid: String, zone: OpaquePointer) -> String {
        if icaltimezone_get_builtin_timezone(tzid) != nil { return tzid }
        if let olson = WindowsZones.olson(tzid) { return olson }
        if let location = LibICal.string(icaltimezone_get_location(zone)),
            icaltimezone_get_builtin_timezone(location) != nil
        {
            return location
        }
        return LibICal.builtinZone(matching: tzid)?.location ?? tzid
    }

    private func length(
        of event: OpaquePointer, start: EventTime, lineOf: (String) -> Int
    ) throws(CalendarReadError) -> EventLength {
        let endProperty = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY)
        let durationProperty = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY)
        if endProperty != nil, durationProperty != nil {
            throw refuse(lineOf("DURATION"), "an event has DTEND or DURATION, not both")
        }
        if let durationProperty {
            let duration = icalproperty_get_duration(durationProperty)
            if duration.is_neg != 0 { throw refuse(lineOf("DURATION"), "DURATION is negative") }
            // libical stores each field in an unsigned int and wraps silently (P999999999999999999W).
            let seconds =
                ((Int64(duration.weeks) * 7 + Int64(duration.days)) * 24 + Int64(duration.hours)) * 3600
                + Int64(duration.minutes) * 60 + Int64(duration.seconds)
            if seconds > 10 * 366 * 86_400 {
                throw refuse(lineOf("DURATION"), "DURATION is longer than ten years")
            }
            return .duration(duration)
        }
        guard let endProperty else { return .unspecified }
        let end = try time(icalproperty_get_dtend(endProperty), of: endProperty, line: lineOf("DTEND"))
        if end.instant < start.instant { throw refuse(lineOf("DTEND"), "DTEND is before DTSTART") }
        return .end(end)
    }

    // MARK: - Text, extensions, alarms

    /// CATEGORIES, read from the source text: libical 3.0 splits a CATEGORIES value on every comma,
    /// escaped or not, and unescapes the pieces, so `A\,B` would become two categories. RFC 5545
    /// §3.3.11: a comma separates values, `\,` is a comma inside one.
    static func categories(_ source: SourceComponent) -> [String] {
        source.properties.filter { $0.name == "CATEGORIES" }
            .flatMap { $0.textValues(commaSeparated: true) }
            .filter { !$0.isEmpty }
    }

    /// The `X-RELAIS-*` properties of `source` (and those named in `also`), keyed upper-case, the
    /// first of each name, read from the source text: libical 3.0 drops an X- property whose name is
    /// not written in capitals, though RFC 5545 §2.1 makes names case-insensitive.
    static func extensions(of source: SourceComponent, also names: Set<String> = []) -> [String: String] {
        var result: [String: String] = [:]
        for line in source.properties where line.name.hasPrefix("X-RELAIS-") || names.contains(line.name) {
            if result[line.name] == nil { result[line.name] = line.textValues(commaSeparated: false)[0] }
        }
        return result
    }

    private func alarm(_ alarm: OpaquePointer, source: SourceComponent) throws(CalendarReadError) -> CalendarAlarm {
        guard let property = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY) else {
            throw refuse(source.line, "VALARM has no TRIGGER")
        }
        let line = source.firstLine(named: "TRIGGER")?.number ?? source.line
        let trigger = icalproperty_get_trigger(property)
        let action =
            icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY)
            .flatMap { LibICal.string(icalproperty_get_value_as_string($0)) }?.uppercased() ?? "DISPLAY"
        if !LibICal.isNull(trigger.time) {
            return CalendarAlarm(trigger: .absolute(try time(trigger.time, of: property, line: line).instant), action: action)
        }
        let seconds = Int(icaldurationtype_as_int(trigger.duration))
        let related = icalproperty_get_first_parameter(property, ICAL_RELATED_PARAMETER).map(icalparameter_get_related)
        return CalendarAlarm(
            trigger: related == ICAL_RELATED_END ? .fromEnd(seconds: seconds) : .fromStart(seconds: seconds),
            action: action)
    }
}
