// Redaction: personal data scrubbed out of text that goes to logs.
//
// A server's reply may quote the recipient ("550 5.1.1 <jeanne@example.fr>: unknown user", or
// a gateway echoing a phone number). Before such text is logged, e-mail addresses and runs of
// eight or more digits (phone numbers, with or without +) are masked. Dates and times that Relais
// writes itself into a reason ("2027-03-27", "08:00-20:00") are not phone numbers and are kept.

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
        if isDateOrTime(word) { return word }
        let digits = word.filter(\.isNumber)
        if digits.count >= 8, Double(digits.count) >= Double(word.count) * 0.7 {
            return String(repeating: "*", count: max(0, digits.count - 2)) + digits.suffix(2)
        }
        return word
    }

    /// An ISO date (`2027-03-27`), a clock time or a range of them (`08:00`, `08:00-20:00`),
    /// possibly ending a sentence: no phone number is written so.
    static func isDateOrTime(_ word: String) -> Bool {
        let shape = String(word.trimmingSuffix(while: { ".:".contains($0) }).map { $0.isASCII && $0.isNumber ? "9" : $0 })
        return ["9999-99-99", "99:99", "9:99", "99:99-99:99", "9:99-99:99", "9:99-9:99"].contains(shape)
    }
}

extension String {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
