// DoctorCommand+Route: `relais doctor` says, in one line, whether the territory's on-demand route data
// loads (the positions, travel times and pickup points beside its file, checked together): on-demand
// runs are refused at booking without it, fixed-stop runs need none, so a territory without the
// files is a warning, not a failure. Then whether relais serve's latest reload (SIGHUP) could use
// every file: one that it could not (the territory, the route data) is a failure, since the
// daemon goes on with the values it had while the files say otherwise.

import Foundation
import RelaisCore
import RelaisService
import RelaisStore

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

    /// One line when relais serve's latest reload kept values in force: FAIL with the files and lines.
    static func checkServeReload(_ store: Store, time: LocalTime, check: (String, String?) -> Void) throws {
        guard let reload = try store.serviceState(Daemon.reloadKey) else { return }
        check("relais serve's reload at \(time.short(reload.updatedAt))", reload.value.split(separator: "\n").joined(separator: "; "))
    }
}
