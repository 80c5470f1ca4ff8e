// Reports print the same bytes as before they were read in one pass over the registrations: a small
// made-up season (scripts/bench-reports.sql, 300 events and 6,000 registrations, the benchmark's data
// at a smaller size) is reported in every format, over a year (every registration read) and over a
// month (the period's sessions looked up), for all campaigns and for one, and each output is compared
// with what relais printed at main 2e0c58e on the same data (Tests/Fixtures/ReportGolden, made by its
// make.sh with that binary).

import Foundation
import Testing

@Suite struct ReportGoldenCLITests {
    /// The expected file and the arguments of `relais report` that printed it (as make.sh runs them).
    static let runs: [(file: String, arguments: [String])] = [
        ("all.txt", ["all", "--year", "2027"]),
        ("all.csv", ["all", "--year", "2027", "--format", "csv"]),
        ("all.json", ["all", "--year", "2027", "--format", "json"]),
        ("all.html", ["all", "--year", "2027", "--format", "html"]),
        ("all-unmasked.json", ["all", "--year", "2027", "--format", "json", "--unmasked"]),
        ("march.txt", ["all", "--from", "2027-03-01", "--to", "2027-04-01"]),
        ("campaign.csv", ["all", "--year", "2027", "--campaign", "bench-3", "--format", "csv"]),
        ("fa14-young18.json", ["fa14", "--year", "2027", "--young-under", "18", "--format", "json"]),
    ]

    static let fixtures = Workspace.repository.appendingPathComponent("Tests/Fixtures/ReportGolden")

    /// A workspace whose database relais created and scripts/bench-reports.sql filled.
    func season() throws -> Workspace {
        let workspace = Workspace()
        let created = try workspace.relais("campaigns", "list")
        #expect(created.status == 0, "\(created.errors)")
        let script = Workspace.repository.appendingPathComponent("scripts/bench-reports.sql").path
        let filled = try workspace.run(
            "/usr/bin/sqlite3",
            ["-cmd", "CREATE TEMP TABLE bench_size AS SELECT 300 AS events, 6000 AS registrations", workspace.database, ".read \(script)"])
        #expect(filled.status == 0 && filled.errors.isEmpty, "\(filled.errors)")
        return workspace
    }

    @Test func everyFormatPrintsTheSameBytesAsBefore() throws {
        let workspace = try season()
        let registrations = try workspace.run("/usr/bin/sqlite3", [workspace.database, "SELECT count(*) FROM registration"])
        #expect(Int(registrations.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 > 5000)
        for run in Self.runs {
            // Bytes, not strings: reading a file as a String drops the CSV's byte-order mark.
            let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent(run.file))
            let result = try workspace.relais(["report"] + run.arguments, environment: ["RELAIS_NOW": "2028-01-15T10:00"])
            #expect(result.status == 0, "\(run.arguments): \(result.errors)")
            #expect(Data(result.output.utf8) == expected, "relais report \(run.arguments.joined(separator: " ")) differs from \(run.file)")
        }
    }
}
