// relais campaigns load with a calendar holding several mistakes: every one is printed with its
// line, the file is refused whole (exit 65) and the database is as it was.

import Foundation
import Testing

@Suite struct CalendarProblemsCLITests {
    @Test func everyProblemOfTheFileIsPrintedWithItsLineAndNothingIsLoaded() throws {
        let workspace = Workspace()
        let good = workspace.write("good.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000")))
        #expect(try workspace.relais("campaigns", "load", good).status == 0)
        let before = try workspace.dump()

        let broken = workspace.write(
            "broken.ics",
            calendar(
                event(uid: "a@test", start: "20270330T090000", end: "20270330T120000", extra: "X-RELAIS-PROFESSIONALS:lots"),
                event(uid: "b@test", start: "20270331T090000", end: "20270331T120000"),
                event(uid: "c@test", start: "20271331T090000", end: "20271331T120000")))
        let refused = try workspace.relais("campaigns", "load", broken)
        #expect(refused.status == 65)
        #expect(
            refused.errors == """
                relais: \(broken):6: event a@test: X-RELAIS-PROFESSIONALS: "lots" is not a whole number from 0 to 100000
                relais: \(broken):32: not a valid date or time
                relais: \(broken): 2 problems; nothing loaded from this file
                relais: 1 of 1 calendar files refused

                """, "\(refused.errors)")
        #expect(try workspace.dump() == before)
    }

    @Test func oneProblemIsPrintedOnOneLineAsBefore() throws {
        let workspace = Workspace()
        let broken = workspace.write(
            "one.ics", calendar(event(uid: "a@test", start: "20270330T090000", end: "20270330T120000", extra: "X-RELAIS-QPV:Nowhere")))
        let refused = try workspace.relais("campaigns", "load", broken)
        #expect(refused.status == 65)
        #expect(refused.errors.hasPrefix("relais: \(broken):6: event a@test: X-RELAIS-QPV: \"Nowhere\" is not a QPV"), "\(refused.errors)")
        #expect(refused.errors.contains("; nothing loaded from this file\nrelais: 1 of 1 calendar files refused\n"))
    }
}
