// CampaignCalendar+Practical: the words a planner writes for residents, read from the calendar:
// X-RELAIS-NOTE on an event (what to bring, where to go in), X-RELAIS-CONTACT on an event or on the
// whole calendar (whom to call). Both are plain text on one line, of bounded length, since they go
// into every reminder.

import Foundation

extension CampaignCalendar {
    /// The event properties read here.
    static let practicalEventProperties: Set<String> = ["X-RELAIS-NOTE", "X-RELAIS-CONTACT"]
    /// Longest note and contact, in characters.
    static let noteLimit = 500
    static let contactLimit = 120

    /// The event's note and contact, checked; its DESCRIPTION as the calendar gives it.
    static func practicalWords(_ properties: [String: String], description: String?) throws(FieldError) -> PracticalWords {
        PracticalWords(
            note: try practicalText(properties["X-RELAIS-NOTE"], field: "X-RELAIS-NOTE", limit: noteLimit),
            description: description,
            contact: try practicalText(properties["X-RELAIS-CONTACT"], field: "X-RELAIS-CONTACT", limit: contactLimit))
    }

    /// A note or contact: nil when empty, refused when too long or on several lines (a contact).
    static func practicalText(_ text: String?, field: String, limit: Int) throws(FieldError) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        // Counted as the database counts (code points), so that its CHECK never refuses what passed here.
        let length = text.unicodeScalars.count
        guard length <= limit else {
            throw FieldError(field: field, reason: "is \(length) characters long, more than the \(limit) a message can carry")
        }
        if field == "X-RELAIS-CONTACT", text.contains(where: \.isNewline) {
            throw FieldError(field: field, reason: "must be one line (a name and a phone number, e.g. \"CCAS, 04 50 00 00 00\")")
        }
        return text
    }
}
