// relais send --once: send what is due now through the configured transports, then exit.

import Foundation
import RelaisCore
import RelaisService
import RelaisStore

enum SendCommand {
    static let help = """
        relais send --once [--json]

        Sends every message due now: e-mail through [email] transport (file by default: .eml files
        in [outbox] directory; or smtp), SMS through [sms] transport (file by default: .json files;
        or kannel, or webhook). Temporary failures are retried later (base × attempt², until the
        event starts); permanent ones are kept with the server's reply. Safe to run from several
        processes at once, and after a crash: messages are leased while they are sent, and one
        interrupted twice while being handed over is failed, never sent a third time.
        relais serve does this continuously.

        Example:
          relais send --once
        """

    static func run(_ words: [String], _ context: Context) throws {
        let arguments = try Arguments(words, options: [], flags: ["once", "json"])
        try arguments.expectPositional(atMost: 0, usage: "relais send --once [--json]")
        guard arguments.flag("once") else { throw UserError.usage("send needs --once (relais serve sends continuously)") }
        let sender: Sender
        do {
            sender = try Sender.configured(
                context.configuration, store: try context.store(), calendar: context.localTime.calendar, log: Log(),
                warnings: Output.warn)
        } catch let error as ServiceSetupError {
            throw UserError.data(error.description)
        }
        let summary = try sender.sendDue(clock: context.clock)
        if arguments.flag("json") {
            Output.json(["sent": summary.sent, "deferred": summary.deferred, "failed": summary.failed, "released": summary.released])
        } else {
            print("\(summary.sent) sent, \(summary.deferred) deferred, \(summary.failed) failed")
        }
    }
}
