// SourceText: the file's physical lines, so that every refusal can name the line a planner must fix.
//
// libical parses the calendar but forgets where things were: its components carry no line numbers.
// This pre-scan unfolds the content lines (RFC 5545 §3.1), remembers the physical line each one
// starts on, and checks only the BEGIN/END nesting (one VCALENDAR, every BEGIN closed by its END),
// which libical otherwise repairs silently, and that every other line is a property line (a line
// that is not is noted in its component, and the scan goes on). It builds a tree of components
// parallel to libical's, so the Nth VEVENT libical returns is the Nth `BEGIN:VEVENT` here. It never
// interprets values: that is libical's job.
//
// Depth is bounded here, before libical or any tree exists: both libical (icalcomponent_free) and
// Swift (a class's deinit releasing its children) release a tree recursively, so 40,000 nested
// `BEGIN:X-FOO` lines would exhaust the stack. No real calendar nests deeper than
// VCALENDAR > VEVENT > VALARM (or VTIMEZONE > STANDARD), so `maximumDepth` (64) refuses only
// hostile or broken files, with the line where the limit is crossed; the scan itself is a loop.

import RelaisCore

/// One unfolded content line and the physical line (1-based) where it starts.
struct SourceLine {
    /// The physical line number of the first of its folded lines.
    let number: Int
    /// The whole content line, unfolded, still escaped.
    let text: String

    /// The property name, upper-case (what precedes the first `;` or `:`).
    var name: String {
        let end = text.firstIndex { $0 == ";" || $0 == ":" } ?? text.endIndex
        return text[..<end].trimmingSpaces().uppercased()
    }

