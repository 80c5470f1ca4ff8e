// OccurrenceReconciliation: what a reloaded calendar changes in the occurrences already stored.
//
// People register to occurrences, so an occurrence keeps its identity across reloads. New and
// stored occurrences of one event are matched first by recurrence key (the RECURRENCE-ID), then,
// among those left over on both sides, in order of start: a series whose DTSTART or RRULE changed
// keeps its occurrences, each marked moved. Stored occurrences left unmatched are cancelled (never
// deleted: registrations hang on them); new ones left unmatched are inserted.
//
//      stored \ new   same times        other times      status CANCELLED    absent
//      scheduled      unchanged         moved            cancelled           cancelled
//      moved          unchanged         moved            cancelled           cancelled
//      cancelled      reinstated        reinstated       unchanged           unchanged

import Foundation

/// The state of a stored occurrence.
public enum OccurrenceStatus: String, Sendable, Equatable, Codable, CaseIterable {
    /// As first loaded.
    case scheduled
    /// Its time changed after people may have registered; they must be told.
    case moved
    /// It will not take place; people registered must be told.
    case cancelled
}

/// An occurrence as the store holds it.
public struct StoredOccurrence: Sendable, Equatable {
    public var id: Int64
    public var recurrenceKey: String
    public var start: Date
    public var end: Date
    public var status: OccurrenceStatus

    public init(id: Int64, recurrenceKey: String, start: Date, end: Date, status: OccurrenceStatus) {
        self.id = id
        self.recurrenceKey = recurrenceKey
        self.start = start
        self.end = end
        self.status = status
    }
}

/// One thing a reload does to the occurrences of one event.
public enum OccurrenceChange: Sendable, Equatable {
    /// A new occurrence.
    case insert(CalendarOccurrence)
    /// The stored occurrence `id` now takes place at other times (and may have a new key).
    case move(id: Int64, to: CalendarOccurrence)
    /// The stored occurrence `id` will not take place.
    case cancel(id: Int64)
    /// The stored, cancelled occurrence `id` takes place again.
    case reinstate(id: Int64, as: CalendarOccurrence)
    /// Nothing changes in time or status; details (summary, location override) are refreshed.
    case keep(id: Int64, as: CalendarOccurrence)
}

public enum OccurrenceReconciliation {
    /// The changes that turn `stored` into `loaded` for one event.
    public static func changes(stored: [StoredOccurrence], loaded: [CalendarOccurrence]) -> [OccurrenceChange] {
        var changes: [OccurrenceChange] = []
        var storedByKey = Dictionary(stored.map { ($0.recurrenceKey, $0) }, uniquingKeysWith: { first, _ in first })
        var unmatchedNew: [CalendarOccurrence] = []
        for occurrence in loaded {
            if let match = storedByKey.removeValue(forKey: occurrence.recurrenceKey) {
                changes.append(change(from: match, to: occurrence))
            } else {
                unmatchedNew.append(occurrence)
            }
        }
        let unmatchedStored = storedByKey.values.filter { $0.status != .cancelled }.sorted { $0.start < $1.start }
        unmatchedNew.sort { $0.start < $1.start }
        let paired = min(unmatchedStored.count, unmatchedNew.count)
        for index in 0..<paired {
            changes.append(change(from: unmatchedStored[index], to: unmatchedNew[index]))
        }
        changes += unmatchedStored.dropFirst(paired).map { .cancel(id: $0.id) }
        changes += unmatchedNew.dropFirst(paired).map { .insert($0) }
        return changes
    }

    private static func change(from stored: StoredOccurrence, to new: CalendarOccurrence) -> OccurrenceChange {
        let sameTimes = stored.start == new.start && stored.end == new.end
        switch (stored.status, new.status) {
        case (.cancelled, .cancelled): return .keep(id: stored.id, as: new)
        case (.cancelled, _): return .reinstate(id: stored.id, as: new)
        case (_, .cancelled): return .cancel(id: stored.id)
        default: return sameTimes ? .keep(id: stored.id, as: new) : .move(id: stored.id, to: new)
        }
    }
}
