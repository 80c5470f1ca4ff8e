// SenderSetup: a Sender built from the configuration: templates read and checked, transports
// made with their secrets, rates and retries. `relais send --once` and `relais serve` share it.

import Foundation
import RelaisCore
import RelaisStore

extension Sender {
    /// The sender the configuration describes; `warnings` receives template warnings.
    public static func configured(
        _ configuration: Configuration, store: Store, calendar: Calendar, log: Log, warnings: (String) -> Void
    ) throws -> Sender {
        let templates = try TemplateFiles.load(directory: configuration.templatesDirectory)
        templates.warnings.forEach(warnings)
        return Sender(
            store: store, transports: try Transports.make(configuration, territory: store.territory),
            writer: MessageWriter(
                templates: templates.set, stopText: configuration.stopText, unsubscribe: configuration.unsubscribe,
                calendar: calendar, alphabet: configuration.smsAlphabet, territory: store.territory.organiser,
                contacts: configuration.contacts,
                organiser: InvitationOrganiser(
                    address: configuration.emailFrom, name: configuration.emailFromName(in: store.territory),
                    scope: Territory.slug(store.territory.name)),
                publicURL: configuration.web.publicURL),
            retry: configuration.outreachRules.retry, policy: configuration.outreachRules.policy,
            rates: [.email: configuration.emailRate, .sms: configuration.smsRate],
            lease: TimeInterval(configuration.leaseSeconds), log: log, commitEvery: configuration.commitEvery,
            commitInterval: TimeInterval(configuration.commitIntervalMilliseconds) / 1000)
    }
}
