// MessageTemplate: the text of one kind of message, in one language, on one channel.
//
// Planners and CCAS staff edit the wording, not the code: templates are UTF-8 files in
// Config/templates, one per kind × language × channel (`reminder.fr.sms.txt`). An e-mail template
// starts with a `Subject: ...` line, then a blank line, then the body; an SMS template is only a
// body (surrounding blank lines and the trailing newline are trimmed; inner newlines are sent).
// Placeholders are written `{{name}}`:
//
//   name           the person's display name         event      the event summary
//   date           "mardi 30 mars à 9 h 00"           day        "mardi 30 mars"
//   time           "9 h 00"                           location   the event's place
//   stop           how to stop messages on this channel (from configuration)
//   organiser      who runs the event (the campaign or partner)
//   details        the event's X-RELAIS-NOTE, else its DESCRIPTION (at most 70 characters in an SMS)
//   contact        whom to call: the event's or calendar's X-RELAIS-CONTACT, else [reminders] contact_fr|en
//   territory      who signs the message: the territory's organiser as residents read it
//                  (Territory.organiser, e.g. the agglomeration or the CPTS)
//   previous_date  the old start, in `moved` messages only
//
// In shuttle messages (shuttle-reminder, shuttle-promoted, shuttle-cancelled, shuttle-waitlisted,
// shuttle-waitlist-deadline) the date, day and time are the pickup's, location is the stop
// ("Mairie, <commune>"), event the run; they also have:
//
//   destination    where the run goes                 arrival_time  "9 h 00" at the destination
//   return_time    the return departure, "11 h 30"    fare          "1.50 €" for the booking
//
// Waitlist messages (waitlisted, shuttle-waitlisted) also have `position`, the person's place in
// the waitlist when the message is written ("1": next). Which kind takes which placeholders is its
// descriptor's (MessageKind.swift).
//
// A template is refused, with its file name and line, for an unknown placeholder, an unclosed
// `{{`, a `}}` without `{{`, a placeholder of another kind (previous_date outside `moved`), a body
// without `{{stop}}` (every message must say how to stop them), or an e-mail without its Subject.
// A template is checked once, when loaded; rendering cannot fail.

import Foundation

/// Why a template file was refused.
public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The template's file name, e.g. `reminder.fr.sms.txt`.
    public var fileName: String
    /// The line (from 1) where the problem is, or 0 when it is about the whole file.
    public var line: Int
    /// The placeholder at fault, when there is one.
    public var placeholder: String?
    public var reason: String

    public init(fileName: String, line: Int, placeholder: String? = nil, reason: String) {
        self.fileName = fileName
        self.line = line
        self.placeholder = placeholder
        self.reason = reason
    }

    public var description: String { line > 0 ? "\(fileName):\(line): \(reason)" : "\(fileName): \(reason)" }
}

/// One checked template.
public struct MessageTemplate: Sendable, Equatable {
    public var kind: MessageKind
    public var language: Language
    public var channel: Channel
    /// The e-mail subject, with its placeholders; nil for SMS.
    public var subject: String? { didSet { subjectPieces = subject.flatMap(Self.scanned) } }
    /// The message body, with its placeholders.
    public var body: String { didSet { bodyPieces = Self.scanned(body) } }
    /// The subject and body split once, not at every message (issue 16: scanning again was an
    /// eighth of `send`'s time); nil for a text that does not scan, rendered as written.
    private var subjectPieces: [Piece]?
    private var bodyPieces: [Piece]?

    /// A template as given, unchecked: use ``parse(_:fileName:kind:language:channel:)`` for files.
    public init(kind: MessageKind, language: Language, channel: Channel, subject: String?, body: String) {
        self.kind = kind
        self.language = language
        self.channel = channel
        self.subject = subject
        self.body = body
        self.subjectPieces = subject.flatMap(Self.scanned)
        self.bodyPieces = Self.scanned(body)
    }

    /// The pieces of `text`, any well-formed placeholder accepted; nil when it does not scan.
    private static func scanned(_ text: String) -> [Piece]? { try? pieces(of: text, fileName: "", firstLine: 1, kind: nil) }

    /// The placeholders every kind may use.
    public static let commonPlaceholders: Set<String> =
        Set(["name", "event", "date", "day", "time", "location", "stop", "organiser", "territory"]).union(PracticalWords.placeholders)

