// The absent link's line is left out on bytes now (issue 16): the lines around it, blank lines, a
// value with CRLF inside and the subject come out as they did through Foundation.

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

    @Test func aLinkKeepsItsLine() {
        let rendered = template.render(["event": "D", "name": "J", "stop": "S"], link: "https://x.fr/r/t", channel: .email, alphabet: .gsm)
        #expect(rendered.body.contains("\nGérer : https://x.fr/r/t\n"))
        #expect(rendered.subject == "D")
    }
}
