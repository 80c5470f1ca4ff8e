// RefusalText: every Refusal (RelaisCore) as the command line says it, naming the option to change
// (`--occurrence`, `--phone`...) and the command that shows what exists. main.swift prints it and
// exits 65 (EX_DATAERR). The words are the command line's own; the desk has its own (DeskWording).

import Foundation
import RelaisCore

enum RefusalText {
    /// `refusal` in the command line's words, times in `localTime`.
    static func words(_ refusal: Refusal, _ localTime: LocalTime) -> String {
        switch refusal {
        case .notFound(let kind, let id): notFound(kind, id)
        case .registration(let refusal): words(refusal, localTime)
        case .resident(let refusal): words(refusal)
        case .shuttle(let refusal): words(refusal, localTime)
        case .capacity(let refusal): "\(refusal.uid) \"\(refusal.summary)\": \(refusal.shortfall)"
        case .report(let refusal): words(refusal)
        }
    }

    static func notFound(_ kind: RecordKind, _ id: String) -> String {
        switch kind {
        case .resident: "--participant: no participant \(id) (relais participants list shows them)"
        case .occurrence: "--occurrence: no occurrence \(id) (relais events list shows them)"
        case .registration: "no registration \(id) (relais participants show lists a person's)"
        case .attendance: "no presence recorded for registration \(id)"
        case .run: "--run: no run \(id) (relais transport runs list shows them)"
        case .booking: "no booking \(id) (relais transport bookings lists them)"
        case .account: "no account \"\(id)\" (relais users list shows them)"
        case .campaign: "--campaign: no campaign \(id) (relais campaigns list shows them)"
        case .message: "no message \(id) (relais outbox list shows them)"
        }
    }

    static func words(_ refusal: RegistrationRefusal, _ localTime: LocalTime) -> String {
        switch refusal {
        case .occurrenceFull(let occurrence, let capacity): "--occurrence: occurrence \(occurrence) is full (\(capacity) places)"
        case .occurrenceCancelled(let occurrence): "--occurrence: occurrence \(occurrence) is cancelled"
        case .occurrenceStarted(let occurrence, let start):
            "--occurrence: occurrence \(occurrence) started at \(localTime.short(start)); record attendance with relais attend instead"
        case .sessionNotStarted(let occurrence, let start):
            "--occurrence: occurrence \(occurrence) starts at \(localTime.short(start)); attendance is recorded from then on"
        case .alreadyRegistered(let registration): "--participant: already registered (registration \(registration))"
        case .alreadyPresent(let registration): "--participant: already recorded as present (registration \(registration))"
        case .notCancellable(let registration, let start):
            "registration \(registration) can no longer be cancelled: its session started at \(localTime.short(start))"
        case .attendanceClosed(let registration, let day):
            "registration \(registration): a presence can be undone on the day of the session only (\(localTime.day(day)))"
        case .registrationCancelled(let registration): "registration \(registration) was cancelled"
        }
    }

    /// A resident's field refused, named by its option: `--phone: ...`.
    static func words(_ refusal: ResidentRefusal) -> String {
        "--\(option(refusal.field)): \(reason(refusal))"
    }

    /// The option that sets `field` (`birth_year` is `--birth-year`).
    static func option(_ field: RefusalField?) -> String { (field?.rawValue ?? "form").replacingOccurrences(of: "_", with: "-") }

    /// What is wrong with a resident's field, without naming it (`participants import` names the
    /// CSV column instead of the option).
    static func reason(_ refusal: ResidentRefusal) -> String {
        switch refusal {
        case .nameEmpty: "is empty"
        case .nameMalformed(let maximum): "must be one line of at most \(maximum) characters, without control characters"
        case .phoneUnreadable(let typed):
            "\"\(typed)\" is not a French number of 10 digits starting with 0, nor an international one starting with + or 00"
        case .emailUnreadable(let typed): "\"\(typed)\" is not an e-mail address (name@example.fr)"
        case .unknownCommune(let typed): "\"\(typed)\" is not a commune of the territory"
        case .communeOutsideScope(let commune): "\(commune) is not this CCAS's commune"
        case .birthYearOutOfRange(let typed, let earliest, let latest): "\"\(typed)\" is not a year between \(earliest) and \(latest)"
        case .unknownLanguage(let typed): "\"\(typed)\" is not fr or en"
        case .unknownChannel(let typed): "\"\(typed)\" is not a channel (sms, email)"
        case .smsNeedsPhone: "sms needs a phone number"
        case .smsNeedsMobile(let masked): "sms needs a mobile number; \(masked) is a landline"
        case .emailNeedsAddress: "email needs an e-mail address"
        case .consentSourceMissing: "say where the consent was collected (e.g. \"formulaire CCAS Gex\")"
        case .duplicate(let existing, let sharing):
            "participant \(existing) has this \(sharing == .email ? "e-mail address" : "phone number") already "
                + "(relais participants show \(existing)); --allow-duplicate records another person with it"
        case .duplicateInAnotherCommune(let sharing):
            "a resident of another commune has this \(sharing == .email ? "e-mail address" : "phone number") already"
        }
    }

    static func words(_ refusal: ShuttleRefusal, _ localTime: LocalTime) -> String {
        switch refusal {
        case .runLeft: "--run: the run has already left"
        case .runCancelled: "--run: the run is cancelled"
        case .bookingClosed(let deadline): "--run: booking closed at \(localTime.short(deadline))"
        case .bookingNotYetOpen(let opens): "--run: booking opens at \(localTime.short(opens))"
        case .appointmentTooEarly(let earliest): "--appointment: must be at \(localTime.short(earliest).suffix(5)) or later"
        case .appointmentNotBeforeReturn(let back): "--appointment: must be before the return at \(localTime.short(back).suffix(5))"
        case .noWheelchairPlace: "--wheelchair: the vehicle has no wheelchair place"
        case .tooManySeats(let needed, let allowed): "--companion: the booking needs \(needed) seats; at most \(allowed) can be booked"
        case .alreadyBooked(let booking): "--participant: already booked on this run (booking \(booking))"
        case .notCancellable(let status): "the booking is \(status.rawValue); it can no longer be cancelled"
        case .runNotLeft(let departure): "the run has not left yet (it leaves at \(localTime.short(departure)))"
        case .notSettleable(let status): "the booking is \(status.rawValue); only a confirmed booking is recorded as completed or no-show"
        case .notWaitlisted(let status): "the booking is \(status.rawValue); only a waitlisted booking can be promoted"
        case .noSeatFree(let shortage): "the booking does not fit: \(shortage.rawValue)"
        }
    }
}

extension RefusalText {
    /// A report's options refused, as `relais report` names them.
    static func words(_ refusal: ReportRefusal) -> String {
        switch refusal {
        case .yearUnreadable(let typed): "--year takes a year such as 2027, not \"\(typed)\""
        case .yearAndDates: "give --year or --from and --to, not both"
        case .datesGoTogether: "--from and --to go together (--to is exclusive)"
        case .periodEndsBeforeItStarts: "--to must come after --from"
        case .dateUnreadable(let field, let typed): "--\(field.rawValue) \"\(typed)\" is not a date such as 2027-03-30"
        case .dateOutOfRange(let field, let day, let earliest, let latest):
            "--\(field.rawValue) \(day) is outside the years a report covers, \(earliest) to \(latest)"
        case .unknownSheet(let typed): "unknown report \"\(typed)\": fa7, fa11, fa12, fa14, outreach or all"
        case .unknownFormat(let typed, let known): "--format \"\(typed)\" is not one of \(known.joined(separator: ", "))"
        }
    }
}
