import Foundation
import RelaisCore
import Testing

/// The reminders' {{details}} and {{contact}}: which words win, and how an SMS shortens them.
@Suite struct PracticalWordsTests {
    let contacts: [Language: String] = [.french: "le CCAS de votre commune", .english: "your CCAS"]

    @Test func theNoteWinsOverTheDescriptionAndTheEventsContactOverTheConfiguration() {
        let words = PracticalWords(note: "Apportez votre carte Vitale.", description: "Dépistage gratuit.", contact: "CCAS, 04 50 00 00 00")
        let values = words.values(channel: .email, language: .french, contacts: contacts)
        #expect(values == ["details": "Apportez votre carte Vitale.", "contact": "CCAS, 04 50 00 00 00"])
        let bare = PracticalWords(description: "  Dépistage\ngratuit,\n\n sans rendez-vous. ")
        #expect(bare.values(channel: .email, language: .english, contacts: contacts)
            == ["details": "Dépistage gratuit, sans rendez-vous.", "contact": "your CCAS"])
        #expect(PracticalWords().values(channel: .sms, language: .french, contacts: [:]) == ["details": "", "contact": ""])
    }

    @Test func anSMSShortensTheDetailsAtAWordWithinSeventyCharacters() {
        let long = "Apportez votre carte Vitale, la lettre d'invitation et vos derniers résultats ; entrée par la cour."
        let sms = PracticalWords(note: long).values(channel: .sms, language: .french, contacts: contacts)["details"]!
        #expect(sms.count <= PracticalWords.smsDetailsLimit)
        #expect(sms == "Apportez votre carte Vitale, la lettre d'invitation et vos derniers…")
        #expect(long.hasPrefix(String(sms.dropLast())))
        let email = PracticalWords(note: long).values(channel: .email, language: .french, contacts: contacts)["details"]!
        #expect(email == long)
    }
}
