// The travel-times file: rows read both ways, the same-commune constant, and every bad line refused
// with its line, all at once.

import Testing

@testable import RelaisCore

@Suite struct TravelTimesTests {
    @Test func aRowServesBothWaysAndACommuneToItselfTakesTheConstant() throws {
        let text = "# estimated\nfrom,to,minutes\n01173,01053,86\r\n\n# measured\n01160,01173,7\n"
        let times = try TravelTimes.parse(text, fileName: "t.csv", sameCommuneMinutes: 4)
        #expect(times.minutes(from: "01173", to: "01053") == 86)
        #expect(times.minutes(from: "01053", to: "01173") == 86)
        #expect(times.minutes(from: "01160", to: "01160") == 4)
        #expect(times.minutes(from: "01160", to: "01053") == nil)
        #expect(times.pairCount == 2)
        #expect(times.communes == ["01173", "01053", "01160"])
    }

    @Test func everyBadLineIsRefusedWithItsLine() {
        let text = """
            # header comment
            from,to,minutes
            01173,01053,86
            01173,gex,10
            01160,01160,3
            01160,01173,-2
            01053,01173,80
            01160,01173
            01160,01053,ninety
            """
        #expect(throws: FileProblems([
            FileError(fileName: "t.csv", line: 4, reason: "\"gex\" is not an INSEE commune code"),
            FileError(fileName: "t.csv", line: 5, reason: "01160 to itself: within one commune the time is [transport] same_commune_minutes"),
            FileError(fileName: "t.csv", line: 6, reason: "minutes must be a whole number from 0 to 600, not \"-2\""),
            FileError(fileName: "t.csv", line: 7, reason: "01053 and 01173 were already given on line 3: one row per pair, either way"),
            FileError(fileName: "t.csv", line: 8, reason: "a row has three fields, from,to,minutes (found 2)"),
            FileError(fileName: "t.csv", line: 9, reason: "minutes must be a whole number from 0 to 600, not \"ninety\""),
        ])) {
            try TravelTimes.parse(text, fileName: "t.csv")
        }
    }

    @Test func theHeaderIsRequired() {
        #expect(throws: FileProblems([FileError(fileName: "t.csv", line: 1, reason: "the first line must be the header from,to,minutes")])) {
            try TravelTimes.parse("01173,01053,86\n", fileName: "t.csv")
        }
        #expect(throws: FileProblems([FileError(fileName: "t.csv", line: 0, reason: "the file has no header from,to,minutes")])) {
            try TravelTimes.parse("# nothing\n", fileName: "t.csv")
        }
    }
}
