// relais register and relais attend: a person to an occurrence, before and on the day.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum RegisterCommand {
    static let help = """
        relais register --participant ID --occurrence ID [--source TEXT] [--json]

        Registers a person to an occurrence that has not started (ids from relais participants list
        and relais events list), and plans their reminders. When every place is taken, the person
        goes on the occurrence's waitlist ("waitlisted (position 2)") and is told their rank, then
        told at [reminders] waitlist_deadline_hours before the start if no place came up; a
        cancellation (relais unregister) confirms the first waitlisted and tells them. Refused
        when the occurrence is cancelled or has started, or the person is already registered.

        Example:
          relais register --participant 1 --occurrence 42 --source "CCAS"
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["participant", "occurrence", "source"], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais register --participant ID --occurrence ID")
        guard let participant = try arguments.identifier("participant") else { throw UserError.usage("register needs --participant ID") }
        guard let occurrence = try arguments.identifier("occurrence") else { throw UserError.usage("register needs --occurrence ID") }
        let outcome = try context.store().register(
            participant: participant, occurrence: occurrence, source: try arguments.value("source") ?? "relais register",
            context: RegistrationContext(
                rules: context.configuration.outreachRules, now: context.now, calendar: context.localTime.calendar))
        if arguments.flag("json") {
            Output.json(RegistrationOutcomeJSON(outcome))
        } else {
            let status = outcome.waitlistPosition.map { "waitlisted (position \($0))" } ?? outcome.status.rawValue
            print("registration \(outcome.id): participant \(participant) to occurrence \(occurrence), \(status)")
        }
    }
}

enum AttendCommand {
    static let help = """
        relais attend --participant ID --occurrence ID [--json]

        Records that a person came (check-in), once the occurrence has started; any day after, for
        a paper sign-in sheet. A person who came without registering is registered on the spot as
        a walk-in; a waitlisted one is confirmed if a place is left.

        Example:
          relais attend --participant 1 --occurrence 42
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["participant", "occurrence"], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais attend --participant ID --occurrence ID")
        guard let participant = try arguments.identifier("participant") else { throw UserError.usage("attend needs --participant ID") }
        guard let occurrence = try arguments.identifier("occurrence") else { throw UserError.usage("attend needs --occurrence ID") }
        let id = try context.store().attend(
            participant: participant, occurrence: occurrence, now: context.now, calendar: context.localTime.calendar)
        if arguments.flag("json") {
            Output.json(["registration": id])
        } else {
            print("participant \(participant) present at occurrence \(occurrence)")
        }
    }
}
