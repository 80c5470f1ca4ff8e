// CalendarReadError: why a calendar file was refused, and where.
//
// A planner fixes a file in a text editor, so every refusal names the file and the physical line
// (1-based, as an editor counts them) where the problem is, or line 0 when the whole file is at fault.

/// Why `CalendarReader` refused a file: the file, the line, and the reason in plain words.
public struct CalendarReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name as the user gave it (used only in messages).
    public var fileName: String
    /// The physical line, 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// What is wrong, in plain words.
    public var reason: String

    /// Creates an error for `fileName` at `line` (0: the whole file).
    public init(fileName: String, line: Int, reason: String) {
        self.fileName = fileName
        self.line = line
        self.reason = reason
    }

    /// `FILE:LINE: reason`, or `FILE: reason` when the whole file is refused.
    public var description: String {
        line > 0 ? "\(fileName):\(line): \(reason)" : "\(fileName): \(reason)"
    }
}
