// Desk+Campaigns: what a planner does with campaigns (capability `.calendars`): list them, see one
// campaign's sessions with their counts (registered, present, capacity: numbers, never a person),
// and upload a calendar file, loaded as `relais campaigns load` would load it.
//
// The upload itself is RelaisService's (CalendarUploads: the calendar reader and loader live
// there, above this module); the desk hands it the bytes and the account, and words what comes
// back. Nothing here reads a resident: a planner has no resident scope at all.

import Foundation
import RelaisCore
import RelaisStore

/// Loads an uploaded calendar as `relais campaigns load` would and makes it the campaign's file in
/// the calendars folder, in the load's transaction (RelaisService's CalendarUploads).
public protocol CalendarUploading: Sendable {
    /// Loads `bytes` (a file the planner named `fileName`) for the account `actor`, all or nothing.
    /// Throws `CalendarUploadError` when the file or the folder refuses it; anything else is the
    /// database's.
    func upload(_ bytes: [UInt8], fileName: String, actor: String, now: Date, store: Store) throws -> CalendarUploadResult
}

/// What an accepted upload changed.
public struct CalendarUploadResult: Sendable, Equatable {
    /// What the load changed, as `campaigns load` says it.
    public var summary: CampaignLoadSummary
    /// The campaign's name.
    public var name: String
    /// The file's name in the calendars folder (`mars-bleu-2027.ics`).
    public var file: String
    /// The events whose later occurrences were not generated.
    public var truncations: [OccurrenceTruncation]

    public init(summary: CampaignLoadSummary, name: String, file: String, truncations: [OccurrenceTruncation]) {
        self.summary = summary
        self.name = name
        self.file = file
        self.truncations = truncations
    }
}

/// Why an upload changed nothing.
public enum CalendarUploadError: Error, Sendable, Equatable {
    /// The file is refused: every problem found, each with its line (0: the whole file), and the
    /// places people hold that it would take away when that is the reason. The database and the
    /// calendars folder are as they were.
    case refused(problems: [FileError], capacity: CapacityRefusal?)
    /// relais cannot write the calendars folder (a setting for the administrator); nothing changed.
    case folderNotWritable(folder: String, reason: String)
}

extension Desk {
    /// The paths that take a calendar as their body, and so the larger body limit (`[calendars]
    /// max_file_mb`): the page's form and the API.
    public static let calendarUploadPaths = ["/calendars", "/api/v1/calendars"]

    /// Every campaign loaded, by id.
    public func campaigns(_ agent: Agent) throws -> [CampaignListing] {
        try agent.require(.calendars)
        return try pool.withStore { try $0.campaigns() }
    }

    /// One campaign and every session of it, by start, with registered, present and capacity.
    public func campaign(_ agent: Agent, id: String) throws -> (campaign: CampaignListing, sessions: [OccurrenceListing]) {
        try agent.require(.calendars)
        return try pool.withStore { store in
            guard let campaign = try store.campaigns().first(where: { $0.id == id }) else { throw DeskError.notFound }
            return (campaign, try store.occurrences(OccurrenceFilter(campaign: id)))
        }
    }

    /// Loads a calendar a planner uploaded: all of it, or nothing (`CalendarUploadError`).
    public func uploadCalendar(_ agent: Agent, _ bytes: [UInt8], fileName: String?) throws -> CalendarUploadResult {
        try agent.require(.calendars)
        guard let calendarUploads else { throw DeskError.forbidden }
        let name = Self.uploadName(fileName)
        return try pool.withStore { try calendarUploads.upload(bytes, fileName: name, actor: agent.login, now: clock(), store: $0) }
    }

    /// The name an uploaded file is called by in its problems: the browser's file name without any
    /// folder or control character, at most 100 characters; `calendrier.ics` without one.
    static func uploadName(_ fileName: String?) -> String {
        let base = (fileName ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(100))
        return clean.trimmingCharacters(in: .whitespaces).isEmpty ? "calendrier.ics" : clean
    }
}
