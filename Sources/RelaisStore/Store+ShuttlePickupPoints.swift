// Store+ShuttlePickupPoints: the pickup point an on-demand booking names is one of its passenger's
// commune in the territory's NAME.pickup-points.csv (case and accents do not matter, the file's
// spelling is recorded); a booking naming none gets the commune's first point, its town hall. A home
// address is taken as typed. Without the territory's pickup points (a context made without route
// data, as some tests build it) the point is taken as typed and the default is "Mairie".

import Foundation
import RelaisCore

extension Store {
    /// Where a booking of an on-demand run by a resident of `commune` (INSEE code) picks them up.
    func pickupPlace(_ typed: ShuttlePickupPlace?, commune: String, context: ShuttleContext) throws -> ShuttlePickupPlace {
        guard let points = context.pickupPoints else { return typed ?? .townHall }
        switch typed {
        case .door: return typed!
        case nil: return points.defaultPoint(inCommune: commune).map { .point($0.name) } ?? .townHall
        case .point(let name):
            if let known = points.point(inCommune: commune, named: name) { return .point(known.name) }
            throw Refusal.shuttle(
                .pickupPointUnknown(
                    typed: name, commune: Self.communeName(commune, context), points: points.points(inCommune: commune).map(\.name)))
        }
    }
}
