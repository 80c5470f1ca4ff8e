// MIMEEncoding: the two encodings the mail composer needs. RFC 2047 encoded-words (the "Q" form,
// readable in French: `=?UTF-8?Q?Rappel_:_d=C3=A9pistage?=`) carry a non-ASCII subject or sender
// name; quoted-printable (RFC 2045 §6.7) carries the body. Both work on UTF-8 bytes and both keep
// lines short: an encoded-word never splits a character (RFC 2047 §5: "Each 'encoded-word' MUST
// represent an integral number of characters") and is at most 75 characters; a quoted-printable line
// is at most 76 characters and a soft line break never splits an `=XX` escape.

import Foundation

/// RFC 2047 encoded-words in the Q encoding, UTF-8.
enum EncodedWord {
    static let prefix = "=?UTF-8?Q?"
    static let suffix = "?="
    /// RFC 2047 §2: "An 'encoded-word' may not be more than 75 characters long".
    static let maximumLength = 75

    /// Bytes left as they are inside an encoded-word: the subset RFC 2047 §5 (3) allows even in a
    /// phrase (a display name), so one rule serves `Subject` and `From`.
    private static let literal: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/".utf8))

    /// `text` as encoded-words, each fitting a header line: the first within `firstLineRoom`
    /// characters, the others on continuation lines (one leading space) within 78 columns. Joined by
    /// folding white space, which decoders drop between adjacent encoded-words (RFC 2047 §6.2), so
    /// spaces inside the text are encoded as `_`.
    static func encode(_ text: String, firstLineRoom: Int) -> [String] {
        let overhead = prefix.count + suffix.count
        let continuationRoom = min(maximumLength, MailComposer.lineLimit - 1)
        var words: [String] = []
        var payload = ""
        var room = min(maximumLength, firstLineRoom) - overhead
        for character in text {
            let encoded = String(character).utf8.map(encodeByte).joined()
            if !payload.isEmpty && payload.count + encoded.count > room {
                words.append(prefix + payload + suffix)
                payload = ""
                room = continuationRoom - overhead
            }
            payload += encoded
        }
        if !payload.isEmpty || words.isEmpty { words.append(prefix + payload + suffix) }
        return words
    }

    private static func encodeByte(_ byte: UInt8) -> String {
        if byte == UInt8(ascii: " ") { return "_" }
        if literal.contains(byte) { return String(UnicodeScalar(byte)) }
        return "=" + hex(byte)
    }
}

/// Quoted-printable (RFC 2045 §6.7) for a text body.
enum QuotedPrintable {
    /// RFC 2045 §6.7 (5): "The Quoted-Printable encoding REQUIRES that encoded lines be no more than
    /// 76 characters long."
    static let lineLimit = 76

    /// The body with CRLF line ends, every line encoded, ending with CRLF. Line breaks in the text
    /// (LF, CRLF or CR) become hard CRLF breaks; long lines get soft breaks (`=` CRLF).
    static func encode(_ text: String) -> String {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(encodeLine)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func encodeLine(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var output = ""
        var column = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token: String
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                // Rule (3): white space at the end of an encoded line must be encoded.
                token = isLast ? "=" + hex(byte) : String(UnicodeScalar(byte))
            case 33...126 where byte != UInt8(ascii: "="):
                token = String(UnicodeScalar(byte))
            default:
                token = "=" + hex(byte)
            }
            // A token that is not the last must leave room for the "=" of a soft line break.
            if column + token.count > (isLast ? lineLimit : lineLimit - 1) {
                output += "=\r\n"
                column = 0
            }
            output += token
            column += token.count
        }
        return output
    }
}

/// Two upper-case hexadecimal digits, as both encodings want them.
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
