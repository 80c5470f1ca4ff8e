// [sms] alphabet: GSM 03.38 by transliteration (the default), or every accent kept.

import Foundation
import RelaisCore
import Testing

@Suite struct SMSAlphabetSettingTests {
    @Test func gsmWritesEveryTextInTheGSMAlphabet() {
        let text = "Fête à l’hôpital « Œuvre » : Zoë Dvořák, Ça va ?"
        let written = SMSAlphabet.gsm.written(text)
        #expect(written == "Fete à l'hopital \"OEuvre\" : Zoe Dvorak, Ça va ?", "Ç is GSM, ç is not")
        #expect(SMSText.encoding(of: written) == .gsm7)
        #expect(SMSAlphabet.gsm.written("é è à ù É Ç ü ñ €") == "é è à ù É Ç ü ñ €", "GSM characters stay as they are")
    }

    @Test func whatHasNoGSMSpellingIsKeptAndThatSMSGoesAsUCS2() {
        let written = SMSAlphabet.gsm.written("Fête 🙂 à la Maison Привет")
        #expect(written == "Fete 🙂 à la Maison Привет", "a \"?\" would lose the words")
        #expect(SMSText.encoding(of: written) == .ucs2)
    }

    @Test func ucs2KeepsEveryCharacter() {
        let text = "Fête à l’hôpital 🙂"
        #expect(SMSAlphabet.ucs2.written(text) == text)
        #expect(SMSText.encoding(of: SMSAlphabet.ucs2.written(text)) == .ucs2)
    }

    @Test func theConfigurationReadsTheAlphabetAndNamesItsLineOnError() throws {
        #expect(try Configuration.parse("", fileName: "relais.conf").smsAlphabet == .gsm)
        #expect(try Configuration.parse("[sms]\nalphabet = ucs2\n", fileName: "relais.conf").smsAlphabet == .ucs2)
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[sms]\n\nalphabet = latin1\n", fileName: "relais.conf")
        }
        #expect(error?.description.contains("relais.conf:3: sms.alphabet") == true)
        #expect(error?.description.contains("gsm, ucs2") == true)
    }
}
