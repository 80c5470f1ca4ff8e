// The shipped territories under the names the tests use (Tests/Territories/ShippedTerritory.swift),
// and a report's options on Pays de Gex.

@_exported import RelaisTestTerritories
import Foundation
import RelaisCore

extension IndicatorOptions {
    /// The options of a Pays de Gex report.
    init(calendar: Calendar = LocalTime.paris.calendar, youngUnder: Int = 26) {
        self.init(territory: .paysDeGex, calendar: calendar, youngUnder: youngUnder)
    }
}

extension Indicators {
    /// The report of a Pays de Gex territory with the default options.
    static func report(_ data: IndicatorData, period: ReportPeriod, countedUntil: Date, campaign: String? = nil) -> IndicatorReport {
        report(data, period: period, countedUntil: countedUntil, campaign: campaign, options: IndicatorOptions())
    }
}
