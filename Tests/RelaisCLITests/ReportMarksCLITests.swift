// ReportMarksCLITests: what `relais report` prints for a masked value is true and says why it is
// masked, in every format, on three data sets made through the relais binary: ReportSeed (every
// sheet), ReportTransportCLITests' shuttle (FA 11 worked out by hand) and ReportPrintTests' 27
// CCAS drawn at random (seeded). The masked report is compared with the unmasked copy of the same
// data: a masked count reads "< 11" only when it truly holds 1 to 10, every masked value is
// marked primary or secondary in JSON and CSV, the HTML's first page explains both marks.

import Foundation
import Testing

@Suite struct ReportMarksCLITests {
    /// A data set and the report asked of it.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "ReportSeed", arguments: ["all", "--year", "2027"]),
        Case(name: "shuttle by hand", arguments: ["fa11", "--year", "2027"]),
        Case(name: "27 CCAS at random", arguments: ["fa11", "--year", "2027"]),
    ]

    func workspace(_ name: String) throws -> Workspace {
        switch name {
        case "ReportSeed": return try ReportSeed.shared.get().workspace
        case "shuttle by hand": return try ReportTransportCLITests.shared.get()
        default: return try ReportPrintTests.shared.get()
        }
    }

    func report(_ test: Case, _ more: String...) throws -> String { try report(test, more) }

    func json(_ test: Case, _ more: String...) throws -> [String: Any] {
        let output = try report(test, ["--format", "json"] + more)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func report(_ test: Case, _ more: [String]) throws -> String {
        let workspace = try workspace(test.name)
        let now = test.name == "ReportSeed" ? ReportSeed.reportTime : workspace.now
        let result = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + ["report"] + test.arguments + more, environment: ["RELAIS_NOW": now])
        #expect(result.status == 0, "\(result.errors)")
        return result.output
    }

    /// Every value of the JSON report by table, row and column.
    static func values(_ report: [String: Any]) -> [String: Any] {
        var values: [String: Any] = [:]
        for table in ReportJSONTable.tables(report) {
            for row in table.rows {
                for (column, value) in row["values"] as! [String: Any] { values["\(table.id)|\(row["id"]!)|\(column)"] = value }
            }
        }
        return values
    }

    @Test(arguments: cases)
    func aMaskedCountReadsLessThan11OnlyWhenItHolds1To10(_ test: Case) throws {
        let masked = Self.values(try json(test))
        let raw = Self.values(try json(test, "--unmasked"))
        var seen = (primary: 0, secondary: 0)
        for (cell, value) in masked {
            guard let object = value as? [String: Any] else {
                if let number = value as? Int { #expect(raw[cell] as? Int == number, "\(cell) shows \(number)") }
                continue
            }
            let mark = object["masked"] as? String
            let truth = raw[cell]
            switch mark {
            case "primary":
                seen.primary += 1
                #expect(object["text"] as? String == "< 11")
                #expect((1...10).contains(truth as? Int ?? -1), "\(cell) reads \"< 11\" but holds \(truth ?? "nothing")")
            case "secondary":
                seen.secondary += 1
                #expect(object["text"] as? String == "s")
                if let count = truth as? Int { #expect(!(1...10).contains(count), "\(cell) reads \"s\" but holds \(count)") }
            default: Issue.record("\(cell) is masked without a mark: \(object)")
            }
        }
        #expect(seen.primary > 0, "\(test.name): no primary cell")
        if test.name != "shuttle by hand" { #expect(seen.secondary > 0, "\(test.name): no secondary cell") }
        let legend = try #require(try json(test)["legend"] as? [[String: String]])
        #expect(legend.map { $0["masked"] } == ["primary", "secondary"] && legend.map { $0["text"] } == ["< 11", "s"])
        #expect((try json(test, "--unmasked")["legend"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: cases)
    func csvMarksEveryMaskedValueAsJSONDoes(_ test: Case) throws {
        let masked = Self.values(try json(test))
        let csv = try report(test, "--format", "csv")
        let records = ReportCSVRecords.parse(String(csv.dropFirst()))
        #expect(records.first?.suffix(2) == ["code_masque", "code_insee"])
        try #require(records.allSatisfy { $0.count == 10 }, "\(records.filter { $0.count != 10 })")
        var marked = 0
        for record in records.dropFirst() where record[0] != "Rapport" {
            let value = masked["\(record[5])|\(record[6])|\(record[7])"]
            let mark = ReportJSONTable.mark(value) ?? ""
            #expect(record[8] == mark, "\(record)")
            #expect(record[4] == (mark == "primary" ? "< 11" : mark == "secondary" ? "s" : record[4]), "\(record)")
            if !mark.isEmpty { marked += 1 }
        }
        #expect(marked == masked.values.filter { ReportJSONTable.mark($0) != nil }.count && marked > 0)
        // The legend is in the information records at the top.
        #expect(csv.contains("Rapport;Informations;Légende « s »;;valeur masquée seulement pour qu'un effectif de 1 à 10"))
        #expect(csv.contains(";informations;legende-secondary;;;\r\n") && csv.contains(";informations;legende-primary;;;\r\n"))
    }

    @Test func theHTMLLegendExplainsBothMarksOnTheFirstPageAndTheTableTextToo() throws {
        let test = Self.cases[0]
        let html = try report(test, "--format", "html")
        let header = try #require(html.range(of: "</header>").map { html[..<$0.lowerBound] })
        #expect(header.contains("<dl class=\"legend\" id=\"legende\">"))
        #expect(
            header.contains(
                "<span class=\"masked\" data-masked=\"secondary\">s</span></dt><dd>valeur masquée seulement pour qu&#39;un effectif de 1 à 10 ne puisse pas être recalculé"
            ))
        #expect(header.contains("il est nul ou supérieur à 10"))
        #expect(header.contains("<span class=\"masked\" data-masked=\"primary\">&lt; 11</span></dt><dd>effectif compris entre 1 et 10"))
        #expect(html.contains("data-masked=\"secondary\" title=\"Masqué pour protéger un autre effectif (secret statistique)\">s</td>"))
        let table = try report(test)
        #expect(table.contains("  « s » : valeur masquée seulement pour qu'un effectif de 1 à 10 ne puisse pas être recalculé"))
        #expect(table.contains("  « < 11 » : effectif compris entre 1 et 10"))
        let unmasked = try report(test, "--unmasked", "--format", "html")
        #expect(!unmasked.contains("id=\"legende\"") && !unmasked.contains("data-masked"))
    }
}

/// The records of a CSV report (RFC 4180: ';' between fields, CRLF between records, a field in
/// double quotes may hold either, and "" is a quote).
enum ReportCSVRecords {
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ";":
                record.append(field)
                field = ""
            case "\r\n", "\n":
                record.append(field)
                if record != [""] { records.append(record) }  // a blank line ends the output
                record = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
