// Store+ShuttleRuns: shuttle runs: made from the transport calendar's occurrences or added by
// command, kept in step with the calendar, cancelled, and listed with their seats.
//
// Calendar runs follow their occurrence. `syncShuttleRuns` runs in every calendar load's and
// every booking's transaction, and in `relais serve`'s loop (never in a listing, which only
// reads): an upcoming occurrence of an event with category `transport` that has no run gets one,
// shaped by the event's recorded line (shuttle_line, from `relais transport runs load`) or by
// defaults; a run whose occurrence changed version follows it: moved (every time shifts, pickup
// reminders are planned again) or cancelled (bookings cancelled, passengers told). A cancelled
// run stays cancelled.

import Foundation
import RelaisCore

/// Everything shuttle operations decide with: the settings, the sending windows, the moment and the zone.
public struct ShuttleContext: Sendable {
    public var settings: ShuttleSettings
    public var outreach: OutreachRules
    public var now: Date
    public var localTime: LocalTime
    public var territory: Territory
    /// Who acts, as written in `booked_by` and the audit log: an account's login on the web desk;
    /// nil on the command line, where the scope names the actor (`ccas:<commune slug>`, `coordinator`).
    public var actor: String?
    /// The territory's travel times between communes, for on-demand runs; nil when they did not load
    /// (`routeProblem` says why, and on-demand runs are then refused rather than booked on seats alone).
    public var travelTimes: TravelTimes? = nil
    /// The territory's pickup points, which `--pickup-point` is checked against; nil when they did not load.
    public var pickupPoints: PickupPoints? = nil
    /// Why the territory's route data did not load (the file and line), when it did not.
    public var routeProblem: String? = "the territory's route data was not loaded"
    /// The ride limit and boarding times on-demand routes are planned with.
    public var routeRules = RouteRules()

    public init(
        settings: ShuttleSettings, outreach: OutreachRules, now: Date, localTime: LocalTime, territory: Territory, actor: String? = nil
    ) {
        self.settings = settings
        self.outreach = outreach
        self.now = now
        self.localTime = localTime
        self.territory = territory
        self.actor = actor
    }

    var calendar: Calendar { localTime.calendar }

    /// Uses the territory's route data as it loaded (RouteFiles), or records why it did not, and the
    /// ride limit and boarding times of `[transport]`.
    public mutating func use(_ route: RouteDataLoad) {
        routeRules = settings.route
        travelTimes = route.data?.times
        pickupPoints = route.data?.pickups
        routeProblem = route.problem
    }

    /// The actor of a change made in `scope`.
    func actor(in scope: ShuttleScope) -> String { actor ?? scope.actor }
}

/// A stop of a run.
public struct ShuttleStopRecord: Sendable, Equatable {
    public var position: Int
    /// The commune's INSEE code.
    public var commune: String
    public var place: String
    public var pickup: Date
}

/// A run as listed, with the seats taken.
public struct ShuttleRunRecord: Sendable, Equatable {
    public var id: Int64
    public var occurrence: Int64?
    public var label: String
    public var departure: Date
    public var arrival: Date
    public var returnDeparture: Date
    public var destination: String
    public var vehicle: ShuttleVehicle
    public var ccasQuota: Int?
    /// `scheduled` or `cancelled`.
    public var status: String
    public var version: Int
    public var stops: [ShuttleStopRecord]
    /// Seats held on the outbound and the return leg, wheelchair places used, bookings waiting.
    public var outboundSeats: Int
    public var returnSeats: Int
    public var wheelchairs: Int
    public var waitlisted: Int
    /// Seats held by the residents of the scope's commune (a CCAS); nil for the coordinator.
    public var scopeSeats: Int?
    /// What makes the run on-demand (door-to-door); nil for a fixed-stop run.
    public var demand: ShuttleDemandRecord? = nil

    /// Fixed stops or on demand.
    public var kind: ShuttleRunKind { demand == nil ? .fixedStops : .onDemand }
}

