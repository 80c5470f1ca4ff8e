// InvitationShapeTests: an invitation put together from the text kept for its session (written once,
// with stand-ins) and its own UID, DTSTAMP, SEQUENCE and ATTENDEE, each written by libical alone
// (issue 16), is the same text, byte for byte, as the invitation written whole with libical: for
// names and addresses that fold, hold quotes, commas, colons or accents, for each method and zone, the
// first time and from the kept text. A text the stand-ins cannot be found in gives no shape.

import CICal
import Foundation
import Testing

@testable import RelaisCalendar
@testable import RelaisCore

@Suite(.serialized) struct InvitationShapeTests {
    static let attendees: [(address: String, name: String)] = [
        ("jeanne@example.fr", "Jeanne Martin"),
        ("a@b.fr", ""),
        ("marie-thérèse.de-la-fontaine-aux-loups@tres-long-domaine-de-messagerie.example.fr",
         "Marie-Thérèse de La Fontaine-aux-Loups, née Dupont-Aignan; dite « Mimi »: \"la grande\""),
        ("x@y.fr", String(repeating: "é", count: 80)),
        ("zoë@exemple.fr", "Zoë Ñúñez-Łukasiewicz"),
    ]

    @Test func anInvitationPutTogetherEqualsTheInvitationWrittenWholeByteForByte() {
        for zone in ["Europe/Paris", "America/New_York", "UTC", "Mars/Olympus_Mons"] {
            for method in [InvitationMethod.request, .cancel] {
                for (index, attendee) in Self.attendees.enumerated() {
                    var invitation = InvitationWriterTests.invitation(method: method, sequence: index * 7)
                    invitation.timeZone = zone
                    invitation.uid = "registration-\(1_000_000 + index * 987_654)@\(index == 2 ? String(repeating: "sous-domaine.", count: 6) : "")paysdegex.fr"
                    invitation.stamp = invitation.stamp.addingTimeInterval(Double(index) * 3_601)
                    invitation.attendeeAddress = attendee.address
                    invitation.attendeeName = attendee.name
                    let whole = CalendarWriter.invitationWrittenWhole(invitation)
                    // Twice: the shape written the first time, kept the second.
                    for round in 1...2 {
                        #expect(CalendarWriter.invitation(invitation).utf8.elementsEqual(whole.utf8), "\(zone) \(method) \(index) \(round)")
                    }
                }
            }
        }
    }

    @Test func invitationsToOneSessionShareOneShapeAndAnotherSessionHasItsOwn() {
        let first = InvitationWriterTests.invitation()
        var neighbour = first
        neighbour.uid = "registration-18@paysdegex.fr"
        neighbour.attendeeName = "Paul Durand"
        #expect(InvitationShapes.standIn(for: first) == InvitationShapes.standIn(for: neighbour))
        var moved = first
        moved.start = moved.start.addingTimeInterval(3_600)
        #expect(InvitationShapes.standIn(for: first) != InvitationShapes.standIn(for: moved))
        let movedText = CalendarWriter.invitation(moved)
        #expect(movedText.utf8.elementsEqual(CalendarWriter.invitationWrittenWhole(moved).utf8))
        #expect(movedText != CalendarWriter.invitation(first))
    }

    @Test func aTextWithoutTheStandInsGivesNoShape() {
        let standIn = InvitationShapes.standIn(for: InvitationWriterTests.invitation())
        let written = LibICal.lockedInfallibly { CalendarWriter.written(standIn, zone: nil) }
        let cut = LibICal.lockedInfallibly { InvitationShapes.cut(written, around: standIn) }
        #expect(cut != nil)
        for text in ["", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", written.replacingOccurrences(of: "ATTENDEE", with: "X-ATTENDEE")] {
            #expect(LibICal.lockedInfallibly { InvitationShapes.cut(text, around: standIn) } == nil, "\(text.prefix(40))")
        }
    }
}
