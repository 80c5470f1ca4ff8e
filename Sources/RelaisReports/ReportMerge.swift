// ReportMerge: several territories' masked JSON reports (`relais report all --format json`) merged
// into one that a département or the ARS can read, without ever seeing a masked count.
//
// Each input is published: its small counts are already masked, primarily ("< 11") or secondarily
// ("s"). The merge adds, cell by cell (section, table, row and column matched by their stable ids),
// the counts that every input publishes; a cell masked in any input stays masked in the merge
// (primary if it was primary anywhere), so no masked count can be recovered from the sums: every
// count the merge publishes is published, cell for cell, by every input that has the cell. A row or
// column only one territory has (its communes, its QPVs) is kept as that territory gives it.
// Percentages cannot be added: they are left out, and the table says so. Unmasked (confidential)
// reports, reports of different periods, small-cell limits or age thresholds are refused.
// The merge is itself a report of the same shape, so merges can be merged again.

import Foundation

/// Why reports cannot be merged; each front words it.
public enum ReportMergeRefusal: Error, Sendable, Equatable {
    /// `file` is not JSON, or not a report: `field` is missing or of the wrong kind.
    case notAReport(file: String, field: String)
    /// `file` is an unmasked, confidential report; only masked reports may leave a territory.
    case unmasked(file: String)
    /// `file` differs from the first report in `field` (`period`, `small_cell_limit`, `young_under`).
    case differs(file: String, field: String, first: String, this: String)
    /// Fewer than two files were given.
    case tooFew

    public var code: String {
        switch self {
        case .notAReport: "report-merge-not-a-report"
        case .unmasked: "report-merge-unmasked"
        case .differs: "report-merge-differs"
        case .tooFew: "report-merge-too-few"
        }
    }
}

/// One value of a report's table, as the JSON gives it.
enum MergedCell: Equatable {
    case count(Int)
    /// Masked, with the mark the report printed ("< 11", "s").
    case masked(primary: Bool, mark: String)
    case text(String)
    /// A percentage, or anything else that does not add up.
    case none

    /// The cell `json` of a column of `kind` (count, percent or text).
    init(_ json: Any?, kind: String) {
        switch json {
        case let mask as [String: Any]:
            let primary = mask["masked"] as? String != "secondary"
            self = .masked(primary: primary, mark: mask["text"] as? String ?? (primary ? "< 11" : "s"))
        case let count as Int where kind == "count": self = .count(count)
        case let text as String where kind == "text": self = .text(text)
        default: self = .none
        }
    }

    /// The cell of the merge: counts add up, a mask wins (primary over secondary), the rest is none.
    func merged(with other: MergedCell) -> MergedCell {
        switch (self, other) {
        case (.masked(let a, _), .masked(let b, _)): !a && b ? other : self
        case (.masked, _): self
        case (_, .masked): other
        case (.count(let a), .count(let b)): .count(a + b)  // each at most ReportMerge.largestCount
        case (.count, .none): self
        case (.none, .count): other
        case (.text(let a), .text(let b)) where a == b: self
        case (.none, .text): other
        case (.text, .none): self
        default: .none
        }
    }

    var json: Any {
        switch self {
        case .count(let count): count
        case .masked(let primary, let mark): ["masked": primary ? "primary" : "secondary", "text": mark]
        case .text(let text): text
        case .none: NSNull()
        }
    }
}

/// Merges published JSON reports.
public enum ReportMerge {
    /// Limits the depth of what is read: a report is nine levels deep (document, sections, section,
    /// tables, table, rows, row, values, mask); a hostile file is not read.
    static let maximumDepth = 16
    /// The largest count a report may give: no territory counts a billion people.
    static let largestCount = 1_000_000_000

