// The encoders rewritten on bytes for issue 16's dispatch speed say exactly what the String versions
// said: line ends of every kind in quoted-printable, blank lines, trailing white space, long lines
// and escapes at the soft break; encoded-words that never split a character; a reply redacted of its
// recipient whatever the case, with or without Foundation's search. Message-IDs and boundaries
// written on bytes in one pass keep what the rules on Characters kept; quoted-printable written into
// a buffer sized once decodes back to its text whatever it holds.

import Foundation
import RelaisCore
import Testing

@testable import RelaisDelivery

@Suite("Encoders on bytes") struct EncodingBytesTests {
    @Test func quotedPrintableEndsEveryKindOfLineWithCRLF() {
        #expect(QuotedPrintable.encode("a\nb\r\nc\rd") == "a\r\nb\r\nc\r\nd\r\n")
        // CR then CRLF are two line ends, as LF after CR is taken with it only once.
        #expect(QuotedPrintable.encode("a\r\r\nb") == "a\r\n\r\nb\r\n")
    }

    @Test func quotedPrintableKeepsBlankLinesAndDropsOnlyTheLastEmptyOne() {
        #expect(QuotedPrintable.encode("") == "")
        #expect(QuotedPrintable.encode("a\n") == "a\r\n")
        #expect(QuotedPrintable.encode("a\n\n") == "a\r\n\r\n")
        #expect(QuotedPrintable.encode("\n\na") == "\r\n\r\na\r\n")
    }

    @Test func quotedPrintableEncodesTrailingWhiteSpaceAndEightBitBytes() {
        #expect(QuotedPrintable.encode("fin \nx\t") == "fin=20\r\nx=09\r\n")
        #expect(QuotedPrintable.encode("dépistage = 1") == "d=C3=A9pistage =3D 1\r\n")
    }

