import Foundation
import Testing

/// `relais report` on the data set of ReportSeed.swift, every count worked out by hand there and
/// below, then masked: no count of people from 1 to 10 is published, and none of the masked ones
/// can be recomputed from a row or column and its total.
@Suite struct ReportCLITests {
    func seed() throws -> Workspace { try ReportSeed.shared.get().workspace }

    func report(_ arguments: String...) throws -> RunResult {
        try seed().run(
            Workspace.binary.path, seed().globalArguments + ["report"] + arguments, environment: ["RELAIS_NOW": ReportSeed.reportTime])
    }

    func json(_ arguments: String...) throws -> [String: Any] {
        let result = try seed().run(
            Workspace.binary.path, seed().globalArguments + ["report"] + arguments + ["--format", "json"],
            environment: ["RELAIS_NOW": ReportSeed.reportTime])
        #expect(result.status == 0, "\(result.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    /// Columns and summary rows that count people (or messages to people).
    static let peopleColumns: Set<String> = ["inscrits", "presents", "envoyes", "en-echec"]
    static let peopleSummaryRows: Set<String> = [
        "inscriptions", "presences", "jeunes-touches", "participants-mois-sans-tabac", "inscrits-mois-sans-tabac",
    ]

    @Test func theUnmaskedReportGivesEveryCountWorkedOutByHand() throws {
        let report = try json("all", "--year", "2027", "--unmasked")
        #expect(report["confidential"] as? Bool == true && report["masked"] as? Bool == false)
        func value(_ table: String, _ row: String, _ column: String) -> Any? { ReportJSONTable.value(report, table, row, column) }
        // FA 7: screening and vaccination sessions held in 2027: a (1), b (2), c (1), f (1) = 5;
        // d is cancelled, old@t is in 2026. PS: 3 + 2×2 + 1 + 2 = 10.
        #expect(value("fa7-indicateurs", "evenements", "valeur") as? Int == 5)
        #expect(value("fa7-indicateurs", "ps-mobilises", "valeur") as? Int == 10)
        // Actions relayed: a, b, c, e (the shuttle), f.
        #expect(value("fa7-indicateurs", "actions-relayees", "valeur") as? Int == 5)
        #expect(value("fa7-indicateurs", "inscriptions", "valeur") as? Int == 46)  // 14 + 15 + 4 + 13, person 1 forgotten but counted
        #expect(value("fa7-indicateurs", "presences", "valeur") as? Int == 39)  // 12 + 13 + 3 + 11
        #expect(value("fa7-par-mois", "2027-03", "depistage") as? Int == 2)  // a, f
        #expect(value("fa7-par-mois", "2027-10", "vaccination") as? Int == 2)
        #expect(value("fa7-par-mois", "2027-05", "total") as? Int == 0)  // d cancelled
        #expect(value("fa7-par-commune", "gex", "ps-mobilises") as? Int == 4)
        #expect(value("fa7-par-campagne", "depistage-2027", "inscrits") as? Int == 33)
        #expect(value("fa7-par-campagne", "prevention-2027", "presents") as? Int == 11)
        // QPV: Levant-Tattes is a; Jacques Prévert is c; elsewhere b and f.
        #expect(value("fa7-qpv", "levant-tattes", "inscrits") as? Int == 14)
        #expect(value("fa7-qpv", "jacques-prevert", "presents") as? Int == 3)
        #expect(value("fa7-qpv", "hors-qpv", "seances") as? Int == 3)
        #expect(value("fa7-qpv", "hors-qpv", "presents") as? Int == 24)
        #expect(value("fa7-par-evenement", "b@t", "seances") as? Int == 2)
        #expect(value("fa7-par-evenement", "b@t", "inscrits") as? Int == 15)
        // FA 12: f only.
        #expect(value("fa12-indicateurs", "actions", "valeur") as? Int == 1)
        #expect(value("fa12-indicateurs", "presences", "valeur") as? Int == 11)
        // FA 14: 12 young people at g (an awareness action); h is a workshop, not awareness.
        #expect(value("fa14-indicateurs", "jeunes-touches", "valeur") as? Int == 12)
        #expect(value("fa14-jeunes", "18-25", "inscrits") as? Int == 0)
        #expect(value("fa14-indicateurs", "espaces-sans-tabac", "valeur") as? Int == 1)
        #expect(value("fa14-indicateurs", "actions-de-prevention", "valeur") as? Int == 2)
        #expect(value("fa14-indicateurs", "participants-mois-sans-tabac", "valeur") as? Int == 2)
        #expect(value("fa14-indicateurs", "inscrits-mois-sans-tabac", "valeur") as? Int == 3)
        // Reminders: 12 SMS sent (b), 14 e-mails sent (a), 4 e-mails failed (c).
        #expect(value("rappels-par-canal", "sms", "envoyes") as? Int == 12)
        #expect(value("rappels-par-canal", "email", "envoyes") as? Int == 14)
        #expect(value("rappels-par-canal", "email", "en-echec") as? Int == 4)
        #expect(value("rappels-par-canal", "total", "envoyes") as? Int == 26)
        // Presence: all 2027 sessions (a, b, c, e, f, g, h) 63 registered, 55 present; with a
        // reminder sent a's 14 (12 present) and b's first 12 (11 present) = 26 and 23.
        #expect(value("presence-avec-et-sans-rappel", "total", "inscrits") as? Int == 63)
        #expect(value("presence-avec-et-sans-rappel", "total", "presents") as? Int == 55)
        #expect(value("presence-avec-et-sans-rappel", "avec-rappel", "inscrits") as? Int == 26)
        #expect(value("presence-avec-et-sans-rappel", "sans-rappel", "presents") as? Int == 32)
        #expect(value("presence-avec-et-sans-rappel", "avec-rappel", "taux-de-presence") as? Double == 88.5)  // 23 / 26
        #expect(value("presence-avec-et-sans-rappel", "sans-rappel", "taux-de-presence") as? Double == 86.5)  // 32 / 37
    }

    @Test func theMaskedReportPublishesNoSmallCountAndNothingThatRebuildsOne() throws {
        let masked = try json("all", "--year", "2027")
        let raw = try json("all", "--year", "2027", "--unmasked")
        #expect(masked["masked"] as? Bool == true && masked["confidential"] as? Bool == false)
        var maskedCount = 0
        for (table, rows, columns) in ReportJSONTable.tables(masked) {
            for column in columns {
                let cells = rows.map { row -> (id: String, value: Any?, total: Bool) in
                    (row["id"] as! String, (row["values"] as! [String: Any])[column], row["total"] as! Bool)
                }
                let counts = Self.peopleColumns.contains(column) || (column == "valeur")
                for cell in cells where counts && (Self.peopleColumns.contains(column) || Self.peopleSummaryRows.contains(cell.id)) {
                    if let number = cell.value as? Int {
                        #expect(!(1...10).contains(number), "\(table) \(cell.id) \(column) shows \(number)")
                    }
                    if ReportJSONTable.mark(cell.value) != nil { maskedCount += 1 }
                }
                // A row or column with its total shown gives away a lone masked cell: there are never
                // exactly one masked among the rows and the total of a column.
                if Self.peopleColumns.contains(column), cells.contains(where: \.total) {
                    let hidden = cells.filter { ReportJSONTable.mark($0.value) != nil }.count
                    #expect(hidden != 1, "\(table) column \(column): one masked cell could be recomputed from the total")
                }
                // What is shown is the true count.
                for cell in cells {
                    if let number = cell.value as? Int { #expect(ReportJSONTable.value(raw, table, cell.id, column) as? Int == number) }
                }
            }
        }
        #expect(maskedCount > 0)
        for (table, row, column) in [
            ("fa7-qpv", "jacques-prevert", "inscrits"), ("fa7-par-evenement", "c@t", "presents"),
            ("rappels-par-canal", "email", "en-echec"),
            ("fa14-indicateurs", "participants-mois-sans-tabac", "valeur"),
        ] {
            let value = ReportJSONTable.value(masked, table, row, column) as? [String: String]
            #expect(value == ["masked": "primary", "text": "< 11"], "\(table) \(row) \(column)")
        }
        // Public counts are not masked.
        #expect(ReportJSONTable.value(masked, "fa7-indicateurs", "evenements", "valeur") as? Int == 5)
    }

    @Test func everyFormatMasksTheSameCells() throws {
        let masked = try json("all", "--year", "2027")
        let marks = ReportJSONTable.tables(masked).flatMap { table in
            table.rows.flatMap { ($0["values"] as! [String: Any]).values.compactMap { ReportJSONTable.mark($0) } }
        }
        let expected = marks.count
        let primary = marks.filter { $0 == "primary" }.count
        #expect(primary > 0 && expected > primary, "both marks appear: \(primary) primary of \(expected)")
        let csv = try report("all", "--year", "2027", "--format", "csv")
        #expect(
            csv.output.hasPrefix(
                "\u{FEFF}fiche;tableau;ligne;colonne;valeur;code_tableau;code_ligne;code_colonne;code_masque;code_insee\r\n"))
        let records = ReportCSVRecords.parse(String(csv.output.dropFirst()))
        try #require(records.allSatisfy { $0.count == 10 })
        let values = records.filter { $0[0] != "Rapport" && $0[0] != "fiche" }
        // Rows about a commune carry its INSEE code; the others none.
        #expect(records.contains { $0[5] == "fa7-par-commune" && $0[6] == "gex" && $0[9] == "01173" })
        #expect(records.contains { $0[5] == "fa7-qpv" && $0[6] == "levant-tattes" && $0[9] == "01160" })
        #expect(values.filter { $0[5] == "fa7-indicateurs" }.allSatisfy { $0[9].isEmpty })
        #expect(values.filter { $0[8] == "primary" && $0[4] == "< 11" }.count == primary)
        #expect(values.filter { $0[8] == "secondary" && $0[4] == "s" }.count == expected - primary)
        #expect(values.filter { !$0[8].isEmpty }.count == expected)
        #expect(records.contains { $0[5] == "fa7-qpv" && $0[6] == "hors-qpv" && $0[7] == "inscrits" && $0[4] == "28" && $0[8].isEmpty })
        let html = try report("all", "--year", "2027", "--format", "html")
        #expect(html.output.components(separatedBy: "class=\"n masked\"").count - 1 == expected)
        #expect(html.output.components(separatedBy: "class=\"n masked\" data-masked=\"primary\"").count - 1 == primary)
        let table = try report("all", "--year", "2027")
        #expect(table.output.contains("Dans les quartiers prioritaires de la politique de la ville (QPV) et ailleurs"))
        #expect(table.output.components(separatedBy: "< 11").count - 1 >= primary)  // the legend mentions it too
    }

    @Test func theUnmaskedCopyIsMarkedConfidentialInEveryFormat() throws {
        for format in ["table", "csv", "html"] {
            let result = try report("all", "--year", "2027", "--unmasked", "--format", format)
            #expect(result.status == 0)
            #expect(result.output.contains("CONFIDENTIEL"), "\(format)")
            #expect(!result.output.contains("< 11") && !result.output.contains("&lt; 11"), "\(format)")
            #expect(!result.output.contains("primary") && !result.output.contains("secondary"), "\(format)")
        }
    }

    @Test func aPeriodWithNoSessionSaysSo() throws {
        let table = try report("all", "--year", "2025")
        #expect(table.status == 0)
        #expect(table.output.contains("Aucune séance tenue sur la période : aucun indicateur à publier."))
        let july = try json("fa7", "--from", "2027-07-01", "--to", "2027-08-01")
        #expect(july["empty"] as? Bool == true && (july["sections"] as? [Any])?.isEmpty == true)
        let html = try report("all", "--year", "2025", "--format", "html")
        #expect(html.output.contains("Aucune séance tenue sur la période"))
    }

    @Test func anUnknownCampaignIsAClearError() throws {
        let result = try report("fa7", "--campaign", "nope-2027")
        #expect(result.status == 65)
        #expect(result.errors == "relais: no campaign nope-2027 (relais campaigns list shows them)\n")
        #expect(result.output.isEmpty)
    }

    @Test(arguments: [
        (["fa9"], "unknown report \"fa9\""), (["fa7", "--year", "2027", "--from", "2027-01-01"], "give --year or --from and --to"),
        (["fa7", "--from", "2027-01-01"], "--from and --to go together"), (["fa7", "--format", "pdf"], "--format \"pdf\""),
        (["fa14", "--young-under", "20"], "--young-under takes 18 or 26"), (["fa7", "--year", "twenty"], "--year takes a year"),
        (["fa7", "--from", "1814-01-01", "--to", "2027-01-01"], "--from 1814-01-01 is outside the years a report covers, 2000 to 2200"),
    ])
    func badOptionsAreRefusedWithTheReason(arguments: [String], reason: String) throws {
        let result = try seed().run(
            Workspace.binary.path, seed().globalArguments + ["report"] + arguments, environment: ["RELAIS_NOW": ReportSeed.reportTime])
        #expect(result.status == 64)
        #expect(result.errors.contains(reason), "\(result.errors)")
    }

    @Test func aCampaignAloneCountsOnlyItsEvents() throws {
        let report = try json("fa7", "--year", "2027", "--campaign", "prevention-2027", "--unmasked")
        #expect((report["campaign"] as? [String: Any])?["id"] as? String == "prevention-2027")
        #expect((report["sections"] as? [[String: Any]])?.map { $0["id"] as? String } == ["fa7"])
        #expect(ReportJSONTable.value(report, "fa7-indicateurs", "evenements", "valeur") as? Int == 1)  // f
        #expect(ReportJSONTable.value(report, "fa7-indicateurs", "ps-mobilises", "valeur") as? Int == 2)
        #expect(ReportJSONTable.value(report, "fa7-indicateurs", "inscriptions", "valeur") as? Int == 13)
    }

    @Test func fa11CountsNothingWhenNoShuttleRan() throws {
        // e@t is a transport event (its run may exist), but nobody booked: FA 11 counts no one,
        // rather than the shuttle event's registrations (ReportTransportCLITests has the bookings).
        let report = try json("fa11", "--year", "2027", "--unmasked")
        let section = try #require((report["sections"] as? [[String: Any]])?.first)
        #expect(section["available"] as? Bool == true)
        #expect(ReportJSONTable.value(report, "fa11-indicateurs", "situations-traitees", "valeur") as? Int == 0)
        #expect(ReportJSONTable.value(report, "fa11-indicateurs", "trajets", "valeur") as? Int == 0)
        #expect(ReportJSONTable.value(report, "fa11-indicateurs", "personnes-transportees", "valeur") as? Int == 0)
    }

    @Test func aReportIsWrittenToAFileOrRefusedWhenItCannotBe() throws {
        let path = try seed().directory.appendingPathComponent("fa14-\(UUID().uuidString).csv").path
        let written = try report("fa14", "--year", "2027", "--format", "csv", "--output", path)
        #expect(written.status == 0)
        #expect(written.output.hasPrefix("report written to \(path) ("))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Nombre de jeunes touchés par les actions de sensibilisation"))
        let refused = try report("fa14", "--year", "2027", "--output", "/nonexistent-directory/fa14.txt")
        #expect(refused.status == 73)
    }

    @Test func reportHelpHasAnExample() throws {
        let help = try seed().relais("report", "--help")
        #expect(help.status == 0 && help.output.contains("Example:"))
        #expect(try seed().relais("help").output.contains("report fa7|...|all"))
    }
}

/// Reading the JSON report's tables.
enum ReportJSONTable {
    /// Every table: its id, its rows and its column ids.
    static func tables(_ report: [String: Any]) -> [(id: String, rows: [[String: Any]], columns: [String])] {
        (report["sections"] as? [[String: Any]] ?? []).flatMap { section in
            (section["tables"] as? [[String: Any]] ?? []).map { table in
                (
                    table["id"] as! String, table["rows"] as! [[String: Any]],
                    (table["columns"] as! [[String: Any]]).map { $0["id"] as! String }
                )
            }
        }
    }

    /// The mark of a masked value (`{"masked": "primary", "text": "< 11"}`): "primary" or
    /// "secondary"; nil for a value shown.
    static func mark(_ value: Any?) -> String? { (value as? [String: Any])?["masked"] as? String }

    static func value(_ report: [String: Any], _ table: String, _ row: String, _ column: String) -> Any? {
        guard let found = tables(report).first(where: { $0.id == table }),
            let line = found.rows.first(where: { $0["id"] as? String == row })
        else { return nil }
        return (line["values"] as? [String: Any])?[column]
    }
}
