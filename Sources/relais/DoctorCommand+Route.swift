// DoctorCommand+Route: `relais doctor` says, in one line, whether the territory's on-demand route data
// loads (the positions, travel times and pickup points beside its file, checked together): on-demand
// runs are refused at booking without it, fixed-stop runs need none, so a territory without the
// files is a warning, not a failure.

import Foundation
import RelaisCore

extension DoctorCommand {
    /// One line: `ok` with the sizes of the data, or `warn` with the file and line at fault.
    static func checkRouteData(_ context: Context, check: (String, String?) -> Void) {
        switch context.routeData {
        case .loaded(let data):
            check(
                "route data \(data.times.fileName): \(data.geo.positions.count) communes placed, "
                    + "\(data.pickups.points.count) pickup points; on-demand runs can be planned", nil)
        case .unavailable(let why):
            print("warn route data: \(why); on-demand runs cannot be booked until it loads")
        }
    }
}
