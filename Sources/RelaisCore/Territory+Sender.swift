// Territory+Sender: who messages come from when relais.conf does not say: the e-mail sender's
// display name and the SMS sender shown on phones, made from the territory's organiser.
//
// An alphanumeric SMS sender is at most 11 characters of [A-Za-z0-9 ] (operators refuse or cut
// others): the organiser's words, accents folded, each capitalised and joined ("Pays de Xyz agglo"
// gives "PaysDeXyz"), as many whole words as fit. `[sms] sender` overrides it.

import Foundation

extension Territory {
    /// The e-mail sender's display name: "<organiser> – Prévention santé".
    public var emailFromName: String { "\(organiser) – Prévention santé" }

    /// The SMS sender made from the organiser: its first words, accents folded, capitalised and
    /// joined, within 11 characters of [A-Za-z0-9]; "Relais" when no word fits.
    public var smsSender: String {
        let folded = organiser.folding(options: .diacriticInsensitive, locale: nil)
        let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        var sender = ""
        for word in words {
            guard sender.count + word.count <= Territory.smsSenderLength else { break }
            sender += word
        }
        return sender.isEmpty ? "Relais" : sender
    }

    /// The most characters of an alphanumeric SMS sender.
    public static let smsSenderLength = 11
}

extension Configuration {
    /// The address `[email] from` has until set: in the reserved `.invalid` domain (RFC 2606).
    public static let placeholderEmailFrom = "prevention@relais.invalid"

    /// `[email] from_name`, else the territory's (Territory.emailFromName).
    public func emailFromName(in territory: Territory) -> String { emailFromName ?? territory.emailFromName }

    /// `[sms] sender`, else the territory's (Territory.smsSender).
    public func smsSender(in territory: Territory) -> String { smsSender ?? territory.smsSender }
}
