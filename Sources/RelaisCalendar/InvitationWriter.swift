// InvitationWriter: the iCalendar text of a calendar invitation (RFC 5546 iTIP over e-mail, RFC 6047),
// written with libical like the feeds (CalendarWriter): escaping, 75-octet folding and CRLF are its.
//
// One VCALENDAR with METHOD:REQUEST or METHOD:CANCEL, the VTIMEZONE libical knows for the event's zone
// (renamed to the Olson name and truncated to the year before the event, as in the feeds), and one
// VEVENT: UID, DTSTAMP, SEQUENCE, DTSTART/DTEND with TZID (UTC when the zone is unknown), SUMMARY,
// LOCATION, DESCRIPTION, STATUS (CONFIRMED or CANCELLED), ORGANIZER (the sender, with its CN),
// ATTENDEE (the resident: PARTSTAT=ACCEPTED, RSVP=FALSE: the place is taken, nothing to answer), and
// for a REQUEST a VALARM (ACTION:DISPLAY) the given time before the start.

import CICal
import Foundation
import RelaisCore

extension CalendarWriter {
    /// The VCALENDAR text of `invitation`, CRLF line ends, lines folded. The text shared by every
    /// message about one session is written once (InvitationWriter+Shapes) and the message's own
    /// properties put in it.
    public static func invitation(_ invitation: CalendarInvitation) -> String {
        LibICal.lockedInfallibly {
            let zone = invitation.timeZone == "UTC" ? nil : icaltimezone_get_builtin_timezone(invitation.timeZone)
            guard let shape = InvitationShapes.shape(of: invitation, zone: zone) else { return written(invitation, zone: zone) }
            return shape.text(for: invitation)
        }
    }

    /// The VCALENDAR text of `invitation`, its VTIMEZONE written once per zone and session start
    /// (InvitationWriter+TimeZones) and spliced in. Lock held.
    static func written(_ invitation: CalendarInvitation, zone: OpaquePointer?) -> String {
        let calendar = calendarComponent(invitation, zone: zone, timeZone: nil)
        defer { icalcomponent_free(calendar) }
        let text = LibICal.takeString(icalcomponent_as_ical_string_r(calendar)) ?? ""
        guard let zone else { return text }
        return withTimeZone(invitation, zone: zone, spliced: text)
    }

    /// `text` (`invitation` written without its VTIMEZONE) with the kept VTIMEZONE of `zone` spliced in;
    /// `invitation` written whole when `text` has no VEVENT to splice it before. Lock held.
    static func withTimeZone(_ invitation: CalendarInvitation, zone: OpaquePointer, spliced text: String) -> String {
        let timeZone = InvitationTimeZones.text(of: zone, name: invitation.timeZone, from: timeZoneStart(invitation))
        return InvitationTimeZones.splice(timeZone, into: text) ?? writtenWhole(invitation, zone: zone)
    }

    /// The VCALENDAR text of `invitation` with its VTIMEZONE written as a component of it, every time:
    /// what `invitation` must equal byte for byte (InvitationWriterTests).
    static func invitationWrittenWhole(_ invitation: CalendarInvitation) -> String {
        LibICal.lockedInfallibly {
            let zone = invitation.timeZone == "UTC" ? nil : icaltimezone_get_builtin_timezone(invitation.timeZone)
            return writtenWhole(invitation, zone: zone)
        }
    }

    /// `invitationWrittenWhole`, `zone` being the invitation's zone as libical has it. Lock held.
    private static func writtenWhole(_ invitation: CalendarInvitation, zone: OpaquePointer?) -> String {
        let timeZone = zone.map { timeZoneComponent($0, name: invitation.timeZone, from: timeZoneStart(invitation)) }
        let calendar = calendarComponent(invitation, zone: zone, timeZone: timeZone)
        defer { icalcomponent_free(calendar) }
        return LibICal.takeString(icalcomponent_as_ical_string_r(calendar)) ?? ""
    }

    // MARK: - Parts

    /// The first instant the VTIMEZONE keeps: a year before the session. Lock held.
    private static func timeZoneStart(_ invitation: CalendarInvitation) -> Date {
        invitation.start.addingTimeInterval(-366 * 86_400)
    }

