// relais transport manifest on an on-demand (door-to-door) run: the driver's sheet of the route
// recorded at booking (pickups in the vehicle's order with their times, commune, pickup point or door
// address, phone, needs and ride, then the return's drop-offs), as the core's OnDemandManifest
// renders it in text, CSV, JSON or a printable HTML page with a schematic map. The map places the
// communes with the territory's NAME.communes-geo.csv (the route data the context loads); without
// it the page has no map.

import Foundation
import RelaisCore
import RelaisReports
import RelaisStore

enum TransportManifestOnDemand {
    /// The sheet of a stored on-demand run, its times as wall-clock `HH:MM` of the run's day.
    static func manifest(_ sheet: OnDemandSheetRecord, _ context: Context) -> OnDemandManifest {
        sheet.manifest(
            calendar: context.localTime.calendar, times: context.routeData.data?.times, points: context.routeData.data?.pickups,
            rules: TransportCommand.shuttleContext(context).routeRules,
            communeName: { TransportCommand.communeName($0, context) }, map: points(context))
    }

    /// The sheet in `format` (text, csv, json or html).
    static func render(_ manifest: OnDemandManifest, format: String) -> String {
        switch format {
        case "csv": return manifest.csv()
        case "json": return manifest.json()
        case "html": return manifest.html()
        default: return manifest.text()
        }
    }

    /// The communes' points for the schematic: the territory's route data, which the context loads
    /// once and checks whole; none when it did not load (the sheet then has no map).
    private static func points(_ context: Context) -> [CommunePosition] {
        context.routeData.data?.geo.positions ?? []
    }
}
