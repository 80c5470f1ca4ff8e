// The calendar's on-demand shuttle event (X-RELAIS-PICKUP:on-demand): the line it makes (a window
// from DTSTART, the arrival and return, the depot and destination commune, from the properties or
// the [transport] defaults), and the refusals, each naming its property, and the file's line when
// the calendar is judged.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ShuttleCalendarOnDemandTests {
    let territory = Territory.paysDeGex

    func line(_ properties: [String: String], capacity: Int? = 8, settings: ShuttleSettings = ShuttleSettings()) throws -> ShuttleLine {
        try ShuttleCalendarProperties.line(
            properties, commune: nil, location: nil, capacity: capacity, firstMinute: 7 * 60, durationMinutes: 300, settings: settings,
            territory: territory)
    }

    @Test func theEventsPropertiesMakeTheSameShapeAsRunsAddOnDemand() throws {
        let line = try line([
            "X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPARTURE-WINDOW": "07:00-08:30", "X-RELAIS-ARRIVAL": "09:00",
            "X-RELAIS-RETURN": "11:30", "X-RELAIS-DEPOT": "Gex", "X-RELAIS-DESTINATION-COMMUNE": "01053",
            "X-RELAIS-VEHICLE": "wheelchair-places=1", "X-RELAIS-DESTINATION": "CH Fleyriat",
        ])
        let gex = try #require(territory.commune(named: "Gex")).code
        #expect(line.demand == ShuttleLineDemand(windowMinutes: 90, depot: gex, destinationCommune: "01053"))
        #expect(line.arrivalMinutes == 120 && line.returnMinutes == 270)
        #expect(line.stops == [ShuttleStopPlan(commune: gex, place: ShuttleLineDemand.stopPlace, offsetMinutes: 0)])
        #expect(line.vehicle == ShuttleVehicle(seats: 8, wheelchairPlaces: 1, seatsPerWheelchair: 2))
        #expect(line.destination == "CH Fleyriat")
    }

    @Test func whatTheEventDoesNotSayComesFromTheTransportSettings() throws {
        var settings = ShuttleSettings()
        settings.depot = "01173"
        settings.destinationCommune = "01053"
        let line = try line(["X-RELAIS-PICKUP": "On-Demand"], capacity: nil, settings: settings)
        // The window is DTSTART alone, the arrival travel_minutes after it, the return DTEND - travel_minutes.
        #expect(line.demand == ShuttleLineDemand(windowMinutes: 0, depot: "01173", destinationCommune: "01053"))
        #expect(line.arrivalMinutes == 90 && line.returnMinutes == 210)
        #expect(line.vehicle.seats == settings.vehicle.seats)
        #expect(try self.line(["X-RELAIS-STOPS": "07:00 Gex, Mairie"]).demand == nil)
        #expect(try self.line(["X-RELAIS-PICKUP": "fixed-stops", "X-RELAIS-STOPS": "07:00 Gex, Mairie"]).demand == nil)
    }

    @Test(arguments: [
        (["X-RELAIS-PICKUP": "porte-à-porte"], "X-RELAIS-PICKUP", "known: fixed-stops, on-demand"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-STOPS": "07:00 Gex, Mairie"], "X-RELAIS-STOPS", "has no stops"),
        (["X-RELAIS-DEPARTURE-WINDOW": "07:00-08:30"], "X-RELAIS-DEPARTURE-WINDOW", "only an on-demand event"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPARTURE-WINDOW": "7h-8h30"], "X-RELAIS-DEPARTURE-WINDOW", "not a window"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPARTURE-WINDOW": "07:30-08:30"], "X-RELAIS-DEPARTURE-WINDOW", "event's start"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DESTINATION-COMMUNE": "01053"], "X-RELAIS-DEPOT", "[transport] depot names none"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPOT": "Genève"], "X-RELAIS-DEPOT", "not an INSEE commune code"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPOT": "74010"], "X-RELAIS-DEPOT", "is not a commune of"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPOT": "Gex"], "X-RELAIS-DESTINATION-COMMUNE", "names none"),
        (
            [
                "X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPOT": "Gex", "X-RELAIS-DESTINATION-COMMUNE": "01053",
                "X-RELAIS-DEPARTURE-WINDOW": "07:00-08:30", "X-RELAIS-ARRIVAL": "08:15",
            ], "X-RELAIS-ARRIVAL", ""
        ),
    ])
    func badOnDemandPropertiesAreRefusedByName(properties: [String: String], field: String, reason: String) {
        let error = #expect(throws: FieldError.self) { try line(properties) }
        #expect(error?.field == field, "\(String(describing: error))")
        #expect(reason.isEmpty || error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    @Test func moreSeatsThanAnOnDemandRunMayHaveAreRefusedOnTheCapacity() {
        let error = #expect(throws: FieldError.self) {
            try line(["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-DEPOT": "Gex", "X-RELAIS-DESTINATION-COMMUNE": "01053"], capacity: 20)
        }
        #expect(error?.field == "X-RELAIS-CAPACITY" && error?.reason.contains("at most 16 seats") == true)
    }

    @Test(arguments: [
        (["X-RELAIS-PICKUP": "taxi"], "X-RELAIS-PICKUP"),
        (["X-RELAIS-PICKUP": "on-demand", "X-RELAIS-STOPS": "07:30 Gex, Mairie"], "X-RELAIS-STOPS"),
    ])
    func aCalendarIsRefusedNamingTheEventsLine(properties: [String: String], field: String) {
        let event = CalendarEvent(
            uid: "d@test", line: 14, summary: "Navette", categories: ["transport"], timeZone: "Europe/Paris",
            extensions: properties.merging(["X-RELAIS-FA": "7,11"]) { a, _ in a }, occurrences: [])
        let error = #expect(throws: CalendarValidationError.self) {
            try CampaignCalendar.judge(
                CalendarDocument(properties: ["X-RELAIS-CAMPAIGN": "navettes"], events: [event]), fileName: "d.ics", territory: territory)
        }
        #expect(error?.description.contains("d.ics:14: event d@test: \(field)") == true, "\(String(describing: error))")
    }
}
