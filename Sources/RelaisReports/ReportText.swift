// ReportText: the report as aligned columns for a terminal (the default format). A masked report
// opens with the legend of its marks ("< 11", "s").

import Foundation
import RelaisCore

/// The report as aligned columns for a terminal.
public enum ReportText {
    /// The whole report as lines of text.
    public static func render(_ report: PublishedReport, _ wording: ReportWording) -> String {
        let heading = report.heading
        var lines = [wording.title]
        if !heading.isMasked { lines.append("*** \(ReportWording.confidential) ***") }
        lines.append("Période : \(wording.period(heading))")
        if let note = wording.countedUntil(heading) { lines.append(note) }
        lines.append("Campagne : \(wording.campaign(heading))")
        lines.append("Établi le \(wording.generated())")
        if heading.isMasked {
            lines.append(wording.masking(heading))
            lines += wording.legend(heading).map { "  " + wording.legendLine($0) }
        }
        if heading.isEmpty {
            lines += ["", ReportWording.empty]
            return lines.joined(separator: "\n") + "\n"
        }
        for section in report.sections {
            lines += ["", section.title, String(repeating: "=", count: section.title.count)]
            if let reason = section.unavailable {
                lines.append(reason)
                continue
            }
            for table in section.tables {
                lines += ["", table.title] + self.table(table, heading, wording)
                if let note = table.note { lines.append("  (\(note))") }
            }
            if !section.notes.isEmpty {
                lines.append("")
                lines += section.notes.map { "- \($0)" }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table's lines, indented, numbers aligned to the right.
    static func table(_ table: ReportTable<PublishedValue>, _ heading: ReportHeading, _ wording: ReportWording) -> [String] {
        let header = [table.rowHeading] + table.columns.map(\.label)
        let rows = table.rows.map { row in [row.label] + row.values.map { wording.plain($0, heading) } }
        let numeric = [false] + table.columns.map(\.isNumeric)
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { index, cell -> String in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return numeric[index] ? pad + cell : cell + pad
            }
            return "  " + padded.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return [line(header)] + rows.map(line)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
