import Foundation
import Testing

@testable import RelaisCore

@Suite struct SMSTextTests {
    @Test func theGSMAlphabetHasItsHundredAndTwentySevenCharactersAndTenExtensions() {
        #expect(SMSText.basicAlphabet.count == 127)
        #expect(SMSText.extensionTable.count == 10)  // form feed ^ { } \ [ ~ ] | €
    }

    @Test(arguments: [
        ("Bonjour, votre rendez-vous est mardi 30 mars à 9 h 00.", SMSEncoding.gsm7),
        ("Dépistage, prévention, ÉPS, Ça va, où, à, è, ù", .gsm7),
        ("Ligue contre le cancer : reçu", .ucs2),  // ç
        ("Salle des fêtes", .ucs2),  // ê
        ("À bientôt", .ucs2),  // À and ô
        ("L’espace sans tabac", .ucs2),  // typographic apostrophe
        ("« Octobre rose »", .ucs2),
        ("Prix : 5 € [gratuit]", .gsm7),
        ("Genève, Zürich: ok", .gsm7),  // è and ü are in the alphabet
        ("Château", .ucs2),
        ("Rendez-vous 🙂", .ucs2),
    ])
    func frenchAccentsDecideTheEncoding(text: String, encoding: SMSEncoding) {
        #expect(SMSText.encoding(of: text) == encoding)
    }

    @Test func aDecomposedAccentCountsAsItsPrecomposedLetter() {
        #expect(SMSText.encoding(of: "pre\u{301}vention") == .gsm7)
        #expect(SMSText.segments(of: "pre\u{301}vention").units == 10)
    }

    @Test func gsmSegmentsHoldOneHundredAndSixtyThenOneHundredAndFiftyThree() {
        #expect(SMSText.segments(of: String(repeating: "a", count: 160)) == (.gsm7, 160, 1))
        #expect(SMSText.segments(of: String(repeating: "a", count: 161)) == (.gsm7, 161, 2))
        #expect(SMSText.segments(of: String(repeating: "a", count: 306)) == (.gsm7, 306, 2))
        #expect(SMSText.segments(of: String(repeating: "a", count: 307)) == (.gsm7, 307, 3))
        #expect(SMSText.segments(of: "") == (.gsm7, 0, 1))
    }

    @Test func extensionCharactersTakeTwoSeptetsAndAreNotSplit() {
        #expect(SMSText.segments(of: String(repeating: "€", count: 80)) == (.gsm7, 160, 1))
        #expect(SMSText.segments(of: String(repeating: "€", count: 81)) == (.gsm7, 162, 2))
        // 152 letters then a euro sign: 154 septets would fit 153 + 1, but the escape pair moves whole.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)
        #expect(SMSText.segments(of: text) == (.gsm7, 306, 3))
    }

    @Test func ucs2SegmentsHoldSeventyThenSixtySevenCodeUnits() {
        let fete = "fête "  // 5 code units
        #expect(SMSText.segments(of: String(repeating: fete, count: 14)) == (.ucs2, 70, 1))
        #expect(SMSText.segments(of: String(repeating: fete, count: 14) + "a") == (.ucs2, 71, 2))
        #expect(SMSText.segments(of: String(repeating: "ê", count: 134)) == (.ucs2, 134, 2))
        #expect(SMSText.segments(of: String(repeating: "ê", count: 135)) == (.ucs2, 135, 3))
        // An emoji is two code units, never split: 66 + 🙂 does not fit 67.
        let emoji = String(repeating: "ê", count: 66) + "🙂" + String(repeating: "ê", count: 66)
        #expect(SMSText.segments(of: emoji) == (.ucs2, 134, 3))
    }

    @Test func aTypicalFrenchReminderStaysGSMWithoutCircumflexes() {
        let text =
            "Pays de Gex agglo : Bonjour Mme Martin, rappel : dépistage le mardi 30 mars à 9 h 00, salle polyvalente de Gex. STOP au 36xxx"
        let size = SMSText.segments(of: text)
        #expect(size.encoding == .gsm7)
        #expect(size.units == text.count)
        #expect(size.segments == 1)
        let withFete = text.replacingOccurrences(of: "salle polyvalente", with: "salle des fêtes")
        #expect(SMSText.segments(of: withFete).encoding == .ucs2)
        #expect(SMSText.segments(of: withFete).segments == 2)
    }

    @Test func transliterationKeepsFrenchReadableInGSM() {
        let text = "À bientôt à la salle des fêtes, l’équipe « Octobre rose » – reçu, cœur"
        let plain = SMSText.gsmTransliterated(text)
        #expect(plain == "A bientot à la salle des fetes, l'équipe \"Octobre rose\" - recu, coeur")
        #expect(SMSText.encoding(of: plain) == .gsm7)
    }
}

@Suite struct SMSAlphabetTests {
    @Test func theGSMAlphabetTakesTheseAndNotThose() {
        #expect(SMSText.encoding(of: "Rappel : dépistage à Gex, 9 h. [STOP] 5 € @ ù è ì ò É Ç Ñ ß\r\n{~}|^\\") == .gsm7)
        #expect(SMSText.encoding(of: "Rappel : de\u{0301}pistage") == .gsm7)  // e + combining accent, normalised
        for text in ["fêtes", "reçu", "n’oubliez", "Gex — mardi", "🩺", "œuvre", "Â"] {
            #expect(SMSText.encoding(of: text) == .ucs2, "\(text)")
        }
    }
}
