// The outbox key of a message on one channel and of its twin on the other differ only in the
// channel's segment: the e-mail copy of an SMS refused for good (Store+Outbox `fail`) finds the
// e-mail planned for the same message by replacing ":sms" with ":email" in its key.

import Foundation
import Testing

@testable import RelaisCore

struct MessageKeyTwinTests {
    @Test(arguments: MessageKind.allCases)
    func anSMSKeyWithItsChannelReplacedIsItsEmailTwinsKey(kind: MessageKind) {
        for slot in [ReminderSlot.alarm(0), .alarm(2), .latest, nil] {
            for version in [nil, 1, 7] {
                let sms = kind.descriptor.key(subject: 17, channel: .sms, slot: slot, version: version)
                let email = kind.descriptor.key(subject: 17, channel: .email, slot: slot, version: version)
                #expect(sms.components(separatedBy: ":sms").count == 2, "\(sms): one channel segment")
                #expect(sms.replacingOccurrences(of: ":sms", with: ":email") == email, "\(sms) / \(email)")
            }
        }
    }
}
