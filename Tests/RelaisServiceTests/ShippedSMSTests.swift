// Every SMS the shipped season can produce, written by the real MessageWriter with the shipped
// templates (Config/templates) and configuration (Config/relais.conf): each occurrence of each
// calendar of Campaigns/ × each kind about events, each leg of each shuttle run × each shuttle kind
// at each fare, in French and English, with a long name. With `[sms] alphabet = gsm` (the default)
// each must go in GSM-7 in at most two segments; with `ucs2` the accents stay.

import Foundation
import RelaisCore
import RelaisService
import Testing

@testable import RelaisStore

@Suite struct ShippedSMSTests {
    @Test func everyShippedSMSIsGSMInAtMostTwoSegments() throws {
        let season = try ShippedSeason()
        let sizes = try season.renderedSMS(alphabet: .gsm)
        #expect(sizes.count > 2_000, "every occurrence × kind × language, and every shuttle leg × kind × fare × language")
        let over = sizes.filter { $0.size.encoding != .gsm7 || $0.size.segments > TemplateSet.maximumSMSSegments }
        #expect(over.isEmpty, "\(over.count) SMS above 2 GSM segments, e.g. \(over.prefix(3).map(\.text))")
        let longest = sizes.max { $0.size.units < $1.size.units }!
        print("shipped SMS (gsm): \(sizes.count) texts, longest \(longest.size.units) septets: \(longest.text)")
        ShippedSeason.printFigure(sizes, alphabet: .gsm)
    }

    @Test func doctorsLongestValuesFitTwoSegmentsToo() throws {
        let season = try ShippedSeason()
        let facts = try season.store.messageFacts(fares: season.configuration.shuttle.fares.bands.map(\.fareCents))
        let estimates = season.templates.smsEstimates(alphabet: .gsm) { kind, language in
            TemplateSet.longestValues(
                kind: kind, language: language, facts: facts, stop: season.configuration.stopText["sms.\(language.rawValue)"]!,
                territory: Territory.paysDeGex.organiser, alphabet: .gsm, calendar: season.calendar,
                contacts: season.configuration.contacts)
        }
        #expect(estimates.count == MessageKind.allCases.count * Language.allCases.count)
        for estimate in estimates {
            #expect(estimate.encoding == .gsm7, "\(estimate.fileName)")
            #expect(estimate.segments <= TemplateSet.maximumSMSSegments, "\(estimate.fileName): \(estimate.units) septets")
        }
    }

    @Test func ucs2KeepsEveryAccent() throws {
        let season = try ShippedSeason()
        let sizes = try season.renderedSMS(alphabet: .ucs2)
        let accented = sizes.filter { $0.text.contains("ê") || $0.text.contains("’") || $0.text.contains("«") }
        #expect(!accented.isEmpty, "the shipped season has summaries with ê, ’ or «")
        #expect(accented.allSatisfy { $0.size.encoding == .ucs2 })
        ShippedSeason.printFigure(sizes, alphabet: .ucs2)
        let gsm = try season.renderedSMS(alphabet: .gsm)
        #expect(gsm.allSatisfy { !$0.text.contains("ê") && !$0.text.contains("’") && !$0.text.contains("«") })
    }

    @Test func oneWriterAppliesTheAlphabetToTemplateAndValues() throws {
        let season = try ShippedSeason()
        var claimed = season.claimed(
            kind: .reminder, language: .french,
            facts: MessageFacts(event: "Fête à l’hôpital", organiser: "Œuvre", location: "Façade côté forêt", start: season.now))
        claimed.kind = .registrationPromoted
        claimed.name = "Zoë Dvořák"
        let gsm = try #require(season.writer(alphabet: .gsm).message(for: claimed)).body
        // à is in GSM 03.38 (0x7F): it stays; ê, ô, ’ and « » are transliterated; ř loses its caron.
        #expect(gsm.contains("Fete à l'hopital"))
        #expect(gsm.contains("Zoe Dvorak"), "ř loses its caron")
        #expect(SMSText.segments(of: gsm).encoding == .gsm7)
        let ucs2 = try #require(season.writer(alphabet: .ucs2).message(for: claimed)).body
        #expect(ucs2.contains("Fête à l’hôpital") && ucs2.contains("Zoë Dvořák"))
        #expect(SMSText.encoding(of: ucs2) == .ucs2)
        claimed.channel = .email
        #expect(try #require(season.writer(alphabet: .gsm).message(for: claimed)).body.contains("Fête à l’hôpital"), "e-mail keeps its accents")
    }
}

