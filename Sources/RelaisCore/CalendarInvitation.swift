// CalendarInvitation: what the calendar part of a message says (RFC 5546 iTIP), decided here and
// written as iCalendar by RelaisCalendar (InvitationWriter, libical).
//
// A confirmed registration gets a REQUEST: one event with a UID of its own
// (`registration-<id>@<domain>`), so that the resident's calendar application (Thunderbird, Outlook,
// Gmail) files it once and updates it in place. Each later message about the same registration
// carries the same UID and a higher SEQUENCE (RFC 5546 §2.1.4: "the ORGANIZER MUST increment the
// SEQUENCE property each time a significant change is made"): a moved session sends a REQUEST with the
// new times, a cancelled one a CANCEL. The sequence is derived from the session's version in the store
// (1 when created, + 1 at each move, cancellation or reinstatement), so no counter of its own is kept:
// SEQUENCE = version - 1, 0 for the first invitation. A registration cancelled by the person or the
// desk (the session unchanged) sends a CANCEL with SEQUENCE = version, one above the last REQUEST.
//
// Which kinds carry which method is `MessageKind.invitationMethod`, below; only e-mails carry one.

import Foundation

/// What a calendar part asks the receiving calendar to do (RFC 5546 §1.4).
public enum InvitationMethod: String, Sendable, Equatable {
    /// Add the event, or update it when its UID is known and the SEQUENCE higher.
    case request = "REQUEST"
    /// Remove the event whose UID it names.
    case cancel = "CANCEL"
}

/// The facts of a session a calendar part is written from, read by the store when a message is claimed.
public struct InvitationFacts: Sendable, Equatable {
    /// The registration the invitation is about: its UID.
    public var registration: Int64
    /// The session's version (1 when created): its SEQUENCE is `version - 1`.
    public var version: Int
    public var start: Date
    public var end: Date
    /// The event's time zone (an Olson name), in which DTSTART and DTEND are written.
    public var timeZone: String
    public var summary: String
    public var location: String?
    /// The event's DESCRIPTION (what to bring, whether to fast).
    public var description: String?
    /// Whether the registration held a place (a waitlisted one was never invited: nothing to cancel).
    public var confirmed: Bool

    public init(
        registration: Int64, version: Int, start: Date, end: Date, timeZone: String, summary: String, location: String?,
        description: String?, confirmed: Bool = true
    ) {
        self.registration = registration
        self.confirmed = confirmed
        self.version = version
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.summary = summary
        self.location = location
        self.description = description
    }
}

/// One iTIP message about one registration: everything InvitationWriter needs, no C and no I/O.
public struct CalendarInvitation: Sendable, Hashable {
    public var method: InvitationMethod
    /// `registration-<id>@<domain>`: the same for every message about the registration.
    public var uid: String
    /// Higher at each change (RFC 5545 §3.8.7.4).
    public var sequence: Int
    public var start: Date
    public var end: Date
    /// An Olson name; an unknown zone is written in UTC.
    public var timeZone: String
    public var summary: String
    public var location: String?
    public var description: String?
    /// The sender's address and display name (ORGANIZER;CN=...:mailto:...).
    public var organiserAddress: String
    public var organiserName: String
    /// The resident's address and name (ATTENDEE), whose place is confirmed (PARTSTAT=ACCEPTED).
    public var attendeeAddress: String
    public var attendeeName: String
    /// How long before the start the calendar application reminds (a VALARM with DISPLAY), nil for none.
    public var alarmBefore: TimeInterval?
    /// DTSTAMP: when the message was written.
    public var stamp: Date

    public init(
        method: InvitationMethod, uid: String, sequence: Int, start: Date, end: Date, timeZone: String, summary: String,
        location: String? = nil, description: String? = nil, organiserAddress: String, organiserName: String = "",
        attendeeAddress: String, attendeeName: String = "", alarmBefore: TimeInterval? = 86_400, stamp: Date
    ) {
        self.method = method
        self.uid = uid
        self.sequence = sequence
        self.start = start
        self.end = end
        self.timeZone = timeZone
        self.summary = summary
        self.location = location
        self.description = description
        self.organiserAddress = organiserAddress
        self.organiserName = organiserName
        self.attendeeAddress = attendeeAddress
        self.attendeeName = attendeeName
        self.alarmBefore = alarmBefore
        self.stamp = stamp
    }

    /// The invitation of a claimed message of `kind` about a session, or nil when the kind carries none
    /// or the registration never held a place.
    /// `domain` is the right-hand side of the UID (the sender's domain), stable for the installation;
    /// `scope` (the territory's slug) keeps two instances sending from one domain apart.
    public static func of(
        kind: MessageKind, facts: InvitationFacts, domain: String, scope: String = "", organiserAddress: String,
        organiserName: String, attendeeAddress: String, attendeeName: String, stamp: Date
    ) -> CalendarInvitation? {
        // A cancelled registration's session has not changed: its CANCEL goes one above the last REQUEST.
        let withdrawn = kind == .registrationCancelled
        guard let method = kind.invitationMethod, facts.confirmed || withdrawn else { return nil }
        return CalendarInvitation(
            method: method, uid: uid(registration: facts.registration, scope: scope, domain: domain),
            sequence: max(0, facts.version - (withdrawn ? 0 : 1)),
            start: facts.start, end: max(facts.end, facts.start), timeZone: facts.timeZone, summary: facts.summary,
            location: facts.location, description: facts.description, organiserAddress: organiserAddress,
            organiserName: organiserName, attendeeAddress: attendeeAddress, attendeeName: attendeeName,
            alarmBefore: method == .request ? 86_400 : nil, stamp: stamp)
    }

    /// `registration-17@example.fr`, or `registration-17.SCOPE@example.fr` with a scope.
    public static func uid(registration: Int64, scope: String = "", domain: String) -> String {
        "registration-\(registration)\(scope.isEmpty ? "" : "." + scope)@\(domain.isEmpty ? "localhost" : domain)"
    }
}

extension MessageKind {
    /// The calendar part an e-mail of this kind carries: a REQUEST for a confirmation and a move, a
    /// CANCEL for a cancelled session or registration; nil for the others.
    public var invitationMethod: InvitationMethod? {
        switch self {
        case .confirmation, .moved: .request
        case .cancelled, .registrationCancelled: .cancel
        default: nil
        }
    }
}
