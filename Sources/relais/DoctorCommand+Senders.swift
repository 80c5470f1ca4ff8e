// relais doctor, senders: who messages come from, as residents will read it — the e-mail sender's
// name and address, the SMS sender — taken from relais.conf or, where it is silent, from the
// territory; and a failure when e-mail really leaves (smtp) from the placeholder address that only
// serves the file transport.

import Foundation
import RelaisCore

extension DoctorCommand {
    /// Prints the senders; `check` fails an SMTP transport still sending from the placeholder address.
    static func checkSenders(_ context: Context, check: (String, String?) -> Void) {
        let configuration = context.configuration
        let territory = context.territory
        print(
            "     senders: e-mail \"\(configuration.emailFromName(in: territory))\" <\(configuration.emailFrom)>, "
                + "SMS \(configuration.smsSender(in: territory)), signed \"\(territory.organiser)\"")
        guard configuration.emailTransport == "smtp" else { return }
        let placeholder = configuration.emailFrom == Configuration.placeholderEmailFrom
        check(
            "[email] from names the installation's address",
            placeholder ? "still \(Configuration.placeholderEmailFrom), which no mail server accepts: set [email] from" : nil)
    }
}
