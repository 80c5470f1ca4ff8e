// RouteFiles: reads a territory's on-demand route data once, for every front (the command line,
// `relais serve`'s daemon and desk): the three files beside the territory file (RouteData.fileNames,
// the territory file's link such as default.conf resolved first), parsed and checked together by
// RouteData.parse. What cannot be read is kept as words naming the file and the line, so that each
// on-demand booking is refused with them and `relais doctor` says them; fixed-stop runs need none.

import Foundation
import RelaisCore

/// Loads a territory's route data.
public enum RouteFiles {
    /// The route data beside `territoryPath`, or why it cannot be used.
    public static func load(territoryPath: String, territory: Territory, settings: ShuttleSettings) -> RouteDataLoad {
        let territoryFile = URL(fileURLWithPath: territoryPath).resolvingSymlinksInPath().path
        let names = RouteData.fileNames(territoryFile: territoryFile)
        var texts: [String] = []
        for path in [names.geo, names.times, names.pickups] {
            guard FileManager.default.fileExists(atPath: path) else { return .unavailable("\(path): no such file") }
            do { texts.append(try String(contentsOfFile: path, encoding: .utf8)) } catch {
                return .unavailable("\(path): cannot be read as UTF-8 text")
            }
        }
        do {
            return .loaded(
                try RouteData.parse(geo: texts[0], times: texts[1], pickups: texts[2], names: names, territory: territory, settings: settings))
        } catch {
            return .unavailable(error.problems.map(\.description).joined(separator: "; "))
        }
    }
}
