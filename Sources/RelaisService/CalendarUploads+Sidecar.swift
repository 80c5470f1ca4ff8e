// CalendarUploads+Sidecar: the sidecar an uploaded calendar needs in the calendars folder.
//
// A calendar exported from a planner's application lacks what Relais needs (its campaign, action
// sheets, categories); the desk takes them from the folder's sidecar or the campaign already loaded
// (CalendarLoader+Defaults). The file it then puts in the folder must load the same way when
// relais serve's watcher reads it back, at once and after any restart, whatever the database holds
// at that moment; so `<campaign file>.relais` is written to say them, unless it already says exactly
// that. It is written to a hidden temporary file first, renamed into place inside the load's
// transaction just before the calendar, and put back as it was if the calendar cannot follow.

import Foundation
import RelaisCore
import RelaisWeb

/// A sidecar to put beside a campaign's file, and how to undo it.
struct SidecarChange {
    let path: URL
    let temporary: URL
    /// The sidecar's bytes before, nil when there was none.
    let previous: Data?

    /// Renames the new sidecar into place.
    func put() throws {
        guard rename(temporary.path, path.path) == 0 else {
            throw CalendarUploadError.folderNotWritable(
                folder: path.deletingLastPathComponent().path, reason: String(cString: strerror(errno)))
        }
    }

    /// Puts the previous sidecar back (or removes the new one).
    func undo() {
        if let previous { try? previous.write(to: path, options: .atomic) } else { try? FileManager.default.removeItem(at: path) }
    }
}

extension CalendarUploads {
    /// The sidecar `target` needs to say what `prepared` took from `defaults`, written to a temporary
    /// file; nil when the calendar says its campaign and action sheets and no category came from
    /// outside it, or when its sidecar says exactly that already.
    func sidecarChange(
        for target: URL, prepared: CalendarLoader.PreparedCalendar, defaults: CalendarDefaults
    ) throws -> SidecarChange? {
        let properties = prepared.document.properties
        let needed =
            properties["X-RELAIS-CAMPAIGN"] == nil || (properties["X-RELAIS-FA"] == nil && defaults.actionSheets != nil)
            || !defaults.categories.isEmpty
        guard needed else { return nil }
        var said = defaults
        said.campaign = prepared.campaign.id
        let text = "# What \(target.lastPathComponent) does not say, as the desk's upload took it\n\(said.sidecarText)\n"
        let path = URL(fileURLWithPath: CalendarLoader.sidecarPath(of: target.path))
        let previous = FileManager.default.contents(atPath: path.path)
        if let previous, CalendarDefaults.sidecar(String(decoding: previous, as: UTF8.self), fileName: path.path).defaults == said {
            return nil
        }
        let temporary = folder.appendingPathComponent(".\(path.lastPathComponent).upload-\(UUID().uuidString)")
        do { try Data(text.utf8).write(to: temporary) } catch {
            throw CalendarUploadError.folderNotWritable(folder: folder.path, reason: error.localizedDescription)
        }
        return SidecarChange(path: path, temporary: temporary, previous: previous)
    }
}
