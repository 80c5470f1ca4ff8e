// ServiceReload: what `relais serve` reads again on SIGHUP besides the templates and calendars: the
// configuration file, the territory file and the territory's on-demand route data (RouteFiles).
// Each is judged on its own:
//
//   configuration that does not parse ... the reload is refused whole (the daemon keeps everything)
//   territory file refused ............... the territory in force stays, and the route data with it
//   route data that does not load ........ the route data in force stays (when some was in force
//                                          and the territory file is the same one; data that did not
//                                          load at start either takes the new words; a new territory
//                                          file never keeps the old one's data: none is in force)
//
// What was kept is said in `problems`, each naming the file and line, which the daemon logs and
// records for `relais status` and `relais doctor` (service_state `serve.reload`). The territory
// file is the new configuration's `[territory] file`, else the one the daemon started with.

import Foundation
import RelaisCore

/// The values a reload brings, and what it could not use.
struct ServiceReload {
    var configuration: Configuration
    var territory: Territory
    var territoryPath: String
    var route: RouteDataLoad
    /// Files read but not used, each with its file and line; the value in force was kept.
    var problems: [String] = []

    /// Reads the files again; throws when the configuration does not parse (nothing is used then).
    static func read(
        configurationPath: String?, territoryPath: String,
        running: (configuration: Configuration, territory: Territory, route: RouteDataLoad)
    ) throws -> ServiceReload {
        var configuration = running.configuration
        if let configurationPath {
            let text = try CalendarLoader.readText(configurationPath, limits: TextLimits(maximumFileBytes: 1 << 20))
            configuration = try Configuration.parse(text, fileName: configurationPath)
        }
        let path = configuration.territoryFile ?? territoryPath
        var reload = ServiceReload(
            configuration: configuration, territory: running.territory, territoryPath: path, route: running.route)
        do {
            let text = try CalendarLoader.readText(path, limits: TextLimits(maximumFileBytes: 1 << 20))
            reload.territory = try TerritoryFile.parse(text, fileName: path)
        } catch {
            reload.problems.append("territory file \(path) not used, the territory in force stays: \(error)")
            reload.territoryPath = territoryPath
            reload.configuration = configuration.applying(territory: running.territory)
            return reload
        }
        reload.configuration = configuration.applying(territory: reload.territory)
        let route = RouteFiles.load(territoryPath: path, territory: reload.territory, settings: reload.configuration.shuttle)
        let samePath = path == (running.configuration.territoryFile ?? territoryPath)
        if let why = route.problem, running.route.data != nil, samePath {
            reload.problems.append("route data not used, the route data in force stays: \(why)")
        } else {
            if let why = route.problem, running.route.data != nil {
                reload.problems.append("route data of the new territory file \(path) not loaded, none is in force: \(why)")
            }
            reload.route = route
        }
        return reload
    }
}