/// The shipped calendars loaded into a fresh database, with the shipped templates and configuration.
struct ShippedSeason {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let directory: URL
    let store: Store
    let configuration: Configuration
    let templates: TemplateSet
    let calendar: Calendar
    let now: Date

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-shipped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store.open(path: directory.appendingPathComponent("relais.sqlite").path, territory: .paysDeGex)
        let configurationPath = Self.repository.appendingPathComponent("Config/relais.conf").path
        configuration = try Configuration.parse(String(contentsOfFile: configurationPath, encoding: .utf8), fileName: "relais.conf")
        templates = try TemplateFiles.load(directory: Self.repository.appendingPathComponent("Config/templates").path).set
        calendar = LocalTime(identifier: configuration.timeZone)!.calendar
        now = calendar.date(from: DateComponents(year: 2026, month: 9, day: 1, hour: 10))!
        let loader = CalendarLoader(store: store, configuration: configuration, territory: .paysDeGex, calendar: calendar)
        for file in try CalendarLoader.calendarFiles(in: Self.repository.appendingPathComponent("Campaigns").path) {
            _ = try loader.load(file, now: now)
        }
    }

    func writer(alphabet: SMSAlphabet) -> MessageWriter {
        MessageWriter(
            templates: templates, stopText: configuration.stopText, unsubscribe: nil, calendar: calendar, alphabet: alphabet,
            territory: Territory.paysDeGex.organiser, contacts: configuration.contacts)
    }

    /// A claimed SMS about `facts` for a person with a 31-character name.
    /// A waitlisted person is told a rank of up to three digits.
    func claimed(kind: MessageKind, language: Language, facts: MessageFacts) -> ClaimedMessage {
        var claimed = ClaimedMessage(
            id: 1, key: "k", kind: kind, channel: .sms, recipient: "+33612345678", name: TemplateSet.longName, language: language,
            attempts: 1, event: facts.event, campaign: facts.organiser, location: facts.location, start: facts.start,
            previousStart: kind == .moved ? facts.start.addingTimeInterval(-86_400 * 3) : nil, firstAttempt: now,
            deadline: facts.start,
            shuttle: facts.shuttle.map {
                ShuttleMessageFacts(
                    destination: $0.destination, arrival: $0.arrival, returnDeparture: $0.returnDeparture, fareCents: $0.fareCents)
            })
        if kind.descriptor.placeholders.contains(.waitlist) { claimed.position = 999 }
        return claimed
    }

    /// Prints the segments of `sizes` (the before/after figure of the README).
    static func printFigure(_ sizes: [(text: String, size: (encoding: SMSEncoding, units: Int, segments: Int))], alphabet: SMSAlphabet) {
        let histogram = Dictionary(grouping: sizes, by: \.size.segments).mapValues(\.count).sorted { $0.key < $1.key }
        print(
            "shipped SMS (\(alphabet.rawValue)): \(sizes.count) texts, \(sizes.map(\.size.segments).reduce(0, +)) segments, "
                + "UCS-2: \(sizes.filter { $0.size.encoding == .ucs2 }.count), by segments: \(histogram.map { "\($0.key): \($0.value)" })")
    }

    /// Every SMS of the season, written in `alphabet`, with its size.
    func renderedSMS(alphabet: SMSAlphabet) throws -> [(text: String, size: (encoding: SMSEncoding, units: Int, segments: Int))] {
        let writer = writer(alphabet: alphabet)
        var rendered: [(text: String, size: (encoding: SMSEncoding, units: Int, segments: Int))] = []
        for facts in try store.messageFacts(fares: configuration.shuttle.fares.bands.map(\.fareCents)) {
            for kind in MessageKind.allCases where kind.isAboutShuttle == (facts.shuttle != nil) {
                for language in Language.allCases {
                    let text = try #require(writer.message(for: claimed(kind: kind, language: language, facts: facts))).body
                    rendered.append((text, SMSText.segments(of: text)))
                }
            }
        }
        return rendered
    }
}
