// InvitationWriter+Shapes: the text of an invitation written once per session and method, and each
// message's own properties put in it (issue 16). Writing every invitation whole with libical (the
// component, its properties, the text) was a tenth of sending's time, though every registrant of a
// session gets the same text but for four properties: UID, DTSTAMP, SEQUENCE (the VEVENT's first
// three) and ATTENDEE.
//
// The text of a component is its properties' texts in order, each folded on its own
// (icalcomponent_as_ical_string_r, as InvitationWriter+TimeZones relies on too). So the invitation is
// written once with stand-ins for those four, cut around the stand-ins' texts, and each message's
// four properties, written by libical alone, go in the cuts: the same bytes as the invitation
// written whole (InvitationShapeTests). When the stand-ins' texts are not found where they should be,
// the invitation is written whole, every time. The shapes are kept in a KeptTable.

import CICal
import Foundation
import RelaisCore

/// An invitation's text around the properties each message has its own of.
struct InvitationShape: Sendable {
    /// Up to the VEVENT's first property.
    var head: String
    /// After SEQUENCE, up to ATTENDEE.
    var middle: String
    /// After ATTENDEE, to the end.
    var tail: String

    /// The text for `invitation`, whose shared part this shape was written from. libical lock held.
    func text(for invitation: CalendarInvitation) -> String {
        let leading = CalendarWriter.leadingProperties(invitation).map(Self.written).joined()
        return head + leading + middle + Self.written(CalendarWriter.attendee(invitation)) + tail
    }

    /// `property`'s text, folded, CRLF; the property is freed. libical lock held.
    static func written(_ property: OpaquePointer) -> String {
        defer { icalproperty_free(property) }
        return LibICal.takeString(icalproperty_as_ical_string_r(property)) ?? ""
    }
}

/// The shapes of the invitations written, by their shared part.
enum InvitationShapes {
    /// At most 256 shapes are kept (one per session and method in a batch, in practice a handful).
    private static let shapes = KeptTable<CalendarInvitation, InvitationShape?>(limit: 256)

    /// What an invitation's own properties are replaced with to give its shared part.
    static func standIn(for invitation: CalendarInvitation) -> CalendarInvitation {
        var shared = invitation
        shared.uid = "relais-stand-in@invalid"
        shared.stamp = Date(timeIntervalSince1970: 0)
        shared.sequence = 0
        shared.attendeeAddress = "stand-in@invalid"
        shared.attendeeName = "Stand-in"
        return shared
    }

    /// The shape of invitations like `invitation` in `zone` (its zone as libical has it), written the
    /// first time; nil when its text could not be cut (then it is written whole). libical lock held.
    static func shape(of invitation: CalendarInvitation, zone: OpaquePointer?) -> InvitationShape? {
        let key = standIn(for: invitation)
        return shapes.value(key) { cut(CalendarWriter.written(key, zone: zone), around: key) }
    }

    /// `text`, written for the stand-in `standIn`, cut around its own properties' texts; nil when
    /// they are not there, each at a line's start, in that order. libical lock held.
    static func cut(_ text: String, around standIn: CalendarInvitation) -> InvitationShape? {
        let bytes = Array(text.utf8)
        let leading = CalendarWriter.leadingProperties(standIn).map(InvitationShape.written).joined()
        let attendee = InvitationShape.written(CalendarWriter.attendee(standIn))
        guard let first = line(leading, in: bytes, from: 0), let second = line(attendee, in: bytes, from: first.upperBound) else { return nil }
        return InvitationShape(
            head: String(decoding: bytes[..<first.lowerBound], as: UTF8.self),
            middle: String(decoding: bytes[first.upperBound..<second.lowerBound], as: UTF8.self),
            tail: String(decoding: bytes[second.upperBound...], as: UTF8.self))
    }

    /// Where `lines` (whole lines, CRLF ended) first are in `bytes` from `start` on, just after a CRLF.
    private static func line(_ lines: String, in bytes: [UInt8], from start: Int) -> Range<Int>? {
        // Searched with the CRLF before, which may end the part already read: the lines start two bytes on.
        guard let found = bytes[max(start - 2, 0)...].firstRange(ofBytes: Array(("\r\n" + lines).utf8)) else { return nil }
        return (found.lowerBound + 2)..<found.upperBound
    }
}
