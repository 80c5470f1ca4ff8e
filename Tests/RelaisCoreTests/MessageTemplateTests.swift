import Foundation
import Testing

@testable import RelaisCore

@Suite struct MessageTemplateTests {
    func parse(_ text: String, kind: MessageKind = .reminder, channel: Channel = .sms) throws(TemplateError) -> MessageTemplate {
        try MessageTemplate.parse(text, fileName: "t.txt", kind: kind, language: .french, channel: channel)
    }

    func refusal(_ text: String, kind: MessageKind = .reminder, channel: Channel = .sms) -> TemplateError? {
        do {
            _ = try parse(text, kind: kind, channel: channel)
            return nil
        } catch {
            return error
        }
    }

    @Test func anSMSIsItsBodyWithoutTheTrailingNewline() throws {
        let template = try parse("Bonjour {{name}}, {{event}} le {{date}}. {{stop}}\n")
        #expect(template.subject == nil)
        #expect(template.body == "Bonjour {{name}}, {{event}} le {{date}}. {{stop}}")
        let rendered = template.render([
            "name": "Mme Martin", "event": "Mars bleu", "date": "mardi 30 mars à 9 h 00", "stop": "STOP au 36xxx",
        ])
        #expect(rendered.subject == nil)
        #expect(rendered.body == "Bonjour Mme Martin, Mars bleu le mardi 30 mars à 9 h 00. STOP au 36xxx")
    }

    @Test func anEmailHasASubjectABlankLineAndABody() throws {
        let template = try parse("Subject: Rappel : {{event}}\r\n\r\nBonjour {{name}},\r\n\r\n{{stop}}\r\n", channel: .email)
        #expect(template.subject == "Rappel : {{event}}")
        #expect(template.body == "Bonjour {{name}},\n\n{{stop}}")
        let rendered = template.render(["event": "Dépistage\ncolorectal", "name": "Ana", "stop": "Lien"])
        #expect(rendered.subject == "Rappel : Dépistage colorectal")
        #expect(rendered.body == "Bonjour Ana,\n\nLien")
    }

    @Test func valuesAreInsertedAsTheyAreAndMissingOnesAreEmpty() throws {
        let template = try parse("{{ name }}{{event}} {{stop}}")
        #expect(template.render(["name": "{{stop}}", "stop": "x"]).body == "{{stop}} x")
    }

    @Test func anUnknownPlaceholderIsRefusedWithItsLine() {
        let error = refusal("Bonjour {{name}},\nle {{dat}} {{stop}}")
        #expect(error?.line == 2)
        #expect(error?.placeholder == "dat")
        #expect(error?.description.hasPrefix("t.txt:2: {{dat}} is not a known placeholder") == true)
    }

    @Test func anUnclosedPlaceholderIsRefused() {
        #expect(refusal("Bonjour {{name,\n{{stop}}")?.line == 1)
        #expect(refusal("Bonjour {{name}} {{stop}} {{")?.line == 1)
        #expect(refusal("Bonjour\n\nname}} {{stop}}")?.line == 3)
    }

    @Test func previousDateBelongsToMovedMessages() throws {
        let text = "{{event}} : le {{date}} au lieu du {{previous_date}}. {{stop}}"
        #expect(try parse(text, kind: .moved).body == text)
        let error = refusal(text, kind: .cancelled)
        #expect(error?.placeholder == "previous_date")
        #expect(error?.reason.contains("only for moved") == true)
        #expect(refusal("Subject: {{previous_date}}\n\n{{stop}}", kind: .reminder, channel: .email)?.line == 1)
    }

    @Test func everyMessageSaysHowToStop() {
        let error = refusal("Bonjour {{name}}")
        #expect(error?.placeholder == "stop")
        // In the subject only is not enough.
        #expect(refusal("Subject: {{stop}}\n\nBonjour", channel: .email)?.placeholder == "stop")
    }

    @Test func anEmailNeedsItsSubjectAndAnSMSHasNone() {
        #expect(refusal("Bonjour {{stop}}", channel: .email)?.line == 1)
        #expect(refusal("Subject:\n\nBonjour {{stop}}", channel: .email)?.reason == "the subject is empty")
        #expect(refusal("Subject: Rappel\nBonjour {{stop}}", channel: .email)?.line == 2)
        #expect(refusal("Subject: Rappel\n\n\n", channel: .email)?.reason == "the message body is empty")
        #expect(refusal("Subject: Rappel\n\nBonjour {{stop}}", channel: .sms)?.line == 1)
    }

    @Test func errorLinesCountFromTheFileEvenAfterBlankLines() {
        #expect(refusal("Subject: Rappel\n\n\n\nBonjour {{nom}} {{stop}}", channel: .email)?.line == 5)
        #expect(refusal("\n\n{{nom}} {{stop}}")?.line == 3)
    }

    @Test func valuesForAnOccurrenceWordItsDates() throws {
        let paris = LocalTime.paris
        let values = MessageTemplate.values(
            name: "Ana", event: "Stand", start: try #require(paris.parse("2027-11-01T14:30")), location: "Gex", stop: "STOP",
            organiser: "Mois sans tabac", territory: Territory.paysDeGex.organiser, previousStart: paris.parse("2027-10-31T09:00"),
            language: .french, calendar: paris.calendar)
        #expect(values["date"] == "lundi 1er novembre à 14 h 30")
        #expect(values["day"] == "lundi 1er novembre")
        #expect(values["time"] == "14 h 30")
        #expect(values["previous_date"] == "dimanche 31 octobre à 9 h 00")
        // The event's details and contact come from its PracticalWords, and the link to the
        // registration from MessageLinks, merged in by the writer.
        #expect(Set(values.keys).union(PracticalWords.placeholders).union(PlaceholderGroup.links.names) == MessageKind.moved.placeholders)
    }
}
