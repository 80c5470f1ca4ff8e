// ReportCSV: the report as one value per record, for spreadsheets.
//
// French spreadsheets open a semicolon-separated file with a UTF-8 byte-order mark directly
// (a comma-separated one lands in a single column, and without the mark accents are misread), so
// that is what this writes: RFC 4180 quoting and CRLF, ';' as separator, decimal commas. One
// record per value (fiche, tableau, ligne, colonne, valeur, then the stable codes of the table,
// row and column, and `code_masque`: why a masked value is masked, `primary` for "< 11" and
// `secondary` for "s", the codes of the JSON report; empty for a value shown; and `code_insee`, the
// INSEE code of the commune a row is about, empty for other rows): a pivot table
// rebuilds any layout, and a value never loses its labels. The information records at the top
// give the period, the campaign and the legend of the marks. Fields go through CSVWriter, which
// also keeps an event named "=HYPERLINK(...)" from running. Over 85,000 values, the fields records
// share (a table's, a column's, a row's) are quoted once each, and the records appended to one text
// piece by piece.

import Foundation
import RelaisCore

/// The report as semicolon-separated values, one value per record.
public enum ReportCSV {
    static let header = [
        "fiche", "tableau", "ligne", "colonne", "valeur", "code_tableau", "code_ligne", "code_colonne", "code_masque", "code_insee",
    ]

    /// The whole file: a byte-order mark, the header, then one record per value.
    public static func render(_ report: PublishedReport, _ wording: ReportWording) -> String {
        let heading = report.heading
        var records = [header]
        func information(_ label: String, _ value: String, code: String) {
            records.append(["Rapport", "Informations", label, "", value, "informations", code, "", "", ""])
        }
        information("Titre", wording.title, code: "titre")
        information("Période", wording.period(heading), code: "periode")
        if let note = wording.countedUntil(heading) { information("Séances comptées", note, code: "seances-comptees") }
        information("Campagne", wording.campaign(heading), code: "campagne")
        information("Établi le", wording.generated(), code: "etabli-le")
        information("Diffusion", wording.masking(heading), code: heading.isMasked ? "masque" : "confidentiel")
        if heading.isMasked {
            for entry in wording.legend(heading) {
                information("Légende « \(entry.mark) »", entry.meaning, code: "legende-\(entry.kind.rawValue)")
            }
        }
        if heading.isEmpty { information("Données", ReportWording.empty, code: "aucune-donnee") }
        var text = "\u{FEFF}" + records.map { CSVWriter.record($0, separator: ";") }.joined()
        for section in report.sections {
            let name = ReportWording.shortName(section.id)
            if let reason = section.unavailable {
                text += CSVWriter.record(
                    [name, section.title, "Non disponible", "", reason, section.id.rawValue, "non-disponible", "", "", ""], separator: ";")
                continue
            }
            for table in section.tables { values(of: table, in: name, heading, wording, into: &text) }
        }
        return text
    }

    /// One record per value of `table`, appended to `text`: the fields a table's records share (its
    /// sheet, title and code, each column's and each row's) are quoted once, not once per value.
    static func values(
        of table: ReportTable<PublishedValue>, in sheet: String, _ heading: ReportHeading, _ wording: ReportWording,
        into text: inout String
    ) {
        func field(_ value: String) -> String { CSVWriter.field(value, separator: ";") }
        let tablePart = field(sheet) + ";" + field(table.title) + ";"
        let tableID = field(table.id)
        let columns = table.columns.map { (label: field($0.label), id: field($0.id)) }
        for row in table.rows {
            let (label, id, commune) = (field(row.label), field(row.id), field(row.communeCode ?? ""))
            for (column, value) in zip(columns, row.values) where value != .none {
                var kind = ""
                if case .masked(let masked) = value { kind = masked.rawValue }
                // Appended piece by piece: a chain of `+` makes a new string at each step.
                for part in [
                    tablePart, label, ";", column.label, ";", field(wording.plain(value, heading)), ";", tableID, ";", id, ";",
                    column.id, ";", field(kind), ";", commune, "\r\n",
                ] {
                    text += part
                }
            }
        }
    }
}
