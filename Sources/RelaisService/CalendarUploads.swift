// CalendarUploads: a calendar a planner uploads on the desk, loaded exactly as `relais campaigns
// load` loads a file, and kept as its campaign's file in `[calendars] directory`.
//
// Where the file goes, and why: relais serve loads the calendars folder at start, on SIGHUP and
// whenever a file in it changes. A campaign uploaded into the database alone would be undone by
// the next of these (its old file loaded again: new events cancelled, moved sessions moved back),
// so the upload must become the campaign's file. It replaces the file the campaign was loaded from
// when that is in the folder, else `<folder>/<campaign id>.ics` (an id is lower-case letters,
// digits and hyphens: a safe name); a file there that holds another campaign is not overwritten.
//
// In what order, so that the folder and the database never disagree for long:
//   1. read and judge the bytes (every problem, with its line): refused, nothing is touched;
//   2. write them, synced, to a hidden temporary file in the folder (not `.ics`: the watcher
//      ignores it): refused if the folder cannot be written, nothing else touched;
//   3. load into the database in one BEGIN IMMEDIATE transaction, audited with the account, and
//      as its last step rename(2) the temporary file over the campaign's file (atomic within a
//      folder), then sync the folder; a capacity below the people registered, or a failed rename,
//      rolls the whole load back and the temporary file is removed.
// When the upload took what it does not say from outside (CalendarDefaults), the campaign's file
// gets a sidecar saying it, put in place just before the file itself (CalendarUploads+Sidecar), so
// that the folder alone says what the database holds and the watcher loads the file as it was.
// Only a failed COMMIT after the rename could leave the new file with the old database; the
// watcher then loads the new file, which is what the planner sent. The watcher also sees the
// rename after a good upload and loads the file again: unchanged, and recorded as loaded.

import Foundation
import RelaisCore
import RelaisStore
import RelaisWeb

/// The desk's calendar uploads, for `relais serve`'s configuration.
public struct CalendarUploads: CalendarUploading {
    let configuration: Configuration
    let territory: Territory
    let calendar: Calendar
    /// The territory's route data, for the on-demand runs a load changes (RouteFiles).
    public var route = RouteDataLoad.unavailable("the territory's route data was not loaded")

    public init(configuration: Configuration, territory: Territory, calendar: Calendar) {
        self.configuration = configuration
        self.territory = territory
        self.calendar = calendar
    }

    /// The folder, as the daemon's watcher names its files.
    var folder: URL { URL(fileURLWithPath: configuration.calendarsDirectory) }

    public func upload(_ bytes: [UInt8], fileName: String, actor: String, now: Date, store: Store) throws -> CalendarUploadResult {
        var loader = CalendarLoader(store: store, configuration: configuration, territory: territory, calendar: calendar)
        loader.route = route
        let (prepared, defaults) = try prepare(bytes, fileName: fileName, loader: loader, now: now)
        let target = try destination(of: prepared.campaign.id, store: store, fileName: fileName)
        let temporary = try writeTemporary(bytes, for: target)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let sidecar = try sidecarChange(for: target, prepared: prepared, defaults: defaults)
        defer { sidecar.map { try? FileManager.default.removeItem(at: $0.temporary) } }
        do {
            let result = try loader.record(prepared, sourceFile: CalendarLoader.sourcePath(of: target.path), now: now, auditActor: actor) {
                try sidecar?.put()
                guard rename(temporary.path, target.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    sidecar?.undo()
                    throw CalendarUploadError.folderNotWritable(folder: folder.path, reason: reason)
                }
                syncFolder()
            }
            return CalendarUploadResult(
                summary: result.campaign, name: prepared.campaign.name, file: target.lastPathComponent, truncations: result.truncations)
        } catch let error as CalendarLoadError {
            throw CalendarUploadError.refused(problems: error.problems, capacity: error.capacity)
        }
    }

    /// The bytes decoded, read and judged as a file of the folder would be, and the defaults used
    /// for what they do not say; refused with every problem.
    private func prepare(
        _ bytes: [UInt8], fileName: String, loader: CalendarLoader, now: Date
    ) throws -> (CalendarLoader.PreparedCalendar, CalendarDefaults) {
        let text: String
        do {
            text = try TextInput.decode(Data(bytes), limits: TextLimits(maximumFileBytes: configuration.maximumFileBytes))
        } catch {
            throw CalendarUploadError.refused(problems: [FileError(fileName: fileName, line: error.line, reason: error.reason)], capacity: nil)
        }
        // What the file does not say comes from the folder's sidecar and the campaign loaded from
        // the folder's file of that name, as when the daemon loads it there.
        let inFolder = folder.appendingPathComponent(URL(fileURLWithPath: fileName).lastPathComponent).path
        let (defaults, problems) = try loader.defaults(for: inFolder)
        do { return (try loader.prepare(text: text, fileName: fileName, now: now, defaults: defaults, problems: problems), defaults) } catch {
            throw CalendarUploadError.refused(problems: error.problems, capacity: nil)
        }
    }

    /// The campaign's file in the folder: the one it was loaded from when that is there, else
    /// `<id>.ics`; refused when that file is another campaign's.
    private func destination(of campaign: String, store: Store, fileName: String) throws -> URL {
        let campaigns = try store.campaigns()
        let folderPath = folder.standardizedFileURL.path
        if let current = campaigns.first(where: { $0.id == campaign })?.sourceFile,
            URL(fileURLWithPath: current).standardizedFileURL.deletingLastPathComponent().path == folderPath
        {
            return URL(fileURLWithPath: current)
        }
        let target = folder.appendingPathComponent("\(campaign).ics")
        let targetPath = target.standardizedFileURL.path
        if let other = campaigns.first(where: {
            $0.id != campaign && URL(fileURLWithPath: $0.sourceFile).standardizedFileURL.path == targetPath
        }) {
            throw CalendarUploadError.refused(
                problems: [
                    FileError(
                        fileName: fileName, line: 0,
                        reason:
                            "the calendars folder's \(target.lastPathComponent) holds campaign \(other.id); X-RELAIS-CAMPAIGN \(campaign) cannot replace it"
                    )
                ], capacity: nil)
        }
        return target
    }

    /// `bytes` in a new hidden file beside `target`, synced to disk.
    private func writeTemporary(_ bytes: [UInt8], for target: URL) throws(CalendarUploadError) -> URL {
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).upload-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o640]),
            let handle = try? FileHandle(forWritingTo: temporary)
        else {
            throw .folderNotWritable(folder: folder.path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .folderNotWritable(folder: folder.path, reason: error.localizedDescription)
        }
        return temporary
    }

    /// Syncs the folder, so that the rename survives a crash (a rename is in the folder's data).
    private func syncFolder() {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