    @Test func quotedPrintableSoftBreaksNeverSplitAnEscape() {
        let text = String(repeating: "a", count: 74) + "é"
        let encoded = QuotedPrintable.encode(text)
        #expect(encoded == String(repeating: "a", count: 74) + "=\r\n=C3=A9\r\n")
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= QuotedPrintable.lineLimit })
    }

    @Test func encodedWordsKeepEachCharacterWhole() {
        let words = EncodedWord.encode("Rappel : dépistage", firstLineRoom: 69)
        #expect(words == ["=?UTF-8?Q?Rappel_=3A_d=C3=A9pistage?="])
        let long = EncodedWord.encode(String(repeating: "é", count: 30), firstLineRoom: 30)
        #expect(long.count > 1)
        #expect(long.allSatisfy { $0.count <= EncodedWord.maximumLength })
        // Each word holds whole characters: six bytes per "é" after the prefix and suffix.
        #expect(long.allSatisfy { ($0.count - 12) % 6 == 0 })
    }

    @Test func replyLinesLoseTheirLineEndsOnly() {
        func line(_ text: String) -> String { Array(text.utf8).withUnsafeBufferPointer(TransferState.headerLine) }
        #expect(line("250 2.0.0 Ok: queued as 4F2\r\n") == "250 2.0.0 Ok: queued as 4F2")
        #expect(line("\r\n") == "")
        #expect(line(" 250 ok \n") == " 250 ok ")
        #expect(line("250 reçu\r\n") == "250 reçu")
    }

    @Test func messageIDsKeepTheKeysAllowedCharacters() throws {
        let composer = try MailComposer(fromAddress: EmailAddress(parsing: "rappels@example.fr"))
        #expect(composer.messageID(forKey: "reminder-12.email") == "<reminder-12.email@example.fr>")
        #expect(composer.messageID(forKey: "a b(c)..d") == "<a-b-c-.d@example.fr>")
        #expect(composer.messageID(forKey: "clé\r\nx") == "<cl--x@example.fr>")
    }

    @Test func messageIDsWrittenInOnePassAreThoseOfTheCharacterByCharacterRule() throws {
        let composer = try MailComposer(fromAddress: EmailAddress(parsing: "rappels@example.fr"))
        /// The rule on Characters, as it was before the one pass on bytes.
        func reference(_ key: String) -> String {
            let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
            let left = String(key.map { allowed.contains($0) ? $0 : "-" }).split(separator: ".").joined(separator: ".")
            return "<\(left.isEmpty ? "message" : left)@example.fr>"
        }
        #expect(composer.messageID(forKey: ".a..b.") == "<a.b@example.fr>")
        #expect(composer.messageID(forKey: "...") == "<message@example.fr>")
        // Every printable ASCII key of up to four characters drawn from dots and a few others.
        let alphabet = Array(". a-(@")
        var keys = [""]
        for _ in 1...4 { keys += keys.flatMap { key in alphabet.map { key + String($0) } } }
        for key in Set(keys) { #expect(composer.messageID(forKey: key) == reference(key), "key \(key)") }
    }

    @Test func quotedPrintableOfTheWorstTextDecodesToItAndKeepsItsLinesShort() {
        // Every byte escaped, with and without line ends, trailing white space: the buffer's bound.
        // Each text, and what it decodes to: its line ends made CRLF, a last line ended.
        let equals = String(repeating: "=", count: 5_000)
        let accents = String(repeating: "é \t", count: 700)
        for (text, lines) in [(equals, equals + "\r\n"), (accents + "\r", accents + "\r\n"), ("\n\r\n \t", "\r\n\r\n \t\r\n"), ("x", "x\r\n")] {
            let encoded = QuotedPrintable.encode(text)
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= QuotedPrintable.lineLimit })
            #expect(Self.decodedQuotedPrintable(encoded) == Array(lines.utf8))
        }
    }

    /// Quoted-printable decoded (RFC 2045 §6.7): soft breaks dropped, `=XX` made a byte.
    static func decodedQuotedPrintable(_ encoded: String) -> [UInt8] {
        let bytes = Array(encoded.utf8)
        var decoded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count {
                if bytes[index + 1] == 0x0D && bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                decoded.append(UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)!)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return decoded
    }

    @Test func boundariesKeepTheirASCIICharactersAndMethodsTheirCapitals() {
        #expect(MailComposer.boundaryKept("conf/é\r\n.x_1-2 !") == "conf.x_1-2")
        #expect(MailComposer.boundaryKept("clé") == "cl")
        #expect(MailComposer.methodLetters("REQUEST") == "REQUEST")
        #expect(MailComposer.methodLetters("Can cel") == "C")
        #expect(MailComposer.methodLetters("ÉREQ-UEST") == "ÉREQUEST", "not ASCII: Foundation's capital letters")
    }

    @Test func aRecipientIsRedactedFromAReplyWhateverItsCaseAndAReplyWithoutItIsKept() {
        let address = "Resident.7@Example.fr"
        #expect("250 2.0.0 Ok: queued as 4F2A".redacting(recipient: address) == "250 2.0.0 Ok: queued as 4F2A")
        #expect("550 5.1.1 <resident.7@EXAMPLE.FR>: unknown".redacting(recipient: address) == "550 5.1.1 <[recipient]>: unknown")
        #expect("550 <RESIDENT.7@example.fr> refusé".redacting(recipient: address) == "550 <[recipient]> refusé", "a reply not ASCII")
        #expect("250 ok".redacting(recipient: "résident@example.fr") == "250 ok", "an address not ASCII")
        #expect("250 0612345678 accepted".redacting(recipient: "+33612345678") == "250 0612345678 accepted")
        #expect("250 33612345678 accepted".redacting(recipient: "+33612345678") == "250 [recipient] accepted")
        #expect("re".redacting(recipient: "resident@example.fr") == "re", "a reply shorter than the address")
        #expect("550 refused RESIDENT.7@example.fr".redacting(recipient: address) == "550 refused [recipient]", "at the very end")
        #expect("resident.7@example.fr".redacting(recipient: address) == "[recipient]", "the whole reply")
        // A phone number's longer forms go whole, not as digits inside them.
        #expect("550 %2b33612345678 unknown".redacting(recipient: "+33612345678") == "550 [recipient] unknown")
        #expect("550 0033612345678".redacting(recipient: "+33612345678") == "550 [recipient]")
        #expect("250 +33612345678 ok".redacting(recipient: "+33612345678") == "250 [recipient] ok")
    }
}
