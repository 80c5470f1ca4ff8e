// ReportHTML: the report as one self-contained HTML page, in French, printable on A4.
//
// Nothing is fetched: the style is inline, the charts are inline SVG (ReportHTMLCharts.swift),
// there is no script, no font, no image. Every piece of text, including what planners typed in
// their calendars (summaries, places), goes through `escape`. The unmasked copy carries a
// CONFIDENTIEL banner, and a mark repeated on every printed page (a fixed element is printed on
// each page by browsers).

import Foundation
import RelaisCore

/// The report as HTML: a whole self-contained page, or its body for another page (the desk's).
public enum ReportHTML {
    /// The whole page: head, inline style, the report's body.
    public static func render(_ report: PublishedReport, _ wording: ReportWording) -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(wording.title))</title>
        <style>\(style)</style>
        </head>
        <body>

        """ + body(report, wording) + "</body>\n</html>\n"
    }

    /// What the page's body holds: the CONFIDENTIEL banner of an unmasked copy, the heading, every
    /// sheet with its tables and charts, the footer. Its classes are those `style` gives a look;
    /// a page that embeds it styles them itself (the desk's Content-Security-Policy forbids inline
    /// styles).
    public static func body(_ report: PublishedReport, _ wording: ReportWording) -> String {
        let heading = report.heading
        var html = ""
        if !heading.isMasked {
            html += "<div class=\"confidential-mark\" aria-hidden=\"true\">CONFIDENTIEL</div>\n"
            html += "<p class=\"confidential\">\(escape(ReportWording.confidential))</p>\n"
        }
        html += "<header>\n<h1>\(escape(wording.title))</h1>\n<dl>\n"
        html += "<dt>Période</dt><dd>\(escape(wording.period(heading)))</dd>\n"
        html += "<dt>Campagne</dt><dd>\(escape(wording.campaign(heading)))</dd>\n"
        html += "<dt>Établi le</dt><dd>\(escape(wording.generated()))</dd>\n</dl>\n"
        if let note = wording.countedUntil(heading) { html += "<p class=\"notice\">\(escape(note))</p>\n" }
        if heading.isMasked {
            html += "<p class=\"notice masking\">\(escape(wording.masking(heading)))</p>\n" + legend(heading, wording)
        }
        html += "</header>\n"
        if heading.isEmpty {
            html += "<p class=\"empty\">\(escape(ReportWording.empty))</p>\n"
        }
        for section in report.sections {
            html += "<section class=\"sheet\" id=\"\(escape(section.id.rawValue))\">\n<h2>\(escape(section.title))</h2>\n"
            if let reason = section.unavailable {
                html += "<p class=\"unavailable\">\(escape(reason))</p>\n</section>\n"
                continue
            }
            for table in section.tables {
                html += self.table(table, heading)
                if let chart = table.chart { html += ReportHTMLCharts.chart(table, chart, heading) }
            }
            if !section.notes.isEmpty {
                html += "<ul class=\"notice\">\n" + section.notes.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
            }
            html += "</section>\n"
        }
        return html + "<footer class=\"notice\">Produit par Relais à partir des inscriptions et des calendriers des campagnes.</footer>\n"
    }

    static func table(_ table: ReportTable<PublishedValue>, _ heading: ReportHeading) -> String {
        var html = "<div class=\"table-block\" id=\"\(escape(table.id))\">\n<h3>\(escape(table.title))</h3>\n"
        // Six value columns or more (FA 11's per CCAS): set tighter, to fit the width of an A4 page.
        html += table.columns.count >= 6 ? "<table class=\"wide\">\n<thead><tr>" : "<table>\n<thead><tr>"
        html += "<th scope=\"col\">\(escape(table.rowHeading))</th>"
        for column in table.columns {
            html += "<th scope=\"col\"\(column.isNumeric ? " class=\"n\"" : "")>\(escape(column.label))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr\(row.isTotal ? " class=\"total\"" : "")><th scope=\"row\">\(escape(row.label))</th>"
            for (column, value) in zip(table.columns, row.values) {
                html += cell(value, numeric: column.isNumeric, heading)
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let note = table.note { html += "<p class=\"notice\">\(escape(note))</p>\n" }
        return html + "</div>\n"
    }

    static func cell(_ value: PublishedValue, numeric: Bool, _ heading: ReportHeading) -> String {
        switch value {
        case .text(let text): return "<td\(numeric ? " class=\"n\"" : "")>\(escape(text))</td>"
        case .count(let count): return "<td class=\"n\">\(ReportWording.grouped(count))</td>"
        case .masked(let kind):
            let title =
                kind == .primary
                ? "Effectif de 1 à \(heading.limit), masqué (secret statistique)"
                : "Masqué pour protéger un autre effectif (secret statistique)"
            return
                "<td class=\"n masked\" data-masked=\"\(kind.rawValue)\" title=\"\(escape(title))\">\(escape(heading.maskedText(kind)))</td>"
        case .percent(let percent): return "<td class=\"n\">\(escape(ReportWording.percent(percent)))</td>"
        case .none: return "<td></td>"
        }
    }

    /// The legend of the marks, in the heading (on the first printed page): each mark as it looks
    /// in a table, then what it means.
    static func legend(_ heading: ReportHeading, _ wording: ReportWording) -> String {
        let entries = wording.legend(heading).map { entry in
            "<dt><span class=\"masked\" data-masked=\"\(entry.kind.rawValue)\">\(escape(entry.mark))</span></dt>"
                + "<dd>\(escape(entry.meaning))</dd>\n"
        }
        return "<dl class=\"legend\" id=\"legende\">\n\(entries.joined())</dl>\n"
    }

    static func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The page's look, inline (nothing is fetched), A4 when printed.
    public static let style = """

        @page { size: A4; margin: 14mm 12mm 16mm; }
        * { box-sizing: border-box; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35;
          color: #1b1f24; background: #fff; max-width: 190mm; margin: 0 auto; padding: 10mm 6mm; }
        header { border-bottom: 3px solid #00558c; margin-bottom: 8pt; }
        h1 { font-size: 16pt; color: #00558c; margin: 0 0 6pt; }
        h2 { font-size: 12.5pt; color: #fff; background: #00558c; padding: 4pt 7pt; margin: 18pt 0 6pt; }
        h3 { font-size: 10.5pt; color: #00558c; margin: 12pt 0 3pt; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 0 0 6pt; }
        dt { font-weight: bold; }
        dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; margin: 2pt 0 4pt; font-size: 9.5pt; }
        th, td { border: 1px solid #b6c3ce; padding: 2pt 5pt; text-align: left; vertical-align: top; }
        thead th { background: #e4edf4; }
        tbody th { font-weight: normal; }
        .n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        thead th.n { white-space: normal; overflow-wrap: break-word; }
        table.wide { font-size: 8.5pt; }
        table.wide th, table.wide td { padding: 2pt 3pt; }
        #fa11-situations-par-ccas tbody th { white-space: nowrap; }
        tr.total th, tr.total td { font-weight: bold; background: #f2f5f8; }
        td.masked, span.masked { color: #7a4500; background: #fff3dc; }
        dl.legend { font-size: 8.5pt; color: #47525c; gap: 2pt 8pt; }
        dl.legend dt { font-weight: normal; }
        span.masked { display: inline-block; min-width: 3em; padding: 0 4pt; border: 1px solid #b6c3ce; text-align: center; }
        .notice { font-size: 8.5pt; color: #47525c; margin: 2pt 0 6pt; }
        ul.notice { padding-left: 14pt; }
        .unavailable { border-left: 4px solid #b6c3ce; background: #f2f5f8; padding: 5pt 8pt; }
        .empty { font-size: 12pt; font-weight: bold; border: 2px solid #b6c3ce; padding: 8pt; }
        .confidential { border: 3px solid #b00020; color: #b00020; font-weight: bold; text-align: center; padding: 6pt; }
        .confidential-mark { display: none; }
        figure { margin: 4pt 0 10pt; }
        figcaption { font-size: 8.5pt; color: #47525c; }
        svg { display: block; width: 100%; height: auto; }
        svg text { font-family: inherit; font-size: 10px; fill: #1b1f24; }
        svg .bar { fill: #2f7fb8; }
        svg .axis { stroke: #7d8a96; stroke-width: 1; }
        svg .grid { stroke: #dde4ea; stroke-width: 1; }
        @media print {
          body { max-width: none; padding: 0; font-size: 9.5pt; }
          h2, thead th, tr.total th, tr.total td, td.masked, span.masked, svg .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          section.sheet + section.sheet { break-before: page; }
          h2, h3 { break-after: avoid; }
          thead { display: table-header-group; }
          tr, figure, #fa11-situations-par-ccas { break-inside: avoid; }
          .confidential-mark { display: block; position: fixed; top: 0; right: 0; color: #b00020; font-weight: bold;
            border: 2px solid #b00020; padding: 1pt 5pt; font-size: 9pt; }
        }

        """
}
