// Redaction: personal data scrubbed out of text that goes to logs.
//
// A server's reply may quote the recipient ("550 5.1.1 <jeanne@example.fr>: unknown user", or
// a gateway echoing a phone number). Before such text is logged, e-mail addresses and runs of
// eight or more digits (phone numbers, with or without +) are masked.

public enum Redaction {
    /// `text` with e-mail addresses replaced by `<address>` and phone numbers by `+*******78`.
    public static func scrub(_ text: String) -> String {
        var output = ""
        var word = ""
        func flush() {
            output += redact(word)
            word = ""
        }
        for character in text {
            if character.isWhitespace || "<>,;()[]\"'".contains(character) {
                flush()
                output.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return output
    }

    private static func redact(_ word: String) -> String {
        if word.contains("@"), word.split(separator: "@").count == 2 { return "<address>" }
        let digits = word.filter(\.isNumber)
        if digits.count >= 8, Double(digits.count) >= Double(word.count) * 0.7 {
            return String(repeating: "*", count: max(0, digits.count - 2)) + digits.suffix(2)
        }
        return word
    }
}
