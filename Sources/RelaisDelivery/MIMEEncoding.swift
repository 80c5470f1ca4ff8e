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
        var payload: [UInt8] = []
        var encoded: [UInt8] = []
        var room = min(maximumLength, firstLineRoom) - overhead
        // Character by character (never splitting one), on bytes: encoding was a part of `send`'s time (issue 16).
        for character in text {
            encoded.removeAll(keepingCapacity: true)
            for byte in character.utf8 { encode(byte, into: &encoded) }
            if !payload.isEmpty && payload.count + encoded.count > room {
                words.append(prefix + String(decoding: payload, as: UTF8.self) + suffix)
                payload.removeAll(keepingCapacity: true)
                room = continuationRoom - overhead
            }
            payload += encoded
        }
        if !payload.isEmpty || words.isEmpty { words.append(prefix + String(decoding: payload, as: UTF8.self) + suffix) }
        return words
    }

    private static func encode(_ byte: UInt8, into output: inout [UInt8]) {
        if byte == UInt8(ascii: " ") {
            output.append(UInt8(ascii: "_"))
        } else if isLiteral[Int(byte)] {
            output.append(byte)
        } else {
            appendEscape(byte, to: &output)
        }
    }

    /// `literal` as a table indexed by byte.
    private static let isLiteral: [Bool] = (0...255).map { literal.contains(UInt8($0)) }
}

/// Quoted-printable (RFC 2045 §6.7) for a text body.
enum QuotedPrintable {
    /// RFC 2045 §6.7 (5): "The Quoted-Printable encoding REQUIRES that encoded lines be no more than
    /// 76 characters long."
    static let lineLimit = 76

    /// The body with CRLF line ends, every line encoded, ending with CRLF. Line breaks in the text
    /// (LF, CRLF or CR) become hard CRLF breaks; long lines get soft breaks (`=` CRLF).
    /// Written on bytes into a buffer sized once, not on a String per character nor by appending to
    /// an array byte by byte: encoding was an eighth of `send`'s time (issue 16).
    static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        // A byte gives at most six (`=XX` after a soft break `=` CRLF); a line end two for at least
        // one; a last line without its end two more.
        let capacity = 6 * bytes.count + 2
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var writer = ByteWriter(buffer)
            bytes.withUnsafeBufferPointer { input in
                // Lines end at LF, CRLF or CR; a last line without its end still gets one, an empty one none.
                var start = 0
                var index = 0
                while index < input.count {
                    let byte = input[index]
                    guard byte == 0x0A || byte == 0x0D else {
                        index += 1
                        continue
                    }
                    encodeLine(input, start..<index, into: &writer)
                    writer.lineEnd()
                    index += byte == 0x0D && index + 1 < input.count && input[index + 1] == 0x0A ? 2 : 1
                    start = index
                }
                if start < input.count {
                    encodeLine(input, start..<input.count, into: &writer)
                    writer.lineEnd()
                }
            }
            count = writer.count
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func encodeLine(_ input: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into writer: inout ByteWriter) {
        var column = 0
        for index in line {
            let byte = input[index]
            let isLast = index == line.upperBound - 1
            // Rule (3): white space at the end of an encoded line must be encoded.
            let literal =
                byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") ? !isLast : (33...126).contains(byte) && byte != UInt8(ascii: "=")
            let width = literal ? 1 : 3
            // A token that is not the last must leave room for the "=" of a soft line break.
            if column + width > (isLast ? lineLimit : lineLimit - 1) {
                writer.put(UInt8(ascii: "="))
                writer.lineEnd()
                column = 0
            }
            if literal {
                writer.put(byte)
            } else {
                writer.put(UInt8(ascii: "="))
                writer.put(hexDigits[Int(byte >> 4)])
                writer.put(hexDigits[Int(byte & 0x0F)])
            }
            column += width
        }
    }

    /// Bytes written one after the other into a buffer sized beforehand.
    private struct ByteWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        private(set) var count = 0

        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func put(_ byte: UInt8) {
            precondition(count < buffer.count, "quoted-printable output past its bound")
            buffer.initializeElement(at: count, to: byte)
            count += 1
        }

        mutating func lineEnd() {
            put(0x0D)
            put(0x0A)
        }
    }
}

/// The upper-case hexadecimal digits, as bytes.
private let hexDigits = Array("0123456789ABCDEF".utf8)

/// `=XX`, the escape of `byte` in an encoded-word; appended byte by byte, not as an array literal
/// (one allocation per escaped byte was a part of sending's time, issue 16). Quoted-printable writes
/// the same three bytes into its own buffer (`ByteWriter`).
private func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
    output.append(UInt8(ascii: "="))
    output.append(hexDigits[Int(byte >> 4)])
    output.append(hexDigits[Int(byte & 0x0F)])
}

/// Two upper-case hexadecimal digits, as both encodings want them.
func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
