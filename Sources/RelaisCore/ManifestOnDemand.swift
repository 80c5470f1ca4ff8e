// ManifestOnDemand: the driver's sheet of a door-to-door run, as a plain value, and its text, CSV
// and JSON forms (the printable HTML page with its schematic route is RelaisReports' ManifestOnDemandHTML.swift).
//
// The sheet lists the pickups in the order the vehicle makes them, with their times, commune, the
// pickup point or the door address, the passenger's phone and needs (wheelchair, companion) and
// their time on board, then the return's drop-offs the same way. Times are wall-clock `HH:MM`
// already worked out (from the planned route's offsets and the run's anchors), so rendering needs
// no calendar. `map` holds the points of the communes involved (the territory's coordinates file)
// for the schematic. A CCAS's copy holds its residents only; the builder decides, not the renderer.

import Foundation

/// The driver's sheet of one door-to-door run.
public struct OnDemandManifest: Sendable, Equatable, Codable {
    public var run: Int64
    public var label: String
    /// The day as people read it: `mardi 30 mars 2027`.
    public var day: String
    /// Where the vehicle starts and ends.
    public var depot: ManifestPlace
    /// Where everyone goes.
    public var destination: ManifestPlace
    /// `HH:MM`: leaving the depot, arriving at the destination, leaving it, back at the depot.
    public var depotDeparture: String
    public var arrival: String
    public var returnDeparture: String
    public var depotReturn: String
    public var pickups: [ManifestCall]
    public var dropOffs: [ManifestCall]
    /// The communes to draw, by INSEE code (depot, destination and every stop's commune).
    public var map: [CommunePosition]

    public init(
        run: Int64, label: String, day: String, depot: ManifestPlace, destination: ManifestPlace, depotDeparture: String,
        arrival: String, returnDeparture: String, depotReturn: String, pickups: [ManifestCall], dropOffs: [ManifestCall],
        map: [CommunePosition]
    ) {
        self.run = run
        self.label = label
        self.day = day
        self.depot = depot
        self.destination = destination
        self.depotDeparture = depotDeparture
        self.arrival = arrival
        self.returnDeparture = returnDeparture
        self.depotReturn = depotReturn
        self.pickups = pickups
        self.dropOffs = dropOffs
        self.map = map
    }

    enum CodingKeys: String, CodingKey {
        case run, label, day, depot, destination, arrival, pickups, map
        case depotDeparture = "depot_departure"
        case returnDeparture = "return_departure"
        case depotReturn = "depot_return"
        case dropOffs = "drop_offs"
    }
}

/// A named place in a commune.
public struct ManifestPlace: Sendable, Equatable, Codable {
    public var name: String
    /// INSEE code.
    public var commune: String
    public var communeName: String

    public init(name: String, commune: String, communeName: String) {
        self.name = name
        self.commune = commune
        self.communeName = communeName
    }

    enum CodingKeys: String, CodingKey {
        case name, commune
        case communeName = "commune_name"
    }
}

/// A pickup (outbound) or a drop-off (return).
public struct ManifestCall: Sendable, Equatable, Codable {
    /// 1, 2, ... in the order the vehicle makes them.
    public var order: Int
    /// `HH:MM`.
    public var time: String
    /// INSEE code and name of the commune.
    public var commune: String
    public var communeName: String
    /// The pickup point's name, or the door address.
    public var place: String
    /// True when `place` is the passenger's home address (erased once the run is complete).
    public var door: Bool
    /// The pickup point's address (NAME.pickup-points.csv), or the door address; nil when the point
    /// is not in the file any more or the door address was erased.
    public var address: String?
    public var booking: Int64
    /// nil once forgotten.
    public var name: String?
    public var phone: String?
    public var wheelchair: Bool
    public var companion: Bool
    /// Minutes on board.
    public var rideMinutes: Int

    public init(
        order: Int, time: String, commune: String, communeName: String, place: String, door: Bool, booking: Int64, name: String?,
        phone: String?, wheelchair: Bool, companion: Bool, rideMinutes: Int, address: String? = nil
    ) {
        self.order = order
        self.time = time
        self.commune = commune
        self.communeName = communeName
        self.place = place
        self.door = door
        self.address = address
        self.booking = booking
        self.name = name
        self.phone = phone
        self.wheelchair = wheelchair
        self.companion = companion
        self.rideMinutes = rideMinutes
    }

