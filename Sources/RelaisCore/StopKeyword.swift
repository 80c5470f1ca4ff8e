// StopKeyword: whether an SMS a resident sent back asks to stop. French operators and the
// CNIL-recommended wording use "STOP"; residents also write "ARRET", "ARRÊT" or "STOP SMS", in any
// case, with spaces around, and some gateways send spaces as "+". Anything else is not a request
// to stop (a reply such as "stop merci" is read by a person, not by relais).

import Foundation

/// The words that withdraw consent to SMS.
public enum StopKeyword {
    /// The accepted forms, after folding case and accents and collapsing spaces.
    public static let forms: Set<String> = ["STOP", "ARRET", "STOP SMS", "ARRET SMS"]

    /// True when `text` is one of the stop forms.
    public static func isStop(_ text: String) -> Bool {
        let folded = text.replacingOccurrences(of: "+", with: " ")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
            .uppercased()
        let words = folded.split(whereSeparator: { $0.isWhitespace || $0 == "." || $0 == "!" })
        return forms.contains(words.joined(separator: " "))
    }
}
