// TemplateSet: every message template Relais may need, loaded and checked together.
//
// The daemon must never find, at 19:59 on a Saturday, that the English cancellation SMS is missing
// or broken: the set is loaded at start-up from files named `<kind>.<language>.<channel>.txt`
// (`moved.en.email.txt`) and refused unless every kind × language × channel is there and valid.
// Kinds whose descriptor says their templates are optional (kinds added after installations made
// their own folder) may be missing: the same language's other channel stands in (an e-mail then
// takes the event as its subject), with a warning; a kind with neither channel in a language is
// loaded without it, with a warning, and its messages in that language fail with that reason.
// Each SMS template is also rendered with typical values (a 20-character name, a 50-character
// event summary, a 40-character place, the longest date wordings) to estimate its size: a template
// above two segments is loaded, with a warning naming the file, since each segment is paid for and
// long messages reach old phones in pieces.

import Foundation

/// The size of one SMS template rendered with typical values.
public struct SMSEstimate: Sendable, Equatable {
    public var fileName: String
    public var encoding: SMSEncoding
    /// Septets (GSM-7) or UTF-16 code units (UCS-2).
    public var units: Int
    public var segments: Int

    public init(fileName: String, encoding: SMSEncoding, units: Int, segments: Int) {
        self.fileName = fileName
        self.encoding = encoding
        self.units = units
        self.segments = segments
    }
}

/// A complete, checked set of templates: one per kind, language and channel.
public struct TemplateSet: Sendable {
    private struct Key: Hashable {
        var kind: MessageKind
        var language: Language
        var channel: Channel
    }

    private let templates: [Key: MessageTemplate]
    /// The estimated size of each SMS template, by file name.
    public let smsEstimates: [SMSEstimate]
    /// What stands in for each missing optional template (`relais doctor` warns of each).
    public let standIns: [String]

    /// The most segments an SMS template may take, with typical values, without a warning.
    public static let maximumSMSSegments = 2

    // No public memberwise initialiser: a set exists only once `load` has found it complete (but
    // for optional templates, whose stand-ins it records).
    private init(templates: [Key: MessageTemplate], smsEstimates: [SMSEstimate], standIns: [String]) {
        self.templates = templates
        self.smsEstimates = smsEstimates
        self.standIns = standIns
    }

    /// The file name of a template: `reminder.fr.sms.txt`.
    public static func fileName(kind: MessageKind, language: Language, channel: Channel) -> String {
        "\(kind.rawValue).\(language.rawValue).\(channel.rawValue).txt"
    }

    /// Loads templates from (file name, UTF-8 text) pairs. Names not ending in `.txt` are skipped
    /// with a warning; a `.txt` name that is not `<kind>.<language>.<channel>.txt`, a duplicate, a
    /// refused template or a missing combination is an error. Warnings also name each SMS template
    /// above ``maximumSMSSegments`` segments with typical values.
    public static func load(files: [(name: String, text: String)]) throws(TemplateError) -> (set: TemplateSet, warnings: [String]) {
        var templates: [Key: MessageTemplate] = [:]
        var warnings: [String] = []
        for file in files {
            let name = file.name.split(separator: "/").last.map(String.init) ?? file.name
            guard name.hasSuffix(".txt") else {
                warnings.append("\(name): skipped, not a template (templates are named <kind>.<language>.<channel>.txt)")
                continue
            }
            let key = try key(of: name)
            guard templates[key] == nil else { throw TemplateError(fileName: name, line: 0, reason: "given twice") }
            templates[key] = try MessageTemplate.parse(
                file.text, fileName: name, kind: key.kind, language: key.language, channel: key.channel)
        }
        var missing: [String] = []
        var standIns: [String] = []
        for kind in MessageKind.allCases {
            for language in Language.allCases {
                for channel in Channel.allCases where templates[Key(kind: kind, language: language, channel: channel)] == nil {
                    if kind.descriptor.optionalTemplates {
                        let standIn = standIn(for: Key(kind: kind, language: language, channel: channel), in: &templates)
                        if !standIns.contains(standIn) { standIns.append(standIn) }
                    } else {
                        missing.append(fileName(kind: kind, language: language, channel: channel))
                    }
                }
            }
        }
        if !missing.isEmpty {
            throw TemplateError(fileName: missing[0], line: 0, reason: "missing template (all missing: \(missing.joined(separator: ", ")))")
        }
        var estimates: [SMSEstimate] = []
        for (key, template) in templates.sorted(by: { fileName(of: $0.key) < fileName(of: $1.key) }) where key.channel == .sms {
            // As written (no transliteration), the link's line kept only where it fits, as sent (MessageTemplate+Link).
            let values = typicalValues(kind: key.kind, language: key.language, channel: key.channel)
            let text = template.render(values, link: values[MessageTemplate.linkPlaceholder], channel: .sms, alphabet: .ucs2).body
            let size = SMSText.segments(of: text)
            let estimate = SMSEstimate(fileName: fileName(of: key), encoding: size.encoding, units: size.units, segments: size.segments)
            estimates.append(estimate)
            if size.segments > maximumSMSSegments {
                warnings.append(
                    "\(estimate.fileName): \(size.segments) SMS segments with typical values (\(size.encoding.rawValue), \(size.units) units;"
                        + " at most \(maximumSMSSegments) wanted)")
            }
        }
        return (TemplateSet(templates: templates, smsEstimates: estimates, standIns: standIns), standIns + warnings)
    }

