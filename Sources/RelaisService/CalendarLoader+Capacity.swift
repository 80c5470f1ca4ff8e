// CalendarLoader+Capacity: the words of a calendar refused because people already hold more
// places than it gives (CapacityRefusal, decided by the core in the load's transaction), for the
// command line and the daemon's log: the event, the property to change, the counts, and the way out;
// and of one refused because an event's UID is another campaign's (CampaignRefusal).

import Foundation
import RelaisCore

extension CalendarLoader {
    /// The refusal of `file`, at the line of the event at fault, worded.
    func refused(_ refusal: CapacityRefusal, document: CalendarDocument, file: String, localTime: LocalTime) -> CalendarLoadError {
        let source = document.events.first { $0.uid == refusal.uid }
        let properties = source?.extensions ?? [:]
        let event = "event \(refusal.uid) \"\(refusal.summary)\""
        let reason: String
        switch refusal.shortfall {
        case .registrations(let capacity, let registered, let occurrence, let start, let sessions):
            let others = sessions > 1 ? " (and \(sessions - 1) more \(Self.plural(sessions - 1, "session")) to come over \(capacity))" : ""
            reason =
                "\(event): X-RELAIS-CAPACITY \(capacity) is below the \(Self.count(registered, "person", "people")) registered on "
                + "\(localTime.short(start)) (occurrence \(occurrence))\(others); raise it to \(registered) or more"
        case .seats(let seats, let held, let leg, let run, let departure):
            let setting = properties["X-RELAIS-CAPACITY"] != nil ? "X-RELAIS-CAPACITY \(seats)" : "[transport] seats = \(seats)"
            reason =
                "\(event): \(setting) is below the \(Self.count(held, "seat")) confirmed on the \(leg == .return ? "return" : "outbound") "
                + "leg of run \(run) on \(localTime.short(departure)); cancel bookings first (relais transport cancel) or raise it to \(held) or more"
        case .wheelchairPlaces(let places, let held, let run, let departure):
            let setting =
                properties["X-RELAIS-VEHICLE"]?.contains("wheelchair-places") == true
                ? "X-RELAIS-VEHICLE wheelchair-places=\(places)" : "[transport] wheelchair_places = \(places)"
            reason =
                "\(event): \(setting) is below the \(Self.count(held, "wheelchair")) booked on run \(run) on \(localTime.short(departure)); "
                + "cancel bookings first (relais transport cancel) or raise it to \(held) or more"
        case .ccasQuota(let quota, let held, let commune, let run, let departure):
            let setting = properties["X-RELAIS-CCAS-QUOTA"] != nil ? "X-RELAIS-CCAS-QUOTA \(quota)" : "[transport] ccas_quota = \(quota)"
            let name = territory.communeName(code: commune)
            reason =
                "\(event): \(setting) is below the \(Self.count(held, "seat")) the CCAS of \(name) holds on run \(run) on "
                + "\(localTime.short(departure)); cancel bookings first (relais transport cancel) or raise it to \(held) or more"
        }
        return CalendarLoadError(file: file, line: source?.line ?? 0, reason: reason, capacity: refusal)
    }

    /// The refusal of `file` because of another campaign, at the line of the event at fault.
    func refused(_ refusal: CampaignRefusal, document: CalendarDocument, file: String) -> CalendarLoadError {
        switch refusal {
        case .uidOfAnotherCampaign(let uid, let owner):
            return CalendarLoadError(
                file: file, line: document.events.first { $0.uid == uid }?.line ?? 0,
                reason: "event \(uid): this UID already belongs to campaign \(owner); a UID must be unique across campaigns")
        }
    }

    private static func count(_ number: Int, _ one: String, _ many: String? = nil) -> String {
        "\(number) \(number == 1 ? one : many ?? one + "s")"
    }

    private static func plural(_ number: Int, _ one: String) -> String { number == 1 ? one : one + "s" }
}
