// relais transport manifest on an on-demand (door-to-door) run: the driver's sheet of the route
// recorded at booking (pickups in the vehicle's order with their times, commune, pickup point or door
// address, phone, needs and ride, then the return's drop-offs), as the core's OnDemandManifest
// renders it in text, CSV, JSON or a printable HTML page with a schematic map. The map places the
// communes with the territory's NAME.communes-geo.csv; without that file the page has no map.

import Foundation
import RelaisCore
import RelaisStore

enum TransportManifestOnDemand {
    /// The sheet of a stored on-demand run, its times as wall-clock `HH:MM` of the run's day.
    static func manifest(_ sheet: OnDemandSheetRecord, _ context: Context) throws -> OnDemandManifest {
        let calendar = context.localTime.calendar
        let day = calendar.startOfDay(for: sheet.arrival)
        let minute = { (date: Date) in Int((date.timeIntervalSince(day) / 60).rounded()) }
        let arrival = minute(sheet.arrival)
        let back = minute(sheet.returnDeparture)
        let times = TransportOnDemand.travelTimes(context)
        let demand = sheet.demand
        let outbound = sheet.passengers.compactMap { passenger -> StoredRouteStop? in
            guard passenger.outbound, let order = passenger.pickupOrder, let at = passenger.pickupAt else { return nil }
            return StoredRouteStop(
                booking: passenger.booking, commune: passenger.commune, order: order, offsetMinutes: minute(at) - arrival,
                rideMinutes: passenger.rideMinutes ?? 0, wheelchair: passenger.wheelchair)
        }
        let rules = TransportCommand.shuttleContext(context).routeRules
        let inbound = sheet.passengers.compactMap { passenger -> StoredRouteStop? in
            guard passenger.inbound, let order = passenger.dropoffOrder, let at = passenger.dropoffAt else { return nil }
            return StoredRouteStop(
                booking: passenger.booking, commune: passenger.commune, order: order, offsetMinutes: minute(at) - back,
                rideMinutes: minute(at) - back + rules.boarding(wheelchair: passenger.wheelchair), wheelchair: passenger.wheelchair)
        }
        let name = { (code: String) in TransportCommand.communeName(code, context) }
        return OnDemandManifest(
            run: sheet.run, label: sheet.label,
            day: LocalDateWording.day(sheet.arrival, language: .french, calendar: calendar),
            depot: ManifestPlace(name: "Dépôt", commune: demand.depot, communeName: name(demand.depot)),
            destination: ManifestPlace(
                name: sheet.destination, commune: demand.destinationCommune, communeName: name(demand.destinationCommune)),
            outbound: .storedOutbound(outbound, depot: demand.depot, destination: demand.destinationCommune, times: times),
            return: .storedReturn(
                inbound, depot: demand.depot, destination: demand.destinationCommune, times: times,
                rules: rules),
            anchors: ManifestAnchors(arrivalMinute: arrival, returnMinute: back),
            passengers: sheet.passengers.map(passenger), communeName: name, map: points(context))
    }

    /// The sheet in `format` (text, csv, json or html).
    static func render(_ manifest: OnDemandManifest, format: String) -> String {
        switch format {
        case "csv": return manifest.csv()
        case "json": return manifest.json()
        case "html": return manifest.html()
        default: return manifest.text()
        }
    }

    private static func passenger(_ passenger: OnDemandSheetPassenger) -> ManifestPassenger {
        let place: String
        let door: Bool
        switch passenger.place {
        case .point(let name)?: (place, door) = (name, false)
        case .door(let address)?: (place, door) = (address, true)
        case nil: (place, door) = ("(adresse effacée)", true)
        }
        return ManifestPassenger(
            booking: passenger.booking, name: passenger.name, phone: passenger.phone, place: place, door: door,
            wheelchair: passenger.wheelchair, companion: passenger.companion)
    }

    /// The communes' points for the schematic; none when the coordinates file is missing or unreadable.
    private static func points(_ context: Context) -> [ManifestPoint] {
        let path = TransportExport.pointsPath(context)
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        guard let geo = try? CommuneGeo.parse(String(decoding: data, as: UTF8.self), fileName: path) else {
            Output.warn("relais: \(path) cannot be read; the sheet has no map")
            return []
        }
        return geo.positions.map { ManifestPoint(commune: $0.code, name: $0.name, latitude: $0.latitude, longitude: $0.longitude) }
    }
}
