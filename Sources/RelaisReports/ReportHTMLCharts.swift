// ReportHTMLCharts: bar charts as inline SVG, drawn from a table's public column.
//
// Months become vertical bars along time; other rows (communes) horizontal bars, one per row, so
// that long names stay readable. The value is written on each bar, so that the chart reads
// without the table and prints in black and white. A masked value (none is charted today: charts
// are of public counts) gets no bar and its mark, "< 11" or "s".

import Foundation
import RelaisCore

enum ReportHTMLCharts {
    static let width = 700.0

    static func chart(_ table: ReportTable<PublishedValue>, _ chart: ReportChart, _ heading: ReportHeading) -> String {
        guard let column = table.columns.firstIndex(where: { $0.id == chart.column }) else { return "" }
        let bars = table.rows.filter { !$0.isTotal }.map { row -> (id: String, label: String, value: PublishedValue) in
            (row.id, row.label, row.values[column])
        }
        let largest = bars.compactMap { if case .count(let count) = $0.value { count } else { nil } }.max() ?? 0
        guard !bars.isEmpty, largest > 0 else { return "" }
        let caption = "\(table.title) — \(table.columns[column].label.lowercased())"
        let svg =
            chart.isTimeline
            ? timeline(bars, largest: largest, caption: caption, heading) : horizontal(bars, largest: largest, caption: caption, heading)
        return "<figure>\n\(svg)<figcaption>\(ReportHTML.escape(caption))</figcaption>\n</figure>\n"
    }

    /// Vertical bars, one per month, with a short label ("mars 27") under each.
    static func timeline(
        _ bars: [(id: String, label: String, value: PublishedValue)], largest: Int, caption: String, _ heading: ReportHeading
    ) -> String {
        let height = 230.0
        let (left, right, top, bottom) = (34.0, 8.0, 18.0, 34.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let slot = plotWidth / Double(bars.count)
        let every = max(1, Int((38.0 / slot).rounded(.up)))
        var svg = open(height: height, caption: caption)
        for fraction in [0.0, 0.5, 1.0] {
            let y = top + plotHeight * (1 - fraction)
            svg +=
                "<line class=\"\(fraction == 0 ? "axis" : "grid")\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\"/>\n"
            svg +=
                "<text x=\"\(f(left - 4))\" y=\"\(f(y + 3))\" text-anchor=\"end\">\(ReportWording.grouped(Int((Double(largest) * fraction).rounded())))</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let center = left + slot * (Double(index) + 0.5)
            let label = ReportHTML.escape(valueText(bar.value, heading))
            if case .count(let count) = bar.value, count > 0 {
                let barHeight = plotHeight * Double(count) / Double(largest)
                svg +=
                    "<rect class=\"bar\" x=\"\(f(center - slot * 0.35))\" y=\"\(f(top + plotHeight - barHeight))\" width=\"\(f(slot * 0.7))\" height=\"\(f(barHeight))\"/>\n"
                svg += "<text x=\"\(f(center))\" y=\"\(f(top + plotHeight - barHeight - 3))\" text-anchor=\"middle\">\(label)</text>\n"
            } else {
                svg += "<text x=\"\(f(center))\" y=\"\(f(top + plotHeight - 3))\" text-anchor=\"middle\">\(label)</text>\n"
            }
            if index % every == 0 {
                svg +=
                    "<text x=\"\(f(center))\" y=\"\(f(height - bottom + 14))\" text-anchor=\"middle\">\(ReportHTML.escape(shortMonth(bar.id, bar.label)))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// Horizontal bars, one per row, the label on the left.
    static func horizontal(
        _ bars: [(id: String, label: String, value: PublishedValue)], largest: Int, caption: String, _ heading: ReportHeading
    ) -> String {
        let rowHeight = 18.0
        let (labelWidth, right, top) = (170.0, 44.0, 4.0)
        let height = top * 2 + rowHeight * Double(bars.count)
        let plotWidth = width - labelWidth - right
        var svg = open(height: height, caption: caption)
        svg += "<line class=\"axis\" x1=\"\(f(labelWidth))\" y1=\"\(f(top))\" x2=\"\(f(labelWidth))\" y2=\"\(f(height - top))\"/>\n"
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            let name = bar.label.count > 30 ? String(bar.label.prefix(29)) + "…" : bar.label
            svg += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 13))\" text-anchor=\"end\">\(ReportHTML.escape(name))</text>\n"
            var end = labelWidth
            if case .count(let count) = bar.value, count > 0 {
                let barWidth = plotWidth * Double(count) / Double(largest)
                svg +=
                    "<rect class=\"bar\" x=\"\(f(labelWidth))\" y=\"\(f(y + 3))\" width=\"\(f(barWidth))\" height=\"\(f(rowHeight - 6))\"/>\n"
                end += barWidth
            }
            svg += "<text x=\"\(f(end + 4))\" y=\"\(f(y + 13))\">\(ReportHTML.escape(valueText(bar.value, heading)))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func open(height: Double, caption: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(ReportHTML.escape(caption))\">\n"
            + "<title>\(ReportHTML.escape(caption))</title>\n"
    }

    static func valueText(_ value: PublishedValue, _ heading: ReportHeading) -> String {
        switch value {
        case .count(let count): return ReportWording.grouped(count)
        case .masked(let kind): return heading.maskedText(kind)
        default: return ""
        }
    }

    /// "mars 27" from the row id "2027-03"; the row's label when the id is not a month.
    static func shortMonth(_ id: String, _ label: String) -> String {
        let parts = id.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return label }
        let names = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
        return "\(names[month - 1]) \(String(format: "%02d", year % 100))"
    }

    /// A coordinate with at most one decimal.
    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