    /// Why the line is not `name *(";" param-name "=" param-value) ":" value`, if it is not
    /// (libical 3.0 accepts `DTSTART;;VALUE=DATE-TIME:...` without a word).
    var syntaxProblem: String? {
        var quoted = false
        var parameters: [String] = []
        var current = ""
        for character in text {
            if character == "\"" { quoted.toggle() }
            if !quoted, character == ":" {
                parameters.append(current)
                for parameter in parameters.dropFirst() {
                    guard let equals = parameter.firstIndex(of: "="), !parameter[..<equals].trimmingSpaces().isEmpty
                    else { return "malformed parameter \"\(parameter)\" (expected NAME=VALUE)" }
                }
                return nil
            }
            if !quoted, character == ";" {
                parameters.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        return "not a property line: no ':' before a value"
    }

    /// The raw value: what follows the first `:` outside a quoted parameter value, still escaped.
    var value: String {
        var quoted = false
        for index in text.indices {
            switch text[index] {
            case "\"": quoted.toggle()
            case ":" where !quoted: return String(text[text.index(after: index)...])
            default: continue
            }
        }
        return ""
    }
}

extension SourceLine {
    /// The value read as TEXT (RFC 5545 §3.3.11): `\,` `\;` `\\` `\n` unescaped; with
    /// `commaSeparated`, split on the commas that are not escaped, each piece trimmed.
    func textValues(commaSeparated: Bool) -> [String] {
        var values: [String] = []
        var current = ""
        var escaped = false
        for character in value {
            if escaped {
                current.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if commaSeparated, character == "," {
                values.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(commaSeparated ? current.trimmingSpaces() : current)
        return values
    }
}

/// A component of the file (VCALENDAR, VEVENT, VALARM...) with the lines it holds.
final class SourceComponent {
    /// The component name, upper-case.
    let name: String
    /// The physical line of its `BEGIN:` line.
    let line: Int
    /// Its own content lines, in file order (not those of its sub-components).
    var properties: [SourceLine] = []
    /// Its sub-components, in file order.
    var children: [SourceComponent] = []
    /// Its own lines that are not property lines at all (they are in `properties` too).
    var problems: [FileError] = []

    init(name: String, line: Int) {
        self.name = name
        self.line = line
    }

    /// The sub-components named `name`, in file order.
    func children(named name: String) -> [SourceComponent] {
        children.filter { $0.name == name }
    }

    /// Its own malformed lines and those of every sub-component.
    var allProblems: [FileError] { problems + children.flatMap(\.allProblems) }

    /// Its own lines and those of every sub-component, in file order.
    var allLines: [SourceLine] {
        (properties + children.flatMap(\.allLines)).sorted { $0.number < $1.number }
    }

    /// The first of its own lines whose property is `name`.
    func firstLine(named name: String) -> SourceLine? {
        properties.first { $0.name == name }
    }
}

enum SourceText {
    /// The deepest nesting of components accepted, the VCALENDAR counting as 1.
    static let maximumDepth = 64

    /// Unfolds `text` and checks that it holds exactly one VCALENDAR whose BEGIN/END lines nest,
    /// at most `maximumDepth` deep: the structure, whose first problem refuses the file. A line
    /// that is not a property line is noted in its component's `problems`, and the scan goes on.
    static func scan(_ text: String, fileName: String) throws(CalendarReadError) -> SourceComponent {
        func refuse(_ line: Int, _ reason: String) -> CalendarReadError {
            CalendarReadError(fileName: fileName, line: line, reason: reason)
        }
        var stack: [SourceComponent] = []
        var calendar: SourceComponent?
        for line in unfold(text) {
            let name = line.name
            guard name == "BEGIN" || name == "END" else {
                if let current = stack.last {
                    // Kept among the lines too, so that libical's own complaint about it finds its line.
                    if let problem = line.syntaxProblem {
                        current.problems.append(FileError(fileName: fileName, line: line.number, reason: problem))
                    }
                    current.properties.append(line)
                    continue
                }
                if calendar == nil {
                    throw refuse(line.number, "the file must start with BEGIN:VCALENDAR; this is not an iCalendar file")
                }
                throw refuse(line.number, "text after END:VCALENDAR")
            }
            let component = line.value.trimmingSpaces().uppercased()
            if component.isEmpty { throw refuse(line.number, "\(name): without a component name") }
            if name == "BEGIN" {
                if stack.isEmpty, calendar != nil {
                    throw refuse(
                        line.number,
                        component == "VCALENDAR"
                            ? "a second VCALENDAR starts here; a file must hold exactly one"
                            : "BEGIN:\(component) after END:VCALENDAR")
                }
                if stack.isEmpty, component != "VCALENDAR" {
                    throw refuse(line.number, "the file must start with BEGIN:VCALENDAR, not BEGIN:\(component)")
                }
                if stack.count == maximumDepth {
                    throw refuse(
                        line.number,
                        "BEGIN:\(component) nests components more than \(maximumDepth) deep; no calendar needs that many")
                }
                let opened = SourceComponent(name: component, line: line.number)
                stack.last?.children.append(opened)
                stack.append(opened)
            } else {
                guard let open = stack.last else {
                    throw refuse(line.number, "END:\(component) without a matching BEGIN:\(component)")
                }
                if open.name != component {
                    throw refuse(
                        line.number, "END:\(component) where END:\(open.name) was expected (BEGIN on line \(open.line))")
                }
                stack.removeLast()
                if stack.isEmpty { calendar = open }
            }
        }
        if let open = stack.last {
            throw refuse(open.line, "BEGIN:\(open.name) is never closed by END:\(open.name)")
        }
        guard let calendar else { throw refuse(0, "the file is empty") }
        return calendar
    }

    /// The content lines of `text`, unfolded (a line starting with a space or a tab continues the
    /// previous one), blank lines dropped. Lines end with LF or CRLF.
    static func unfold(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var current: (number: Int, text: String)?
        var number = 0
        for var physical in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if physical.last == UInt8(ascii: "\r") { physical = physical.dropLast() }
            if let first = physical.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t"),
                current != nil
            {
                current!.text += String(decoding: physical.dropFirst(), as: UTF8.self)
                continue
            }
            if let done = current, !done.text.isEmpty { lines.append(SourceLine(number: done.number, text: done.text)) }
            current = (number, String(decoding: physical, as: UTF8.self))
        }
        if let done = current, !done.text.isEmpty { lines.append(SourceLine(number: done.number, text: done.text)) }
        return lines
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
