import Testing

@testable import RelaisCore

@Suite struct LogFieldTests {
    @Test func aValueCannotStartALineOrCarryAPriority() {
        let forged = LogField.escaped("/bookings/1\n<0>FORGED emergency/cancel")
        #expect(forged == "\"/bookings/1\\n<0>FORGED emergency/cancel\"")
        #expect(!forged.contains("\n"))
        for separator in ["\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{0}", "\u{1b}[31m"] {
            let escaped = LogField.escaped("a\(separator)<1>b")
            #expect(escaped.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && $0.value != 0x2028 && $0.value != 0x2029 }, "\(escaped)")
        }
    }

    @Test func plainValuesAreWrittenAsTheyAreAndOthersQuoted() {
        #expect(LogField.escaped("42") == "42")
        #expect(LogField.escaped("/runs/3") == "/runs/3")
        #expect(LogField.escaped("Dépistage") == "Dépistage")
        #expect(LogField.escaped("") == "\"\"")
        #expect(LogField.escaped("two words") == "\"two words\"")
        #expect(LogField.escaped("key=value") == "\"key=value\"")
        #expect(LogField.escaped("say \"hi\" \\ ok") == "\"say \\\"hi\\\" \\\\ ok\"")
    }
}
