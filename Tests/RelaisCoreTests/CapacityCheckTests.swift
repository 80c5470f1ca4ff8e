// CapacityCheck, pure: a reload is refused only for places still to come that people hold, with
// the fullest session or the first run short of room, and never for a session that has started,
// a run that has left, or what the reload itself cancels.

import Foundation
import Testing

@testable import RelaisCore

@Suite struct CapacityCheckTests {
    let paris = LocalTime.paris
    let now = LocalTime.paris.parse("2027-03-01T10:00")!

    func stored(_ id: Int64, _ local: String, status: OccurrenceStatus = .scheduled) -> StoredOccurrence {
        let start = paris.parse(local)!
        return StoredOccurrence(id: id, recurrenceKey: "k\(id)", start: start, end: start + 3600, status: status)
    }

    func loaded(_ id: Int64, _ local: String, status: EventStatus = .confirmed) -> CalendarOccurrence {
        let start = paris.parse(local)!
        return CalendarOccurrence(recurrenceKey: "k\(id)", start: start, end: start + 3600, status: status)
    }

    /// The stored occurrence as the file brings it again.
    func unchanged(_ occurrence: StoredOccurrence) -> CalendarOccurrence {
        CalendarOccurrence(recurrenceKey: occurrence.recurrenceKey, start: occurrence.start, end: occurrence.end)
    }

    func event(capacity: Int?, _ occurrences: [CalendarOccurrence]) -> CampaignEvent {
        CampaignEvent(
            uid: "stand@test", summary: "Stand", description: nil, location: nil, categories: [.screening], labels: [], commune: "gex",
            neighbourhood: nil, capacity: capacity, professionals: 0, actionSheets: [7], audience: nil, status: .confirmed, sequence: 0,
            timeZone: "Europe/Paris", allDay: false, alarms: [], occurrences: occurrences)
    }

    func check(capacity: Int?, stored: [StoredOccurrence], loaded: [CalendarOccurrence], registered: [Int64: Int]) -> CapacityRefusal? {
        let event = event(capacity: capacity, loaded)
        return CapacityCheck.sessions(
            of: event, stored: stored, changes: OccurrenceReconciliation.changes(stored: stored, loaded: loaded), registered: registered,
            now: now)
    }

