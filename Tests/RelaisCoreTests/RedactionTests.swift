import Testing

@testable import RelaisCore

@Suite struct RedactionTests {
    @Test func addressesAndPhoneNumbersAreMasked() {
        #expect(
            Redaction.scrub("550 5.1.1 <jeanne.martin@example.fr>: Recipient address rejected")
                == "550 5.1.1 <<address>>: Recipient address rejected")
        #expect(Redaction.scrub("invalid number +33612345678") == "invalid number *********78")
        #expect(!Redaction.scrub("to=0612345678 failed").contains("06123456"))
    }

    @Test func ordinaryRepliesAreKept() {
        #expect(Redaction.scrub("451 4.3.0 Error: queue file write error") == "451 4.3.0 Error: queue file write error")
        #expect(Redaction.scrub("0: Accepted for delivery") == "0: Accepted for delivery")
    }

    @Test func datesAndTimesOfAReasonAreNotPhoneNumbers() {
        let reason = "outside sms hours 08:00-20:00, not on Sundays or public holidays: waits until 2027-03-27 08:00."
        #expect(Redaction.scrub(reason) == reason)
        #expect(!Redaction.scrub("call +33612345678.").contains("3361234"), "a number ending a sentence is still masked")
        #expect(Redaction.scrub("06-12-34-56-78") == "********78")
    }
}
