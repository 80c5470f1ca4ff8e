// InvitationWriterTests: the calendar invitation a resident's e-mail carries is an iTIP message that
// libical reads back with the method, UID, SEQUENCE, times, organiser, attendee and alarm written; a
// cancellation names the same UID with a higher SEQUENCE and no alarm.

import CICal
import Foundation
import RelaisCalendar
import RelaisCore
import Testing

@Suite(.serialized) struct InvitationWriterTests {
    static func invitation(method: InvitationMethod = .request, sequence: Int = 0) -> CalendarInvitation {
        CalendarInvitation(
            method: method, uid: "registration-17@paysdegex.fr", sequence: sequence, start: utc("20270330T080000Z"),
            end: utc("20270330T100000Z"), timeZone: "Europe/Paris", summary: "Dépistage, Gex", location: "Mairie de Gex; salle 2",
            description: "Apportez votre carte Vitale,\nà jeun", organiserAddress: "prevention@paysdegex.fr",
            organiserName: "Pays de Gex agglo – Prévention santé", attendeeAddress: "jeanne@example.fr", attendeeName: "Jeanne Martin",
            alarmBefore: 86_400, stamp: utc("20270301T120000Z"))
    }

    @Test func aRequestReadsBackWithEveryFieldAnInvitationNeeds() throws {
        let text = CalendarWriter.invitation(Self.invitation(sequence: 2))
        #expect(text.contains("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let read = try #require(ReadInvitation(text))
        #expect(read.method == "REQUEST")
        #expect(read.uid == "registration-17@paysdegex.fr")
        #expect(read.sequence == 2)
        #expect(read.start == "20270330T100000" && read.startZone == "Europe/Paris")  // 08:00Z is 10:00 CEST
        #expect(read.end == "20270330T120000")
        #expect(read.timeZones == ["Europe/Paris"])
        #expect(read.summary == "Dépistage, Gex")
        #expect(read.location == "Mairie de Gex; salle 2")
        #expect(read.description == "Apportez votre carte Vitale,\nà jeun")
        #expect(read.status == "CONFIRMED")
        #expect(read.organiser == "mailto:prevention@paysdegex.fr")
        #expect(read.attendee == "mailto:jeanne@example.fr")
        #expect(read.attendeeParameters.contains("PARTSTAT=ACCEPTED"))
        #expect(read.alarms == ["DISPLAY -P1D"])
    }

    @Test func aCancellationKeepsTheUIDRaisesTheSequenceAndHasNoAlarm() throws {
        let read = try #require(ReadInvitation(CalendarWriter.invitation(Self.invitation(method: .cancel, sequence: 3))))
        #expect(read.method == "CANCEL")
        #expect(read.uid == "registration-17@paysdegex.fr")
        #expect(read.sequence == 3)
        #expect(read.status == "CANCELLED")
        #expect(read.alarms.isEmpty)
    }

    @Test func anUnknownZoneIsWrittenInUTC() throws {
        var invitation = Self.invitation()
        invitation.timeZone = "Mars/Olympus_Mons"
        let read = try #require(ReadInvitation(CalendarWriter.invitation(invitation)))
        #expect(read.start == "20270330T080000Z" && read.startZone == nil)
        #expect(read.timeZones.isEmpty)
    }

    @Test func theSequenceFollowsTheSessionVersionAndOnlyAPlaceIsCancelled() {
        let facts = InvitationFacts(
            registration: 17, version: 3, start: utc("20270330T080000Z"), end: utc("20270330T100000Z"), timeZone: "Europe/Paris",
            summary: "Dépistage", location: nil, description: nil)
        func of(_ kind: MessageKind, _ facts: InvitationFacts) -> CalendarInvitation? {
            CalendarInvitation.of(
                kind: kind, facts: facts, domain: "paysdegex.fr", organiserAddress: "prevention@paysdegex.fr", organiserName: "",
                attendeeAddress: "jeanne@example.fr", attendeeName: "Jeanne", stamp: utc("20270301T120000Z"))
        }
        #expect(of(.confirmation, facts)?.method == .request)
        #expect(of(.confirmation, facts)?.sequence == 2)
        #expect(of(.confirmation, facts)?.uid == "registration-17@paysdegex.fr")
        #expect(of(.moved, facts)?.method == .request)
        #expect(of(.cancelled, facts)?.method == .cancel)
        #expect(of(.reminder, facts) == nil)
        var waitlisted = facts
        waitlisted.confirmed = false
        #expect(of(.cancelled, waitlisted) == nil)
        // The person cancelled (their registration no longer confirmed): one above the last REQUEST.
        #expect(of(.registrationCancelled, waitlisted)?.method == .cancel)
        #expect(of(.registrationCancelled, waitlisted)?.sequence == 3)
    }
}

/// What libical reads back from an invitation's text.
struct ReadInvitation {
    var method = "", uid = "", sequence = -1, start = "", startZone: String?, end = "", timeZones: [String] = []
    var summary = "", location = "", description = "", status = "", organiser = "", attendee = "", attendeeParameters = ""
    var alarms: [String] = []

    init?(_ text: String) {
        guard let calendar = icalcomponent_new_from_string(text) else { return nil }
        defer { icalcomponent_free(calendar) }
        method = String(cString: icalproperty_method_to_string(icalcomponent_get_method(calendar)))
        var zone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT)
        while let current = zone {
            timeZones.append(String(cString: icalproperty_get_tzid(icalcomponent_get_first_property(current, ICAL_TZID_PROPERTY))))
            zone = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)
        }
        guard let event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT) else { return nil }
        func value(_ kind: icalproperty_kind) -> String {
            icalcomponent_get_first_property(event, kind).flatMap { icalproperty_get_value_as_string($0) }.map { String(cString: $0) } ?? ""
        }
        uid = value(ICAL_UID_PROPERTY)
        sequence = Int(icalcomponent_get_sequence(event))
        start = value(ICAL_DTSTART_PROPERTY)
        end = value(ICAL_DTEND_PROPERTY)
        if let property = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY),
            let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER)
        {
            startZone = String(cString: icalparameter_get_tzid(parameter))
        }
        summary = String(cString: icalcomponent_get_summary(event))
        location = String(cString: icalcomponent_get_location(event))
        description = String(cString: icalcomponent_get_description(event))
        status = value(ICAL_STATUS_PROPERTY)
        organiser = value(ICAL_ORGANIZER_PROPERTY)
        attendee = value(ICAL_ATTENDEE_PROPERTY)
        if let property = icalcomponent_get_first_property(event, ICAL_ATTENDEE_PROPERTY) {
            attendeeParameters = String(cString: icalproperty_as_ical_string(property))
        }
        var alarm = icalcomponent_get_first_component(event, ICAL_VALARM_COMPONENT)
        while let current = alarm {
            let action = icalcomponent_get_first_property(current, ICAL_ACTION_PROPERTY).map {
                String(cString: icalproperty_get_value_as_string($0))
            }
            let trigger = icalcomponent_get_first_property(current, ICAL_TRIGGER_PROPERTY).map {
                String(cString: icalproperty_get_value_as_string($0))
            }
            alarms.append("\(action ?? "") \(trigger ?? "")")
            alarm = icalcomponent_get_next_component(event, ICAL_VALARM_COMPONENT)
        }
    }
}
