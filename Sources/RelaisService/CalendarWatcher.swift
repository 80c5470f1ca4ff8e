// CalendarWatcher: which calendar files changed, without polling.
//
// inotify watches the calendars folder for files written, moved in, or removed; the daemon waits
// on its descriptor with everything else. Editors save in many ways (rewrite in place, write a
// temporary file and rename it), so an event only says "look": the watcher then compares each
// file's size and modification time with what it saw last, and names the files that differ.

import CLinux
import Foundation

/// Watches one folder of .ics files.
public final class CalendarWatcher {
    /// Readable when something in the folder changed.
    public let descriptor: Int32
    private let directory: String
    private var seen: [String: String] = [:]

    /// The .ics files present at the last `changedFiles()`.
    public var knownFiles: [String] { Array(seen.keys) }

    public init(directory: String) {
        self.directory = directory
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | IN_ATTRIB)
        _ = inotify_add_watch(descriptor, directory, mask)
    }

    deinit { close(descriptor) }

    /// Empties the inotify queue.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }

    /// The .ics files whose size or modification time, or their sidecar's, changed since the last
    /// call (every file on the first call), sorted.
    public func changedFiles() -> [String] {
        let files = (try? CalendarLoader.calendarFiles(in: directory)) ?? []
        var current: [String: String] = [:]
        func signature(_ path: String) -> String {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = attributes?[.size] as? Int ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(size):\(modified)"
        }
        for file in files {
            // A calendar's sidecar (FILE.relais) is part of it: editing it alone reloads the calendar.
            current[file] = signature(file) + "|" + signature(CalendarLoader.sidecarPath(of: file))
        }
        defer { seen = current }
        return files.filter { seen[$0] != current[$0] }
    }
}
