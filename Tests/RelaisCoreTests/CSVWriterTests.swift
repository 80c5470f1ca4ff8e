import Testing

@testable import RelaisCore

@Suite struct CSVWriterTests {
    @Test func aCellThatWouldRunAsAFormulaStartsWithAnApostrophe() {
        for formula in ["=HYPERLINK(\"http://evil.example\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tx", "\rx"] {
            #expect(CSVWriter.field(formula, separator: ";").drop { $0 == "\"" }.hasPrefix("'"), "\(formula)")
        }
    }

    @Test func plainNumbersAndTextAreKeptAsTheyAre() {
        for plain in ["-3", "+33612345678", "1,50", "12.5", "Gex", "Jeanne Dupré", "< 11", ""] {
            #expect(CSVWriter.field(plain, separator: ";") == plain)
        }
        #expect(!CSVWriter.isPlainNumber("-1,5,2") && !CSVWriter.isPlainNumber("+") && !CSVWriter.isPlainNumber("-1 2"))
    }

    @Test func fieldsWithTheSeparatorQuotesOrLineBreaksAreQuoted() {
        #expect(CSVWriter.field("a;b", separator: ";") == "\"a;b\"")
        #expect(CSVWriter.field("a,b", separator: ";") == "a,b")
        #expect(CSVWriter.field("a,b", separator: ",") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"", separator: ",") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("=a;b", separator: ";") == "\"'=a;b\"")
        #expect(CSVWriter.record(["a", "=b", "1"], separator: ";") == "a;'=b;1\r\n")
    }
}
