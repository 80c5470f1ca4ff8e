// Optional templates (MessageKind descriptors, TemplateSet.load): a kind added after installations
// made their own templates folder may be missing from it; the same language's other channel stands
// in, with a warning, instead of the daemon refusing to start. A required kind stays required.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct TemplateStandInTests {
    let files = try! TemplateSetTests.realFiles()

    func without(_ names: Set<String>) -> [(name: String, text: String)] { files.filter { !names.contains($0.name) } }

    @Test func aMissingOptionalSMSTemplateTakesTheEmailsTextWithAWarning() throws {
        #expect(MessageKind.registrationPromoted.descriptor.optionalTemplates)
        let (set, warnings) = try TemplateSet.load(files: without(["registration-promoted.en.sms.txt"]))
        #expect(warnings.first == "registration-promoted.en.sms.txt: missing (an optional template): registration-promoted.en.email.txt stands in")
        #expect(set.standIns == [warnings[0]])
        let email = try #require(set.template(kind: .registrationPromoted, language: .english, channel: .email))
        let sms = try #require(set.template(kind: .registrationPromoted, language: .english, channel: .sms))
        #expect(sms.body == email.body && sms.subject == nil)
    }

    @Test func aMissingOptionalEmailTemplateTakesTheSMSTextAndTheEventAsSubject() throws {
        let (set, _) = try TemplateSet.load(files: without(["registration-promoted.fr.email.txt"]))
        let email = try #require(set.template(kind: .registrationPromoted, language: .french, channel: .email))
        let values = TemplateSet.typicalValues(kind: .registrationPromoted, language: .french, channel: .email)
        #expect(email.render(values).subject == values["event"])
    }

    @Test func withBothChannelsMissingTheKindIsLoadedWithoutThemAndItsMessagesFailWithAReason() throws {
        let (set, warnings) = try TemplateSet.load(
            files: without(["registration-promoted.fr.email.txt", "registration-promoted.fr.sms.txt"]))
        #expect(set.template(kind: .registrationPromoted, language: .french, channel: .sms) == nil)
        #expect(set.template(kind: .registrationPromoted, language: .english, channel: .sms) != nil)
        #expect(warnings.contains { $0.hasPrefix("registration-promoted.fr.sms.txt: missing, and so is registration-promoted.fr.email.txt") })
        #expect(
            TemplateSet.missingReason(kind: .registrationPromoted, language: .french, channel: .sms)
                == "no template: registration-promoted.fr.sms.txt and registration-promoted.fr.email.txt are missing from the templates folder")
    }

    @Test func aMissingRequiredTemplateIsStillRefused() {
        #expect(!MessageKind.reminder.descriptor.optionalTemplates)
        let error = #expect(throws: TemplateError.self) { try TemplateSet.load(files: without(["reminder.en.sms.txt"])) }
        #expect(error?.fileName == "reminder.en.sms.txt")
    }
}
