// relais register and relais attend: a person to an occurrence, before and on the day.

import Foundation
import RelaisCore
import RelaisStore

enum RegisterCommand {
    static let help = """
        relais register --participant ID --occurrence ID [--source TEXT]

        Registers a person to an occurrence that has not started (ids from relais participants list
        and relais events list). Refused when the occurrence is full, cancelled, or the person is
        already registered.

        Example:
          relais register --participant 1 --occurrence 42 --source "CCAS de Gex"
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["participant", "occurrence", "source"], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais register --participant ID --occurrence ID")
        guard let participant = try arguments.identifier("participant") else { throw UserError.usage("register needs --participant ID") }
        guard let occurrence = try arguments.identifier("occurrence") else { throw UserError.usage("register needs --occurrence ID") }
        let id: Int64
        do {
            id = try context.store().register(
                participant: participant, occurrence: occurrence, source: try arguments.value("source") ?? "relais register",
                now: context.now, calendar: context.localTime.calendar, rules: context.configuration.outreachRules)
        } catch let error as StoreError {
            throw UserError.data(error.description)
        }
        if arguments.flag("json") {
            Output.json(["registration": id])
        } else {
            print("registration \(id): participant \(participant) to occurrence \(occurrence)")
        }
    }
}

enum AttendCommand {
    static let help = """
        relais attend --participant ID --occurrence ID

        Records that a person came (check-in). A person who came without registering is
        registered on the spot as a walk-in.

        Example:
          relais attend --participant 1 --occurrence 42
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["participant", "occurrence"], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais attend --participant ID --occurrence ID")
        guard let participant = try arguments.identifier("participant") else { throw UserError.usage("attend needs --participant ID") }
        guard let occurrence = try arguments.identifier("occurrence") else { throw UserError.usage("attend needs --occurrence ID") }
        let id: Int64
        do {
            id = try context.store().attend(
                participant: participant, occurrence: occurrence, now: context.now, calendar: context.localTime.calendar)
        } catch let error as StoreError {
            throw UserError.data(error.description)
        }
        if arguments.flag("json") {
            Output.json(["registration": id])
        } else {
            print("participant \(participant) present at occurrence \(occurrence)")
        }
    }
}
