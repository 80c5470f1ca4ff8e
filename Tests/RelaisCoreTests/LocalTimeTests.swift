import Foundation
import Testing

@testable import RelaisCore

@Suite struct LocalTimeTests {
    let paris = LocalTime.paris

    @Test(arguments: [
        ("2026-03-28T09:00", "2026-03-28T09:00:00+01:00", 8), ("2026-03-30T09:00", "2026-03-30T09:00:00+02:00", 7),
        ("2026-10-24T09:00", "2026-10-24T09:00:00+02:00", 7), ("2026-10-26T09:00", "2026-10-26T09:00:00+01:00", 8),
        ("2027-03-27T09:00", "2027-03-27T09:00:00+01:00", 8), ("2027-03-30T09:00", "2027-03-30T09:00:00+02:00", 7),
        ("2027-10-30T09:00", "2027-10-30T09:00:00+02:00", 7), ("2027-11-02T09:00", "2027-11-02T09:00:00+01:00", 8),
    ])
    func wallClockTimesAcrossClockChangesKeepTheirHourAndOffset(typed: String, iso: String, utcHour: Int) throws {
        let date = try #require(paris.parse(typed))
        #expect(paris.iso8601(date) == iso)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        #expect(utc.component(.hour, from: date) == utcHour)
    }

    @Test func aDateAloneIsLocalMidnight() {
        #expect(paris.iso8601(paris.parse("2027-03-30")!) == "2027-03-30T00:00:00+02:00")
    }

    @Test func isoTimesWithAnOffsetAreReadAsWritten() {
        #expect(paris.parse("2027-03-30T07:00:00Z") == paris.parse("2027-03-30T09:00"))
        #expect(paris.parse("2027-03-30T09:00:00+02:00") == paris.parse("2027-03-30 09:00"))
    }

    @Test(arguments: ["2027-02-30", "2027-13-01", "30/03/2027", "2027-03-30T25:00", "tomorrow", ""])
    func impossibleDatesAreRefused(typed: String) {
        #expect(paris.parse(typed) == nil)
    }
}

@Suite struct ConfigurationTests {
    @Test func noFileMeansTheEmbeddedDefaults() throws {
        let configuration = try Configuration.parse("", fileName: "empty.conf")
        #expect(configuration == Configuration())
        #expect(configuration.timeZone == "Europe/Paris")
    }

    @Test func theShippedFileParsesToTheEmbeddedDefaults() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Config/relais.conf")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(try Configuration.parse(text, fileName: "relais.conf") == Configuration())
    }

    @Test func settingsOverrideDefaults() throws {
        let configuration = try Configuration.parse(
            "[store]\ndatabase = /var/lib/relais/relais.sqlite\n[calendars]\nhorizon_days=365\n", fileName: "x")
        #expect(configuration.databasePath == "/var/lib/relais/relais.sqlite")
        #expect(configuration.horizonDays == 365)
    }

    @Test(arguments: [
        ("[store]\ndatabse = x\n", 2, "unknown key databse"), ("[sotre]\n", 1, "unknown section"),
        ("database = x\n", 1, "after a [section]"),
        ("[calendars]\nhorizon_days = -3\n", 2, "whole number"), ("[territory]\ntime_zone = Mars/Olympus\n", 2, "not a known time zone"),
        ("[store]\njust words\n", 2, "key = value"),
    ])
    func mistakesAreRefusedWithTheirLine(text: String, line: Int, reason: String) {
        let error = #expect(throws: ConfigurationError.self) { try Configuration.parse(text, fileName: "relais.conf") }
        #expect(error?.line == line)
        #expect(error?.description.contains(reason) == true)
        #expect(error?.description.hasPrefix("relais.conf:\(line):") == true)
    }
}

@Suite struct TextInputTests {
    @Test func aByteOrderMarkIsDropped() throws {
        #expect(try TextInput.decode(Data([0xEF, 0xBB, 0xBF] + Array("BEGIN:VCALENDAR\r\n".utf8))) == "BEGIN:VCALENDAR\r\n")
    }

    @Test func invalidUTF8IsRefusedWithItsLine() {
        let data = Data("line one\nline two\nca".utf8 + [0xE9] + Array(" va\n".utf8))
        let error = #expect(throws: TextInputError.self) { try TextInput.decode(data) }
        #expect(error?.line == 3)
    }

    @Test func anOverlongLineIsRefusedWithItsLine() {
        let data = Data("ok\n".utf8 + Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
        let error = #expect(throws: TextInputError.self) { try TextInput.decode(data) }
        #expect(error?.line == 2)
    }

    @Test func anOversizedFileIsRefusedWhole() {
        let data = Data(repeating: UInt8(ascii: "a"), count: 2_000)
        let error = #expect(throws: TextInputError.self) { try TextInput.decode(data, limits: TextLimits(maximumFileBytes: 1_000)) }
        #expect(error?.line == 0)
    }

    @Test func aNulByteIsRefused() {
        #expect(throws: TextInputError.self) { try TextInput.decode(Data([0x41, 0x00, 0x42])) }
    }
}

@Suite struct CSVTableTests {
    @Test func quotedFieldsCommasQuotesAndNewlinesAreRead() throws {
        let records = try CSVTable.parse("name,commune\r\n\"Martin, Jeanne\",Gex\r\n\"Say \"\"hi\"\"\",\"Ferney\nVoltaire\"\r\nPaul,Cessy")
        #expect(
            records.map(\.fields) == [
                ["name", "commune"], ["Martin, Jeanne", "Gex"], ["Say \"hi\"", "Ferney\nVoltaire"], ["Paul", "Cessy"],
            ])
        #expect(records.map(\.line) == [1, 2, 3, 5])
    }

    @Test func semicolonSeparatedFilesAreRecognised() throws {
        #expect(try CSVTable.parse("name;commune\nJeanne;Gex\n").map(\.fields) == [["name", "commune"], ["Jeanne", "Gex"]])
    }

    @Test func anUnclosedQuoteIsRefusedWithTheLineItOpensOn() {
        let error = #expect(throws: TextInputError.self) { try CSVTable.parse("name\nok\n\"open\n") }
        #expect(error?.line == 3)
    }
}
