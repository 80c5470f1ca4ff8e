// FileError: why a file a person wrote was refused, and where.
//
// Planners and administrators fix calendars and configuration in a text editor, so every refusal
// names the file and the physical line (1-based, as an editor counts them), or line 0 when the
// whole file is at fault. Calendar reading, calendar checking and configuration share this one type;
// a calendar's problems are gathered, all of them, in FileProblems.

/// A refused file: the file, the line, and the reason in plain words.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name as the user gave it (used only in messages).
    public var fileName: String
    /// The physical line, 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// What is wrong, in plain words.
    public var reason: String
    /// What the parser said, in its own words (libical's message), for `--verbose`; nil when the
    /// reason is all there is.
    public var detail: String?

    /// Creates an error for `fileName` at `line` (0: the whole file).
    public init(fileName: String, line: Int, reason: String, detail: String? = nil) {
        self.fileName = fileName
        self.line = line
        self.reason = reason
        self.detail = detail
    }

    /// `FILE:LINE: reason`, or `FILE: reason` when the whole file is refused.
    public var description: String {
        line > 0 ? "\(fileName):\(line): \(reason)" : "\(fileName): \(reason)"
    }
}

/// Why a configuration file was refused.
public typealias ConfigurationError = FileError
