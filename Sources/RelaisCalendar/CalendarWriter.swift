// CalendarWriter: writes the feed of a campaign's sessions as an RFC 5545 VCALENDAR.
//
// libical builds and serialises the calendar: it escapes text, folds lines at 75 octets and ends
// them with CRLF. The VTIMEZONE of each zone used is libical's built-in definition of that zone,
// renamed from libical's `/freeassociation.sourceforge.net/Europe/Paris` to the plain Olson name
// that calendar apps match, and truncated (icaltimezone_truncate_vtimezone) to the observances in
// force from a year before the feed's first event, instead of every clock change since 1891.
//
// One repair: libical 3.0 writes a CATEGORIES value without escaping `,` or `;` (it treats the
// property as a list), so the category "Prévention, dépistage" would read back as two. Those two
// characters are swapped for private-use placeholders before libical serialises, and the
// placeholders for their RFC 5545 escapes after; the placeholders are stripped from all input text.

import CICal
import Foundation
import RelaisCore

/// Writes calendar feeds.
public enum CalendarWriter {
    /// A valid RFC 5545 VCALENDAR (PRODID "-//Relais//Relais//FR", VERSION 2.0, METHOD PUBLISH,
    /// X-WR-CALNAME = name, one VTIMEZONE per zone used, built from libical's built-in zone component),
    /// one VEVENT per FeedEvent with DTSTAMP, DTSTART/DTEND with TZID (or VALUE=DATE when allDay),
    /// STATUS, SEQUENCE, CATEGORIES, LAST-MODIFIED. Lines CRLF-terminated and folded (libical does that).
    ///
    /// An event whose `timeZone` libical does not know is written in UTC.
    public static func feed(_ events: [FeedEvent], name: String, now: Date) -> String {
        LibICal.lockedInfallibly {
            let calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!
            defer { icalcomponent_free(calendar) }
            icalcomponent_add_property(calendar, icalproperty_new_prodid("-//Relais//Relais//FR"))
            icalcomponent_add_property(calendar, icalproperty_new_version("2.0"))
            icalcomponent_add_property(calendar, icalproperty_new_method(ICAL_METHOD_PUBLISH))
            icalcomponent_add_property(calendar, xProperty("X-WR-CALNAME", clean(name)))

            var zones: [String: OpaquePointer] = [:]
            for event in events where event.timeZone != "UTC" && zones[event.timeZone] == nil {
                guard let zone = icaltimezone_get_builtin_timezone(event.timeZone) else { continue }
                zones[event.timeZone] = zone
                let earliest = events.filter { $0.timeZone == event.timeZone }.map(\.start).min() ?? event.start
                icalcomponent_add_component(
                    calendar, timeZoneComponent(zone, name: event.timeZone, from: earliest.addingTimeInterval(-366 * 86_400)))
            }
            let stamp = LibICal.localTime(of: now, in: LibICal.utc)
            for event in events {
                icalcomponent_add_component(calendar, component(for: event, zone: zones[event.timeZone], stamp: stamp))
            }
            var text = LibICal.takeString(icalcomponent_as_ical_string_r(calendar)) ?? ""
            for (placeholder, escape) in categoryEscapes {
                text = text.replacingOccurrences(of: placeholder, with: escape)
            }
            return text
        }
    }

    // MARK: - Parts

    /// Placeholders for the characters libical leaves unescaped in CATEGORIES, and their escapes.
    private static let categoryEscapes = [("\u{E000}", "\\,"), ("\u{E001}", "\\;")]

    /// `text` without the placeholders.
    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{E000}", with: "").replacingOccurrences(of: "\u{E001}", with: "")
    }

    private static func component(for event: FeedEvent, zone: OpaquePointer?, stamp: icaltimetype) -> OpaquePointer {
        let component = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
        icalcomponent_add_property(component, icalproperty_new_uid(clean(event.uid)))
        icalcomponent_add_property(component, icalproperty_new_dtstamp(stamp))
        icalcomponent_add_property(component, time(ICAL_DTSTART_PROPERTY, event.start, event: event, zone: zone))
        icalcomponent_add_property(component, time(ICAL_DTEND_PROPERTY, event.end, event: event, zone: zone))
        icalcomponent_add_property(component, icalproperty_new_summary(clean(event.summary)))
        if let description = event.description {
            icalcomponent_add_property(component, icalproperty_new_description(clean(description)))
        }
        if let location = event.location {
            icalcomponent_add_property(component, icalproperty_new_location(clean(location)))
        }
        for category in event.categories {
            let placeheld = clean(category).replacingOccurrences(of: ",", with: "\u{E000}")
                .replacingOccurrences(of: ";", with: "\u{E001}")
            icalcomponent_add_property(component, icalproperty_new_categories(placeheld))
        }
        let status: icalproperty_status =
            switch event.status {
            case .confirmed: ICAL_STATUS_CONFIRMED
            case .tentative: ICAL_STATUS_TENTATIVE
            case .cancelled: ICAL_STATUS_CANCELLED
            }
        icalcomponent_add_property(component, icalproperty_new_status(status))
        icalcomponent_add_property(component, icalproperty_new_sequence(Int32(clamping: event.sequence)))
        icalcomponent_add_property(
            component, icalproperty_new_lastmodified(LibICal.localTime(of: event.lastModified, in: LibICal.utc)))
        return component
    }

    /// DTSTART or DTEND: a DATE in the event's zone when all-day, a local time with TZID, or UTC.
    private static func time(
        _ kind: icalproperty_kind, _ instant: Date, event: FeedEvent, zone: OpaquePointer?
    ) -> OpaquePointer {
        var value = LibICal.localTime(of: instant, in: zone ?? LibICal.utc, isDate: event.allDay)
        if event.allDay || zone != nil { value.zone = nil }
        let property = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart(value)! : icalproperty_new_dtend(value)!
        if event.allDay {
            icalproperty_set_parameter(property, icalparameter_new_value(ICAL_VALUE_DATE))
        } else if zone != nil {
            icalproperty_set_parameter(property, icalparameter_new_tzid(event.timeZone))
        }
        return property
    }

    /// A copy of libical's built-in VTIMEZONE for `zone`, with TZID `name`, from `start` on.
    static func timeZoneComponent(_ zone: OpaquePointer, name: String, from start: Date) -> OpaquePointer {
        let component = icalcomponent_new_clone(icaltimezone_get_component(zone))!
        if let tzid = icalcomponent_get_first_property(component, ICAL_TZID_PROPERTY) {
            icalproperty_set_tzid(tzid, name)
        }
        icaltimezone_truncate_vtimezone(
            component, LibICal.localTime(of: start, in: LibICal.utc), icaltime_null_time(), 0)
        return component
    }

    static func xProperty(_ name: String, _ value: String) -> OpaquePointer {
        let property = icalproperty_new_x(value)!
        icalproperty_set_x_name(property, name)
        return property
    }
}