/// A run added by command: the day, the stops as typed, and the rest of its shape.
public struct ShuttleRunForm: Sendable {
    public var label: String
    /// Local midnight of the run's day.
    public var day: Date
    public var stops: [ShuttleStopText]
    public var arrivalMinute: Int?
    public var returnMinute: Int
    public var vehicle: ShuttleVehicle
    public var destination: String
    public var ccasQuota: Int?

    public init(
        label: String, day: Date, stops: [ShuttleStopText], arrivalMinute: Int?, returnMinute: Int, vehicle: ShuttleVehicle,
        destination: String, ccasQuota: Int?
    ) {
        self.label = label
        self.day = day
        self.stops = stops
        self.arrivalMinute = arrivalMinute
        self.returnMinute = returnMinute
        self.vehicle = vehicle
        self.destination = destination
        self.ccasQuota = ccasQuota
    }
}

/// What keeping runs in step with the calendar did.
public struct ShuttleSyncSummary: Sendable, Equatable {
    public var added = 0
    public var moved = 0
    public var cancelled = 0
    /// Runs whose stops and times a new line did not change because people have booked them
    /// (their seats, wheelchair places and CCAS quota do follow the line).
    public var keptForBookings = 0

    public init() {}
}

/// The statuses in which a booking holds its seats.
let seatHoldingStatuses = "('confirmed', 'completed', 'no_show')"

extension Store {
    // MARK: - Keeping runs in step with the calendar

    /// Makes the runs upcoming transport occurrences lack and follows moved or cancelled ones.
    @discardableResult
    public func syncShuttleRuns(context: ShuttleContext) throws -> ShuttleSyncSummary {
        // A read first: most commands find nothing to do and take no write lock for it.
        guard try !database.rows(Self.unsyncedQuery + " LIMIT 1", [.date(context.now)]).isEmpty else { return ShuttleSyncSummary() }
        return try database.write { database in try syncShuttleRuns(context: context, in: database) }
    }

    private static let unsyncedQuery = """
        SELECT o.id, o.version, o.status, o.starts_at, o.ends_at, e.uid, e.commune, e.capacity,
            coalesce(o.location, e.location) AS location, coalesce(o.summary, e.summary) AS summary,
            r.id AS run, r.status AS run_status, r.departs_at
        FROM occurrence o JOIN event e ON e.uid = o.event LEFT JOIN shuttle_run r ON r.occurrence = o.id
        WHERE instr(',' || e.categories || ',', ',transport,') > 0
            AND ((r.id IS NULL AND o.status <> 'cancelled' AND o.starts_at > ?1) OR (r.id IS NOT NULL AND r.occurrence_version IS NOT o.version))
        """

    func syncShuttleRuns(context: ShuttleContext, in database: Database) throws -> ShuttleSyncSummary {
        var summary = ShuttleSyncSummary()
        for row in try database.rows(Self.unsyncedQuery + " ORDER BY o.starts_at", [.date(context.now)]) {
            let occurrence = row.int64("id")!
            let version = row.int("version") ?? 1
            guard let run = row.int64("run") else {
                guard let line = try line(of: row, context: context, in: database) else { continue }
                try insertRun(
                    label: row.string("summary")!, occurrence: occurrence, version: version, departure: row.date("starts_at")!,
                    line: line, now: context.now, in: database)
                summary.added += 1
                continue
            }
            try database.run("UPDATE shuttle_run SET occurrence_version = ? WHERE id = ?", [.int(version), .integer(run)])
            // A run that has left is history: the calendar no longer changes it.
            guard row.string("run_status") == "scheduled", let departure = row.date("departs_at"), departure > context.now else { continue }
            if row.string("status") == "cancelled" {
                try cancelRun(run, reason: "cancelled in the calendar", context: context, in: database)
                summary.cancelled += 1
            } else if departure != row.date("starts_at")! {
                try shiftRun(run, by: row.date("starts_at")!.timeIntervalSince(departure), context: context, in: database)
                summary.moved += 1
            }
        }
        return summary
    }

