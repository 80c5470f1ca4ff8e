// MessageWriter leaves one blank line where empty placeholders left several, on bytes now (issue 16).

import Foundation
import Testing

@testable import RelaisService

@Suite struct BlankLinesTests {
    @Test func runsOfThreeOrMoreLineFeedsBecomeOneBlankLine() {
        #expect(MessageWriter.collapsingBlankLines("a\n\n\n\nb\n\n\nc") == "a\n\nb\n\nc")
    }

    @Test func oneBlankLineAndOtherTextAreKept() {
        #expect(MessageWriter.collapsingBlankLines("a\n\nb\nc") == "a\n\nb\nc")
        #expect(MessageWriter.collapsingBlankLines("é\r\n\n\n\nà") == "é\r\n\nà")
        #expect(MessageWriter.collapsingBlankLines("") == "")
    }
}
