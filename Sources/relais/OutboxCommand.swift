// relais reminders plan, relais outbox list|retry|cancel: what is planned and what happened to it.

import Foundation
import RelaisCore
import RelaisJSON
import RelaisStore

enum RemindersCommand {
    static let help = """
        relais reminders plan [--json]

        Plans the reminders every current registration lacks, at its alarms (the event's VALARMs,
        or [reminders] default_alarms), on each channel the person consented to. A person's
        reminders on a channel are decided together under the per-person cap: every registration
        first gets one (the alarm closest before its event that fits, else one at the latest allowed
        time before it), then other alarms fill what the cap leaves. Registering and reloading
        calendars already plan; run this after changing the configuration. Planning twice plans
        nothing new. A reminder that would fall in quiet hours, on a Sunday or a public holiday
        (SMS), after the event starts, or beyond the cap is recorded as dropped with its reason
        (relais outbox list --state dropped).

        Example:
          relais reminders plan
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard words.first == "plan" else { throw UserError.usage("reminders takes plan\n\n\(help)") }
        let arguments = try Arguments(Array(words.dropFirst()), options: [], flags: ["json"])
        try arguments.expectPositional(atMost: 0, usage: "relais reminders plan [--json]")
        let summary = try context.store().planReminders(
            rules: context.configuration.outreachRules, now: context.now, calendar: context.localTime.calendar)
        if arguments.flag("json") {
            Output.json(["queued": summary.queued, "dropped": summary.dropped])
        } else {
            print("\(summary.queued) reminders queued, \(summary.dropped) dropped")
        }
    }
}

enum OutboxCommand {
    static let help = """
        relais outbox list [--state STATE] [--due] [--limit N] [--json]
        relais outbox retry ID
        relais outbox cancel ID

        The outbox holds one row per message: reminders, notices of moved or cancelled events,
        waitlist and shuttle messages. States: queued, sending, sent, deferred (retried later),
        failed (kept with the server's reply), cancelled, dropped (never sent, with the reason).
        A message found due outside its channel's hours waits for the next allowed time, said in
        its reason. --due lists what is due now. No name or address is shown; --json also gives
        each SMS's encoding (gsm-7, ucs-2) and segments once written for sending. retry puts a
        failed, cancelled, dropped or deferred message back in the queue; cancel stops a queued or
        deferred one.

        Example:
          relais outbox list --state failed
          relais outbox retry 17
        """

    static func run(_ words: [String], _ context: Context) throws {
        guard let action = words.first else { throw UserError.usage("outbox needs list, retry or cancel\n\n\(help)") }
        let rest = Array(words.dropFirst())
        switch action {
        case "list": try list(Arguments(rest, options: ["state", "limit"], flags: ["due", "json"]), context)
        case "retry", "cancel":
            let arguments = try Arguments(rest, options: [], flags: [])
            try arguments.expectPositional(atMost: 1, usage: "relais outbox \(action) ID")
            guard let text = arguments.positional.first, let id = Int64(text), id > 0 else {
                throw UserError.usage("outbox \(action) needs a message id (relais outbox list shows them)")
            }
            if action == "retry" {
                try context.store().retry(id, now: context.now)
            } else {
                try context.store().cancel(id, now: context.now)
            }
            print("message \(id) \(action == "retry" ? "queued again" : "cancelled")")
        default: throw UserError.usage("unknown outbox action \"\(action)\"\n\n\(help)")
        }
    }


    private static func list(_ arguments: Arguments, _ context: Context) throws {
        try arguments.expectPositional(atMost: 0, usage: "relais outbox list [--state STATE] [--due] [--limit N] [--json]")
        var state: OutboxState?
        if let text = try arguments.value("state") {
            guard let known = OutboxState(rawValue: text) else {
                throw UserError.usage("--state \"\(text)\" is not one of \(OutboxState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            state = known
        }
        var limit = 1_000
        if let text = try arguments.value("limit") {
            guard let number = Int(text), number > 0 else { throw UserError.usage("--limit takes a positive number") }
            limit = number
        }
        let rows = try context.store().outbox(state: state, dueBy: arguments.flag("due") ? context.now : nil, limit: limit)
        if arguments.flag("json") {
            let sms = rows.filter { $0.channel == "sms" }.map(\.id)
            let reports = try context.store().deliveryReports(ids: sms)
            let sizes = try context.store().smsSizes(ids: sms)
            Output.json(
                rows.map { OutboxMessageJSON($0, delivery: reports[$0.id], size: sizes[$0.id], localTime: context.localTime) })
            return
        }
        if rows.isEmpty {
            print("No message.")
            return
        }
        Output.table(
            ["ID", "DUE", "STATE", "KIND", "CHANNEL", "TRIES", "OCCURRENCE", "REASON"],
            rows.map {
                [
                    String($0.id), context.localTime.short($0.due), $0.state, $0.kind, $0.channel, String($0.attempts),
                    String($0.occurrence), Redaction.scrub($0.reason ?? $0.reply ?? ""),
                ]
            })
    }
}

enum OptOutCommand {
    static let help = """
        relais optout PHONE|EMAIL [--channel sms|email] [--source TEXT] [--json]

        Honours a person's request to receive nothing more, at once: every participant with that
        number (SMS) or address (e-mail) loses consent on that channel, dated and sourced, and
        the messages waiting for them are cancelled. The channel follows from what is given.
        With --json it prints {"participants": N, "cancelled": N}.

        Example:
          relais optout "06 12 34 56 78" --source "appel au CCAS"
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: ["channel", "source"], flags: ["json"])
        try arguments.expectPositional(atMost: 1, usage: "relais optout PHONE|EMAIL [--channel sms|email] [--source TEXT] [--json]")
        guard let typed = arguments.positional.first else { throw UserError.usage("optout needs a phone number or an e-mail address") }
        let address: String
        let channel: Channel
        if typed.contains("@") {
            do { address = try EmailAddress(parsing: typed).address } catch { throw UserError.data("\(error)") }
            channel = .email
        } else {
            do { address = try PhoneNumber(parsing: typed, plan: context.territory.phonePlan).e164 } catch {
                throw UserError.data("\(error)")
            }
            channel = .sms
        }
        if let asked = try arguments.value("channel"), asked != channel.rawValue {
            throw UserError.usage("--channel \(asked) does not match \(channel == .sms ? "a phone number" : "an e-mail address")")
        }
        let summary = try context.store().optOut(
            address: address, channel: channel, source: try arguments.value("source") ?? "relais optout", now: context.now)
        if arguments.flag("json") {
            Output.json(["participants": summary.participants, "cancelled": summary.messagesCancelled])
        } else {
            print("opted out of \(channel.rawValue): \(summary.participants) participants, \(summary.messagesCancelled) messages cancelled")
        }
    }
}
