import Foundation
import Testing

/// `relais report merge`: masked reports of several territories summed for a département or the
/// ARS, masked cells kept masked, percentages left out, unmasked or mismatched reports refused.
@Suite struct ReportMergeCLITests {
    /// The seeded territory's masked report for 2027, as a file in `workspace`.
    func seededReport(_ workspace: Workspace, _ name: String, extra: [String] = []) throws -> String {
        let seed = try ReportSeed.shared.get().workspace
        let path = workspace.directory.appendingPathComponent(name).path
        let result = try seed.run(
            Workspace.binary.path,
            seed.globalArguments + ["report", "all", "--year", "2027", "--format", "json", "--output", path] + extra,
            environment: ["RELAIS_NOW": ReportSeed.reportTime])
        try #require(result.status == 0, "\(result.errors)")
        return path
    }

    func object(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// Every cell of a report, keyed "section/table/row/column", with its column's kind.
    func cells(_ report: [String: Any]) -> [String: (kind: String, value: Any)] {
        var cells: [String: (kind: String, value: Any)] = [:]
        for section in report["sections"] as? [[String: Any]] ?? [] {
            for table in section["tables"] as? [[String: Any]] ?? [] {
                let kinds = Dictionary(
                    (table["columns"] as? [[String: Any]] ?? []).map { ($0["id"] as? String ?? "?", $0["kind"] as? String ?? "?") }
                ) { first, _ in first }
                for row in table["rows"] as? [[String: Any]] ?? [] {
                    for (column, value) in row["values"] as? [String: Any] ?? [:] {
                        let key = "\(section["id"]!)/\(table["id"]!)/\(row["id"]!)/\(column)"
                        cells[key] = (kinds[column] ?? "?", value)
                    }
                }
            }
        }
        return cells
    }

    @Test func twoReportsAddUpCountsKeepMasksAndLeaveOutPercentages() throws {
        let workspace = Workspace()
        let first = try seededReport(workspace, "a.json")
        let second = try seededReport(workspace, "b.json")
        let merged = workspace.directory.appendingPathComponent("merged.json").path
        // Where the reports are merged there is no installation: no territory file, no configuration.
        try FileManager.default.removeItem(at: workspace.directory.appendingPathComponent("Config"))
        let result = try workspace.run(Workspace.binary.path, ["report", "merge", first, second, "--output", merged])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("merged report of 2 reports"))
        let original = cells(try object(first))
        let sum = try object(merged)
        let summed = cells(sum)
        #expect(summed.count == original.count)
        var (added, masked, percentages) = (0, 0, 0)
        for (key, cell) in original {
            let after = try #require(summed[key], "\(key) is missing from the merge")
            switch (cell.kind, cell.value) {
            case (_, let mask as [String: Any]):
                #expect((after.value as? [String: Any])?["masked"] as? String == mask["masked"] as? String, "\(key)")
                masked += 1
            case ("count", let count as Int):
                #expect(after.value as? Int == 2 * count, "\(key): \(count) twice is not \(after.value)")
                added += 1
            case ("percent", _):
                #expect(after.value is NSNull, "\(key): a percentage was added up")
                percentages += 1
            default:
                break
            }
        }
        #expect(added > 20 && masked > 0 && percentages > 0, "added \(added), masked \(masked), percentages \(percentages)")
        #expect(sum["masked_cells"] as? Int == masked)
        #expect((sum["merged_from"] as? [String])?.count == 2)
        #expect(sum["masked"] as? Bool == true)
    }

    /// A masked report of one table of communes, its rows given as JSON.
    static func report(_ rows: String, inscrits: String = #"{"id": "inscrits", "label": "Inscrits", "kind": "count"}"#) -> String {
        """
        {"title": "T", "period": {"start": "2027-01-01T00:00:00+01:00", "end": "2028-01-01T00:00:00+01:00"},
         "masked": true, "small_cell_limit": 11, "young_under": 26, "empty": false, "campaign": null,
         "sections": [{"id": "fa7", "title": "FA 7", "available": true, "notes": [], "tables": [{
           "id": "par-commune", "title": "Par commune", "row_heading": "Commune", "note": null,
           "columns": [\(inscrits), {"id": "taux", "label": "Taux", "kind": "percent"}],
           "rows": [\(rows)]}]}]}
        """
    }

