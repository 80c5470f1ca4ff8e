// ReportJSON: the report for programs. Keys are stable codes; labels are the French wording.
// A masked value is an object saying why it is masked and how it reads,
// `{"masked": "primary", "text": "< 11"}` or `{"masked": "secondary", "text": "s"}`, and
// `legend` says what each mark means; a percentage is a number with one decimal; a cell with
// nothing to show is null. Each column says what its numbers are (`kind`: count, percent or text),
// so that a program (relais report merge) adds counts and never percentages.

import Foundation
import RelaisCore

/// The report as JSON, keys as stable codes.
public enum ReportJSON {
    /// The whole report as one pretty-printed JSON object.
    public static func render(_ report: PublishedReport, _ wording: ReportWording) -> String {
        let heading = report.heading
        var period: [String: Any] = [
            "start": wording.localTime.iso8601(heading.period.start), "end": wording.localTime.iso8601(heading.period.end),
            "counted_until": wording.localTime.iso8601(heading.countedUntil), "wording": wording.period(heading),
        ]
        period["note"] = wording.countedUntil(heading)
        var document: [String: Any] = [
            "title": wording.title, "period": period, "generated_at": wording.localTime.iso8601(wording.generatedAt),
            "masked": heading.isMasked, "confidential": !heading.isMasked, "small_cell_limit": heading.limit,
            "legend": heading.isMasked ? legend(heading, wording) : [], "masking": wording.masking(heading),
            "masked_cells": report.maskedCells,
            "young_under": heading.youngUnder, "empty": heading.isEmpty,
            "sections": report.sections.map { section($0, heading) },
        ]
        document["campaign"] = heading.campaign.map { ["id": $0, "name": heading.campaignName ?? $0] } ?? NSNull()
        if heading.isEmpty { document["message"] = ReportWording.empty }
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func section(_ section: ReportSection<PublishedValue>, _ heading: ReportHeading) -> [String: Any] {
        [
            "id": section.id.rawValue, "title": section.title, "available": section.unavailable == nil,
            "unavailable_reason": section.unavailable ?? NSNull(), "notes": section.notes,
            "tables": section.tables.map { table in
                [
                    "id": table.id, "title": table.title, "row_heading": table.rowHeading, "note": table.note ?? NSNull(),
                    "columns": table.columns.enumerated().map { index, column in
                        ["id": column.id, "label": column.label, "kind": kind(of: column, at: index, in: table.rows)]
                    },
                    "rows": table.rows.map { row in
                        [
                            "id": row.id, "label": row.label, "total": row.isTotal,
                            "values": Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.id), row.values.map { value($0, heading) })),
                        ] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
    }

    /// `text` for words, `percent` for a column of rates, `count` for the rest.
    static func kind(of column: ReportColumn, at index: Int, in rows: [ReportRow<PublishedValue>]) -> String {
        guard column.isNumeric else { return "text" }
        let rates = rows.contains { row in
            if index < row.values.count, case .percent = row.values[index] { true } else { false }
        }
        return rates ? "percent" : "count"
    }

    /// Each mark with its code and meaning: `[{"masked": "primary", "text": "< 11", "meaning": ...}, ...]`.
    static func legend(_ heading: ReportHeading, _ wording: ReportWording) -> [[String: Any]] {
        wording.legend(heading).map { ["masked": $0.kind.rawValue, "text": $0.mark, "meaning": $0.meaning] }
    }

    static func value(_ value: PublishedValue, _ heading: ReportHeading) -> Any {
        switch value {
        case .text(let text): return text
        case .count(let count): return count
        case .masked(let kind): return ["masked": kind.rawValue, "text": heading.maskedText(kind)]
        case .percent(let percent): return (percent * 10).rounded() / 10
        case .none: return NSNull()
        }
    }
}
