// LibICalProblems: turns the X-LIC-ERROR properties libical leaves in a parsed tree into refusals.
//
// libical never fails a parse: it drops what it cannot read and leaves an `X-LIC-ERROR` property in
// the component where that happened (icalparser.c), with no line number. This file walks libical's
// tree beside the source tree of `SourceText`, decides which problems matter, and finds the physical
// line each one comes from by the property name or text that libical quotes in its message. It
// gathers them all: the VCALENDAR's and its VTIMEZONEs' at once, each event's on its own.
//
// What matters (the file is refused):
// - a line that is not a property at all ("Got a data line...") or a property name that is not a
//   name (e.g. `REFRESH - INTERVAL`), in the VCALENDAR, a VEVENT, a VALARM or a VTIMEZONE;
// - a value or parameter libical could not read on a property Relais uses (`relevantProperties`),
//   anywhere in a VTIMEZONE (it defines the times of every event), or on any `X-RELAIS-*` property.
// What does not: libical 3.0 predates RFC 7986 and RFC 9253, so it rejects valid newer properties
// such as `LINK` or `RELATED-TO;VALUE=UID`, and X- names not written in capitals; Relais reads none
// of them through libical, so they are dropped silently, as are problems inside components Relais
// ignores (VTODO, VJOURNAL, VFREEBUSY, X-components). SourceText refuses malformed lines anywhere.

import CICal
import RelaisCore

/// The role of a component, which decides which of its problems matter.
private enum Role {
    case calendar, event, alarm, timeZone

    /// The sub-components visited under a component of this role, with their role. A calendar's
    /// events are not: the reader asks for each event's problems on its own, to go on with the next.
    var visited: [(icalcomponent_kind, String, Role)] {
        switch self {
        case .calendar: [(ICAL_VTIMEZONE_COMPONENT, "VTIMEZONE", .timeZone)]
        case .event: [(ICAL_VALARM_COMPONENT, "VALARM", .alarm)]
        case .alarm: []
        case .timeZone:
            [(ICAL_XSTANDARD_COMPONENT, "STANDARD", .timeZone), (ICAL_XDAYLIGHT_COMPONENT, "DAYLIGHT", .timeZone)]
        }
    }

    /// The properties whose value Relais reads in a component of this role.
    var relevantProperties: Set<String> {
        switch self {
        case .calendar: ["X-WR-CALNAME"]
        case .event:
            [
                "UID", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES",
                "STATUS", "SEQUENCE", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID",
            ]
        case .alarm: ["TRIGGER", "ACTION"]
        case .timeZone: []
        }
    }
}

enum LibICalProblems {
    /// The problems that matter in `calendar` (libical's VCALENDAR) itself and its VTIMEZONEs, each
    /// with its line in `source`; not those of its events (`problems(ofEvent:)`).
    static func problems(ofCalendar calendar: OpaquePointer, source: SourceComponent, fileName: String) -> [FileError] {
        problems(calendar, source: source, role: .calendar, fileName: fileName)
    }

    /// The problems that matter in one VEVENT and its VALARMs, each with its line in `source`.
    static func problems(ofEvent event: OpaquePointer, source: SourceComponent, fileName: String) -> [FileError] {
        problems(event, source: source, role: .event, fileName: fileName)
    }

    private static func problems(_ component: OpaquePointer, source: SourceComponent?, role: Role, fileName: String) -> [FileError] {
        var found: [FileError] = []
        for property in LibICal.properties(of: component, kind: ICAL_XLICERROR_PROPERTY) {
            let message = LibICal.string(icalproperty_get_xlicerror(property)) ?? "unreadable line"
            var type = ICAL_XLICERRORTYPE_NONE
            if let parameter = icalproperty_get_first_parameter(property, ICAL_XLICERRORTYPE_PARAMETER) {
                type = icalparameter_get_xlicerrortype(parameter)
            }
            let problem = Problem(message: message, type: type)
            guard problem.matters(in: role) else { continue }
            found.append(
                FileError(
                    fileName: fileName, line: source.map { problem.line(in: $0) } ?? 0, reason: problem.reason,
                    detail: "libical: \(problem.said)"))
        }
        for (kind, name, childRole) in role.visited {
            let sources = source?.children(named: name) ?? []
            for (index, child) in LibICal.children(of: component, kind: kind).enumerated() {
                let childSource = index < sources.count ? sources[index] : source
                found += problems(child, source: childSource, role: childRole, fileName: fileName)
            }
        }
        return found
    }
}

