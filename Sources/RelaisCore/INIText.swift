// INIText: the one reader of Relais's INI-style files (relais.conf and the territory files).
//
// Syntax: `[section]`, `key = value` (split at the first `=`, both sides trimmed), and comment
// lines starting with `#` or `;`; blank lines are skipped. The reader only cuts lines; what a
// section or key means, and whether it is known, is for the file's own parser to say, with the
// line number each entry carries.

/// One meaningful line of an INI-style file.
public enum INILine: Sendable, Equatable {
    /// `[name]` at `line`.
    case section(name: String, line: Int)
    /// `key = value` at `line`, with the section it follows (nil before any section).
    case entry(section: String?, key: String, value: String, line: Int)
    /// A line that is neither: the reason, at `line`.
    case malformed(reason: String, line: Int)
}

/// The reader of INI-style text.
public enum INIText {
    /// The section headers, entries and malformed lines of `text`, in order; line numbers are 1-based.
    public static func lines(_ text: String) -> [INILine] {
        var result: [INILine] = []
        var section: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    result.append(.malformed(reason: "a section is written [name]", line: number))
                    continue
                }
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                section = name
                result.append(.section(name: name, line: number))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                result.append(.malformed(reason: "expected key = value", line: number))
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            result.append(.entry(section: section, key: key, value: value, line: number))
        }
        return result
    }
}
