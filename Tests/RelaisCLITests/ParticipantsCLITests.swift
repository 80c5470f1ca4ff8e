import Foundation
import Testing

@Suite struct ParticipantsCLITests {
    /// A workspace with one event (capacity 2) on 30 March 2027, and its occurrence id.
    func loaded() throws -> (Workspace, String) {
        let workspace = Workspace()
        let file = workspace.write("test.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", file).status == 0)
        let occurrences = try workspace.json(workspace.relais("events", "list", "--json")) as! [[String: Any]]
        return (workspace, String(occurrences[0]["id"] as! Int))
    }

    @Test func theTourFromAddingAPersonToListingTheirRegistrations() throws {
        let (workspace, occurrence) = try loaded()
        let added = try workspace.relais(
            "participants", "add", "--name", "Jeanne Martin", "--commune", "gex", "--phone", "06 12 34 56 78",
            "--email", "jeanne@example.fr", "--birth-year", "1952", "--consent", "sms", "--consent", "email",
            "--consent-source", "CCAS de Gex, formulaire papier")
        #expect(added.status == 0, "\(added.errors)")
        #expect(added.output == "participant 1 added\n")
        let registered = try workspace.relais("register", "--participant", "1", "--occurrence", occurrence)
        #expect(registered.status == 0, "\(registered.errors)")
        let shown = try workspace.relais("participants", "show", "1")
        #expect(shown.output.contains("+33612345678"))
        #expect(shown.output.contains("consent     sms given on 2026-11-22 (CCAS de Gex, formulaire papier)"))
        #expect(shown.output.contains("#\(occurrence) 2027-03-30 09:00 Dépistage Mars bleu (scheduled)"), "\(shown.output)")
        let json = try #require(try workspace.json(workspace.relais("participants", "show", "1", "--json")) as? [String: Any])
        #expect((json["registrations"] as? [[String: Any]])?.count == 1)
        let events = try workspace.json(workspace.relais("events", "list", "--json")) as! [[String: Any]]
        #expect(events[0]["registered"] as? Int == 1)
    }

    @Test func importReadsASpreadsheetWholeOrNotAtAll() throws {
        let workspace = Workspace()
        let good = workspace.write(
            "people.csv",
            """
            name;commune;phone;email;birth_year;language;consent;consent_source
            "Martin, Jeanne";Gex;06 12 34 56 78;;1952;fr;sms;CCAS de Gex
            John Smith;Ferney-Voltaire;+41 79 123 45 67;john@example.ch;1980;en;sms,email;CCAS de Ferney
            """)
        let result = try workspace.relais("participants", "import", good)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("2 participants imported"))
        let before = try workspace.dump()
        let bad = workspace.write("bad.csv", "name,commune,phone\nA,Gex,0612345678\nB,Genève,0612345679\n")
        let refused = try workspace.relais("participants", "import", bad)
        #expect(refused.status == 65)
        #expect(refused.errors.contains("bad.csv:3: commune"), "\(refused.errors)")
        #expect(try workspace.dump() == before)
    }

    @Test func forgettingAPersonErasesThemButKeepsTheCount() throws {
        let (workspace, occurrence) = try loaded()
        _ = try workspace.relais("participants", "add", "--name", "Jeanne Martin", "--commune", "Gex", "--phone", "0612345678")
        _ = try workspace.relais("participants", "add", "--name", "Paul Durand", "--commune", "Gex", "--phone", "0612345679")
        _ = try workspace.relais("register", "--participant", "1", "--occurrence", occurrence)
        _ = try workspace.relais("register", "--participant", "2", "--occurrence", occurrence)
        // Paul is forgotten before the event: his place goes back to others.
        #expect(try workspace.relais("participants", "forget", "2").status == 0)
        var events = try workspace.json(workspace.relais("events", "list", "--from", "2027-01-01", "--json")) as! [[String: Any]]
        #expect(events[0]["registered"] as? Int == 1)
        // Jeanne came, and is forgotten afterwards: her presence stays as an anonymous count.
        workspace.now = "2027-03-30T09:30"
        #expect(try workspace.relais("attend", "--participant", "1", "--occurrence", occurrence).status == 0)
        workspace.now = "2027-04-02T10:00"
        #expect(try workspace.relais("participants", "forget", "1").status == 0)
        #expect(try workspace.relais("participants", "show", "1").status == 65)
        #expect(try !workspace.dump().contains("Jeanne"))
        events = try workspace.json(workspace.relais("events", "list", "--from", "2027-01-01", "--json")) as! [[String: Any]]
        #expect(events[0]["registered"] as? Int == 1 && events[0]["attended"] as? Int == 1)
    }

    @Test func helpExplainsEachCommandWithAnExample() throws {
        let workspace = Workspace()
        let overview = try workspace.relais("help")
        #expect(overview.status == 0 && overview.output.contains("campaigns load|list"))
        for command in ["campaigns", "events", "calendar", "participants", "register", "attend"] {
            let help = try workspace.relais(command, "--help")
            #expect(help.status == 0 && help.output.contains("Example:"), "\(command)")
        }
    }
}