/// One X-LIC-ERROR, read from libical's message (icalparser.c, libical 3.0).
private struct Problem {
    let message: String
    let type: icalparameter_xlicerrortype

    /// The property libical names, upper-case, when its message names one.
    var propertyName: String? {
        for (prefix, suffix) in [
            ("Can't parse as ", " property"), ("No value for ", " property"),
            ("Invalid VALUE type for property ", ":"), ("Parse error in property name: ", nil),
        ] {
            guard let start = message.range(of: prefix) else { continue }
            var rest = message[start.upperBound...]
            if prefix == "Can't parse as ", let value = rest.range(of: " value in ") {
                rest = rest[value.upperBound...]
            }
            if let suffix, let end = rest.range(of: suffix) { rest = rest[..<end.lowerBound] }
            return rest.trimmingSpaces().uppercased()
        }
        return nil
    }

    /// The text libical quotes after the last ": " (the offending line or value), if any.
    var quotedText: String? {
        guard let separator = message.range(of: ": ", options: .backwards) else { return nil }
        let text = message[separator.upperBound...].trimmingSpaces()
        return text.isEmpty ? nil : text
    }

    /// True for a line that could not be read as a property at all.
    var isUnreadableLine: Bool {
        switch type {
        case ICAL_XLICERRORTYPE_COMPONENTPARSEERROR, ICAL_XLICERRORTYPE_MIMEPARSEERROR: true
        case ICAL_XLICERRORTYPE_PROPERTYPARSEERROR:
            // A well-formed name libical does not know (LINK, RFC 9253) is dropped, not an error.
            !(propertyName.map(Self.isPropertyName) ?? false)
        default: false
        }
    }

    func matters(in role: Role) -> Bool {
        if isUnreadableLine { return true }
        // A well-formed name libical refused: a newer property, or an X- name not in capitals.
        if type == ICAL_XLICERRORTYPE_PROPERTYPARSEERROR { return false }
        guard let name = propertyName else { return role == .timeZone }
        return role == .timeZone || role.relevantProperties.contains(name) || name.hasPrefix("X-RELAIS-")
    }

    /// libical's message, trimmed of its "Removing entire property" tail.
    var said: String {
        var said = message.replacingOccurrences(of: ". Removing entire property", with: "")
        while said.hasSuffix(":") || said.hasSuffix(" ") || said.hasSuffix(".") { said.removeLast() }
        return said
    }

    /// The problem in a planner's words; libical's own message is kept as the detail (`--verbose`).
    var reason: String {
        if isUnreadableLine {
            return "this line is not an iCalendar property (NAME:value, or NAME;PARAMETER=value:value)"
        }
        guard let name = propertyName else { return "this line could not be read" }
        if message.hasPrefix("No value for") { return "\(name) has no value" }
        if message.hasPrefix("Invalid VALUE type") { return "\(name): its VALUE= type is not one this property takes" }
        if let start = message.range(of: "Can't parse as "), let end = message.range(of: " value in ") {
            let kind = message[start.upperBound..<end.lowerBound].lowercased().replacingOccurrences(of: "_", with: "-")
            let words = [
                "recur": "recurrence rule", "integer": "whole number", "date-time": "date and time (YYYYMMDDTHHMMSS)",
                "date": "date (YYYYMMDD)", "duration": "duration (e.g. PT1H)", "utc-offset": "UTC offset (e.g. +0100)",
            ]
            return "\(name): the value is not a valid \(words[kind] ?? kind)"
        }
        return "\(name): the value could not be read"
    }

    /// The physical line the problem comes from, searched in `component` and its sub-components;
    /// the component's BEGIN line when the message quotes nothing that can be found.
    func line(in component: SourceComponent) -> Int {
        let lines = component.allLines
        if let name = propertyName {
            let named = lines.filter { $0.name == name }
            if let text = quotedText, let exact = named.first(where: { $0.value.contains(text) }) {
                return exact.number
            }
            if let first = named.first { return first.number }
        }
        if let text = quotedText {
            if let exact = lines.first(where: { $0.text.trimmingSpaces() == text }) { return exact.number }
            if let containing = lines.first(where: { $0.text.contains(text) }) { return containing.number }
        }
        return component.line
    }

    /// An RFC 5545 name: letters, digits and dashes.
    static func isPropertyName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }
}