    enum CodingKeys: String, CodingKey {
        case order, time, commune, place, door, address, booking, name, phone, wheelchair, companion
        case communeName = "commune_name"
        case rideMinutes = "ride_minutes"
    }

    /// Every key written, an absent name, phone or address as null (as the JSON API writes absent values).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(order, forKey: .order)
        try container.encode(time, forKey: .time)
        try container.encode(commune, forKey: .commune)
        try container.encode(communeName, forKey: .communeName)
        try container.encode(place, forKey: .place)
        try container.encode(door, forKey: .door)
        try container.encode(address, forKey: .address)
        try container.encode(booking, forKey: .booking)
        try container.encode(name, forKey: .name)
        try container.encode(phone, forKey: .phone)
        try container.encode(wheelchair, forKey: .wheelchair)
        try container.encode(companion, forKey: .companion)
        try container.encode(rideMinutes, forKey: .rideMinutes)
    }

    /// `fauteuil roulant, accompagnant`, or empty.
    public var needs: [String] { [wheelchair ? "fauteuil roulant" : nil, companion ? "accompagnant" : nil].compactMap { $0 } }

    /// Where to stop, as one line: `Mairie, 1 place de la Mairie` for a point with its address, the door address
    /// alone for a door (its name is its address).
    public var placeAndAddress: String {
        guard !door, let address, !address.isEmpty, address != place else { return place }
        return "\(place), \(address)"
    }
}

// MARK: - Text, CSV, JSON

extension OnDemandManifest {
    /// The CSV columns, one row per call, outbound then return.
    public static let csvColumns = [
        "leg", "order", "time", "commune", "place", "door", "booking", "name", "phone", "wheelchair", "companion", "ride_minutes",
        "code_insee", "address",
    ]

    /// RFC 4180 with commas, formulas neutralised (CSVWriter).
    public func csv() -> String {
        let rows = [Self.csvColumns] + pickups.map { Self.row("outbound", $0) } + dropOffs.map { Self.row("return", $0) }
        return rows.map { CSVWriter.record($0, separator: ",") }.joined()
    }

    private static func row(_ leg: String, _ call: ManifestCall) -> [String] {
        [
            leg, String(call.order), call.time, call.communeName, call.place, call.door ? "yes" : "no", String(call.booking),
            call.name ?? "(forgotten)", call.phone ?? "", call.wheelchair ? "yes" : "no", call.companion ? "yes" : "no",
            String(call.rideMinutes), call.commune, call.address ?? "",
        ]
    }

    /// `wheelchair, companion`, or `-`.
    private static func englishNeeds(_ call: ManifestCall) -> String {
        let needs = [call.wheelchair ? "wheelchair" : nil, call.companion ? "companion" : nil].compactMap { $0 }
        return needs.isEmpty ? "-" : needs.joined(separator: ", ")
    }

    /// Pretty JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }

    /// A text table per leg, for a terminal.
    public func text() -> String {
        var lines = [
            "Run \(run): \(label), \(day) (door to door)",
            "  leaves \(depot.name) (\(depot.communeName)) at \(depotDeparture), arrives \(destination.name) at \(arrival)",
            "  leaves \(destination.name) at \(returnDeparture), back at \(depot.name) at \(depotReturn)",
        ]
        for (title, calls) in [("Pickups", pickups), ("Return drop-offs", dropOffs)] {
            lines.append("")
            lines.append("\(title):")
            if calls.isEmpty {
                lines.append("No passenger.")
                continue
            }
            let header = ["#", "TIME", "COMMUNE", "PLACE", "BOOKING", "NAME", "PHONE", "NEEDS", "ON BOARD"]
            let table = calls.map { call in
                [
                    String(call.order), call.time, call.communeName, call.door ? "door: \(call.place)" : call.placeAndAddress,
                    String(call.booking),
                    call.name ?? "(forgotten)", call.phone ?? "", Self.englishNeeds(call), "\(call.rideMinutes) min",
                ]
            }
            let widths = header.indices.map { column in ([header] + table).map { $0[column].count }.max() ?? 0 }
            for cells in [header] + table {
                lines.append(
                    cells.enumerated().map { index, cell in
                        index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
