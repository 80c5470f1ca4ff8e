// DataFileTable: the rows of a territory's data file (NAME.communes-geo.csv, NAME.travel-times.csv,
// NAME.pickup-points.csv): RFC 4180 CSV with commas, lines starting with `#` are comments, blank lines
// are skipped, and the first line that carries data must be the file's header. Each reader then
// checks its own rows; line numbers count every line, as an editor does, so a refusal names the line
// the coordinator opens.

import Foundation

/// The rows of a data file after its header.
public enum DataFileTable {
    /// The rows after `header`, each with its line and its fields trimmed of spaces. Throws a quote
    /// left open (with its line), a file with no data line, or a first line other than `header`.
    public static func rows(_ text: String, fileName: String, header: [String]) throws(FileProblems) -> [CSVRecord] {
        let records: [CSVRecord]
        do { records = try CSVTable.parse(DataFileLines.blankingComments(text)) } catch {
            throw FileProblems(fileName: fileName, line: error.line, reason: error.reason)
        }
        let trimmed = records.map { CSVRecord(line: $0.line, fields: $0.fields.map { $0.trimmingCharacters(in: .whitespaces) }) }
        let wanted = header.joined(separator: ",")
        guard let first = trimmed.first else {
            throw FileProblems(fileName: fileName, line: 0, reason: "the file has no header \(wanted)")
        }
        guard first.fields == header else {
            throw FileProblems(fileName: fileName, line: first.line, reason: "the first line must be the header \(wanted)")
        }
        return Array(trimmed.dropFirst())
    }
}

/// Comment lines of a data file.
enum DataFileLines {
    /// The text with its comment lines (`#`) made blank, so that a CSV reader skips them and still
    /// counts the lines as an editor does.
    static func blankingComments(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            line.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? "" : String(line)
        }.joined(separator: "\n")
    }
}
