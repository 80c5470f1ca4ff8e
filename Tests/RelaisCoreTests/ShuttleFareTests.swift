// Fares by family-quotient band: each boundary, bands as configured, and quotients as typed.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ShuttleFareTests {
    @Test(arguments: [
        (0, "0-700", 0), (700, "0-700", 0), (701, "701-1200", 150), (1200, "701-1200", 150), (1201, "1201+", 300), (99_999, "1201+", 300),
    ])
    func eachBandBoundaryPaysItsBandsFare(quotient: Int, band: String, cents: Int) {
        let fare = FareBands.standard.fare(quotient: quotient, journeys: 1)
        #expect(fare == ShuttleFare(band: band, cents: cents))
        #expect(FareBands.standard.fare(quotient: quotient, journeys: 2).cents == 2 * cents)
    }

    @Test func aResidentWithoutAQuotientPaysTheHighestBand() {
        #expect(FareBands.standard.fare(quotient: nil, journeys: 2) == ShuttleFare(band: "no quotient", cents: 600))
    }

    @Test func theConfiguredBandsAreReadWithEitherDecimalMark() throws {
        let bands = try FareBands(parsing: "0-500: 0; 501-900: 1,20; 901+: 2,5")
        #expect(bands.bands.map(\.fareCents) == [0, 120, 250])
        #expect(bands.fare(quotient: 501, journeys: 1) == ShuttleFare(band: "501-900", cents: 120))
        #expect(FareBands.euros(120) == "1.20 €")
    }

    @Test(arguments: [
        ("0-700: 0, 702-1200: 1.50, 1201+: 3", "must start at 701"),
        ("1-700: 0, 701+: 3", "must start at 0"),
        ("0-700: 0, 701-1200: 1.50", "must be open-ended"),
        ("0-700: 0, 701+: 3, 900+: 4", "no band may follow"),
        ("0-700: free", "is not a band"),
        ("0-700: -1, 701+: 3", "is not a band"),
        ("700-0: 0, 1+: 3", "not a quotient range"),
    ])
    func badBandsAreRefusedWithTheReason(text: String, reason: String) {
        let error = #expect(throws: FieldError.self) { try FareBands(parsing: text) }
        #expect(error?.field == "fare_bands")
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    @Test func aNegativeOrFractionalQuotientIsRefused() throws {
        #expect(try FareBands.quotient(" 850 ") == 850)
        #expect(throws: Refusal.shuttle(.quotientUnreadable(typed: "-1"))) { try FareBands.quotient("-1") }
        #expect(throws: Refusal.shuttle(.quotientUnreadable(typed: "850.5"))) { try FareBands.quotient("850.5") }
        #expect(throws: Refusal.shuttle(.quotientUnreadable(typed: "beaucoup"))) { try FareBands.quotient(" beaucoup") }
        #expect(throws: Refusal.shuttle(.quotientUnreadable(typed: "100001"))) { try FareBands.quotient("100001") }
    }

    @Test func fareBandsAndTransportSettingsComeFromTheConfiguration() throws {
        let configuration = try Configuration.parse(
            "[transport]\nfare_bands = 0-600: 0, 601+: 2\nprior_notice_last_time = 12:00\nservice_days = all\nccas_quota = 3\nprior_notice_start_day =\n",
            fileName: "relais.conf")
        #expect(configuration.shuttle.fares.fare(quotient: 601, journeys: 1).cents == 200)
        #expect(configuration.shuttle.rules.priorNoticeLastTime == 720)
        #expect(configuration.shuttle.rules.serviceDays == .all)
        #expect(configuration.shuttle.rules.priorNoticeStartDay == nil)
        #expect(configuration.shuttle.ccasQuota == 3)
        let error = #expect(throws: ConfigurationError.self) {
            try Configuration.parse("[transport]\nbooking_type = tomorrow\n", fileName: "relais.conf")
        }
        #expect(error?.description.contains("relais.conf:2: transport.booking_type") == true)
    }
}
