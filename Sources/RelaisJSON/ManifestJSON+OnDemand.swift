// ManifestJSON+OnDemand: the manifest of an on-demand (door-to-door) run as the JSON API gives it:
// the run and its passengers as for a fixed-stop run (ManifestJSON), plus `door_to_door`, the
// driver's sheet the core builds (OnDemandManifest: pickups in the vehicle's order with their
// times, the pickup point with its address or the door address, phone and needs, then the return's
// drop-offs, and the communes' positions for a map), the same JSON as
// `relais transport manifest RUN --format json`.

import Foundation
import RelaisCore
import RelaisStore

/// The manifest of an on-demand run.
public struct OnDemandManifestJSON: Encodable, Sendable, Equatable {
    public var run: RunJSON
    /// The agent's passengers, as bookings (their `stop` is the run's placeholder: read `door_to_door`).
    public var passengers: [BookingJSON]
    /// The driver's sheet.
    public var doorToDoor: OnDemandManifest

    enum CodingKeys: String, CodingKey {
        case run, passengers
        case doorToDoor = "door_to_door"
    }

    public init(_ run: ShuttleRunRecord, passengers: [ShuttleBookingListing], sheet: OnDemandManifest, context: ShuttleContext) {
        self.run = RunJSON(run, context: context)
        self.passengers = passengers.map { BookingJSON($0, context: context) }
        doorToDoor = sheet
    }
}
