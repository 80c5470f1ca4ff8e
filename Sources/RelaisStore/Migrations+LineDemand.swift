// Migrations+LineDemand: schema step 24, what makes a transport event's runs door-to-door, kept beside the other
// steps' list in Migrations.swift (append-only, never edited once shipped).
//
// A calendar's transport event with X-RELAIS-PICKUP:on-demand records its line as every transport
// event does (shuttle_line, one shuttle_line_stop at the depot) and, here, its departure window's
// length, depot and destination commune: each run made for one of its occurrences gets its
// shuttle_demand row (step 22) from them, as `runs add --on-demand` gives one.

extension Migrations {
    /// 24: `shuttle_line_demand`, the on-demand part of a calendar's shuttle line.
    static let lineDemandStep = """
        CREATE TABLE shuttle_line_demand (
            event TEXT PRIMARY KEY REFERENCES shuttle_line(event) ON DELETE CASCADE,
            window_minutes INTEGER NOT NULL CHECK (window_minutes >= 0),
            depot TEXT NOT NULL CHECK (depot <> ''),
            destination_commune TEXT NOT NULL CHECK (destination_commune <> '')
        ) STRICT;
        """
}
