// Duplicates on the command line: `participants add` and `participants import` refuse a person
// with the phone number or e-mail address of a participant already registered (or of an earlier
// line of the same file), naming them, exit 65 and the database unchanged; --allow-duplicate
// records a real second person. A resident's bad field is refused with its option, or its CSV
// line and column.

import Foundation
import Testing

@Suite struct ResidentsCLITests {
    func expectRefused(_ workspace: Workspace, _ arguments: [String], saying expected: String) throws {
        let before = try workspace.dump()
        let result = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + arguments, environment: ["RELAIS_NOW": workspace.now])
        #expect(result.status == 65, "\(arguments): \(result.status) \(result.output)")
        #expect(result.errors == "relais: \(expected)\n", "\(arguments)")
        #expect(try workspace.dump() == before, "\(arguments) changed the database")
    }

    @Test func addingAPersonWithTheNumberOrAddressOfAnotherIsRefusedNamingThemUnlessAllowed() throws {
        let workspace = Workspace()
        let first = try workspace.relais(
            "participants", "add", "--name", "Jeanne Martin", "--commune", "Gex", "--phone", "06 12 34 56 78", "--email",
            "Jeanne.Martin@example.fr")
        #expect(first.output == "participant 1 added\n", "\(first.errors)")
        try expectRefused(
            workspace, ["participants", "add", "--name", "Paul Martin", "--commune", "Gex", "--phone", "+33 6 12 34 56 78"],
            saying: "--phone: participant 1 has this phone number already (relais participants show 1); "
                + "--allow-duplicate records another person with it")
        try expectRefused(
            workspace, ["participants", "add", "--name", "Paul Martin", "--commune", "Cessy", "--email", "jeanne.martin@EXAMPLE.FR"],
            saying: "--email: participant 1 has this e-mail address already (relais participants show 1); "
                + "--allow-duplicate records another person with it")
        let allowed = try workspace.relais(
            "participants", "add", "--name", "Paul Martin", "--commune", "Gex", "--phone", "0612345678", "--allow-duplicate")
        #expect(allowed.status == 0 && allowed.output == "participant 2 added\n", "\(allowed.errors)")
    }

    @Test func importRefusesAFileWithADuplicateNamingTheLineAndTheParticipantOrTheEarlierLine() throws {
        let workspace = Workspace()
        #expect(
            try workspace.relais("participants", "add", "--name", "Jeanne Martin", "--commune", "Gex", "--phone", "0612345678").status == 0)
        let existing = workspace.write(
            "existing.csv", "name,commune,phone,email\nAnne,Cessy,0700000001,\nPaul Martin,Gex,06 12 34 56 78,\n")
        try expectRefused(
            workspace, ["participants", "import", existing],
            saying: "\(existing):3: phone: participant 1 has this phone number already (relais participants show 1); "
                + "--allow-duplicate records another person with it; nothing imported")
        let twice = workspace.write(
            "twice.csv", "name,commune,phone,email\nAnne,Cessy,,anne@example.fr\nLouis,Gex,0700000002,\nLouise,Gex,,Anne@example.fr\n")
        try expectRefused(
            workspace, ["participants", "import", twice],
            saying: "\(twice):4: email: line 2 has the same e-mail address; --allow-duplicate imports both; nothing imported")
        let imported = try workspace.relais("participants", "import", twice, "--allow-duplicate")
        #expect(imported.status == 0 && imported.output.hasPrefix("3 participants imported"), "\(imported.errors)")
        let alsoExisting = try workspace.relais("participants", "import", existing, "--allow-duplicate", "--json")
        #expect(alsoExisting.status == 0, "\(alsoExisting.errors)")
        #expect((try workspace.json(alsoExisting) as? [String: Any])?["imported"] as? Int == 2)
    }

    @Test func aBadFieldIsRefusedWithItsOptionOrItsLineAndColumn() throws {
        let workspace = Workspace()
        try expectRefused(
            workspace, ["participants", "add", "--name", "B", "--commune", "Gex", "--birth-year", "1850"],
            saying: "--birth-year: \"1850\" is not a year between 1906 and 2026")
        try expectRefused(
            workspace,
            [
                "participants", "add", "--name", "B", "--commune", "Gex", "--phone", "04 50 41 00 00", "--consent", "sms",
                "--consent-source", "t",
            ],
            saying: "--consent: sms needs a mobile number; +33*******00 is a landline")
        try expectRefused(
            workspace, ["participants", "add", "--name", "B", "--commune", "Gex", "--consent", "email"],
            saying: "--consent: email needs an e-mail address")
        let file = workspace.write("people.csv", "name,commune,birth_year,consent\nA,Gex,1950,\nB,Gex,1950,sms\n")
        try expectRefused(
            workspace, ["participants", "import", file, "--consent-source", "t"],
            saying: "\(file):3: consent: sms needs a phone number; nothing imported")
        let noSource = workspace.write("nosource.csv", "name,commune,phone,consent\nA,Gex,0612345678,sms\n")
        try expectRefused(
            workspace, ["participants", "import", noSource],
            saying:
                "\(noSource):2: consent_source: say where the consent was collected (e.g. \"formulaire papier du CCAS\"); nothing imported"
        )
    }
}