    /// Reads and checks a template file's text.
    public static func parse(
        _ text: String, fileName: String, kind: MessageKind, language: Language, channel: Channel
    ) throws(TemplateError) -> MessageTemplate {
        var text = text.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var subject: String?
        var firstBodyLine = 1
        let firstLine = lines.first ?? ""
        let saysSubject = firstLine.lowercased().hasPrefix("subject:")
        switch channel {
        case .email:
            guard saysSubject else {
                throw TemplateError(fileName: fileName, line: 1, reason: "an e-mail template starts with a \"Subject: ...\" line")
            }
            let written = firstLine.dropFirst("subject:".count).trimmingCharacters(in: .whitespaces)
            guard !written.isEmpty else { throw TemplateError(fileName: fileName, line: 1, reason: "the subject is empty") }
            guard lines.count > 1, lines[1].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw TemplateError(fileName: fileName, line: 2, reason: "a blank line must follow the Subject line")
            }
            _ = try pieces(of: written, fileName: fileName, firstLine: 1, kind: kind)
            subject = written
            lines.removeFirst(2)
            firstBodyLine = 3
        case .sms:
            guard !saysSubject else { throw TemplateError(fileName: fileName, line: 1, reason: "an SMS has no subject: remove this line") }
        }
        // Leading blank lines are dropped, and counted so that error lines match the file.
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty {
            lines.removeFirst()
            firstBodyLine += 1
        }
        let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw TemplateError(fileName: fileName, line: 0, reason: "the message body is empty") }
        let bodyPieces = try pieces(of: body, fileName: fileName, firstLine: firstBodyLine, kind: kind)
        guard bodyPieces.contains(.placeholder("stop")) else {
            throw TemplateError(
                fileName: fileName, line: 0, placeholder: "stop",
                reason: "every message must say how to stop receiving them: add {{stop}} to the body")
        }
        return MessageTemplate(kind: kind, language: language, channel: channel, subject: subject, body: body)
    }

    /// The subject (e-mail) and body with every placeholder replaced by its value; a placeholder
    /// without a value becomes empty. Values are inserted as they are, never read as templates;
    /// in the subject, line breaks in values become spaces (a subject is one header line).
    public func render(_ values: [String: String]) -> (subject: String?, body: String) {
        let subject = subject.map { text in Self.render(subjectPieces, text, values, written: Self.oneLine) }
        return (subject, Self.render(bodyPieces, body, values) { $0 })
    }

    /// `value` with its line breaks made spaces (runs of them one space, none at either end); as it
    /// is when its bytes hold none, which is looked at first (a Character at a time was a part of
    /// sending's time, issue 16). The bytes that may start a line break (`Character.isNewline`):
    /// LF, VT, FF, CR; 0xC2 (NEL); 0xE2 (LINE and PARAGRAPH SEPARATOR).
    static func oneLine(_ value: String) -> String {
        guard value.utf8.contains(where: { (0x0A...0x0D).contains($0) || $0 == 0xC2 || $0 == 0xE2 }) else { return value }
        return value.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The values of the common placeholders for one occurrence, with dates worded in `language`;
    /// `territory` is who signs (Territory.organiser).
    public static func values(
        name: String, event: String, start: Date, location: String, stop: String, organiser: String, territory: String,
        previousStart: Date? = nil, language: Language, calendar: Calendar
    ) -> [String: String] {
        let words = LocalDateWording.words(start, language: language, calendar: calendar)
        var values = [
            "name": name, "event": event, "location": location, "stop": stop, "organiser": organiser, "territory": territory,
            "date": words.dateAndTime, "day": words.day, "time": words.time,
        ]
        if let previousStart {
            values["previous_date"] = LocalDateWording.dateAndTime(previousStart, language: language, calendar: calendar)
        }
        return values
    }

    // MARK: - Placeholders

    /// A run of literal text or a placeholder.
    enum Piece: Equatable {
        case text(String)
        case placeholder(String)
    }

    /// The pieces with each placeholder's value, `written` as the field wants it (only the values used).
    private static func render(
        _ pieces: [Piece]?, _ text: String, _ values: [String: String], written: (String) -> String
    ) -> String {
        // Checked templates always scan; an unchecked one (built with init) is rendered as written.
        guard let pieces else { return text }
        var rendered = ""
        rendered.reserveCapacity(text.utf8.count * 2)
        for piece in pieces {
            switch piece {
            case .text(let text): rendered += text
            case .placeholder(let name): if let value = values[name] { rendered += written(value) }
            }
        }
        return rendered
    }

    /// Splits text into literal runs and placeholders, checking each placeholder against `kind`
    /// (any well-formed name is accepted when `kind` is nil).
    static func pieces(of text: String, fileName: String, firstLine: Int, kind: MessageKind?) throws(TemplateError) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        var line = firstLine
        while !rest.isEmpty {
            let open = rest.range(of: "{{")
            let close = rest.range(of: "}}")
            if let close, open == nil || close.lowerBound < open!.lowerBound {
                let at = line + rest[..<close.lowerBound].count(where: { $0 == "\n" })
                throw TemplateError(fileName: fileName, line: at, reason: "\"}}\" without an opening \"{{\"")
            }
            guard let open else {
                pieces.append(.text(String(rest)))
                break
            }
            let before = rest[..<open.lowerBound]
            if !before.isEmpty { pieces.append(.text(String(before))) }
            line += before.count(where: { $0 == "\n" })
            let inside = rest[open.upperBound...]
            guard let end = inside.range(of: "}}"), !inside[..<end.lowerBound].contains(where: { $0 == "\n" || $0 == "{" }) else {
                throw TemplateError(fileName: fileName, line: line, reason: "\"{{\" is not closed by \"}}\" on the same line")
            }
            let name = inside[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            if let kind { try check(name, kind: kind, fileName: fileName, line: line) }
            pieces.append(.placeholder(name))
            rest = inside[end.upperBound...]
        }
        return pieces
    }

    private static func check(_ name: String, kind: MessageKind, fileName: String, line: Int) throws(TemplateError) {
        if kind.placeholders.contains(name) { return }
        let owners = MessageKind.allCases.filter { $0.specificPlaceholders.contains(name) }
        if !owners.isEmpty {
            let kinds = owners.map(\.rawValue).joined(separator: ", ")
            throw TemplateError(
                fileName: fileName, line: line, placeholder: name,
                reason: "{{\(name)}} is only for \(kinds) messages, not \(kind.rawValue)")
        }
        let known = kind.placeholders.sorted().joined(separator: ", ")
        throw TemplateError(
            fileName: fileName, line: line, placeholder: name, reason: "{{\(name)}} is not a known placeholder (known: \(known))")
    }
}
