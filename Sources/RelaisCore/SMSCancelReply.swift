// SMSCancelReply: the words a resident may text back to cancel a registration, besides STOP
// (StopKeyword). "ANNULER" (or "CANCEL") asks; relais answers with the event and date and waits
// `confirmationMinutes` for "OUI" (or "YES", "O", "Y"); anything later starts over. As for STOP,
// case, accents and spaces do not matter, and a sentence is not read ("annuler demain svp" is for
// a person, not for relais).

import Foundation

/// What a resident's SMS asks about a registration.
public enum SMSCancelReply: Sendable, Equatable {
    /// "ANNULER", "CANCEL": cancel my next registration (once confirmed).
    case cancel
    /// "OUI", "YES": confirm the cancellation asked.
    case confirm

    /// How long a request waits for its confirmation.
    public static let confirmationMinutes = 30

    /// The earliest a request may have been asked for "OUI" at `now` to still confirm it
    /// (`confirmationMinutes` before); one asked earlier starts over.
    public static func oldestConfirmable(now: Date) -> Date {
        now.addingTimeInterval(-TimeInterval(confirmationMinutes * 60))
    }

    /// The reply `text` is, or nil for anything else.
    public init?(_ text: String) {
        let folded = text.replacingOccurrences(of: "+", with: " ")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
            .uppercased()
        let words = folded.split(whereSeparator: { $0.isWhitespace || $0 == "." || $0 == "!" }).joined(separator: " ")
        switch words {
        case "ANNULER", "ANNULATION", "CANCEL": self = .cancel
        case "OUI", "O", "YES", "Y": self = .confirm
        default: return nil
        }
    }
}
