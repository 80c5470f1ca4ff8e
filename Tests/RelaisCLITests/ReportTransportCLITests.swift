import Foundation
import Testing

/// FA 11 from the shuttle's bookings, made through `relais transport` as CCAS agents and the
/// coordinator make them. Worked out by hand:
///
///   run 1, Tue 16 Mar 2027, 20 seats: Gex residents 1-13 (person 1 with a companion), Cessy 14-15;
///          after the run, bookings 1-12 and 14 completed, 13 and 15 no-show
///   run 2, Tue 23 Mar 2027, 2 seats: Gex 16 and Cessy 17 confirmed (never settled), Gex 2 waitlisted
///   run 3, Tue 30 Mar 2027: Gex 3 booked, then the coordinator cancels the run (booking cancelled)
///
///   CCAS    transported  no-show  cancelled  waitlisted  confirmed | situations
///   Gex          12         1         1          1           1     |    16
///   Cessy         1         1         0          0           1     |     3
///   total        13         2         1          1           2     |    19
///   runs that left: 1 and 2 (run 3 cancelled); with a passenger transported: run 1 only.
@Suite struct ReportTransportCLITests {
    nonisolated(unsafe) static let shared: Result<Workspace, Error> = Result {
        let workspace = Workspace()
        removeAtExit(workspace)
        workspace.now = "2027-03-01T10:00"
        func run(_ arguments: [String]) throws {
            let result = try workspace.relais(arguments)
            guard result.status == 0 else { throw ReportTestError("\(arguments.joined(separator: " ")): \(result.errors)") }
        }
        func run(_ arguments: String...) throws { try run(arguments) }
        for (date, seats) in [("2027-03-16", "20"), ("2027-03-23", "2"), ("2027-03-30", "8")] {
            try run(
                "transport", "runs", "add", "--coordinator", "--date", date, "--stop", "07:30 Gex, Parking de l'agglo",
                "--stop", "07:45 Cessy, Mairie", "--return", "11:30", "--seats", seats)
        }
        let communes = Array(repeating: "Gex", count: 13) + ["Cessy", "Cessy", "Gex", "Cessy"]
        let csv = "name,commune\n" + communes.enumerated().map { "Personne \($0.offset + 1),\($0.element)" }.joined(separator: "\n") + "\n"
        try run("participants", "import", workspace.write("people.csv", csv))
        func book(_ trip: Int, _ person: Int, companion: Bool = false) throws {
            let commune = communes[person - 1]
            try run(
                ["transport", "book", "--ccas", commune, "--run", String(trip), "--participant", String(person), "--stop", commune]
                    + (companion ? ["--companion"] : []))
        }
        try book(1, 1, companion: true)
        for person in 2...15 { try book(1, person) }
        for person in [16, 17, 2] { try book(2, person) }
        try book(3, 3)
        workspace.now = "2027-03-02T10:00"
        try run("transport", "runs", "cancel", "--coordinator", "3", "--reason", "véhicule en panne")
        workspace.now = "2027-03-16T14:00"
        try run(["transport", "complete", "--coordinator"] + (Array(1...12) + [14]).map(String.init))
        try run("transport", "noshow", "--coordinator", "13", "15")
        workspace.now = "2027-04-15T10:00"
        return workspace
    }

    func json(_ arguments: String...) throws -> [String: Any] {
        let result = try Self.shared.get().relais(["report", "fa11", "--year", "2027", "--format", "json"] + arguments)
        #expect(result.status == 0, "\(result.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    @Test func fa11CountsPeopleTransportedTripsAndSituationsPerCCASAsWorkedOutByHand() throws {
        let report = try json("--unmasked")
        func value(_ table: String, _ row: String, _ column: String) -> Int? { ReportJSONTable.value(report, table, row, column) as? Int }
        #expect(value("fa11-indicateurs", "personnes-transportees", "valeur") == 13)
        #expect(value("fa11-indicateurs", "accompagnants", "valeur") == 1)
        #expect(value("fa11-indicateurs", "trajets", "valeur") == 1)
        #expect(value("fa11-indicateurs", "navettes", "valeur") == 2)
        #expect(value("fa11-indicateurs", "situations-traitees", "valeur") == 19)
        #expect(value("fa11-situations-par-ccas", "gex", "transportees") == 12)
        #expect(value("fa11-situations-par-ccas", "gex", "absentes") == 1)
        #expect(value("fa11-situations-par-ccas", "gex", "annulees") == 1)
        #expect(value("fa11-situations-par-ccas", "gex", "liste-d-attente") == 1)
        #expect(value("fa11-situations-par-ccas", "gex", "confirmees") == 1)
        #expect(value("fa11-situations-par-ccas", "gex", "situations") == 16)
        #expect(value("fa11-situations-par-ccas", "cessy", "situations") == 3)
        #expect(value("fa11-situations-par-ccas", "total", "confirmees") == 2)
    }

    /// Masked, the CCAS table (rows and columns with their totals) shows no count from 1 to 10,
    /// and no row or column has exactly one masked cell.
    @Test func theCCASTableIsMaskedAlongRowsAndColumns() throws {
        let report = try json()
        let table = try #require(ReportJSONTable.tables(report).first { $0.id == "fa11-situations-par-ccas" })
        let grid = table.rows.map { row in table.columns.map { (row["values"] as! [String: Any])[$0] } }
        for line in grid + table.columns.indices.map({ column in grid.map { $0[column] } }) {
            #expect(line.filter { ReportJSONTable.mark($0) != nil }.count != 1, "\(line)")
            #expect(line.allSatisfy { !(1...10).contains($0 as? Int ?? 0) }, "\(line)")
        }
        #expect(grid.joined().contains { ReportJSONTable.mark($0) == "primary" })
    }
}

struct ReportTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Workspace {
    /// `relais` with the arguments as an array, at the workspace's clock.
    func relais(_ arguments: [String]) throws -> RunResult {
        try run(Workspace.binary.path, globalArguments + arguments, environment: ["RELAIS_NOW": now])
    }
}
