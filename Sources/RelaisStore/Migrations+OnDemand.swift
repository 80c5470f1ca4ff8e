// Migrations+OnDemand: schema step 22, door-to-door (on-demand) shuttle runs, kept beside the other
// steps' list in Migrations.swift (append-only, never edited once shipped).
//
// An on-demand run is a shuttle_run with a row in `shuttle_demand`: its departure window, its depot
// and the commune (INSEE code) of its destination. It has no fixed stops: it keeps one stop row
// (position 1, at the depot, at the opening of the window) only because every booking refers to a
// stop (step 4's foreign key), and its bookings say where to pick each person up in
// `shuttle_pickup`: a named pickup point of their commune, or their home address. The route the
// core computes (each booking's pickup order and time, drop-off order and time) is written there
// too, with the pickup time the passenger was last told.
//
// The home address is personal data kept only until the run is over: a trigger erases it in the
// transaction that cancels the booking or records it completed or missed, and housekeeping erases
// those of runs that came back (Store+ShuttleOnDemand.swift). Debian's SQLite is built with
// SQLITE_SECURE_DELETE (https://sqlite.org/pragma.html#pragma_secure_delete: "overwrite deleted
// content with zeros"), so the erased text does not stay in the file's free space; a test reads the
// file to check.

extension Migrations {
    /// 22: on-demand runs (`shuttle_demand`) and their bookings' pickups (`shuttle_pickup`).
    static let onDemandStep = """
        CREATE TABLE shuttle_demand (
            run INTEGER PRIMARY KEY REFERENCES shuttle_run(id),
            window_opens_at INTEGER NOT NULL,
            window_closes_at INTEGER NOT NULL,
            depot TEXT NOT NULL CHECK (depot <> ''),
            destination_commune TEXT NOT NULL CHECK (destination_commune <> ''),
            route_computed_at INTEGER,
            CHECK (window_opens_at <= window_closes_at)
        ) STRICT;
        CREATE TABLE shuttle_pickup (
            booking INTEGER PRIMARY KEY REFERENCES shuttle_booking(id),
            commune TEXT NOT NULL CHECK (commune <> ''),
            place_kind TEXT NOT NULL CHECK (place_kind IN ('point', 'door')),
            point TEXT CHECK (point IS NULL OR (point <> '' AND length(point) <= 120)),
            door TEXT CHECK (door IS NULL OR (door <> '' AND length(door) <= 200)),
            door_erased_at INTEGER,
            pickup_order INTEGER CHECK (pickup_order IS NULL OR pickup_order >= 1),
            pickup_at INTEGER,
            dropoff_order INTEGER CHECK (dropoff_order IS NULL OR dropoff_order >= 1),
            dropoff_at INTEGER,
            ride_minutes INTEGER CHECK (ride_minutes IS NULL OR ride_minutes >= 0),
            told_pickup_at INTEGER,
            too_far_ride_minutes INTEGER CHECK (too_far_ride_minutes IS NULL OR too_far_ride_minutes >= 0),
            too_far_limit_minutes INTEGER CHECK (too_far_limit_minutes IS NULL OR too_far_limit_minutes >= 0),
            CHECK ((place_kind = 'point') = (point IS NOT NULL)),
            CHECK (place_kind = 'point' OR (door IS NULL) = (door_erased_at IS NOT NULL)),
            CHECK (place_kind = 'door' OR (door IS NULL AND door_erased_at IS NULL))
        ) STRICT;
        CREATE TRIGGER shuttle_pickup_only_on_demand BEFORE INSERT ON shuttle_pickup
        WHEN NOT EXISTS (SELECT 1 FROM shuttle_booking b JOIN shuttle_demand d ON d.run = b.run WHERE b.id = NEW.booking)
        BEGIN SELECT RAISE(ABORT, 'relais: a pickup is for a booking of an on-demand run'); END;
        CREATE TRIGGER shuttle_pickup_door_erased_when_done AFTER UPDATE OF status ON shuttle_booking
        WHEN NEW.status IN ('cancelled', 'completed', 'no_show')
        BEGIN
            UPDATE shuttle_pickup SET door = NULL, door_erased_at = unixepoch() WHERE booking = NEW.id AND door IS NOT NULL;
        END;
        """
}
