import Testing

@testable import RelaisCore

/// Expected numbers are written out by hand from the French numbering plan (ARCEP) and each
/// country's E.164 form, not computed by the code under test.
@Suite struct PhonePlanTests {
    static let everyBorder = PhonePlan(borderCountries: PhoneCountry.border)

    @Test(arguments: [
        ("0692 12 34 56", "+262692123456"), ("0693 12 34 56", "+262693123456"), ("02 62 41 00 00", "+262262410000"),
        ("0263 12 34 56", "+262263123456"), ("0269 61 00 00", "+262269610000"), ("0639 12 34 56", "+262639123456"),
        ("0590 12 34 56", "+590590123456"), ("0690 12 34 56", "+590690123456"), ("0691 12 34 56", "+590691123456"),
        ("0594 12 34 56", "+594594123456"), ("0694 12 34 56", "+594694123456"), ("0596 12 34 56", "+596596123456"),
        ("0696 12 34 56", "+596696123456"), ("0697 12 34 56", "+596697123456"),
    ])
    func overseasNationalFormsGetTheirOwnCountryCode(typed: String, expected: String) throws {
        #expect(try PhoneNumber(parsing: typed, plan: .france).e164 == expected)
        // Wherever the resident lives: a Réunion mobile typed in Pays de Gex is still +262.
        #expect(try PhoneNumber(parsing: typed, plan: .paysDeGex).e164 == expected)
    }

    @Test(arguments: [
        ("06 12 34 56 78", "+33612345678"), ("04 50 41 00 00", "+33450410000"), ("0695 12 34 56", "+33695123456"),
        ("05 91 12 34 56", "+33591123456"), ("+262 692 12 34 56", "+262692123456"),
        ("+262 (0)692 12 34 56", "+262692123456"), ("00262692123456", "+262692123456"),
        ("+596 696 12 34 56", "+596696123456"),
    ])
    func mainlandNumbersStayFrenchAndOverseasInternationalFormsAreRead(typed: String, expected: String) throws {
        #expect(try PhoneNumber(parsing: typed, plan: .france).e164 == expected)
    }

    @Test func withoutAPlanEveryNationalFormIsStillReadAsFrench() throws {
        // Today's behaviour, kept until the territory file chooses a plan: no caller changes.
        #expect(try PhoneNumber(parsing: "0692 12 34 56").e164 == "+33692123456")
        #expect(try PhoneNumber(parsing: "0692 12 34 56", plan: .paysDeGex).e164 == "+262692123456")
    }

    @Test(arguments: [
        "06 12 34 56 78", "06.12.34.56.78", "+33 (0)6 12 34 56 78", "0033612345678", "+41 79 123 45 67",
        "0041 79 123 45 67", "+41 (0)79 123 45 67", "04 50 41 00 00", "+44 7700 900123",
    ])
    func paysDeGexPlanReadsMainlandAndSwissNumbersAsBefore(typed: String) throws {
        #expect(try PhoneNumber(parsing: typed, plan: .paysDeGex) == PhoneNumber(parsing: typed))
    }

    @Test(arguments: [
        ("+41 (0)79 123 45 67", "+41791234567"),  // Switzerland: trunk 0 dropped
        ("+49 (0)30 1234567", "+49301234567"), ("0049 (0)151 23456789", "+4915123456789"),  // Germany: dropped
        ("+32 (0)470 12 34 56", "+32470123456"), ("+32 2 123 45 67", "+3221234567"),  // Belgium: dropped
        ("+352 621 123 456", "+352621123456"), ("+352 26 12 34", "+352261234"),
        ("+39 02 1234 5678", "+390212345678"), ("+39 347 123 4567", "+393471234567"),  // Italy: the 0 is kept
        ("+34 612 34 56 78", "+34612345678"), ("+34 91 123 45 67", "+34911234567"),  // Spain: no trunk
        ("+377 93 15 20 00", "+37793152000"), ("+377 6 12 34 56 78", "+377612345678"),  // Monaco: no trunk
    ])
    func borderCountriesFollowTheirOwnTrunkRule(typed: String, expected: String) throws {
        #expect(try PhoneNumber(parsing: typed, plan: Self.everyBorder).e164 == expected)
    }

    @Test(arguments: [
        ("+352 (0)621 123 456", "has a 0 after +352; Luxembourg numbers have no trunk 0, leave it out"),
        ("+34 (0)612 34 56 78", "has a 0 after +34; Spanish numbers have no trunk 0, leave it out"),
        ("+377 (0)93 15 20 00", "has a 0 after +377; Monaco numbers have no trunk 0, leave it out"),
        ("+32 470 12 34", "has 7 digits after the country code; a Belgian number has 8 or 9"),
        ("+39 12345", "has 5 digits after the country code; an Italian number has 6 to 11"),
        ("+41 79 123 45", "has 7 digits after the country code; a Swiss number has 9"),
        ("+262 692 12 34", "has 7 digits after the country code; a Réunion or Mayotte number has 9"),
        (
            "0692 12 34",
            "is not a French number of 10 digits starting with 0, nor an international number starting with + or 00"
        ),
        ("0692 12 34 5x", "contains \"x\"; use digits, spaces and a leading +"),
    ])
    func wrongNumbersAreRefusedNamingWhatIsWrong(typed: String, reason: String) {
        let error = #expect(throws: PhoneNumber.Invalid.self) {
            try PhoneNumber(parsing: typed, plan: Self.everyBorder)
        }
        #expect(error?.reason == reason)
        #expect(error?.typed == typed)
    }

    @Test func italianFixedNumbersKeepTheirZeroInEveryForm() throws {
        #expect(try PhoneNumber(parsing: "0039 06 6982", plan: Self.everyBorder).e164 == "+39066982")
        #expect(try PhoneNumber(parsing: "+39 (0)6 6982 1234", plan: Self.everyBorder).e164 == "+390669821234")
    }

    @Test func overseasMobilesAreToldFromLandlines() throws {
        let mobiles = ["0692", "0693", "0639", "0690", "0691", "0694", "0696", "0697"].map { $0 + " 12 34 56" }
        for mobile in mobiles {
            #expect(try PhoneNumber(parsing: mobile, plan: .france).isMobile, "\(mobile)")
        }
        let landlines = ["0262", "0263", "0269", "0590", "0594", "0596"].map { $0 + " 12 34 56" }
        for landline in landlines {
            #expect(try !PhoneNumber(parsing: landline, plan: .france).isMobile, "\(landline)")
        }
    }

    @Test func borderCountriesAreNamedByTheirCallingCode() {
        #expect(PhoneCountry(borderCallingCode: "+41") == .switzerland)
        #expect(PhoneCountry(borderCallingCode: " 377 ") == .monaco)
        #expect(PhoneCountry.border.map(\.callingCode) == ["41", "49", "32", "352", "39", "34", "377"])
        #expect(PhoneCountry(borderCallingCode: "+33") == nil)  // France is always in the plan
        #expect(PhoneCountry(borderCallingCode: "+44") == nil)
        #expect(PhonePlan(borderCountries: [.switzerland, .switzerland]) == .paysDeGex)
        #expect(PhonePlan.paysDeGex.countries.map(\.callingCode) == ["33", "262", "590", "594", "596", "41"])
    }
}
