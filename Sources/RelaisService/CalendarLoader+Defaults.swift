// CalendarLoader+Defaults: what a calendar file does not say, gathered the same way for `relais
// campaigns load`, the daemon's folder and the desk's upload: the command's options first, then the
// sidecar `FILE.relais` beside the file, then the campaign already loaded from the same file (its
// id, and the action sheets and categories it was loaded with). CalendarDefaults says the order
// and the sidecar's syntax; CampaignCalendar applies them.
//
// A campaign's source file is recorded, and looked up, by its full standardised path
// (`sourcePath`), so that `relais campaigns load Campaigns/x.ics` typed in /etc/relais and the
// daemon's `/etc/relais/Campaigns/x.ics` are the same file.

import Foundation
import RelaisCore

extension CalendarLoader {
    /// The sidecar of the calendar file at `path`: `path` + `.relais`.
    public static func sidecarPath(of path: String) -> String { path + ".relais" }

    /// How a calendar file is recorded as a campaign's source: its full path from the current
    /// directory, standardised (no `.`, `..` or double slashes; symbolic links are kept).
    public static func sourcePath(of path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// The defaults for the calendar file at `path`: `options`, then its sidecar, then the campaign
    /// already loaded from `path`; and the sidecar's problems, each with its line. A database that
    /// cannot answer throws its error (it is not "the calendar does not say which campaign it is").
    public func defaults(for path: String, options: CalendarDefaults = CalendarDefaults()) throws -> (CalendarDefaults, [FileError]) {
        var defaults = options
        var problems: [FileError] = []
        let sidecar = Self.sidecarPath(of: path)
        if FileManager.default.fileExists(atPath: sidecar) {
            do {
                let text = try Self.readText(sidecar, limits: TextLimits(maximumFileBytes: 64 * 1024))
                let read = CalendarDefaults.sidecar(text, fileName: sidecar)
                defaults = defaults.filling(from: read.defaults)
                problems += read.problems
            } catch {
                problems.append(FileError(fileName: sidecar, line: error.line, reason: error.reason))
            }
        }
        if let loaded = try store.calendarDefaults(sourceFile: Self.sourcePath(of: path)) { defaults = defaults.filling(from: loaded) }
        return (defaults, problems)
    }
}
