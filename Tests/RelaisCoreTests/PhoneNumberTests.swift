import Testing

@testable import RelaisCore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("06 12 34 56 78", "+33612345678"), ("06.12.34.56.78", "+33612345678"), ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"), ("+33 (0)6 12 34 56 78", "+33612345678"), ("0033612345678", "+33612345678"),
        ("+41 79 123 45 67", "+41791234567"), ("0041 79 123 45 67", "+41791234567"), ("+41 (0)79 123 45 67", "+41791234567"),
        ("04 50 41 00 00", "+33450410000"), ("+44 7700 900123", "+447700900123"),
    ])
    func numbersAsPeopleTypeThemBecomeE164(typed: String, expected: String) throws {
        #expect(try PhoneNumber(parsing: typed).e164 == expected)
    }

    @Test(arguments: [
        "06 12 34 56", "612345678", "06 12 34 56 78 9", "+33 6 12", "+41 79 123 45", "phone", "06-12-AB-56-78", "", "+0 12345678",
    ])
    func malformedNumbersAreRefused(typed: String) {
        #expect(throws: PhoneNumber.Invalid.self) { try PhoneNumber(parsing: typed) }
    }

    @Test func mobilesAreToldFromLandlines() throws {
        #expect(try PhoneNumber(parsing: "06 12 34 56 78").isMobile)
        #expect(try PhoneNumber(parsing: "07 81 00 00 00").isMobile)
        #expect(try PhoneNumber(parsing: "+41 79 123 45 67").isMobile)
        #expect(try !PhoneNumber(parsing: "04 50 41 00 00").isMobile)
        #expect(try !PhoneNumber(parsing: "+41 22 767 61 11").isMobile)
    }

    @Test func maskedNumbersHideAllButTheLastTwoDigits() throws {
        #expect(try PhoneNumber(parsing: "06 12 34 56 78").masked == "+33*******78")
        let error = #expect(throws: PhoneNumber.Invalid.self) { try PhoneNumber(parsing: "06 12 34 56") }
        #expect(error?.description.contains("12 34") == false)
    }
}

@Suite struct EmailAddressTests {
    @Test(arguments: ["jeanne.martin@example.fr", "a+b@sub.example.ch", "Jeanne@Example.FR", "élodie@example.fr"])
    func validAddressesAreAccepted(typed: String) throws {
        #expect(try EmailAddress(parsing: typed).address.contains("@"))
    }

    @Test func theDomainIsKeptInLowerCase() throws {
        #expect(try EmailAddress(parsing: " Jeanne@Example.FR ").address == "Jeanne@example.fr")
    }

    @Test(arguments: [
        "jeanne", "jeanne@", "@example.fr", "jeanne@example", "jeanne martin@example.fr", "a@@b.fr", "a@b..fr", ".a@b.fr", "a@-b.fr",
    ])
    func malformedAddressesAreRefused(typed: String) {
        #expect(throws: EmailAddress.Invalid.self) { try EmailAddress(parsing: typed) }
    }
}
