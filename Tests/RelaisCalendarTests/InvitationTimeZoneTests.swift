// InvitationTimeZoneTests: an invitation whose VTIMEZONE was written once and spliced in (issue 16)
// is the same text, byte for byte, as the invitation written whole with libical, for each zone and
// session start, at the first writing and from the kept text, and a session of another year gets its
// own truncation. A text without the VEVENT to splice before is written whole instead, with its zone.

import CICal
import Foundation
import Testing

@testable import RelaisCalendar
@testable import RelaisCore

@Suite(.serialized) struct InvitationTimeZoneTests {
    @Test func aSplicedInvitationEqualsTheInvitationWrittenWholeByteForByte() {
        let starts = ["20270330T080000Z", "20271030T080000Z", "20290105T150000Z"]
        for zone in ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC", "Mars/Olympus_Mons"] {
            for start in starts {
                for method in [InvitationMethod.request, .cancel] {
                    var invitation = InvitationWriterTests.invitation(method: method, sequence: 1)
                    invitation.timeZone = zone
                    invitation.start = utc(start)
                    invitation.end = invitation.start.addingTimeInterval(3_600)
                    let whole = CalendarWriter.invitationWrittenWhole(invitation)
                    // Twice: written the first time, from the kept VTIMEZONE the second.
                    #expect(Array(CalendarWriter.invitation(invitation).utf8).elementsEqual(whole.utf8), "\(zone) \(start)")
                    #expect(Array(CalendarWriter.invitation(invitation).utf8).elementsEqual(whole.utf8), "\(zone) \(start)")
                }
            }
        }
    }

    @Test func eachSessionStartKeepsItsOwnYearOfTransitions() {
        var early = InvitationWriterTests.invitation()
        early.start = utc("20270330T080000Z")
        var late = early
        late.start = utc("20310330T080000Z")
        late.end = late.start.addingTimeInterval(3_600)
        let earlyText = CalendarWriter.invitation(early)
        let lateText = CalendarWriter.invitation(late)
        let timeZone = { (text: String) in
            String(text[text.range(of: "BEGIN:VTIMEZONE")!.lowerBound..<text.range(of: "END:VTIMEZONE")!.upperBound])
        }
        #expect(timeZone(earlyText) != timeZone(lateText))
        #expect(lateText.utf8.elementsEqual(CalendarWriter.invitationWrittenWhole(late).utf8))
    }

    @Test func theSpliceGoesBeforeTheEventAndGivesNothingForACalendarWithoutOne() {
        let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let zone = "BEGIN:VTIMEZONE\r\nTZID:X\r\nEND:VTIMEZONE\r\n"
        #expect(
            InvitationTimeZones.splice(zone, into: calendar)
                == "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + zone + "BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(InvitationTimeZones.splice(zone, into: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n") == nil)
    }

    @Test func anInvitationWithNoEventToSpliceBeforeIsWrittenWholeWithItsTimeZone() {
        var invitation = InvitationWriterTests.invitation()
        invitation.timeZone = "Europe/Paris"
        let whole = CalendarWriter.invitationWrittenWhole(invitation)
        // LF line ends, no event, nothing: the splice finds no VEVENT line to go before.
        for text in ["BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n", ""] {
            let written = LibICal.lockedInfallibly {
                CalendarWriter.withTimeZone(
                    invitation, zone: icaltimezone_get_builtin_timezone("Europe/Paris")!, spliced: text)
            }
            #expect(written.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"))
            #expect(written.utf8.elementsEqual(whole.utf8), "\(text.debugDescription)")
        }
        #expect(CalendarWriter.invitation(invitation).utf8.elementsEqual(whole.utf8), "the spliced text, as sent, the same bytes")
    }
}
