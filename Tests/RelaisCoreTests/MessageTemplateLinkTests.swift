// The line that gives the registration page's link (MessageTemplate+Link): kept in an e-mail, kept
// in an SMS while the SMS stays within two segments with this message's values, left out otherwise
// and whenever there is no link, so the rest of the message is the same as without the line.

import Testing

@testable import RelaisCore

@Suite struct MessageTemplateLinkTests {
    let template = try! MessageTemplate.parse(
        "{{territory}}, rappel : {{event}}, {{date}}, {{location}}. {{stop}}\nAnnuler : {{manage_url}}\n",
        fileName: "reminder.fr.sms.txt", kind: .reminder, language: .french, channel: .sms)
    let link = "https://relais.example.fr/r/AbCdEfGh12345678"

    func values(location: String) -> [String: String] {
        ["territory": "Agglo", "event": "Dépistage", "date": "mardi 30 mars à 9 h", "location": location, "stop": "STOP 36180",
         "name": "Jeanne", "details": "", "contact": "04 50 00 00 00"]
    }

    @Test func aShortSMSKeepsTheLinkOnItsOwnLine() {
        let body = template.render(values(location: "Salle des fêtes"), link: link, channel: .sms, alphabet: .gsm).body
        #expect(body.hasSuffix("\nAnnuler : \(link)"), "\(body)")
        #expect(SMSText.segments(of: body).segments <= TemplateSet.maximumSMSSegments)
    }

    @Test func anSMSTheLinkWouldTakePastTwoSegmentsGoesWithoutTheLine() {
        let long = String(repeating: "Salle polyvalente, ", count: 12)  // 228 characters
        let with = template.render(values(location: long), link: link, channel: .sms, alphabet: .gsm).body
        let without = template.render(values(location: long), link: nil, channel: .sms, alphabet: .gsm).body
        #expect(!with.contains("Annuler") && with == without, "\(with)")
        #expect(SMSText.segments(of: with).segments <= TemplateSet.maximumSMSSegments)
    }

    @Test func withoutALinkTheLineIsLeftOutAndNothingElseChanges() {
        let body = template.render(values(location: "Mairie"), link: nil, channel: .sms, alphabet: .gsm).body
        #expect(body == "Agglo, rappel : Dépistage, mardi 30 mars à 9 h, Mairie. STOP 36180", "\(body)")
    }
}
