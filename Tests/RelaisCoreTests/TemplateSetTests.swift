import Foundation
import Testing

@testable import RelaisCore

@Suite struct TemplateSetTests {
    /// Config/templates of this repository: the test file is Tests/RelaisCoreTests/, three levels below the root.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/templates")

    static func realFiles() throws -> [(name: String, text: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try names.map { name in (name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) }
    }

    func minimalFiles() -> [(name: String, text: String)] {
        MessageKind.allCases.flatMap { kind in
            Language.allCases.flatMap { language in
                Channel.allCases.map { channel in
                    let body = kind == .moved ? "{{event}} {{date}} ({{previous_date}}) {{stop}}" : "{{event}} {{date}} {{stop}}"
                    let text = channel == .email ? "Subject: {{event}}\n\n\(body)\n" : "\(body)\n"
                    return (TemplateSet.fileName(kind: kind, language: language, channel: channel), text)
                }
            }
        }
    }

    @Test func theShippedTemplatesLoadRenderAndFitTwoSegments() throws {
        let (set, warnings) = try TemplateSet.load(files: try Self.realFiles())
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(set.smsEstimates.count == MessageKind.allCases.count * Language.allCases.count)
        for estimate in set.smsEstimates {
            #expect(estimate.encoding == .gsm7, "\(estimate.fileName)")
            #expect(estimate.segments <= 2, "\(estimate.fileName): \(estimate.units) septets")
        }
        for kind in MessageKind.allCases {
            for language in Language.allCases {
                for channel in Channel.allCases {
                    let template = try #require(set.template(kind: kind, language: language, channel: channel))
                    let values = TemplateSet.typicalValues(
                        kind: kind, language: language, channel: channel, territory: Territory.paysDeGex.organiser)
                    let rendered = template.render(values)
                    #expect(!rendered.body.contains("{{") && !rendered.body.contains("}}"))
                    #expect(rendered.body.contains(values["stop"]!))
                    #expect(rendered.body.contains(values["date"]!))
                    #expect((rendered.subject != nil) == (channel == .email))
                    if channel == .sms { #expect(rendered.body.hasPrefix("Pays de Gex agglo")) }
                    if channel == .email { #expect(rendered.body.contains("CCAS")) }
                    if kind == .moved { #expect(rendered.body.contains(values["previous_date"]!)) }
                }
            }
        }
    }

    @Test func theFrenchReminderReadsAsWritten() throws {
        let (set, _) = try TemplateSet.load(files: try Self.realFiles())
        let paris = LocalTime.paris
        let values = MessageTemplate.values(
            name: "Mme Martin", event: "Mars bleu", start: try #require(paris.parse("2027-03-30T09:00")), location: "Gex",
            stop: "STOP au 36xxx", organiser: "Mars bleu 2027", territory: Territory.paysDeGex.organiser, language: .french,
            calendar: paris.calendar)
        let sms = try #require(set.template(kind: .reminder, language: .french, channel: .sms))
            .render(values, link: nil, channel: .sms, alphabet: .ucs2)
        // What, when, where and how to stop; no name, so that the longest real values fit two
        // segments. Without [web] public_url there is no link, and its line is left out.
        #expect(sms.body == "Pays de Gex agglo, rappel : Mars bleu, mardi 30 mars à 9 h 00, Gex. STOP au 36xxx")
        #expect(sms.body.hasSuffix("STOP au 36xxx"))
        #expect(SMSText.segments(of: sms.body).segments == 1)
    }

    @Test func typicalValuesHaveTheirStatedLengths() {
        let values = TemplateSet.typicalValues(kind: .moved, language: .french, channel: .sms)
        #expect(values["name"]?.count == 20)
        #expect(values["event"]?.count == 50)
        #expect(values["location"]?.count == 40)
        #expect(values["date"] == "mercredi 30 septembre à 14 h 30")
        #expect(values["previous_date"] != nil)
    }

    @Test func aMissingTemplateIsNamed() {
        let files = minimalFiles().filter { $0.name != "cancelled.en.sms.txt" }
        let error = #expect(throws: TemplateError.self) { try TemplateSet.load(files: files) }
        #expect(error?.fileName == "cancelled.en.sms.txt")
    }

    @Test func badFileNamesAndDuplicatesAreRefused() {
        for name in ["rappel.fr.sms.txt", "reminder.de.sms.txt", "reminder.fr.fax.txt", "reminder.fr.txt"] {
            let error = #expect(throws: TemplateError.self) { try TemplateSet.load(files: minimalFiles() + [(name, "{{stop}}")]) }
            #expect(error?.fileName == name)
        }
        let error = #expect(throws: TemplateError.self) { try TemplateSet.load(files: minimalFiles() + [minimalFiles()[0]]) }
        #expect(error?.reason == "given twice")
    }

    @Test func otherFilesAreSkippedWithAWarning() throws {
        let (_, warnings) = try TemplateSet.load(files: minimalFiles() + [("README.md", "# Templates")])
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("README.md: skipped") == true)
    }

    @Test func aLongSMSTemplateIsLoadedWithAWarning() throws {
        var files = minimalFiles()
        let index = try #require(files.firstIndex { $0.name == "reminder.fr.sms.txt" })
        files[index].text =
            "Pays de Gex agglo : {{name}} {{event}} {{location}} {{date}} {{organiser}} " + String(repeating: "très long ", count: 15)
            + "{{stop}}"
        let (set, warnings) = try TemplateSet.load(files: files)
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("reminder.fr.sms.txt: 3 SMS segments") == true)
        #expect(set.smsEstimates.first { $0.fileName == "reminder.fr.sms.txt" }?.segments == 3)
    }

    @Test func aBrokenTemplateStopsTheLoadWithItsFileName() {
        var files = minimalFiles()
        files[0].text = files[0].text.replacingOccurrences(of: "{{date}}", with: "{{date}")
        let error = #expect(throws: TemplateError.self) { try TemplateSet.load(files: files) }
        #expect(error?.fileName == files[0].name)
    }
}
