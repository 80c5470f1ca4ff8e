// Context: what every command runs with: the configuration, the clock, the local time zone, the
// territory and the store, opened only when a command needs it.
//
// The territory is read from its file: relais.conf's `[territory] file`, else the environment's
// RELAIS_TERRITORY, else Config/territories/default.conf (a link to the first territory), relative to the directory relais runs
// in. Its time zone and holiday region then apply to the configuration (Configuration+Territory).

import Foundation
import RelaisCore
import RelaisService
import RelaisStore

final class Context {
    let configuration: Configuration
    /// The configuration file, when one was given (relais serve reads it again on SIGHUP).
    let configurationPath: String?
    /// The database path: --db, else the configuration's.
    let databasePath: String
    /// Now; tests and demonstrations may set RELAIS_NOW (ISO 8601) to run at another date (time
    /// then flows from there).
    let now: Date
    /// The clock of long-running commands: real time, shifted so that it starts at `now`.
    let clock: @Sendable () -> Date
    let localTime: LocalTime
    /// The territory the installation serves, read from its file.
    let territory: Territory
    /// The territory file it was read from.
    let territoryPath: String
    private var openedStore: Store?
    /// The territory's on-demand route data (the files beside the territory file), read on first use.
    lazy var routeData: RouteDataLoad = RouteFiles.load(
        territoryPath: territoryPath, territory: territory, settings: configuration.shuttle)

    init(configurationPath: String?, databasePath: String?, environment: [String: String]) throws {
        var configuration = Configuration()
        let path = configurationPath ?? environment["RELAIS_CONFIG"]
        if let path {
            let text = try Context.readText(path, limits: TextLimits(maximumFileBytes: 1 << 20))
            do { configuration = try Configuration.parse(text, fileName: path) } catch { throw UserError.data(error.description) }
        }
        territoryPath = configuration.territoryFile ?? environment["RELAIS_TERRITORY"] ?? Configuration.defaultTerritoryFile
        territory = try Context.readTerritory(territoryPath)
        configuration = configuration.applying(territory: territory)
        self.configuration = configuration
        self.configurationPath = path
        self.databasePath = databasePath ?? environment["RELAIS_DB"] ?? configuration.databasePath
        guard let localTime = LocalTime(identifier: configuration.timeZone) else {
            throw UserError.data("time zone \(configuration.timeZone) is not known to this system (install tzdata)")
        }
        self.localTime = localTime
        if let text = environment["RELAIS_NOW"] {
            guard let now = localTime.parse(text) else {
                throw UserError.usage("RELAIS_NOW \"\(text)\" is not a date such as 2027-03-01T10:00")
            }
            self.now = now
        } else {
            self.now = Date()
        }
        let offset = self.now.timeIntervalSinceNow
        self.clock = { Date().addingTimeInterval(offset) }
    }

    /// The store, opened on first use.
    func store() throws -> Store {
        if let openedStore { return openedStore }
        let store = try Store.open(
            path: databasePath, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds, territory: territory)
        openedStore = store
        return store
    }

    /// The territory of the file at `path`; a missing or refused file names the path and where it was chosen.
    static func readTerritory(_ path: String) throws -> Territory {
        let text: String
        do {
            text = try CalendarLoader.readText(path, limits: TextLimits(maximumFileBytes: 1 << 20))
        } catch {
            let message = "territory file (relais.conf [territory] file, or RELAIS_TERRITORY): \(error.description)"
            throw error.unreadable ? UserError.noInput(message) : UserError.data(message)
        }
        do { return try TerritoryFile.parse(text, fileName: path) } catch { throw UserError.data(error.description) }
    }

    /// The limits on files users hand in.
    var textLimits: TextLimits {
        TextLimits(maximumFileBytes: configuration.maximumFileBytes)
    }

    /// Reads a text file through TextInput's checks; errors name the file.
    static func readText(_ path: String, limits: TextLimits) throws -> String {
        do {
            return try CalendarLoader.readText(path, limits: limits)
        } catch {
            throw error.unreadable ? UserError.noInput(error.description) : UserError.data(error.description)
        }
    }

    /// Reads a date option in local time (`2027-03-30` or `2027-03-30T09:00`).
    func date(_ text: String?, option: String) throws(UserError) -> Date? {
        guard let text else { return nil }
        guard let date = localTime.parse(text) else {
            throw .usage("--\(option) \"\(text)\" is not a date such as 2027-03-30 or 2027-03-30T09:00")
        }
        return date
    }
}
