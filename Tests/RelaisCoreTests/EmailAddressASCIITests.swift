// EmailAddressASCIITests: the byte check of printable-ASCII addresses (issue 16) keeps exactly what
// the Character rules keep, in the same form, and refuses the rest with the Character rules' reason:
// over hand-picked edge cases and many random strings built from the characters that matter.

import Testing

@testable import RelaisCore

@Suite struct EmailAddressASCIITests {
    static let edges = [
        "jeanne@example.fr", " Jeanne.Martin@Example.FR\t", "a@b.c", "a@b.co", "a..b@example.fr", ".a@example.fr",
        "a.@example.fr", "a@-example.fr", "a@example-.fr", "a@exa_mple.fr", "a@example", "a@@example.fr", "@example.fr",
        "a@", "a b@example.fr", "a@example..fr", "a@example.fr.", "o'brien+tag@mail.example.org", "a@ex\u{e9}mple.fr",
        "\u{e9}l\u{e8}ve@example.fr", "a@example.fr\r\n", "a\r\n@example.fr", String(repeating: "a", count: 64) + "@example.fr",
        String(repeating: "a", count: 65) + "@example.fr", "a@" + String(repeating: "b", count: 63) + ".fr",
        "a@" + String(repeating: "b", count: 64) + ".fr", "a@" + String(repeating: "b.", count: 130) + "fr", "A@1.23",
    ]

    /// What the Character rules say: the address kept, or the reason.
    static func characterRules(_ text: String) -> Result<String, EmailAddress.Invalid> {
        Result { () throws(EmailAddress.Invalid) in try EmailAddress(parsingCharacters: text).address }
    }

    static func bothPaths(_ text: String) -> Result<String, EmailAddress.Invalid> {
        Result { () throws(EmailAddress.Invalid) in try EmailAddress(parsing: text).address }
    }

    @Test func edgeCasesGetTheSameAddressOrTheSameReason() {
        for text in Self.edges {
            #expect(Self.bothPaths(text) == Self.characterRules(text), "\(text)")
        }
        #expect(EmailAddress.printableASCIIAddress(" Jeanne.Martin@Example.FR\t") == "Jeanne.Martin@example.fr")
    }

    @Test func randomStringsGetTheSameAddressOrTheSameReason() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09.-_@+ \t\u{e9}\r\n!")
        var accepted = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...14, using: &generator)
            var text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            if Bool.random(using: &generator) { text += "@ex.fr" }
            let characters = Self.characterRules(text)
            #expect(Self.bothPaths(text) == characters, "\(text.debugDescription)")
            if case .success = characters, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x09 }) {
                // Every printable-ASCII address the Character rules keep is kept on bytes already.
                #expect(EmailAddress.printableASCIIAddress(text) != nil, "\(text.debugDescription)")
                accepted += 1
            }
        }
        #expect(accepted > 100)
    }
}