    /// The merged report, as JSON of the same shape as each input's. `files` are (name, text);
    /// `generatedAt` is now, as the report writes it.
    public static func merge(_ files: [(name: String, text: String)], generatedAt: String) throws(ReportMergeRefusal) -> String {
        guard files.count >= 2 else { throw .tooFew }
        var reports: [[String: Any]] = []
        for file in files { reports.append(try document(file.name, file.text)) }
        let first = reports[0]
        for (index, report) in reports.enumerated().dropFirst() {
            for field in ["period", "small_cell_limit", "young_under"] {
                let (a, b) = (summary(first[field]), summary(report[field]))
                if a != b { throw .differs(file: files[index].name, field: field, first: a, this: b) }
            }
        }
        var merged = first
        merged["sections"] = mergedList(reports.map { $0["sections"] as? [[String: Any]] ?? [] }, merge: section)
        let sources = zip(files, reports).flatMap { file, report in
            (report["merged_from"] as? [String]) ?? ["\((file.name as NSString).lastPathComponent) : \(report["title"] as? String ?? "")"]
        }
        merged["merged_from"] = sources
        merged["title"] = "Fusion de \(sources.count) rapports — indicateurs de participation"
        merged["generated_at"] = generatedAt
        var period = first["period"] as? [String: Any] ?? [:]
        period["counted_until"] = reports.compactMap { ($0["period"] as? [String: Any])?["counted_until"] as? String }.min() ?? NSNull()
        merged["period"] = period
        // In a merge: the masked values shown (a single report counts the distinct counts it hid).
        merged["masked_cells"] = countMasked(merged["sections"] as? [[String: Any]] ?? [])
        merged["empty"] = reports.allSatisfy { $0["empty"] as? Bool == true }
        merged["campaign"] = reports.allSatisfy { summary($0["campaign"]) == summary(first["campaign"]) } ? first["campaign"] : NSNull()
        let data = (try? JSONSerialization.data(withJSONObject: merged, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
        return String(decoding: data ?? Data("null".utf8), as: UTF8.self) + "\n"
    }

    /// The report object in `text`, checked to be a masked report.
    static func document(_ name: String, _ text: String) throws(ReportMergeRefusal) -> [String: Any] {
        guard depth(of: text) <= maximumDepth,
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)), let report = object as? [String: Any]
        else { throw .notAReport(file: name, field: "the whole file (a JSON object from relais report --format json)") }
        for field in ["title", "period", "masked", "small_cell_limit", "young_under", "sections"] where report[field] == nil {
            throw .notAReport(file: name, field: field)
        }
        guard let sections = report["sections"] as? [[String: Any]] else { throw .notAReport(file: name, field: "sections") }
        guard report["masked"] as? Bool == true else { throw .unmasked(file: name) }
        for table in sections.flatMap({ $0["tables"] as? [[String: Any]] ?? [] }) {
            if let field = problem(in: table) { throw .notAReport(file: name, field: field) }
        }
        return report
    }

    /// What is wrong with a table, as the path of the field; nil when every column says its kind
    /// and every count is a whole number from 0 to `largestCount`.
    static func problem(in table: [String: Any]) -> String? {
        let id = table["id"] as? String ?? "?"
        var kinds: [String: String] = [:]
        for column in table["columns"] as? [[String: Any]] ?? [] {
            guard let columnID = column["id"] as? String, let kind = column["kind"] as? String, Self.kinds.contains(kind) else {
                return "table \(id): a column without its id or kind (a report from this version of relais is needed)"
            }
            kinds[columnID] = kind
        }
        for row in table["rows"] as? [[String: Any]] ?? [] {
            for (column, value) in row["values"] as? [String: Any] ?? [:] where kinds[column] == "count" {
                switch value {
                case is NSNull, is [String: Any]: continue
                case let count as Int where (0...largestCount).contains(count): continue
                default: return "table \(id), row \(row["id"] as? String ?? "?"), column \(column): not a count"
                }
            }
        }
        return nil
    }

    /// The kinds a column may say (ReportJSON).
    static let kinds: Set<String> = ["count", "percent", "text"]