    @Test func theFullestSessionToComeIsNamedWithHowManyAreOver() {
        let stored = [stored(1, "2027-03-09T09:00"), stored(2, "2027-03-16T09:00"), stored(3, "2027-03-23T09:00")]
        let refusal = check(
            capacity: 5, stored: stored, loaded: stored.map(unchanged),
            registered: [1: 6, 2: 9, 3: 9])
        #expect(
            refusal?.shortfall
                == .registrations(capacity: 5, registered: 9, occurrence: 2, start: paris.parse("2027-03-16T09:00")!, sessions: 3))
        #expect(refusal?.uid == "stand@test" && refusal?.summary == "Stand")
    }

    @Test func sessionsThatStartedOrThatTheReloadCancelsKeepTheirPeople() {
        let stored = [stored(1, "2027-02-23T09:00"), stored(2, "2027-03-16T09:00"), stored(3, "2027-03-23T09:00", status: .cancelled)]
        let loaded = [
            loaded(1, "2027-02-23T09:00"), loaded(2, "2027-03-16T09:00", status: .cancelled),
            loaded(3, "2027-03-23T09:00", status: .cancelled),
        ]
        #expect(check(capacity: 1, stored: stored, loaded: loaded, registered: [1: 9, 2: 9, 3: 9]) == nil)
        #expect(check(capacity: nil, stored: [stored[1]], loaded: [unchanged(stored[1])], registered: [2: 9]) == nil)
    }

    @Test func aSessionMovedOrReinstatedIntoTheFutureCounts() {
        let stored = [stored(1, "2027-02-23T09:00"), stored(2, "2027-03-16T09:00", status: .cancelled)]
        let moved = check(capacity: 2, stored: stored, loaded: [loaded(1, "2027-03-30T09:00")], registered: [1: 3])
        #expect(
            moved?.shortfall
                == .registrations(capacity: 2, registered: 3, occurrence: 1, start: paris.parse("2027-03-30T09:00")!, sessions: 1))
        let reinstated = check(capacity: 2, stored: [stored[1]], loaded: [loaded(2, "2027-03-16T09:00")], registered: [2: 3])
        #expect(reinstated != nil)
        #expect(check(capacity: 3, stored: stored, loaded: [loaded(1, "2027-03-30T09:00")], registered: [1: 3]) == nil)
    }

    func headcount(
        _ run: Int64, occurrence: Int64?, _ local: String, outbound: Int, back: Int, wheelchairs: Int = 0, communes: [String: Int]
    )
        -> RunHeadcount
    {
        RunHeadcount(
            run: run, occurrence: occurrence, departure: paris.parse(local)!, outboundSeats: outbound, returnSeats: back,
            wheelchairs: wheelchairs, seatsByCommune: communes)
    }

    func line(seats: Int, wheelchairPlaces: Int = 1, quota: Int? = nil) -> ShuttleLine {
        ShuttleLine(
            stops: [ShuttleStopPlan(commune: "gex", place: "Parking", offsetMinutes: 0)],
            vehicle: ShuttleVehicle(seats: seats, wheelchairPlaces: wheelchairPlaces, seatsPerWheelchair: 2), arrivalMinutes: 90,
            returnMinutes: 240, destination: "CH", ccasQuota: quota)
    }

    @Test func aRunIsShortOfSeatsOnEitherLegOfWheelchairPlacesOrOfACommunesQuota() {
        let stored = [stored(1, "2027-03-09T07:30"), stored(2, "2027-03-23T07:30")]
        let loaded = stored.map(unchanged)
        let changes = OccurrenceReconciliation.changes(stored: stored, loaded: loaded)
        let runs = [
            headcount(
                10, occurrence: 1, "2027-03-09T07:30", outbound: 2, back: 5, wheelchairs: 1, communes: ["gex": 3, "cessy": 3, "sergy": 1]),
            headcount(11, occurrence: 2, "2027-03-23T07:30", outbound: 7, back: 7, communes: ["gex": 7]),
        ]
        func refusal(_ line: ShuttleLine) -> CapacityShortfall? {
            CapacityCheck.runs(
                of: event(capacity: line.vehicle.seats, loaded), line: line, runs: runs, stored: stored, changes: changes, now: now)?
                .shortfall
        }
        let first = paris.parse("2027-03-09T07:30")!
        #expect(refusal(line(seats: 4)) == .seats(seats: 4, held: 5, leg: .return, run: 10, departure: first))
        #expect(refusal(line(seats: 8, wheelchairPlaces: 0)) == .wheelchairPlaces(places: 0, held: 1, run: 10, departure: first))
        #expect(refusal(line(seats: 8, quota: 2)) == .ccasQuota(quota: 2, held: 3, commune: "cessy", run: 10, departure: first))
        #expect(refusal(line(seats: 6)) == .seats(seats: 6, held: 7, leg: .outbound, run: 11, departure: paris.parse("2027-03-23T07:30")!))
        #expect(refusal(line(seats: 7, quota: 7)) == nil)
    }

    @Test func runsThatLeftOrThatTheReloadCancelsKeepTheirBookings() {
        let stored = [stored(1, "2027-02-23T07:30"), stored(2, "2027-03-23T07:30")]
        let loaded = [loaded(1, "2027-02-23T07:30"), loaded(2, "2027-03-23T07:30", status: .cancelled)]
        let runs = [
            headcount(10, occurrence: 1, "2027-02-23T07:30", outbound: 8, back: 8, communes: ["gex": 8]),
            headcount(11, occurrence: 2, "2027-03-23T07:30", outbound: 8, back: 8, communes: ["gex": 8]),
        ]
        let refusal = CapacityCheck.runs(
            of: event(capacity: 1, loaded), line: line(seats: 1, quota: 1), runs: runs, stored: stored,
            changes: OccurrenceReconciliation.changes(stored: stored, loaded: loaded), now: now)
        #expect(refusal == nil)
    }
}
