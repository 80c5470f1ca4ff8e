// ReportJSON: the report for programs. Keys are stable codes; labels are the French wording.
// A masked value is an object saying why it is masked and how it reads,
// `{"masked": "primary", "text": "< 11"}` or `{"masked": "secondary", "text": "s"}`, and
// `legend` says what each mark means; a percentage is a number with one decimal; a cell with
// nothing to show is null. Each column says what its numbers are (`kind`: count, percent or text),
// so that a program (relais report merge) adds counts and never percentages. Written by JSONBytes,
// byte for byte as JSONSerialization wrote it, without building Foundation objects.

import Foundation
import RelaisCore

/// The report as JSON, keys as stable codes.
public enum ReportJSON {
    /// The whole report as one pretty-printed JSON object.
    public static func render(_ report: PublishedReport, _ wording: ReportWording) -> String {
        let heading = report.heading
        var period: [(key: String, value: JSONNode)] = [
            ("start", .string(wording.localTime.iso8601(heading.period.start))),
            ("end", .string(wording.localTime.iso8601(heading.period.end))),
            ("counted_until", .string(wording.localTime.iso8601(heading.countedUntil))),
            ("wording", .string(wording.period(heading))),
        ]
        if let note = wording.countedUntil(heading) { period.append(("note", .string(note))) }
        var document: [(key: String, value: JSONNode)] = [
            ("title", .string(wording.title)), ("period", .object(period)),
            ("generated_at", .string(wording.localTime.iso8601(wording.generatedAt))),
            ("masked", .bool(heading.isMasked)), ("confidential", .bool(!heading.isMasked)),
            ("small_cell_limit", .int(heading.limit)),
            ("legend", .array(heading.isMasked ? legend(heading, wording) : [])), ("masking", .string(wording.masking(heading))),
            ("masked_cells", .int(report.maskedCells)), ("young_under", .int(heading.youngUnder)), ("empty", .bool(heading.isEmpty)),
            ("sections", .array(report.sections.map { section($0, heading) })),
            ("campaign", heading.campaign.map { .object([("id", .string($0)), ("name", .string(heading.campaignName ?? $0))]) } ?? .null),
        ]
        if heading.isEmpty { document.append(("message", .string(ReportWording.empty))) }
        var writer = JSONBytes(capacity: 1 << 20)
        writer.write(.object(document))
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    static func section(_ section: ReportSection<PublishedValue>, _ heading: ReportHeading) -> JSONNode {
        .object([
            ("id", .string(section.id.rawValue)), ("title", .string(section.title)), ("available", .bool(section.unavailable == nil)),
            ("unavailable_reason", .string(or: section.unavailable)), ("notes", .array(section.notes.map { .string($0) })),
            ("tables", .array(section.tables.map { table($0, heading) })),
        ])
    }

    static func table(_ table: ReportTable<PublishedValue>, _ heading: ReportHeading) -> JSONNode {
        let ids = table.columns.map(\.id)
        return .object([
            ("id", .string(table.id)), ("title", .string(table.title)), ("row_heading", .string(table.rowHeading)),
            ("note", .string(or: table.note)),
            (
                "columns",
                .array(
                    table.columns.enumerated().map { index, column in
                        .object([
                            ("id", .string(column.id)), ("label", .string(column.label)),
                            ("kind", .string(kind(of: column, at: index, in: table.rows))),
                        ])
                    })
            ),
            (
                "rows",
                .array(
                    table.rows.map { row in
                        .object([
                            ("id", .string(row.id)), ("label", .string(row.label)), ("total", .bool(row.isTotal)),
                            ("values", .object(zip(ids, row.values.map { value($0, heading) }).map { (key: $0, value: $1) })),
                        ])
                    })
            ),
        ])
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
    static func legend(_ heading: ReportHeading, _ wording: ReportWording) -> [JSONNode] {
        wording.legend(heading).map {
            .object([("masked", .string($0.kind.rawValue)), ("text", .string($0.mark)), ("meaning", .string($0.meaning))])
        }
    }

    static func value(_ value: PublishedValue, _ heading: ReportHeading) -> JSONNode {
        switch value {
        case .text(let text): .string(text)
        case .count(let count): .int(count)
        case .masked(let kind): .object([("masked", .string(kind.rawValue)), ("text", .string(heading.maskedText(kind)))])
        case .percent(let percent): .double((percent * 10).rounded() / 10)
        case .none: .null
        }
    }
}
