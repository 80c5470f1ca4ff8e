// TemplateSet+RealValues: SMS estimates from the values the loaded calendars really hold.
//
// Typical values undersell real ones: a season's summaries reach 90 characters and its places 100,
// while the typical values give 50 and 40, so `relais doctor` once announced two segments for
// reminders that went at four or five. Here each placeholder takes the longest value any event (or,
// for the shuttle's kinds, any run and stop) gives it, with a long name, the configured stop text and
// the alphabet SMS are written in: an upper bound of what a message of that kind may cost.

import Foundation

/// What one event occurrence, or one shuttle leg, gives a message's placeholders.
public struct MessageFacts: Sendable, Equatable {
    /// The event's summary (the run's label for the shuttle).
    public var event: String
    /// The campaign's name.
    public var organiser: String
    public var location: String
    /// The start (the pickup, for the shuttle).
    public var start: Date
    /// The shuttle's destination, arrival, return departure and fare; nil for an event.
    public var shuttle: (destination: String, arrival: Date, returnDeparture: Date, fareCents: Int)?
    /// The event's note, description and contact.
    public var practical = PracticalWords()

    public init(
        event: String, organiser: String, location: String, start: Date,
        shuttle: (destination: String, arrival: Date, returnDeparture: Date, fareCents: Int)? = nil
    ) {
        self.event = event
        self.organiser = organiser
        self.location = location
        self.start = start
        self.shuttle = shuttle
    }

    public static func == (left: MessageFacts, right: MessageFacts) -> Bool {
        left.event == right.event && left.organiser == right.organiser && left.location == right.location
            && left.start == right.start && left.shuttle?.destination == right.shuttle?.destination
            && left.shuttle?.arrival == right.shuttle?.arrival && left.shuttle?.returnDeparture == right.shuttle?.returnDeparture
            && left.shuttle?.fareCents == right.shuttle?.fareCents && left.practical == right.practical
    }

    /// Every placeholder's value for an SMS of `kind` about these facts, as MessageWriter gives them.
    /// `territory` is who signs (Territory.organiser); `contacts` are the configuration's, for an
    /// event that names none.
    public func values(
        kind: MessageKind, name: String, stop: String, territory: String, language: Language, contacts: [Language: String],
        calendar: Calendar
    ) -> [String: String] {
        var values = MessageTemplate.values(
            name: name, event: event, start: start, location: location, stop: stop, organiser: organiser, territory: territory,
            previousStart: kind == .moved ? start : nil, language: language, calendar: calendar)
        if let shuttle {
            values.merge(
                MessageTemplate.shuttleValues(
                    destination: shuttle.destination, arrival: shuttle.arrival, returnDeparture: shuttle.returnDeparture,
                    fareCents: shuttle.fareCents, language: language, calendar: calendar)
            ) { common, _ in common }
        }
        if kind.descriptor.placeholders.contains(.waitlist) { values["position"] = "999" }
        if kind.descriptor.placeholders.contains(.links) { values["manage_url"] = PlaceholderGroup.typicalManageURL }
        values.merge(practical.values(channel: .sms, language: language, contacts: contacts)) { common, _ in common }
        return values
    }
}

extension MessageKind {
    /// Whether messages of this kind are about a shuttle booking (they take the shuttle's placeholders).
    public var isAboutShuttle: Bool { descriptor.subject == .booking }
}

extension TemplateSet {
    /// A long name (31 characters) for estimates: names are the residents', not the calendars'.
    public static let longName = "Marie-Françoise Duchêne-Lefèvre"

    /// For each placeholder, its longest value over `facts` (the events' facts for an event kind, the
    /// shuttle legs' for a shuttle kind), measured in `alphabet`; nil when no fact fits the kind.
    /// `territory` is who signs (Territory.organiser).
    public static func longestValues(
        kind: MessageKind, language: Language, facts: [MessageFacts], stop: String, territory: String, alphabet: SMSAlphabet,
        calendar: Calendar, contacts: [Language: String]
    ) -> [String: String]? {
        var longest: [String: String] = [:]
        for fact in facts where (fact.shuttle != nil) == kind.isAboutShuttle {
            let values = fact.values(
                kind: kind, name: longName, stop: stop, territory: territory, language: language, contacts: contacts, calendar: calendar)
            for (placeholder, value) in values {
                let current = longest[placeholder].map { SMSText.segments(of: alphabet.written($0)).units } ?? -1
                if SMSText.segments(of: alphabet.written(value)).units > current { longest[placeholder] = value }
            }
        }
        return longest.isEmpty ? nil : longest
    }

    /// The size of each SMS template rendered with `values(kind, language)` and written in `alphabet`
    /// (kinds for which `values` gives nil are left out).
    public func smsEstimates(alphabet: SMSAlphabet, values: (MessageKind, Language) -> [String: String]?) -> [SMSEstimate] {
        var estimates: [SMSEstimate] = []
        for kind in MessageKind.allCases {
            for language in Language.allCases {
                // A missing optional template is doctor's stand-in warning, not an estimate.
                guard let values = values(kind, language), let template = template(kind: kind, language: language, channel: .sms)
                else { continue }
                let text = template.render(
                    values, link: values[MessageTemplate.linkPlaceholder], channel: .sms, alphabet: alphabet
                ).body
                let size = SMSText.segments(of: text)
                estimates.append(
                    SMSEstimate(
                        fileName: Self.fileName(kind: kind, language: language, channel: .sms), encoding: size.encoding,
                        units: size.units, segments: size.segments))
            }
        }
        return estimates.sorted { $0.fileName < $1.fileName }
    }
}