    /// How deeply brackets nest in `text`, strings aside.
    static func depth(of text: String) -> Int {
        var (deepest, current, inString, escaped) = (0, 0, false, false)
        for byte in text.utf8 {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): current += 1; deepest = max(deepest, current)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): current -= 1
            default: break
            }
        }
        return deepest
    }

    /// A short, comparable form of a JSON value, for refusals.
    static func summary(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "none" }
        if let object = value as? [String: Any] {
            return ["start", "end", "id"].compactMap { object[$0].map { "\($0)" } }.joined(separator: " – ")
        }
        return "\(value)"
    }

    /// Items of several lists matched by `id`, in the order they first appear, each merged by `merge`.
    static func mergedList(_ lists: [[[String: Any]]], merge: ([[String: Any]]) -> [String: Any]) -> [[String: Any]] {
        var order: [String] = []
        var byID: [String: [[String: Any]]] = [:]
        for list in lists {
            for item in list {
                let id = item["id"] as? String ?? ""
                if byID[id] == nil { order.append(id) }
                byID[id, default: []].append(item)
            }
        }
        return order.map { merge(byID[$0]!) }
    }

    static func section(_ parts: [[String: Any]]) -> [String: Any] {
        let available = parts.filter { $0["available"] as? Bool != false }
        var section = available.first ?? parts[0]
        section["available"] = !available.isEmpty
        if !available.isEmpty { section["unavailable_reason"] = NSNull() }
        if available.count < parts.count, !available.isEmpty {
            let missing = parts.count - available.count
            section["notes"] = noted(
                section["notes"] as? [String] ?? [],
                "Section absente de \(missing) des rapports fusionnés : les nombres ne comptent que les autres.")
        }
        section["tables"] = mergedList(available.map { $0["tables"] as? [[String: Any]] ?? [] }, merge: table)
        return section
    }

    static func table(_ parts: [[String: Any]]) -> [String: Any] {
        var table = parts[0]
        table["columns"] = mergedList(parts.map { $0["columns"] as? [[String: Any]] ?? [] }) { $0[0] }
        let kinds = columnKinds(parts)
        let rows = mergedList(parts.map { $0["rows"] as? [[String: Any]] ?? [] }) { $0[0] }
            .map { row($0, kinds: kinds, parts: parts) }
        table["rows"] = rows.filter { $0["total"] as? Bool != true } + rows.filter { $0["total"] as? Bool == true }
        if kinds.values.contains("percent") {
            let note = "Pourcentages non fusionnés : ils se recalculent à partir des nombres."
            let existing = table["note"] as? String
            if existing?.contains(note) != true { table["note"] = [existing, note].compactMap { $0 }.joined(separator: " ") }
        }
        return table
    }

    /// `notes` with `note` added, unless a merge merged again already says it.
    static func noted(_ notes: [String], _ note: String) -> [String] {
        notes.contains(note) ? notes : notes + [note]
    }

    /// Each column's kind; a column any input calls a percentage is one.
    static func columnKinds(_ parts: [[String: Any]]) -> [String: String] {
        var kinds: [String: String] = [:]
        for part in parts {
            for column in part["columns"] as? [[String: Any]] ?? [] {
                guard let id = column["id"] as? String else { continue }
                let kind = column["kind"] as? String ?? "count"
                if kinds[id] != "percent" { kinds[id] = kind }
            }
        }
        return kinds
    }

    /// The row `first` (its id, label, total) with each value merged over every input that has the row.
    static func row(_ first: [String: Any], kinds: [String: String], parts: [[String: Any]]) -> [String: Any] {
        let id = first["id"] as? String
        let values = parts.compactMap { part in
            (part["rows"] as? [[String: Any]] ?? []).first { $0["id"] as? String == id }?["values"] as? [String: Any]
        }
        var row = first
        var merged: [String: Any] = [:]
        for (key, kind) in kinds {
            merged[key] = values.map { MergedCell($0[key], kind: kind) }.reduce(MergedCell.none) { $0.merged(with: $1) }.json
        }
        row["values"] = merged
        return row
    }

    static func countMasked(_ sections: [[String: Any]]) -> Int {
        sections.flatMap { $0["tables"] as? [[String: Any]] ?? [] }.flatMap { $0["rows"] as? [[String: Any]] ?? [] }
            .flatMap { ($0["values"] as? [String: Any] ?? [:]).values }
            .filter { $0 is [String: Any] }.count
    }
}
