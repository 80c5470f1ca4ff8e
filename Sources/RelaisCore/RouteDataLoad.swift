// RouteDataLoad: whether a territory's on-demand route data (RouteData: positions, travel times,
// pickup points) could be read, and if not why, in words naming the file and its line or the pair
// of communes it lacks. Every front reads the files once at start (RelaisService.RouteFiles) and
// hands the outcome to each shuttle operation; an on-demand run is never booked without it.

import Foundation

/// The territory's route data, or why there is none.
public enum RouteDataLoad: Sendable, Equatable {
    case loaded(RouteData)
    /// The file and line at fault (or the file that is missing), as `relais doctor` and refusals say it.
    case unavailable(String)

    /// The data, when it loaded.
    public var data: RouteData? {
        if case .loaded(let data) = self { return data }
        return nil
    }

    /// Why the data did not load, or nil.
    public var problem: String? {
        if case .unavailable(let why) = self { return why }
        return nil
    }
}

/// The most seats an on-demand run may have: its route is planned exactly over every subset of its
/// passengers (RoutePlanner+Exact.swift), which grows as 2ⁿ; 16 keeps a booking's write short.
public let maximumOnDemandSeats = 16
