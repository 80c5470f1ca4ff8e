// ReportPrintTests: the report on paper, as the steering committee reads it. FA 11's table of
// situations per CCAS, with every commune of the territory (27 rows and the total), must fit the
// printable area of one A4 page, in width (no column cut off at the right edge, no cell whose
// content spills over) and in height. The data set is drawn at random (seeded) and made through
// `relais transport` as CCAS agents and the coordinator make it; the measure is Chromium's own
// layout of the page in print media at the printable width the page's @page rule leaves
// (report_print.py, through chromedriver).

import Foundation
import RelaisTestPeers
import Testing

@Suite struct ReportPrintTests {
    /// Every commune's CCAS books residents of its commune on three runs (a random number each,
    /// seeded): run 1 is then settled (most travelled, some absent), run 2 stays confirmed, run 3
    /// is cancelled by the coordinator; bookings past a run's seats are waitlisted.
    nonisolated(unsafe) static let shared: Result<Workspace, Error> = Result {
        let workspace = Workspace()
        removeAtExit(workspace)
        workspace.now = "2027-03-01T10:00"
        func run(_ arguments: [String]) throws -> String {
            let result = try workspace.relais(arguments)
            guard result.status == 0 else { throw ReportTestError("\(arguments.joined(separator: " ")): \(result.errors)") }
            return result.output
        }
        for (date, seats) in [("2027-03-16", "60"), ("2027-03-23", "30"), ("2027-03-30", "20")] {
            _ = try run([
                "transport", "runs", "add", "--coordinator", "--date", date, "--stop", "07:30 Gex, Parking de l'agglo", "--return", "11:30",
                "--seats", seats,
            ])
        }
        var random = SplitMix(state: 1411)
        var bookings: [(commune: String, run: Int)] = []
        for commune in Self.communes {
            for (run, most) in [(1, 7), (2, 3), (3, 2)] {
                bookings += Array(repeating: (commune, run), count: random.below(most + 1))
            }
        }
        let csv = "name,commune\n" + bookings.indices.map { "Personne \($0 + 1),\(bookings[$0].commune)" }.joined(separator: "\n") + "\n"
        _ = try run(["participants", "import", workspace.write("people.csv", csv)])
        var travelled: [String] = []
        var absent: [String] = []
        for (index, booking) in bookings.enumerated() {
            let output = try run([
                "transport", "book", "--ccas", booking.commune, "--run", String(booking.run), "--participant", String(index + 1), "--stop",
                "1",
            ])
            guard output.contains("confirmed on run 1"), let id = output.split(separator: ":").first?.split(separator: " ").last else {
                continue
            }
            if random.below(5) == 0 { absent.append(String(id)) } else { travelled.append(String(id)) }
        }
        workspace.now = "2027-03-02T10:00"
        _ = try run(["transport", "runs", "cancel", "--coordinator", "3", "--reason", "véhicule en panne"])
        workspace.now = "2027-03-16T14:00"
        _ = try run(["transport", "complete", "--coordinator"] + travelled)
        if !absent.isEmpty { _ = try run(["transport", "noshow", "--coordinator"] + absent) }
        workspace.now = "2027-04-15T10:00"
        return workspace
    }

    /// The communes of the territory, with accents as CCAS agents type them.
    static let communes = [
        "Cessy", "Challex", "Chevry", "Chézery-Forens", "Collonges", "Crozet", "Divonne-les-Bains", "Échenevex", "Farges",
        "Ferney-Voltaire", "Gex", "Grilly", "Léaz", "Lélex", "Mijoux", "Ornex", "Péron", "Pougny", "Prévessin-Moëns",
        "Saint-Genis-Pouilly", "Saint-Jean-de-Gonville", "Sauverny", "Ségny", "Sergy", "Thoiry", "Versonnex", "Vesancy",
    ]

    @Test func theDataSetHasEveryCommuneAndEveryOutcome() throws {
        let result = try Self.shared.get().relais(["report", "fa11", "--year", "2027", "--format", "json", "--unmasked"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let table = try #require(ReportJSONTable.tables(report).first { $0.id == "fa11-situations-par-ccas" })
        #expect(table.rows.count == 28, "27 CCAS and the total")
        let total = try #require(table.rows.last?["values"] as? [String: Any])
        for column in ["transportees", "absentes", "annulees", "liste-d-attente", "confirmees"] {
            #expect((total[column] as? Int ?? 0) > 0, "no \(column) in the data set")
        }
    }

    @Test(
        .enabled(if: ReportHTMLTests.chromium != nil, "chromium is not installed: scripts/install-deps installs Debian's chromium"),
        arguments: [[], ["--unmasked"]])
    func theCCASTableFitsOneA4Page(options: [String]) throws {
        let workspace = try Self.shared.get()
        let result = try workspace.relais(["report", "fa11", "--year", "2027", "--format", "html"] + options)
        #expect(result.status == 0, "\(result.errors)")
        let page = workspace.write("fa11-\(UUID().uuidString).html", result.output)
        let shots = BrowserFlow.screenshots.appendingPathComponent("report-print\(options.isEmpty ? "" : "-unmasked")")
        try? FileManager.default.removeItem(at: shots)
        let measured = try workspace.run(
            python3,
            [
                BrowserFlow.folder.appendingPathComponent("report_print.py").path, page, "fa11-situations-par-ccas", "--screenshots",
                shots.path,
            ],
            environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(measured.output.utf8)) as? [String: Any], "\(measured.output)\(measured.errors)")
        #expect(measured.status == 0 && object["error"] == nil, "\(object["error"] ?? measured.errors)")
        let area = try #require(object["page"] as? [String: Double])
        let table = try #require(object["table"] as? [String: Any])
        let (width, height) = (try #require(area["width"]), try #require(area["height"]))
        // 186 mm x 267 mm: A4 less the margins of the page's @page rule.
        #expect(abs(width - 703) < 1 && abs(height - 1009) < 1, "printable area \(width) x \(height) px")
        #expect(table["rows"] as? Int == 29, "the header, 27 CCAS and the total")
        let tableWidth = try #require(table["width"] as? Double)
        let scrollWidth = try #require(table["scroll_width"] as? Double)
        let tableHeight = try #require(table["height"] as? Double)
        #expect(tableWidth <= width + 0.5 && scrollWidth <= width + 0.5, "the table is \(scrollWidth) px wide, the page \(width)")
        #expect((table["right"] as? Double ?? .infinity) <= width + 0.5)
        #expect((table["document_width"] as? Double ?? .infinity) <= width + 0.5, "the page scrolls sideways")
        #expect(tableHeight <= height, "the table is \(tableHeight) px high, the page \(height)")
        if options.isEmpty {
            // The legend of "< 11" and "s" ends on the first page.
            let legend = try #require(table["legend_bottom"] as? Double, "no legend")
            #expect(legend > 0 && legend <= height, "the legend ends \(legend) px down, the first page is \(height) px")
        }
        #expect((object["overflowing"] as? [String])?.isEmpty == true, "cells spill over: \(object["overflowing"] ?? "")")
    }
}
