// The absent link's line is left out on bytes now (issue 16): the lines around it, blank lines, a
// value with CRLF inside and the subject come out as they did through Foundation, and as the line by
// line search on Characters leaves them, whichever lines hold the link. A subject's values lose their
// line breaks of every kind, looked for on bytes first.

import Testing

@testable import RelaisCore

@Suite struct MessageTemplateLinkLinesTests {
    let template = try! MessageTemplate.parse(
        "Subject: {{event}}\n\nBonjour {{name}},\n\n{{details}}\nGérer : {{manage_url}}\nFin {{stop}}\n",
        fileName: "reminder.fr.email.txt", kind: .reminder, language: .french, channel: .email)

    func body(name: String, details: String) -> String {
        template.render(["event": "Dépistage", "name": name, "details": details, "stop": "STOP"], link: nil, channel: .email, alphabet: .gsm)
            .body
    }

    @Test func onlyTheLinesHoldingTheAbsentLinkGo() {
        #expect(body(name: "Jeanne", details: "") == "Bonjour Jeanne,\n\n\nFin STOP")
        #expect(body(name: "Jeanne", details: "Ligne 1\nLigne 2") == "Bonjour Jeanne,\n\nLigne 1\nLigne 2\nFin STOP")
    }

    @Test func aValueWithCRLFKeepsItsLinesAsCharacters() {
        // "\r\n" is one Character: the line it sits on is the one the old search saw.
        #expect(body(name: "Jeanne", details: "a\r\nb") == "Bonjour Jeanne,\n\na\r\nb\nFin STOP")
    }

    /// The lines of `text` (Characters, as Foundation read them) without those holding `mark`.
    static func withoutLines(holding mark: String, in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(mark) }.joined(separator: "\n")
    }

    @Test(arguments: [
        "Gérer : {{manage_url}}\nFin {{stop}}",
        "Bonjour\nFin {{stop}}\n{{manage_url}}",
        "Bonjour\n{{manage_url}}\n{{manage_url}} encore\nFin {{stop}}\n",
        "{{manage_url}} {{manage_url}}\n\n{{stop}}\n\n",
        "{{stop}}{{manage_url}}",
        "A\n{{stop}}\n{{manage_url}}\n{{manage_url}}",
    ])
    func theLinesDroppedInOnePassAreThoseTheLineByLineSearchDropped(body: String) throws {
        let template = try MessageTemplate.parse(
            "Subject: S\n\n" + body, fileName: "reminder.fr.email.txt", kind: .reminder, language: .french, channel: .email)
        // Values with line ends of their own: the template's text is trimmed when it is read.
        for stop in ["STOP", "STOP\n", "\nSTOP\n\n"] {
            let values = ["stop": stop]
            let marked = template.render(values.merging(["manage_url": "<lien>"]) { $1 }).body
            let rendered = template.render(values, link: nil, channel: .email, alphabet: .gsm).body
            #expect(rendered == Self.withoutLines(holding: "<lien>", in: marked), "stop \(Array(stop.utf8))")
        }
    }

    @Test func aSubjectsValuesLoseTheirLineBreaksOfEveryKindAndKeepTheRest() throws {
        let template = try MessageTemplate.parse(
            "Subject: {{event}} !\n\n{{stop}}", fileName: "reminder.fr.email.txt", kind: .reminder, language: .french, channel: .email)
        for event in ["Dépistage l’après-midi", "a\nb", "a\r\nb", "a\u{2028}b\u{2029}c", "a\u{85}b", "\n", "", "x\u{0B}\u{0C}y"] {
            let expected = event.split(whereSeparator: \.isNewline).joined(separator: " ") + " !"
            #expect(template.render(["event": event, "stop": "S"]).subject == expected, "\(Array(event.unicodeScalars))")
        }
    }

    @Test func aLinkKeepsItsLine() {
        let rendered = template.render(["event": "D", "name": "J", "stop": "S"], link: "https://x.fr/r/t", channel: .email, alphabet: .gsm)
        #expect(rendered.body.contains("\nGérer : https://x.fr/r/t\n"))
        #expect(rendered.subject == "D")
    }
}
