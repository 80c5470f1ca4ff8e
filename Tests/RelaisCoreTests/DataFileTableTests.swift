// DataFileTable.items: the checks every territory data file shares (as many fields as the header,
// INSEE codes in the commune columns, in that order) are made before the file's own reader sees a
// row, and every refused line is given at once with its line, the reader's refusals among them.

import Testing

@testable import RelaisCore

@Suite struct DataFileTableTests {
    @Test func theSharedChecksComeFirstAndEveryBadLineIsRefusedWithItsLine() {
        let text = """
            # comment
            near,far,note

            01173,01053,ok
            01173,01053
            gex,01053,ok
            01173,cessy,ok
            01173,01053,bad
            01160,01053,ok,more
            """
        var seen: [[String]] = []
        #expect(
            throws: FileProblems([
                FileError(fileName: "d.csv", line: 5, reason: "a row has three fields, near,far,note (found 2)"),
                FileError(fileName: "d.csv", line: 6, reason: "\"gex\" is not an INSEE commune code"),
                FileError(fileName: "d.csv", line: 7, reason: "\"cessy\" is not an INSEE commune code"),
                FileError(fileName: "d.csv", line: 8, reason: "the note is bad"),
                FileError(fileName: "d.csv", line: 9, reason: "a row has three fields, near,far,note (found 4)"),
            ])
        ) {
            try DataFileTable.items(text, fileName: "d.csv", header: ["near", "far", "note"], communeColumns: [0, 1]) {
                fields, _ throws(DataFileRowProblem) in
                seen.append(fields)
                guard fields[2] == "ok" else { throw DataFileRowProblem("the note is \(fields[2])") }
                return fields[0]
            }
        }
        #expect(seen == [["01173", "01053", "ok"], ["01173", "01053", "bad"]], "the reader sees only rows of the right shape")
    }

    @Test func aGoodFileGivesOneItemARowWithItsLine() throws {
        let items = try DataFileTable.items(
            "code,name\n# a comment\n01173, Gex \n", fileName: "d.csv", header: ["code", "name"], communeColumns: [0]
        ) { fields, line throws(DataFileRowProblem) in "\(line):\(fields[0]):\(fields[1])" }
        #expect(items == ["3:01173:Gex"])
    }
}