    /// The line of a transport event: recorded by `runs load`, or its defaults.
    private func line(of row: Row, context: ShuttleContext, in database: Database) throws -> ShuttleLine? {
        if let line = try recordedLine(row.string("uid")!, in: database) { return line }
        let start = row.date("starts_at")!
        let parts = context.calendar.dateComponents([.hour, .minute], from: start)
        return try? ShuttleCalendarProperties.line(
            [:], commune: row.string("commune"), location: row.string("location"), capacity: row.int("capacity"),
            firstMinute: parts.hour! * 60 + parts.minute!, durationMinutes: Int(row.date("ends_at")!.timeIntervalSince(start)) / 60,
            settings: context.settings, territory: context.territory)
    }

    private func recordedLine(_ event: String, in database: Database) throws -> ShuttleLine? {
        guard let row = try database.row("SELECT * FROM shuttle_line WHERE event = ?", [.text(event)]) else { return nil }
        let stops = try database.rows("SELECT * FROM shuttle_line_stop WHERE event = ? ORDER BY position", [.text(event)]).map {
            ShuttleStopPlan(commune: $0.string("commune")!, place: $0.string("place")!, offsetMinutes: $0.int("offset_minutes")!)
        }
        var line = ShuttleLine(
            stops: stops,
            vehicle: ShuttleVehicle(
                seats: row.int("seats")!, wheelchairPlaces: row.int("wheelchair_places")!,
                seatsPerWheelchair: row.int("seats_per_wheelchair")!),
            arrivalMinutes: row.int("arrival_minutes")!, returnMinutes: row.int("return_minutes")!, destination: row.string("destination")!,
            ccasQuota: row.int("ccas_quota"))
        line.demand = try lineDemand(of: event, in: database)
        return line
    }

    /// Records the lines of a transport calendar's events (by UID), reshapes their upcoming runs that
    /// nobody booked yet, gives the booked ones the new vehicle and quota (and booked on-demand ones
    /// the new times when a route still carries their passengers, Store+ShuttleLineDemand.swift), and
    /// makes the missing runs.
    public func recordShuttleLines(_ lines: [String: ShuttleLine], context: ShuttleContext) throws -> ShuttleSyncSummary {
        try database.write { database in try recordShuttleLines(lines, context: context, in: database) }
    }

