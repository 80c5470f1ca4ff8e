// InvitationWriter+TimeZones: the VTIMEZONE of an invitation, written once per zone and first year
// kept rather than once per message (issue 16). Copying libical's built-in zone and truncating it to
// the year before the session (icaltimezone_truncate_vtimezone walks every transition through ICU
// dates) was a fifth of sending's time: the same text for every registrant of one session.
//
// The text of a VCALENDAR is its properties, then each sub-component's own text in order
// (icalcomponent_as_ical_string_r), so the VTIMEZONE's text, written alone, is spliced in before the
// VEVENT: the same bytes as the calendar written whole (InvitationWriterTests holds them equal). A text
// without the VEVENT's line to splice before is not sent without its zone: the invitation is written whole.
// The texts are kept in a KeptTable.

import CICal
import Foundation

/// The VTIMEZONE texts invitations carry, by zone name and first instant kept.
enum InvitationTimeZones {
    /// A zone written from an instant on.
    struct Key: Hashable {
        var name: String
        var from: Date
    }

    /// At most 256 texts are kept (one per session start in a batch, in practice a handful).
    private static let texts = KeptTable<Key, String>(limit: 256)

    /// The VTIMEZONE of `zone`, with TZID `name`, truncated to `start` on: CRLF line ends, folded.
    /// libical lock held.
    static func text(of zone: OpaquePointer, name: String, from start: Date) -> String {
        texts.value(Key(name: name, from: start)) {
            let component = CalendarWriter.timeZoneComponent(zone, name: name, from: start)
            defer { icalcomponent_free(component) }
            return LibICal.takeString(icalcomponent_as_ical_string_r(component)) ?? ""
        }
    }

    /// `calendar` (a VCALENDAR's text with one VEVENT and no VTIMEZONE) with `timeZone` before its VEVENT;
    /// nil when it has no VEVENT to put it before (the caller then writes the invitation whole).
    static func splice(_ timeZone: String, into calendar: String) -> String? {
        guard let event = calendar.range(of: "\r\nBEGIN:VEVENT\r\n") else { return nil }
        // CRLF is one Character: the VEVENT begins one index after the match's start.
        let cut = calendar.index(after: event.lowerBound)
        return String(calendar[..<cut]) + timeZone + String(calendar[cut...])
    }
}
