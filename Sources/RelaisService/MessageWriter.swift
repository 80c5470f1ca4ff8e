// MessageWriter: a claimed outbox row becomes the text a person receives, through the templates
// (Config/templates) in their language, with dates as people read them.

import Foundation
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
    /// Who signs every message, `{{territory}}`: the territory's organiser (Territory.organiser).
    public var territory: String

    public init(
        templates: TemplateSet, stopText: [String: String], unsubscribe: Unsubscribe?, calendar: Calendar,
        alphabet: SMSAlphabet = .gsm, territory: String
    ) {
        self.territory = territory
        self.templates = templates
        self.stopText = stopText
        self.unsubscribe = unsubscribe
        self.calendar = calendar
        self.alphabet = alphabet
    }

    /// The message for a claimed row, or nil when its kind's templates in its language are missing
    /// (an optional kind: TemplateSet.missingReason says why it fails).
    public func message(for claimed: ClaimedMessage) -> OutgoingMessage? {
        guard let template = templates.template(kind: claimed.kind, language: claimed.language, channel: claimed.channel) else {
            return nil
        }
        var values: [String: String] = [
            "name": claimed.name, "event": claimed.event, "organiser": claimed.campaign, "territory": territory,
            "date": LocalDateWording.dateAndTime(claimed.start, language: claimed.language, calendar: calendar),
            "day": LocalDateWording.day(claimed.start, language: claimed.language, calendar: calendar),
            "time": LocalDateWording.time(claimed.start, language: claimed.language, calendar: calendar),
            "location": claimed.location ?? "",
            "stop": stopText["\(claimed.channel.rawValue).\(claimed.language.rawValue)"] ?? "",
        ]
        if let previous = claimed.previousStart {
            values["previous_date"] = LocalDateWording.dateAndTime(previous, language: claimed.language, calendar: calendar)
        }
        if let position = claimed.position { values["position"] = String(position) }
        if let shuttle = claimed.shuttle {
            values.merge(
                MessageTemplate.shuttleValues(
                    destination: shuttle.destination, arrival: shuttle.arrival, returnDeparture: shuttle.returnDeparture,
                    fareCents: shuttle.fareCents, language: claimed.language, calendar: calendar)
            ) { common, _ in common }
        }
        let rendered = template.render(values)
        // The one place an SMS's alphabet is applied: template, values and stop text together.
        let body = claimed.channel == .sms ? alphabet.written(rendered.body) : rendered.body
        return OutgoingMessage(
            key: claimed.key, channel: claimed.channel, recipient: claimed.recipient, subject: rendered.subject ?? "",
            body: body, unsubscribe: claimed.channel == .email ? unsubscribe : nil)
    }
}
