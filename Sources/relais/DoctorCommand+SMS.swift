// relais doctor, SMS sizes: each SMS template's encoding and segments, estimated from the longest
// values the calendars loaded in the database give each placeholder (the longest summary, place,
// campaign name and date wording; the shuttle's longest stop, destination and fare), with a
// 31-character name, the configured stop text and [sms] alphabet. Without any loaded calendar, the
// typical values of TemplateSet stand in, and doctor says which it used.

import Foundation
import RelaisCore
import RelaisStore

extension DoctorCommand {
    /// Prints one line per SMS template; a template that may exceed two segments is a warning.
    static func printSMSEstimates(_ templates: TemplateSet, store: Store, context: Context) throws {
        let configuration = context.configuration
        let calendar = context.localTime.calendar
        let fares = configuration.shuttle.fares.bands.map(\.fareCents)
        let facts = try store.messageFacts(fares: fares)
        var used: [String] = []
        let estimates = templates.smsEstimates(alphabet: configuration.smsAlphabet) { kind, language in
            let stop = configuration.stopText["sms.\(language.rawValue)"] ?? ""
            if let longest = TemplateSet.longestValues(
                kind: kind, language: language, facts: facts, stop: stop, territory: context.territory.organiser,
                alphabet: configuration.smsAlphabet, calendar: calendar, contacts: configuration.contacts)
            {
                used.append(kind.isAboutShuttle ? "shuttle runs" : "events")
                return longest
            }
            used.append("typical values")
            var values = TemplateSet.typicalValues(kind: kind, language: language, channel: .sms, territory: context.territory.organiser)
            values["stop"] = stop
            if kind.isAboutShuttle, let destination = configuration.shuttle.destination(in: context.territory) {
                values["destination"] = destination
            }
            return values
        }
        let sources = Set(used).sorted()
        print(
            "     SMS sizes in [sms] alphabet = \(configuration.smsAlphabet.rawValue), with the longest values of the loaded "
                + "calendars (\(facts.count) occurrences and shuttle legs) and a \(TemplateSet.longName.count)-character name; "
                + "from: \(sources.joined(separator: ", "))")
        for estimate in estimates {
            let over = estimate.segments > TemplateSet.maximumSMSSegments
            print(
                "\(over ? "warn" : "    ") SMS \(estimate.fileName): \(estimate.encoding.rawValue), \(estimate.units) units, "
                    + "\(estimate.segments) segment\(estimate.segments == 1 ? "" : "s")"
                    + (over ? " (may exceed \(TemplateSet.maximumSMSSegments))" : ""))
        }
    }
}
