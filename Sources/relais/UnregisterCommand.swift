// relais unregister: cancels a registration before its session; the place goes to the waitlist.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum UnregisterCommand {
    static let help = """
        relais unregister --participant ID --occurrence ID [--reason TEXT] [--json]
        relais unregister REGISTRATION [--reason TEXT] [--json]

        Cancels a registration (confirmed or waitlisted) to an occurrence that has not started:
        its messages still waiting are cancelled and, when it held a place and the waitlist has not
        closed ([reminders] waitlist_deadline_hours before the start), the first person on the
        waitlist is confirmed and told by SMS or e-mail, in the same transaction. The
        registration stays as history (relais participants show), counted nowhere.

        Example:
          relais unregister --participant 1 --occurrence 42 --reason "ne peut plus venir"
          relais unregister 17
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["participant", "occurrence", "reason"], flags: ["json"])
        let usage = "relais unregister --participant ID --occurrence ID, or relais unregister REGISTRATION"
        try arguments.expectPositional(atMost: 1, usage: usage)
        let store = try context.store()
        let id: Int64
        if let typed = arguments.positional.first {
            guard try arguments.value("participant") == nil, try arguments.value("occurrence") == nil else {
                throw UserError.usage("give a registration id or --participant and --occurrence, not both")
            }
            guard let number = Int64(typed), number > 0 else { throw UserError.usage("\"\(typed)\" is not a registration id\n\(usage)") }
            id = number
        } else {
            guard let participant = try arguments.identifier("participant") else {
                throw UserError.usage("unregister needs --participant ID")
            }
            guard let occurrence = try arguments.identifier("occurrence") else { throw UserError.usage("unregister needs --occurrence ID") }
            guard let found = try store.registrationID(participant: participant, occurrence: occurrence) else {
                throw Refusal.notFound(.registration, id: "of participant \(participant) to occurrence \(occurrence)")
            }
            id = found
        }
        let cancellation = try store.cancelRegistration(
            id, reason: try arguments.value("reason") ?? "relais unregister",
            context: RegistrationContext(rules: context.configuration.outreachRules, now: context.now, calendar: context.localTime.calendar)
        )
        if arguments.flag("json") {
            Output.json(RegistrationCancellationJSON(registration: id, cancellation))
        } else {
            let promoted = cancellation.promoted.map { "; registration \($0) confirmed from the waitlist" }.joined()
            print("registration \(id) cancelled (it was \(cancellation.previousStatus.rawValue))\(promoted)")
        }
    }
}
