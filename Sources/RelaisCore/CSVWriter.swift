// CSVWriter: every CSV file Relais writes (reports, manifests), one field at a time.
//
// RFC 4180 quoting: a field holding the separator, a quote or a line break is quoted, its quotes
// doubled. And no cell may run as a formula when a spreadsheet opens the file (CSV injection,
// OWASP): a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed
// with an apostrophe, which spreadsheets read as "this is text" and do not show. A plain number
// (`-3`, `+33612345678`, `1,50`) cannot run anything and is kept as it is, so that sums and
// phone numbers stay usable. Event names come from calendars and people's names from forms:
// neither may carry `=HYPERLINK(...)` into a coordinator's spreadsheet.

/// Writes CSV records.
public enum CSVWriter {
    /// The characters that make a spreadsheet read a cell as a formula when they come first.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    /// One record: its fields, neutralised and quoted, joined by `separator`, then CRLF.
    public static func record(_ fields: [String], separator: Character) -> String {
        fields.map { field($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    /// One field, neutralised (a leading apostrophe before a formula) and quoted when needed.
    public static func field(_ text: String, separator: Character) -> String {
        var value = text
        if let first = value.first, formulaStarts.contains(first), !isPlainNumber(value) { value = "'" + value }
        guard needsQuotes(value, separator: separator) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// True when `text` holds the separator, a quote or a line break. An ASCII separator is looked for
    /// byte by byte (a report writes some 85,000 fields; reading them as Characters cost more than the
    /// rest of the CSV), which also finds it where a combining mark follows it.
    private static func needsQuotes(_ text: String, separator: Character) -> Bool {
        guard let byte = separator.asciiValue else {
            return text.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        }
        return text.utf8.contains { $0 == byte || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }

    /// An optional sign, digits, and at most one decimal point or comma: nothing a formula needs.
    static func isPlainNumber(_ text: String) -> Bool {
        var rest = Substring(text)
        if let first = rest.first, first == "+" || first == "-" { rest = rest.dropFirst() }
        let separators = rest.filter { $0 == "." || $0 == "," }.count
        return !rest.isEmpty && separators <= 1 && rest.first?.isASCII == true && rest.first!.isNumber
            && rest.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," }
    }
}
