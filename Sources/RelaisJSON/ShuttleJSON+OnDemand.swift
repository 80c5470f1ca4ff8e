// ShuttleJSON+OnDemand: where a booking of an on-demand (door-to-door) run picks its passenger up,
// as JSON: the commune, the named point or the home address (null once erased after the run), and
// the order and times the route gives.

import Foundation
import RelaisCore
import RelaisStore

/// Where and when an on-demand booking's passenger is picked up and dropped off.
public struct PickupPlaceJSON: Codable, Sendable, Equatable {
    /// `point` or `door`; null once a home address was erased after the run.
    @Nullable public var kind: String?
    /// The commune's INSEE code and name.
    public var communeCode: String
    public var communeName: String
    /// The pickup point's name, or the home address; null once erased.
    @Nullable public var place: String?
    /// The route's order and times; null until the route is computed.
    @Nullable public var pickupOrder: Int?
    @Nullable public var pickupAt: String?
    @Nullable public var dropoffOrder: Int?
    @Nullable public var dropoffAt: String?
    /// While waitlisted as too far for the run: the longest ride it would have caused, and that ride's limit.
    @Nullable public var tooFarRideMinutes: Int?
    @Nullable public var tooFarLimitMinutes: Int?

    enum CodingKeys: String, CodingKey {
        case kind
        case communeCode = "commune_code"
        case communeName = "commune_name"
        case place
        case pickupOrder = "pickup_order"
        case pickupAt = "pickup_at"
        case dropoffOrder = "dropoff_order"
        case dropoffAt = "dropoff_at"
        case tooFarRideMinutes = "too_far_ride_minutes"
        case tooFarLimitMinutes = "too_far_limit_minutes"
    }

    public init(_ pickup: ShuttlePickupRecord, context: ShuttleContext) {
        kind = pickup.place?.kind
        communeCode = pickup.commune
        communeName = context.territory.communeName(code: pickup.commune)
        place = pickup.place?.text
        pickupOrder = pickup.pickupOrder
        pickupAt = pickup.pickupAt.map(context.localTime.iso8601)
        dropoffOrder = pickup.dropoffOrder
        dropoffAt = pickup.dropoffAt.map(context.localTime.iso8601)
        tooFarRideMinutes = pickup.tooFarRideMinutes
        tooFarLimitMinutes = pickup.tooFarLimitMinutes
    }
}
