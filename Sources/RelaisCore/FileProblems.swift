// FileProblems: every problem found in one file a person wrote, each with its line, so that a
// planner fixes a calendar in one pass instead of one refusal at a time.
//
// The calendar reader and the core's judgement go on after a problem wherever what follows can
// still be read on its own (the next event, the next property line), and stop at the first only
// where the file's structure makes going on meaningless (not text, BEGIN/END not nesting). Each
// problem names its physical line (0: the whole file); a line is named once, by its first problem,
// since what follows on the same line is usually the same mistake seen again.

/// The problems of one file, in line order; never empty.
public struct FileProblems: Error, Equatable, Sendable, CustomStringConvertible {
    /// Every problem, sorted by line (whole-file problems, line 0, first), at most one per line.
    public let problems: [FileError]

    /// The problems of `problems`, sorted and with one per line; `problems` must not be empty.
    public init(_ problems: [FileError]) {
        precondition(!problems.isEmpty, "FileProblems needs a problem")
        self.problems = Self.ordered(problems)
    }

    /// One problem.
    public init(fileName: String, line: Int, reason: String) {
        problems = [FileError(fileName: fileName, line: line, reason: reason)]
    }

    /// The file as it was named.
    public var fileName: String { problems[0].fileName }
    /// The first problem's line: a file with one problem reads as it always did.
    public var line: Int { problems[0].line }
    /// The first problem's reason.
    public var reason: String { problems[0].reason }

    /// One `FILE:LINE: reason` line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }

    /// `problems` sorted by line (stable), the same problem said once, and one problem per line
    /// above 0 (the first found).
    /// Problems of another file (a calendar's sidecar FILE.relais) keep their place: files in the
    /// order they first appear, lines in order within each.
    public static func ordered(_ problems: [FileError]) -> [FileError] {
        var fileRank: [String: Int] = [:]
        for problem in problems where fileRank[problem.fileName] == nil { fileRank[problem.fileName] = fileRank.count }
        var seenLines: Set<String> = []
        var seen: Set<String> = []
        return problems.enumerated().sorted {
            (fileRank[$0.element.fileName]!, $0.element.line, $0.offset) < (fileRank[$1.element.fileName]!, $1.element.line, $1.offset)
        }.map(\.element)
            .filter { problem in
                let place = "\(problem.fileName)\u{0}\(problem.line)"
                guard seen.insert("\(place)\u{0}\(problem.reason)").inserted else { return false }
                return problem.line == 0 || seenLines.insert(place).inserted
            }
    }
}

/// Why a campaign calendar was refused by the core's checks: every problem found.
public typealias CalendarValidationError = FileProblems
