// MessageWriter: a claimed outbox row becomes the text a person receives, through the templates
// (Config/templates) in their language, with dates as people read them; an e-mail confirming, moving or
// cancelling a session carries its calendar invitation (CalendarInvitation, written with libical).

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisDelivery
import RelaisStore

/// Writes messages from templates.
public struct MessageWriter: Sendable {
    public var templates: TemplateSet
    /// How to stop, by "channel.language" (e.g. "sms.fr").
    public var stopText: [String: String]
    public var unsubscribe: Unsubscribe?
    public var calendar: Calendar
    /// The alphabet every SMS is written in (`[sms] alphabet`), applied to the whole rendered text.
    public var alphabet: SMSAlphabet
    /// Whom to call, by language, for events that name no contact (`[reminders] contact_fr|en`).
    public var contacts: [Language: String]
    /// The organiser of calendar invitations (the sender); nil writes e-mails without them.
    public var organiser: InvitationOrganiser?
    /// Who signs every message, `{{territory}}`: the territory's organiser (Territory.organiser).
    public var territory: String
    /// `[web] public_url`: where the links in messages point (MessageWriter+Links); nil for no links.
    public var publicURL: String?

    public init(
        templates: TemplateSet, stopText: [String: String], unsubscribe: Unsubscribe?, calendar: Calendar,
        alphabet: SMSAlphabet = .gsm, territory: String, contacts: [Language: String],
        organiser: InvitationOrganiser? = nil, publicURL: String? = nil
    ) {
        self.publicURL = publicURL
        self.territory = territory
        self.organiser = organiser
        self.templates = templates
        self.stopText = stopText
        self.unsubscribe = unsubscribe
        self.calendar = calendar
        self.alphabet = alphabet
        self.contacts = contacts
    }

    /// The message for a claimed row, or nil when its kind's templates in its language are missing
    /// (an optional kind: TemplateSet.missingReason says why it fails).
    public func message(for claimed: ClaimedMessage, links: MessageLinks = MessageLinks()) -> OutgoingMessage? {
        guard let template = templates.template(kind: claimed.kind, language: claimed.language, channel: claimed.channel) else {
            return nil
        }
        var values = MessageTemplate.values(
            name: claimed.name, event: claimed.event, start: claimed.start, location: claimed.location ?? "",
            stop: stopText["\(claimed.channel.rawValue).\(claimed.language.rawValue)"] ?? "", organiser: claimed.campaign,
            territory: territory, previousStart: claimed.previousStart, language: claimed.language, calendar: calendar)
        if let position = claimed.position { values["position"] = String(position) }
        values.merge(claimed.practical.values(channel: claimed.channel, language: claimed.language, contacts: contacts)) { common, _ in common }
        if let shuttle = claimed.shuttle {
            values.merge(
                MessageTemplate.shuttleValues(
                    destination: shuttle.destination, arrival: shuttle.arrival, returnDeparture: shuttle.returnDeparture,
                    fareCents: shuttle.fareCents, language: claimed.language, calendar: calendar)
            ) { common, _ in common }
        }
        // The one place an SMS's alphabet is applied: template, values and stop text together
        // (MessageTemplate+Link). An e-mail keeps one blank line where an empty placeholder
        // ({{details}} of an event without any) would leave several.
        let rendered = template.render(values, link: links.manageURL, channel: claimed.channel, alphabet: alphabet)
        let body =
            claimed.channel == .sms
            ? rendered.body
            : Self.collapsingBlankLines(rendered.body)
        return OutgoingMessage(
            key: claimed.key, channel: claimed.channel, recipient: claimed.recipient, subject: rendered.subject ?? "",
            body: body, unsubscribe: claimed.channel == .email ? links.unsubscribe(unsubscribe) : nil,
            calendar: calendarPart(for: claimed))
    }

    /// `text` with every run of three or more line feeds made two: one blank line. On bytes, not
    /// through a regular expression: that was a part of sending's time (issue 16).
    static func collapsingBlankLines(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var run = 0
        for byte in bytes {
            run = byte == 0x0A ? run + 1 : 0
            if run <= 2 { output.append(byte) }
        }
        return output.count == bytes.count ? text : String(decoding: output, as: UTF8.self)
    }

    /// The calendar invitation an e-mail carries (a confirmation, a move, a cancellation), written with libical.
    func calendarPart(for claimed: ClaimedMessage, now: Date = Date()) -> CalendarPart? {
        guard claimed.channel == .email, let organiser, let facts = claimed.invitation,
            let invitation = CalendarInvitation.of(
                kind: claimed.kind, facts: facts, domain: organiser.domain, scope: organiser.scope, organiserAddress: organiser.address,
                organiserName: organiser.name, attendeeAddress: claimed.recipient, attendeeName: claimed.name, stamp: now)
        else { return nil }
        return CalendarPart(method: invitation.method.rawValue, text: CalendarWriter.invitation(invitation))
    }
}

/// Who sends calendar invitations: the `[email] from` address and name, and the domain of their UIDs.
public struct InvitationOrganiser: Sendable, Equatable {
    public var address: String
    public var name: String
    /// The right-hand side of every invitation's UID (`registration-17@<domain>`): the sender's domain.
    public var domain: String
    /// The territory's slug in every UID (`registration-17.<scope>@<domain>`): two instances that
    /// send from one domain never give two registrations the same UID.
    public var scope: String

    public init(address: String, name: String, domain: String? = nil, scope: String = "") {
        self.address = address
        self.name = name
        self.scope = scope
        self.domain = domain ?? String(address.split(separator: "@").last ?? "localhost")
    }
}
