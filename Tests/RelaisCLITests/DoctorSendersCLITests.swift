// relais doctor's senders: the names residents read come from the territory when relais.conf is
// silent, and an SMTP transport still using the placeholder sender address is a failure.

import Foundation
import Testing

@Suite struct DoctorSendersCLITests {
    @Test func doctorNamesTheSendersAndFailsSMTPFromThePlaceholderAddress() throws {
        let workspace = Workspace()
        workspace.configure("")
        let quiet = try workspace.relais("doctor")
        #expect(
            quiet.output.contains(
                "senders: e-mail \"Pays de Gex agglo – Prévention santé\" <prevention@relais.invalid>, SMS PaysDeGex, "
                    + "signed \"Pays de Gex agglo\""),
            "\(quiet.output)")
        #expect(!quiet.output.contains("[email] from names"), "no check while e-mail goes to files: \(quiet.output)")
        workspace.configure(
            """
            [email]
            transport = smtp
            url = smtp://127.0.0.1:1
            [sms]
            sender = Prevention
            """)
        let smtp = try workspace.relais("doctor")
        #expect(smtp.status == 1, "\(smtp.output)")
        #expect(
            smtp.output.contains("FAIL [email] from names the installation's address: still prevention@relais.invalid"), "\(smtp.output)")
        #expect(smtp.output.contains("SMS Prevention,"), "\(smtp.output)")
        workspace.configure(
            """
            [email]
            transport = smtp
            url = smtp://127.0.0.1:1
            from = prevention@paysdegex.fr
            """)
        let named = try workspace.relais("doctor")
        #expect(named.output.contains("ok   [email] from names the installation's address"), "\(named.output)")
        #expect(named.output.contains("<prevention@paysdegex.fr>"), "\(named.output)")
    }
}
