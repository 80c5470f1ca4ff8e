// The shape of shuttle runs: stops as typed, the transport calendar's properties, seats a booking
// takes, and the EPS appointment against the run's arrival.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct ShuttleRunTests {
    let territory = Territory.paysDeGex
    let paris = LocalTime.paris

    @Test func stopsAreReadWithShortCommuneNames() throws {
        let stops = try ShuttleStopText.list(
            ["07:30 Gex, Parking de l'agglo", "7h45 St Genis, Place Jacques Prévert"], field: "--stop", territory: territory)
        #expect(stops.map(\.minute) == [450, 465])
        #expect(stops.map(\.commune.slug) == ["gex", "saint-genis-pouilly"])
        #expect(stops[1].place == "Place Jacques Prévert")
    }

    @Test(arguments: [
        (["07:30 Genève, Gare"], "is not a commune"),
        (["07:30 Gex"], "needs a place"),
        (["Gex, Mairie"], "is not a stop"),
        (["07:45 Gex, Mairie", "07:30 Cessy, Mairie"], "pickup order"),
        ([String](), "at least one stop"),
    ])
    func badStopsAreRefusedNamingTheField(texts: [String], reason: String) {
        let error = #expect(throws: FieldError.self) { try ShuttleStopText.list(texts, field: "--stop", territory: territory) }
        #expect(error?.field == "--stop")
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    @Test func aTransportEventsPropertiesGiveOffsetsFromItsStart() throws {
        let line = try ShuttleCalendarProperties.line(
            [
                "X-RELAIS-STOPS": "07:30 Gex, Parking de l'agglo; 07:45 Cessy, Mairie; 08:00 Ségny, Arrêt centre",
                "X-RELAIS-VEHICLE": "wheelchair-places=2 seats-per-wheelchair=3", "X-RELAIS-ARRIVAL": "09:30", "X-RELAIS-RETURN": "12:00",
                "X-RELAIS-CCAS-QUOTA": "4",
            ], commune: "gex", location: nil, capacity: 12, firstMinute: 450, durationMinutes: 330, settings: ShuttleSettings(),
            territory: territory)
        #expect(line.stops.map(\.offsetMinutes) == [0, 15, 30])
        #expect(line.vehicle == ShuttleVehicle(seats: 12, wheelchairPlaces: 2, seatsPerWheelchair: 3))
        #expect(line.arrivalMinutes == 120 && line.returnMinutes == 270 && line.ccasQuota == 4)
        let departure = paris.parse("2027-03-30T07:30")!
        #expect(paris.short(line.times(departure: departure).pickups[2]) == "2027-03-30 08:00")
    }

    @Test func anEventWithoutShuttlePropertiesIsOneStopWithTheDefaults() throws {
        let line = try ShuttleCalendarProperties.line(
            [:], commune: "gex", location: "Parking de l'agglo", capacity: 8, firstMinute: 450, durationMinutes: 330,
            settings: ShuttleSettings(),
            territory: territory)
        #expect(line.stops == [ShuttleStopPlan(commune: "gex", place: "Parking de l'agglo", offsetMinutes: 0)])
        #expect(line.arrivalMinutes == 90)  // 07:30 + travel_minutes: 09:00
        #expect(line.returnMinutes == 240)  // DTEND 13:00 - travel_minutes: 11:30
        #expect(line.vehicle == ShuttleVehicle(seats: 8, wheelchairPlaces: 1, seatsPerWheelchair: 2))
        #expect(line.destination.contains("Bourg-en-Bresse"))
    }

    @Test(arguments: [
        (["X-RELAIS-STOPS": "08:00 Gex, Mairie"], "X-RELAIS-STOPS", "must be the event's start"),
        (["X-RELAIS-VEHICLE": "wheelchairs=1"], "X-RELAIS-VEHICLE", "unknown setting"),
        (["X-RELAIS-VEHICLE": "wheelchair-places=5 seats-per-wheelchair=2"], "X-RELAIS-VEHICLE", "do not fit"),
        (["X-RELAIS-ARRIVAL": "9 heures"], "X-RELAIS-ARRIVAL", "not a time"),
        (["X-RELAIS-ARRIVAL": "09:00", "X-RELAIS-RETURN": "08:45"], "X-RELAIS-RETURN", "before the arrival"),
        (["X-RELAIS-CCAS-QUOTA": "0"], "X-RELAIS-CCAS-QUOTA", "1 or more"),
    ])
    func badShuttlePropertiesAreRefusedByName(properties: [String: String], field: String, reason: String) {
        let error = #expect(throws: FieldError.self) {
            try ShuttleCalendarProperties.line(
                properties, commune: "gex", location: "Mairie", capacity: 8, firstMinute: 450, durationMinutes: 330,
                settings: ShuttleSettings(), territory: territory)
        }
        #expect(error?.field == field)
        #expect(error?.reason.contains(reason) == true, "\(error?.reason ?? "")")
    }

    @Test func aCalendarWithAMistypedStopIsRefusedWhenJudged() {
        let event = CalendarEvent(
            uid: "n@test", line: 12, summary: "Navette", categories: ["transport"], timeZone: "Europe/Paris",
            extensions: ["X-RELAIS-FA": "7,11", "X-RELAIS-STOPS": "07:30 Lyon, Gare"], occurrences: [])
        let error = #expect(throws: CalendarValidationError.self) {
            try CampaignCalendar.judge(
                CalendarDocument(properties: ["X-RELAIS-CAMPAIGN": "navettes"], events: [event]), fileName: "n.ics", territory: territory)
        }
        #expect(error?.description.contains("n.ics:12: event n@test: X-RELAIS-STOPS") == true, "\(String(describing: error))")
    }

    @Test func aWheelchairTakesItsPlaceInSeatsAndACompanionOneSeat() {
        let vehicle = ShuttleVehicle(seats: 8, wheelchairPlaces: 1, seatsPerWheelchair: 2)
        #expect(vehicle.seats(wheelchair: false, companion: false) == 1)
        #expect(vehicle.seats(wheelchair: false, companion: true) == 2)
        #expect(vehicle.seats(wheelchair: true, companion: true) == 3)
    }

    @Test func theAppointmentMustLeaveFifteenMinutesAfterTheArrivalAndComeBeforeTheReturn() throws {
        let arrival = paris.parse("2027-03-30T09:00")!
        let back = paris.parse("2027-03-30T11:30")!
        try ShuttleAppointment.check(paris.parse("2027-03-30T09:15")!, arrival: arrival, returnDeparture: back, marginMinutes: 15)
        #expect(throws: Refusal.shuttle(.appointmentTooEarly(earliest: paris.parse("2027-03-30T09:15")!))) {
            try ShuttleAppointment.check(paris.parse("2027-03-30T09:14")!, arrival: arrival, returnDeparture: back, marginMinutes: 15)
        }
        #expect(throws: Refusal.shuttle(.appointmentNotBeforeReturn(returnDeparture: back))) {
            try ShuttleAppointment.check(paris.parse("2027-03-30T11:30")!, arrival: arrival, returnDeparture: back, marginMinutes: 15)
        }
        #expect(
            ShuttleAppointment.clock(minutes: 570).resolved(departure: paris.parse("2027-03-30T07:30")!, calendar: paris.calendar)
                == paris.parse("2027-03-30T09:30")!)
    }

    @Test func shuttleMessagesWordTimesAndFaresInTheResidentsLanguage() {
        let values = MessageTemplate.shuttleValues(
            destination: "CH Fleyriat", arrival: paris.parse("2027-03-30T09:00")!, returnDeparture: paris.parse("2027-03-30T11:30")!,
            fareCents: 150, language: .french, calendar: paris.calendar)
        #expect(values == ["destination": "CH Fleyriat", "arrival_time": "9 h 00", "return_time": "11 h 30", "fare": "1,50 €"])
        let english = MessageTemplate.shuttleValues(
            destination: "CH", arrival: paris.parse("2027-03-30T09:00")!, returnDeparture: paris.parse("2027-03-30T11:30")!, fareCents: 0,
            language: .english, calendar: paris.calendar)
        #expect(english["fare"] == "free" && english["return_time"] == "11:30")
    }
}
