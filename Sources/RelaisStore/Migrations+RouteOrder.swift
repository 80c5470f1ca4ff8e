// Migrations+RouteOrder: schema step 25, the outbound pickup order a coordinator fixed by hand (`relais transport route RUN --order`),
// kept beside the other steps' list in Migrations.swift (append-only, never edited once shipped).
//
// `fixed_order` is set on every confirmed outbound passenger's pickup of the run at once, or on none:
// the planner then follows it (Store+ShuttleRouteOrder.swift). A cancellation keeps the others' order;
// a passenger who joins without one (a booking, a promotion) returns the run to the optimum.

extension Migrations {
    /// 25: `shuttle_pickup.fixed_order`, a coordinator's outbound pickup order.
    static let routeOrderStep = """
        ALTER TABLE shuttle_pickup ADD COLUMN fixed_order INTEGER CHECK (fixed_order IS NULL OR fixed_order >= 1);
        """
}
