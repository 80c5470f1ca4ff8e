// PracticalWords: what a message says beyond the date and the place, so that a resident knows what
// to bring and whom to call: the event's details (its X-RELAIS-NOTE when the planner wrote one for
// residents, else its DESCRIPTION), shortened at a word in an SMS, and the contact to call (the
// event's X-RELAIS-CONTACT, else the calendar's, else `[reminders] contact_fr|en`).

import Foundation

/// An event's words for residents, as the calendar gives them.
public struct PracticalWords: Sendable, Equatable {
    /// X-RELAIS-NOTE: a few words for residents ("Apportez votre carte Vitale").
    public var note: String?
    /// The event's DESCRIPTION.
    public var description: String?
    /// The event's or its calendar's X-RELAIS-CONTACT ("CCAS, 04 50 00 00 00").
    public var contact: String?

    /// At most this many characters of details in an SMS (about half a GSM segment).
    public static let smsDetailsLimit = 70
    /// At most this many characters of details in an e-mail: a note's limit, which a long
    /// DESCRIPTION is cut to.
    public static let emailDetailsLimit = 500
    /// Placeholders every template may use, from these words.
    public static let placeholders: Set<String> = ["details", "contact"]

    public init(note: String? = nil, description: String? = nil, contact: String? = nil) {
        self.note = note
        self.description = description
        self.contact = contact
    }

    /// `details` and `contact` for a message on `channel` in `language`; `contacts` are the
    /// configuration's, by language, for an event that names none.
    public func values(channel: Channel, language: Language, contacts: [Language: String]) -> [String: String] {
        let details = Self.oneParagraph(note) ?? Self.oneParagraph(description) ?? ""
        return [
            "details": Self.shortened(details, limit: channel == .sms ? Self.smsDetailsLimit : Self.emailDetailsLimit),
            "contact": Self.oneParagraph(contact) ?? contacts[language] ?? "",
        ]
    }

    /// The text with its lines joined and its spaces collapsed; nil when nothing is left.
    static func oneParagraph(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// At most `limit` characters, cut after the last whole word that fits (inside a word longer
    /// than the limit), its trailing punctuation dropped, with "…".
    static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit - 1)
        var cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        while let last = cut.last, " ,;:.-".contains(last) { cut = cut.dropLast() }
        return cut + "…"
    }
}