    /// The VCALENDAR with its properties, `timeZone` (a VTIMEZONE it takes) and the VEVENT. Lock held;
    /// the caller frees it.
    private static func calendarComponent(
        _ invitation: CalendarInvitation, zone: OpaquePointer?, timeZone: OpaquePointer?
    ) -> OpaquePointer {
        let calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!
        icalcomponent_add_property(calendar, icalproperty_new_prodid("-//Relais//Invitation//FR"))
        icalcomponent_add_property(calendar, icalproperty_new_version("2.0"))
        icalcomponent_add_property(
            calendar, icalproperty_new_method(invitation.method == .request ? ICAL_METHOD_REQUEST : ICAL_METHOD_CANCEL))
        if let timeZone { icalcomponent_add_component(calendar, timeZone) }
        icalcomponent_add_component(calendar, event(invitation, zone: zone))
        return calendar
    }

    /// The VEVENT. Lock held.
    private static func event(_ invitation: CalendarInvitation, zone: OpaquePointer?) -> OpaquePointer {
        let event = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
        for property in leadingProperties(invitation) { icalcomponent_add_property(event, property) }
        icalcomponent_add_property(event, time(ICAL_DTSTART_PROPERTY, invitation.start, zone: zone, name: invitation.timeZone))
        icalcomponent_add_property(event, time(ICAL_DTEND_PROPERTY, invitation.end, zone: zone, name: invitation.timeZone))
        icalcomponent_add_property(event, icalproperty_new_summary(invitation.summary))
        if let location = invitation.location, !location.isEmpty {
            icalcomponent_add_property(event, icalproperty_new_location(location))
        }
        if let description = invitation.description, !description.isEmpty {
            icalcomponent_add_property(event, icalproperty_new_description(description))
        }
        icalcomponent_add_property(
            event, icalproperty_new_status(invitation.method == .request ? ICAL_STATUS_CONFIRMED : ICAL_STATUS_CANCELLED))
        icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_OPAQUE))
        let organiser = icalproperty_new_organizer("mailto:" + invitation.organiserAddress)!
        if !invitation.organiserName.isEmpty { icalproperty_add_parameter(organiser, icalparameter_new_cn(invitation.organiserName)) }
        icalcomponent_add_property(event, organiser)
        icalcomponent_add_property(event, attendee(invitation))
        if invitation.method == .request, let before = invitation.alarmBefore {
            icalcomponent_add_component(event, alarm(before: before, summary: invitation.summary))
        }
        return event
    }

    /// The VEVENT's first properties, the ones each message has its own of: UID, DTSTAMP, SEQUENCE.
    /// Lock held; the caller adds or frees them.
    static func leadingProperties(_ invitation: CalendarInvitation) -> [OpaquePointer] {
        [
            icalproperty_new_uid(invitation.uid)!,
            icalproperty_new_dtstamp(LibICal.localTime(of: invitation.stamp, in: LibICal.utc))!,
            icalproperty_new_sequence(Int32(clamping: invitation.sequence))!,
        ]
    }

    /// ATTENDEE: the resident, whose place is taken. Lock held; the caller adds or frees it.
    static func attendee(_ invitation: CalendarInvitation) -> OpaquePointer {
        let attendee = icalproperty_new_attendee("mailto:" + invitation.attendeeAddress)!
        if !invitation.attendeeName.isEmpty { icalproperty_add_parameter(attendee, icalparameter_new_cn(invitation.attendeeName)) }
        icalproperty_add_parameter(attendee, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT))
        icalproperty_add_parameter(attendee, icalparameter_new_partstat(ICAL_PARTSTAT_ACCEPTED))
        icalproperty_add_parameter(attendee, icalparameter_new_rsvp(ICAL_RSVP_FALSE))
        return attendee
    }

    /// A VALARM that displays `summary` `before` seconds before the start. Lock held.
    private static func alarm(before: TimeInterval, summary: String) -> OpaquePointer {
        let alarm = icalcomponent_new(ICAL_VALARM_COMPONENT)!
        icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY))
        var trigger = icaltriggertype()
        trigger.time = icaltime_null_time()
        trigger.duration = icaldurationtype_from_int(-Int32(clamping: Int(before.rounded())))
        icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger))
        icalcomponent_add_property(alarm, icalproperty_new_description(summary))
        return alarm
    }

    /// DTSTART or DTEND: a local time with TZID in `zone`, or UTC when there is none. Lock held.
    private static func time(_ kind: icalproperty_kind, _ instant: Date, zone: OpaquePointer?, name: String) -> OpaquePointer {
        var value = LibICal.localTime(of: instant, in: zone ?? LibICal.utc)
        if zone != nil { value.zone = nil }
        let property = kind == ICAL_DTSTART_PROPERTY ? icalproperty_new_dtstart(value)! : icalproperty_new_dtend(value)!
        if zone != nil { icalproperty_set_parameter(property, icalparameter_new_tzid(name)) }
        return property
    }
}