    /// The template for a kind, language and channel: always present for a kind whose templates
    /// are required; nil for an optional kind whose folder has neither channel in that language.
    public func template(kind: MessageKind, language: Language, channel: Channel) -> MessageTemplate? {
        templates[Key(kind: kind, language: language, channel: channel)]
    }

    /// Why a message of an optional kind fails when the folder has neither of its templates in its language.
    public static func missingReason(kind: MessageKind, language: Language, channel: Channel) -> String {
        let other: Channel = channel == .sms ? .email : .sms
        return "no template: \(fileName(kind: kind, language: language, channel: channel)) and "
            + "\(fileName(kind: kind, language: language, channel: other)) are missing from the templates folder"
    }

    /// Puts the same language's other channel in place of a missing optional template, and says so.
    private static func standIn(for key: Key, in templates: inout [Key: MessageTemplate]) -> String {
        let other = Key(kind: key.kind, language: key.language, channel: key.channel == .sms ? .email : .sms)
        guard let template = templates[other] else {
            return "\(fileName(of: key)): missing, and so is \(fileName(of: other)): \(key.kind.rawValue) messages in "
                + "\(key.language.rawValue) cannot be written and fail when due (add the templates)"
        }
        // An SMS takes the e-mail's body; an e-mail takes the SMS's text and the event as its subject.
        templates[key] = MessageTemplate(
            kind: key.kind, language: key.language, channel: key.channel, subject: key.channel == .email ? "{{event}}" : nil,
            body: template.body)
        return "\(fileName(of: key)): missing (an optional template): \(fileName(of: other)) stands in"
    }

    /// A 26-character organiser, of a territory's organiser's usual length (no territory's own:
    /// templates are checked before any territory is known; doctor puts the real one in).
    public static let typicalTerritory = "Communauté d'agglomération"

    /// Values of typical length used to estimate SMS sizes: a 20-character name, a 50-character
    /// event, a 40-character place, the longest date wording (a Wednesday in September at 14:30),
    /// a 26-character territory, and the kind's own placeholders (PlaceholderGroup.typicalValues).
    /// `territory` signs: a territory's organiser when one is known, else a neutral one of typical length.
    public static func typicalValues(
        kind: MessageKind, language: Language, channel: Channel, territory: String = typicalTerritory
    ) -> [String: String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let start = calendar.date(from: DateComponents(year: 2026, month: 9, day: 30, hour: 14, minute: 30))!
        let stop: String
        switch (language, channel) {
        case (.french, .sms): stop = "Pour ne plus recevoir : STOP au 36xxx"
        case (.english, .sms): stop = "To stop these texts: STOP to 36xxx"
        case (.french, .email): stop = "Pour ne plus recevoir ces messages : https://relais.example/stop/0123456789abcdef"
        case (.english, .email): stop = "To stop these messages: https://relais.example/stop/0123456789abcdef"
        }
        var values = MessageTemplate.values(
            name: "Jean-Pierre Martinet", event: "Journée de dépistage du cancer colorectal à la MSP",
            start: start, location: "Salle polyvalente, 12 place de la Mairie", stop: stop,
            organiser: "Mars bleu 2027", territory: territory, language: language, calendar: calendar)
        let words = PracticalWords(
            note: "Apportez votre carte Vitale et la lettre d'invitation ; entrée par la cour, à gauche.",
            contact: "CCAS de Saint-Exemple, 04 50 00 00 00")
        values.merge(words.values(channel: channel, language: language, contacts: [:])) { common, _ in common }
        // The kind's own placeholders, at their longest (its descriptor's families).
        for group in kind.descriptor.placeholders {
            values.merge(group.typicalValues(start: start, language: language, calendar: calendar)) { common, _ in common }
        }
        return values
    }

    // MARK: - File names

    private static func fileName(of key: Key) -> String { fileName(kind: key.kind, language: key.language, channel: key.channel) }

    private static func key(of name: String) throws(TemplateError) -> Key {
        let parts = name.dropLast(".txt".count).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            throw TemplateError(
                fileName: name, line: 0, reason: "a template is named <kind>.<language>.<channel>.txt, e.g. reminder.fr.sms.txt")
        }
        guard let kind = MessageKind(rawValue: parts[0]) else {
            let known = MessageKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw TemplateError(fileName: name, line: 0, reason: "unknown kind \"\(parts[0])\" (known: \(known))")
        }
        guard let language = Language(rawValue: parts[1]) else {
            let known = Language.allCases.map(\.rawValue).joined(separator: ", ")
            throw TemplateError(fileName: name, line: 0, reason: "unknown language \"\(parts[1])\" (known: \(known))")
        }
        guard let channel = Channel(rawValue: parts[2]) else {
            let known = Channel.allCases.map(\.rawValue).joined(separator: ", ")
            throw TemplateError(fileName: name, line: 0, reason: "unknown channel \"\(parts[2])\" (known: \(known))")
        }
        return Key(kind: kind, language: language, channel: channel)
    }
}