    /// recordShuttleLines inside the caller's write transaction (a calendar load's).
    func recordShuttleLines(_ lines: [String: ShuttleLine], context: ShuttleContext, in database: Database) throws -> ShuttleSyncSummary {
        var kept = 0
        for (event, line) in lines.sorted(by: { $0.key < $1.key }) {
            try database.run("DELETE FROM shuttle_line WHERE event = ?", [.text(event)])
            try database.run(
                """
                INSERT INTO shuttle_line (event, seats, wheelchair_places, seats_per_wheelchair, arrival_minutes, return_minutes,
                    destination, ccas_quota, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(event), .int(line.vehicle.seats), .int(line.vehicle.wheelchairPlaces), .int(line.vehicle.seatsPerWheelchair),
                    .int(line.arrivalMinutes), .int(line.returnMinutes), .text(line.destination), .int(line.ccasQuota),
                    .date(context.now),
                ])
            for (index, stop) in line.stops.enumerated() {
                try database.run(
                    "INSERT INTO shuttle_line_stop (event, position, commune, place, offset_minutes) VALUES (?, ?, ?, ?, ?)",
                    [.text(event), .int(index + 1), .text(stop.commune), .text(stop.place), .int(stop.offsetMinutes)])
            }
            try recordLineDemand(of: event, line: line, in: database)
            let runs = try database.rows(
                """
                SELECT r.id, r.departs_at, (SELECT count(*) FROM shuttle_booking b WHERE b.run = r.id) AS bookings
                FROM shuttle_run r JOIN occurrence o ON o.id = r.occurrence
                WHERE o.event = ? AND r.status = 'scheduled' AND r.departs_at > ?
                """, [.text(event), .date(context.now)])
            for run in runs {
                guard run.int("bookings") == 0 else {
                    let refitted = try refitBookedDemandRun(
                        run.int64("id")!, departure: run.date("departs_at")!, line: line, context: context, in: database)
                    if !refitted { kept += 1 }
                    continue
                }
                try reshapeRun(run.int64("id")!, departure: run.date("departs_at")!, line: line, in: database)
            }
        }
        var summary = try syncShuttleRuns(context: context, in: database)
        summary.keptForBookings = kept
        // After the sync: a run it cancelled keeps its vehicle, its bookings are cancelled with it.
        for (event, line) in lines.sorted(by: { $0.key < $1.key }) {
            _ = try applyVehicle(of: line, toBookedRunsOf: event, context: context, in: database)
        }
        return summary
    }

    // MARK: - Runs

    /// Adds a run by command; returns its id.
    public func addShuttleRun(_ form: ShuttleRunForm, context: ShuttleContext) throws -> Int64 {
        let first = form.stops[0].minute
        let calendar = context.calendar
        let day = ShuttleBookingRules.localDay(of: form.day, calendar: calendar)
        let departure = ShuttleBookingRules.instant(on: day, minute: first, calendar: calendar)
        let arrival = form.arrivalMinute.map { $0 - first } ?? (form.stops.last!.minute - first + context.settings.travelMinutes)
        let line = ShuttleLine(
            stops: form.stops.map { ShuttleStopPlan(commune: $0.commune.code, place: $0.place, offsetMinutes: $0.minute - first) },
            vehicle: form.vehicle, arrivalMinutes: arrival, returnMinutes: form.returnMinute - first, destination: form.destination,
            ccasQuota: form.ccasQuota)
        if let problem = line.problem { throw Refusal.shuttle(.runShape(problem)) }
        guard departure > context.now else { throw Refusal.shuttle(.departureInPast(departure: departure)) }
        return try database.write { database in
            try insertRun(
                label: form.label, occurrence: nil, version: nil, departure: departure, line: line, now: context.now, in: database)
        }
    }

    @discardableResult
    func insertRun(
        label: String, occurrence: Int64?, version: Int?, departure: Date, line: ShuttleLine, now: Date, in database: Database
    ) throws -> Int64 {
        let times = line.times(departure: departure)
        try database.run(
            """
            INSERT INTO shuttle_run (occurrence, occurrence_version, label, departs_at, arrives_at, returns_at, destination, seats,
                wheelchair_places, seats_per_wheelchair, ccas_quota, status, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scheduled', ?)
            """,
            [
                occurrence.map { .integer($0) } ?? .null, .int(version), .text(label), .date(departure), .date(times.arrival),
                .date(times.returnDeparture), .text(line.destination), .int(line.vehicle.seats), .int(line.vehicle.wheelchairPlaces),
                .int(line.vehicle.seatsPerWheelchair), .int(line.ccasQuota), .date(now),
            ])
        let run = database.lastInsertedRowID
        for (index, stop) in line.stops.enumerated() {
            try database.run(
                "INSERT INTO shuttle_stop (run, position, commune, place, pickup_at) VALUES (?, ?, ?, ?, ?)",
                [.integer(run), .int(index + 1), .text(stop.commune), .text(stop.place), .date(times.pickups[index])])
        }
        try recordRunDemand(run, departure: departure, line: line, in: database)
        return run
    }

    /// Gives a run nobody booked the shape of a new line.
    private func reshapeRun(_ run: Int64, departure: Date, line: ShuttleLine, in database: Database) throws {
        let times = line.times(departure: departure)
        try database.run(
            """
            UPDATE shuttle_run SET arrives_at = ?, returns_at = ?, destination = ?, seats = ?, wheelchair_places = ?,
                seats_per_wheelchair = ?, ccas_quota = ?, version = version + 1 WHERE id = ?
            """,
            [
                .date(times.arrival), .date(times.returnDeparture), .text(line.destination), .int(line.vehicle.seats),
                .int(line.vehicle.wheelchairPlaces), .int(line.vehicle.seatsPerWheelchair), .int(line.ccasQuota), .integer(run),
            ])
        try database.run("DELETE FROM shuttle_stop WHERE run = ?", [.integer(run)])
        for (index, stop) in line.stops.enumerated() {
            try database.run(
                "INSERT INTO shuttle_stop (run, position, commune, place, pickup_at) VALUES (?, ?, ?, ?, ?)",
                [.integer(run), .int(index + 1), .text(stop.commune), .text(stop.place), .date(times.pickups[index])])
        }
        try database.run("DELETE FROM shuttle_demand WHERE run = ?", [.integer(run)])
        try recordRunDemand(run, departure: departure, line: line, in: database)
    }

    /// Moves every time of a run (its occurrence moved) and plans its passengers' reminders again.
    private func shiftRun(_ run: Int64, by seconds: TimeInterval, context: ShuttleContext, in database: Database) throws {
        let shift = Int64(seconds.rounded())
        try database.run(
            "UPDATE shuttle_run SET departs_at = departs_at + ?1, arrives_at = arrives_at + ?1, returns_at = returns_at + ?1, version = version + 1 WHERE id = ?2",
            [.integer(shift), .integer(run)])
        try database.run("UPDATE shuttle_stop SET pickup_at = pickup_at + ? WHERE run = ?", [.integer(shift), .integer(run)])
        for booking in try database.rows("SELECT id FROM shuttle_booking WHERE run = ? AND status = 'confirmed'", [.integer(run)]) {
            let id = booking.int64("id")!
            // The pickup reminder is planned again for the new times; a promotion notice still
            // waiting stays: it is written when it is sent, with the run's times as they are then.
            try database.run(
                """
                UPDATE outbox SET state = 'cancelled', reason = 'run moved', updated_at = ?
                WHERE booking = ? AND kind = 'shuttle-reminder' AND state IN (\(Self.sqlList(OutboxState.waiting)))
                """, [.date(context.now), .integer(id)])
            try queueShuttleMessage(.shuttleReminder, booking: id, context: context, in: database)
        }
        // A waitlisted passenger's deadline notice follows the run's new booking deadline.
        for booking in try database.rows("SELECT id FROM shuttle_booking WHERE run = ? AND status = 'waitlisted'", [.integer(run)]) {
            let id = booking.int64("id")!
            try database.run(
                """
                UPDATE outbox SET state = 'cancelled', reason = 'run moved', updated_at = ?
                WHERE booking = ? AND kind = 'shuttle-waitlist-deadline' AND state IN (\(Self.sqlList(OutboxState.waiting)))
                """, [.date(context.now), .integer(id)])
            try queueShuttleMessage(.shuttleWaitlistDeadline, booking: id, context: context, in: database)
        }
        try shiftDemand(of: run, by: shift, context: context, in: database)
    }

    /// Cancels a run by command; returns how many bookings were cancelled with it.
    public func cancelShuttleRun(_ run: Int64, reason: String, context: ShuttleContext) throws -> Int {
        try database.write { database in
            _ = try syncShuttleRuns(context: context, in: database)
            guard let row = try database.row("SELECT status, departs_at FROM shuttle_run WHERE id = ?", [.integer(run)]) else {
                throw Refusal.notFound(.run, id: String(run))
            }
            guard row.string("status") == "scheduled" else { throw Refusal.shuttle(.runCancelled) }
            guard row.date("departs_at")! > context.now else { throw Refusal.shuttle(.runLeft) }
            return try cancelRun(run, reason: reason, context: context, in: database)
        }
    }

    /// Marks a run cancelled, cancels its bookings and tells their passengers. Returns the bookings cancelled.
    @discardableResult
    func cancelRun(_ run: Int64, reason: String, context: ShuttleContext, in database: Database) throws -> Int {
        try database.run(
            "UPDATE shuttle_run SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?, version = version + 1 WHERE id = ?",
            [.date(context.now), .text(reason), .integer(run)])
        let bookings = try database.rows(
            "SELECT id FROM shuttle_booking WHERE run = ? AND status IN ('confirmed', 'waitlisted') ORDER BY id", [.integer(run)])
        for booking in bookings {
            let id = booking.int64("id")!
            try database.run(
                "UPDATE shuttle_booking SET status = 'cancelled', cancelled_at = ?, cancel_reason = 'run cancelled' WHERE id = ?",
                [.date(context.now), .integer(id)])
            try cancelShuttleMessages(of: id, reason: "run cancelled", in: database, now: context.now)
            try queueShuttleMessage(.shuttleCancelled, booking: id, context: context, in: database)
        }
        return bookings.count
    }
}
