// TextInput: the checks every text file a user hands to Relais passes before it is parsed.
//
// Calendars and CSV files come from planners' and agents' machines: they may carry a byte-order
// mark, CRLF line ends, a stray Latin-1 byte, or be something else entirely. These checks refuse
// such input with the line that is wrong, before any parser or the database sees it.

import Foundation

/// Limits on the text files Relais reads.
public struct TextLimits: Sendable, Equatable {
    /// The largest file accepted, in bytes.
    public var maximumFileBytes: Int
    /// The longest physical line accepted, in bytes (iCalendar folds long lines at 75 octets).
    public var maximumLineBytes: Int

    public init(maximumFileBytes: Int = 20 * 1024 * 1024, maximumLineBytes: Int = 64 * 1024) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumLineBytes = maximumLineBytes
    }
}

/// Why a text file was refused, with the 1-based line where that was seen (0: the whole file).
public struct TextInputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
}

public enum TextInput {
    /// Checks size, line length and UTF-8, strips a leading byte-order mark, and returns the text.
    /// Line ends stay as they are (CRLF or LF): parsers accept both.
    public static func decode(_ data: Data, limits: TextLimits = TextLimits()) throws(TextInputError) -> String {
        if data.count > limits.maximumFileBytes {
            throw TextInputError(
                line: 0,
                reason: "file is \(data.count) bytes, more than the \(limits.maximumFileBytes) accepted")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var line = 1
        var lineStart = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            try check(bytes[lineStart..<index], line: line, limits: limits)
            line += 1
            lineStart = index + 1
        }
        try check(bytes[lineStart...], line: line, limits: limits)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func check(_ line: ArraySlice<UInt8>, line number: Int, limits: TextLimits) throws(TextInputError) {
        if line.count > limits.maximumLineBytes {
            throw TextInputError(
                line: number,
                reason: "line is \(line.count) bytes long, more than the \(limits.maximumLineBytes) accepted")
        }
        if line.contains(0) {
            throw TextInputError(line: number, reason: "contains a NUL byte; this is not a text file")
        }
        if String(validating: line, as: UTF8.self) == nil {
            throw TextInputError(line: number, reason: "is not valid UTF-8 (save the file as UTF-8)")
        }
    }
}
