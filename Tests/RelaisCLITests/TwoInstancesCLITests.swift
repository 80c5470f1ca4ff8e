import Foundation
import RelaisTestPeers
import Testing

/// Two territories on one server, as relais@pays-de-gex and relais@haut-chablais run them: two
/// configurations, two databases, two ports, two daemons side by side, and nothing shared.
@Suite struct TwoInstancesCLITests {
    /// One instance: its workspace (configuration naming its territory file, its database, its
    /// port) and its running daemon.
    struct Instance {
        let workspace: Workspace
        let port: UInt16
        let server: PeerProcess

        init(territory: String, port: UInt16) throws {
            workspace = Workspace()
            self.port = port
            let calendars = workspace.directory.appendingPathComponent("calendars")
            try FileManager.default.createDirectory(at: calendars, withIntermediateDirectories: true)
            let file = Workspace.repository.appendingPathComponent("Config/territories/\(territory).conf").path
            workspace.configure("[territory]\nfile = \(file)\n[calendars]\ndirectory = \(calendars.path)\n[web]\nport = \(port)\n")
            let added = try workspace.relais(stdin: "\(territory)-password-2027\n", ["users", "add", "coordination", "--role", "coordinator"])
            #expect(added.status == 0, "\(added.errors)")
            server = try startServe(workspace, port: port)
        }

        func client() -> DeskClient { DeskClient(port: port, workspace: workspace, name: "browser") }
    }

    @Test func twoTerritoriesRunSideBySideAndShareNothing() throws {
        let firstPort = LoopbackPort.random()
        var secondPort = LoopbackPort.random()
        while secondPort == firstPort { secondPort = LoopbackPort.random() }
        let gex = try Instance(territory: "pays-de-gex", port: firstPort)
        defer { gex.server.stop() }
        let chablais = try Instance(territory: "haut-chablais", port: secondPort)
        defer { chablais.server.stop() }
        #expect(gex.workspace.database != chablais.workspace.database)

        // Each knows its own communes only.
        let jeanne = try gex.workspace.relais("participants", "add", "--name", "Jeanne Martin", "--commune", "Gex")
        #expect(jeanne.status == 0, "\(jeanne.errors)")
        let louise = try chablais.workspace.relais("participants", "add", "--name", "Louise Favre", "--commune", "Thonon")
        #expect(louise.status == 0, "\(louise.errors)")
        let wrongPlace = try chablais.workspace.relais("participants", "add", "--name", "Paul Roux", "--commune", "Gex")
        #expect(wrongPlace.status == 65 && wrongPlace.errors.contains("Gex"), "\(wrongPlace.errors)")
        let otherWay = try gex.workspace.relais("participants", "add", "--name", "Paul Roux", "--commune", "Thonon-les-Bains")
        #expect(otherWay.status == 65, "\(otherWay.errors)")

        // Each database holds its own people and communes.
        let gexPeople = try gex.workspace.relais("participants", "list")
        let chablaisPeople = try chablais.workspace.relais("participants", "list")
        #expect(gexPeople.output.contains("Jeanne Martin") && !gexPeople.output.contains("Louise Favre"))
        #expect(chablaisPeople.output.contains("Louise Favre") && !chablaisPeople.output.contains("Jeanne Martin"))
        #expect(!chablaisPeople.output.contains("Paul Roux") && !gexPeople.output.contains("Paul Roux"))
        func communes(_ instance: Instance) throws -> String {
            try instance.workspace.run("/usr/bin/sqlite3", [instance.workspace.database, "SELECT count(*) FROM commune"]).output
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try communes(gex) == "27")
        #expect(try communes(chablais) == "18")

        // Each desk answers on its own port with its own accounts: a password of one is refused by the other.
        let gexDesk = gex.client()
        let signedIn = try gexDesk.signIn("coordination", "pays-de-gex-password-2027")
        #expect(signedIn.status == 303, "\(signedIn.status)")
        let refused = try chablais.client().signIn("coordination", "pays-de-gex-password-2027")
        #expect(refused.status != 303, "one territory's password opened the other's desk")
        let chablaisIn = try chablais.client().signIn("coordination", "haut-chablais-password-2027")
        #expect(chablaisIn.status == 303, "\(chablaisIn.status)")
        #expect(gex.server.isRunning && chablais.server.isRunning)
    }
}
