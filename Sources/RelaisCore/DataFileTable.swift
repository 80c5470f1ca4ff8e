// DataFileTable: the rows of a territory's data file (NAME.communes-geo.csv, NAME.travel-times.csv,
// NAME.pickup-points.csv): RFC 4180 CSV with commas, lines starting with `#` are comments, blank lines
// are skipped, and the first line that carries data must be the file's header. Every row must have as
// many fields as the header, and the columns a file names as commune columns must hold INSEE codes:
// those checks are made here, so each reader says only what its columns mean (`items`). Line numbers
// count every line, as an editor does, so a refusal names the line the coordinator opens; every bad
// line is refused at once.

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

    /// One item a row, read by `item` from the row's fields and line, once the row has as many fields
    /// as `header` and its fields at `communeColumns` are INSEE commune codes (checked in that order).
    /// Throws every refused line at once, each with its line.
    public static func items<Item>(
        _ text: String, fileName: String, header: [String], communeColumns: [Int],
        _ item: (_ fields: [String], _ line: Int) throws(DataFileRowProblem) -> Item
    ) throws(FileProblems) -> [Item] {
        var items: [Item] = []
        var problems: [FileError] = []
        for record in try rows(text, fileName: fileName, header: header) {
            do throws(DataFileRowProblem) {
                try checkShape(record.fields, header: header, communeColumns: communeColumns)
                items.append(try item(record.fields, record.line))
            } catch {
                problems.append(FileError(fileName: fileName, line: record.line, reason: error.reason))
            }
        }
        guard problems.isEmpty else { throw FileProblems(problems) }
        return items
    }

    /// Refuses a row with a field count other than the header's, or a commune column that is not an INSEE code.
    private static func checkShape(_ fields: [String], header: [String], communeColumns: [Int]) throws(DataFileRowProblem) {
        guard fields.count == header.count else {
            let count = countWords.indices.contains(header.count) ? countWords[header.count] : String(header.count)
            throw DataFileRowProblem("a row has \(count) fields, \(header.joined(separator: ",")) (found \(fields.count))")
        }
        for column in communeColumns where !TerritoryFile.isCommuneCode(fields[column]) {
            throw DataFileRowProblem("\"\(fields[column])\" is not an INSEE commune code")
        }
    }

    private static let countWords = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
}

/// Why a row of a data file is refused; DataFileTable.items adds the file's name and the row's line.
public struct DataFileRowProblem: Error, Sendable {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }
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
