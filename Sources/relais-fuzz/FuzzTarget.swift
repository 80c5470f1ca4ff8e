// FuzzTarget: the readers that take what strangers write, each run on raw bytes. Every input must
// end in a value or a typed refusal: anything else (a crash, a trap, a hang) is a bug.
//
//   calendar   TextInput.decode, CalendarReader.read (SourceText, libical, expansion), then the
//              core's CampaignCalendar.judge: what `relais campaigns load` and the daemon do
//   csv        TextInput.decode and CSVTable.parse: what `relais participants import` reads
//   form       the desk's request bodies and headers: FormFields.urlencoded, .json, .cookies, and
//              FramingRefusal.check on the same bytes read as header lines

import Foundation
import RelaisCalendar
import RelaisCore
import RelaisWeb

/// One reader under test.
enum FuzzTarget: String, CaseIterable {
    case calendar, csv, form

    /// The shipped default territory, read from the repository's file.
    static let territory: Territory = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = repository.appendingPathComponent(Configuration.defaultTerritoryFile).path
        return try! TerritoryFile.parse(String(contentsOfFile: path, encoding: .utf8), fileName: path)
    }()

    /// A fixed present, so that a crashing input replays the same way on any day.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Runs the reader on `bytes`; returns normally for a value or a refusal alike.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .calendar: Self.calendar(bytes)
        case .csv: Self.csv(bytes)
        case .form: Self.form(bytes)
        }
    }

    private static func calendar(_ bytes: [UInt8]) {
        guard let text = try? TextInput.decode(Data(bytes)) else { return }
        // What a load does: the events that read are judged even when others did not.
        guard let reading = try? CalendarReader(now: now).readAll(text, fileName: "fuzz.ics") else { return }
        _ = CampaignCalendar.judgeAll(reading.document, fileName: "fuzz.ics", territory: territory)
    }

    private static func csv(_ bytes: [UInt8]) {
        guard let text = try? TextInput.decode(Data(bytes)) else { return }
        _ = try? CSVTable.parse(text)
    }

    private static func form(_ bytes: [UInt8]) {
        _ = FormFields.urlencoded(bytes)
        _ = FormFields.json(bytes)
        // The calendar upload's form, with the boundary the seed (seed-multipart.txt) uses.
        _ = MultipartForm.parse(bytes, contentType: "multipart/form-data; boundary=b")
        let text = String(decoding: bytes, as: UTF8.self)
        _ = FormFields.cookies(text)
        let headers = text.split(separator: "\n").map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        _ = FramingRefusal.check(headers, maximumBodyBytes: 64 << 10)
    }
}