    @Test func rowsOnlyOneTerritoryHasAreKeptAndAMaskWinsOverACount() throws {
        let workspace = Workspace()
        func report(_ rows: String) -> String { Self.report(rows) }
        let gex = workspace.write(
            "gex.json",
            report("""
                {"id": "01173", "label": "Gex", "total": false, "values": {"inscrits": 40, "taux": 50}},
                {"id": "shared", "label": "Partagée", "total": false, "values": {"inscrits": {"masked": "primary", "text": "< 11"}}},
                {"id": "both", "label": "Deux masques", "total": false, "values": {"inscrits": {"masked": "secondary", "text": "s"}}},
                {"id": "total", "label": "Total", "total": true, "values": {"inscrits": 52, "taux": 48.1}},
                {"id": "01071", "label": "Cessy", "total": false, "values": {"inscrits": {"masked": "primary", "text": "< 11"}, "taux": null}}
                """))
        let chablais = workspace.write(
            "chablais.json",
            report("""
                {"id": "74281", "label": "Thonon-les-Bains", "total": false, "values": {"inscrits": 30, "taux": 40}},
                {"id": "shared", "label": "Partagée", "total": false, "values": {"inscrits": 25}},
                {"id": "both", "label": "Deux masques", "total": false, "values": {"inscrits": {"masked": "primary", "text": "< 11"}}},
                {"id": "total", "label": "Total", "total": true, "values": {"inscrits": {"masked": "secondary", "text": "s"}, "taux": null}}
                """))
        let result = try workspace.relais("report", "merge", gex, chablais)
        #expect(result.status == 0, "\(result.errors)")
        let merged = cells(try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]))
        #expect(merged["fa7/par-commune/01173/inscrits"]?.value as? Int == 40)
        #expect(merged["fa7/par-commune/74281/inscrits"]?.value as? Int == 30)
        #expect((merged["fa7/par-commune/01071/inscrits"]?.value as? [String: Any])?["masked"] as? String == "primary")
        #expect((merged["fa7/par-commune/total/inscrits"]?.value as? [String: Any])?["masked"] as? String == "secondary")
        #expect(merged["fa7/par-commune/01173/taux"]?.value is NSNull)
        #expect((merged["fa7/par-commune/shared/inscrits"]?.value as? [String: Any])?["masked"] as? String == "primary",
            "a count one territory masked stays masked however the other publishes it")
        #expect((merged["fa7/par-commune/both/inscrits"]?.value as? [String: Any])?["masked"] as? String == "primary")
        let rows = try #require(
            ((((try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])?["sections"] as? [[String: Any]])?
                .first?["tables"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]))
        #expect(rows.last?["id"] as? String == "total", "the total row stays last")
    }

    @Test func unmaskedMismatchedOrHostileReportsAreRefusedAndNothingIsWritten() throws {
        let workspace = Workspace()
        let masked = try seededReport(workspace, "masked.json")
        let unmasked = try seededReport(workspace, "unmasked.json", extra: ["--unmasked"])
        let otherYear = workspace.directory.appendingPathComponent("2026.json").path
        let seed = try ReportSeed.shared.get().workspace
        let made = try seed.run(
            Workspace.binary.path, seed.globalArguments + ["report", "all", "--year", "2026", "--format", "json", "--output", otherYear],
            environment: ["RELAIS_NOW": ReportSeed.reportTime])
        #expect(made.status == 0, "\(made.errors)")
        let deep = workspace.write(
            "deep.json", String(repeating: "[[[[[[[[[[\n", count: 10_000) + String(repeating: "]]]]]]]]]]\n", count: 10_000))
        let notJSON = workspace.write("notes.json", "inscrits;presents\n3;2\n")
        let kindless = workspace.write(
            "old.json", Self.report(#"{"id": "a", "label": "A", "total": false, "values": {"inscrits": 12}}"#,
                inscrits: #"{"id": "inscrits", "label": "Inscrits"}"#))
        let huge = workspace.write(
            "huge.json", Self.report(#"{"id": "a", "label": "A", "total": false, "values": {"inscrits": 9223372036854775807}}"#))
        let negative = workspace.write("negative.json", Self.report(#"{"id": "a", "label": "A", "total": false, "values": {"inscrits": -12}}"#))
        let output = workspace.directory.appendingPathComponent("out.json").path
        let cases: [(String, [String], String)] = [
            ("unmasked", [masked, unmasked], "unmasked.json: an unmasked (confidential) report cannot be merged"),
            ("other period", [masked, otherYear], "2026.json: its period"),
            ("deep", [masked, deep], "deep.json: not a report"),
            ("not JSON", [notJSON, masked], "notes.json: not a report"),
            ("one file", [masked], "needs at least two JSON reports"),
            ("no kind", [kindless, huge], "old.json: not a report"),
            ("overflow", [huge, huge], "huge.json: not a report"),
            ("negative", [negative, huge], "negative.json: not a report"),
            ("missing", [masked, workspace.directory.appendingPathComponent("absent.json").path], "absent.json"),
        ]
        for (name, files, message) in cases {
            let result = try workspace.run(
                Workspace.binary.path, workspace.globalArguments + ["report", "merge"] + files + ["--output", output],
                environment: ["RELAIS_NOW": workspace.now])
            #expect(result.status != 0, "\(name)")
            #expect(result.errors.contains(message), "\(name): \(result.errors)")
            #expect(!FileManager.default.fileExists(atPath: output), "\(name): a merge was written")
        }
    }
}
