// RefusalText: every Refusal (RelaisCore) as the command line says it, naming the option to change
// (`--occurrence`, `--phone`...) and the command that shows what exists. main.swift prints it and
// exits 65 (EX_DATAERR). The words are the command line's own; the desk has its own (DeskWording).

import Foundation
import RelaisCore

enum RefusalText {
    /// `refusal` in the command line's words, times in `localTime`; `rules` words a closed booking window.
    static func words(_ refusal: Refusal, _ localTime: LocalTime, rules: ShuttleBookingRules? = nil) -> String {
        switch refusal {
        case .notFound(let kind, let id): notFound(kind, id)
        case .registration(let refusal): words(refusal, localTime)
        case .resident(let refusal): words(refusal)
        case .report(let refusal): words(refusal)
        case .shuttle(let refusal): words(refusal, localTime, rules: rules)
        case .capacity(let refusal): words(refusal, localTime)
        case .account(let refusal): words(refusal)
        case .outbox(let refusal): words(refusal)
        case .campaign(let refusal): words(refusal)
        case .form(let refusal): words(refusal)
        }
    }

    /// The option that gives `field` on the command line: `--birth-year` for `birth_year`, `--participant` for a resident.
    static func option(_ field: RefusalField?) -> String {
        field == .resident ? "--participant" : "--" + (field?.rawValue ?? "form").replacingOccurrences(of: "_", with: "-")
    }

    static func notFound(_ kind: RecordKind, _ id: String) -> String {
        switch kind {
        case .resident: "--participant: no participant \(id) (relais participants list shows them)"
        case .occurrence: "--occurrence: no occurrence \(id) (relais events list shows them)"
        case .registration: "no registration \(id) (relais participants show lists a person's)"
        case .attendance: "no presence recorded for registration \(id) (relais participants show lists a person's)"
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
            "registration \(registration) can no longer be cancelled: its session started at \(localTime.short(start)) "
                + "(relais attend records who came)"
        case .attendanceClosed(let registration, let day):
            "registration \(registration): a presence can be undone on the day of the session only (\(localTime.day(day))); "
                + "relais participants show lists it"
        case .registrationCancelled(let registration):
            "registration \(registration) was cancelled (relais participants show lists a person's registrations)"
        case .dayUnreadable(let field, let typed): "\(option(field)) \"\(typed)\" is not a date such as 2027-03-30"
        case .residentAndWalkIn: "a presence is a participant's or a walk-in's, not both (relais attend takes --participant)"
        }
    }

    /// A resident's field refused, named by its option: `--phone: ...`.
    static func words(_ refusal: ResidentRefusal) -> String {
        "\(option(refusal.field)): \(reason(refusal))"
    }

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
        case .consentSourceMissing: "say where the consent was collected (e.g. \"formulaire papier du CCAS\")"
        case .duplicate(let existing, let sharing):
            "participant \(existing) has this \(sharing == .email ? "e-mail address" : "phone number") already "
                + "(relais participants show \(existing)); --allow-duplicate records another person with it"
        case .duplicateInAnotherCommune(let sharing):
            "a resident of another commune has this \(sharing == .email ? "e-mail address" : "phone number") already"
        }
    }

    static func words(_ refusal: CapacityRefusal, _ localTime: LocalTime) -> String {
        let event = "event \(refusal.uid) \"\(refusal.summary)\""
        switch refusal.shortfall {
        case .registrations(let capacity, let registered, let occurrence, let start, _):
            return "\(event): X-RELAIS-CAPACITY \(capacity) is below the \(registered) people registered on \(localTime.short(start)) "
                + "(occurrence \(occurrence); relais events list shows them)"
        case .seats(let seats, let held, _, let run, let departure):
            return "\(event): \(seats) seats is below the \(held) booked on run \(run) on \(localTime.short(departure)) "
                + "(relais transport bookings --run \(run) lists them)"
        case .wheelchairPlaces(let places, let held, let run, let departure):
            return "\(event): \(places) wheelchair places is below the \(held) booked on run \(run) on \(localTime.short(departure)) "
                + "(relais transport bookings --run \(run) lists them)"
        case .ccasQuota(let quota, let held, let commune, let run, let departure):
            return "\(event): X-RELAIS-CCAS-QUOTA \(quota) is below the \(held) seats the CCAS of \(commune) holds on run \(run) "
                + "on \(localTime.short(departure)) (relais transport bookings --run \(run) lists them)"
        }
    }

    static func words(_ refusal: AccountRefusal) -> String {
        switch refusal {
        case .unknownCommune(let typed?): "--commune: \"\(typed)\" is not a commune of the territory"
        case .unknownCommune(nil): "--commune: a ccas account needs its commune"
        case .communeNotForRole(let role): "--commune: a \(role.rawValue) account has no commune"
        case .loginTaken(let login): "an account \"\(login)\" already exists (relais users list shows them)"
        case .disabled(let login): "the account \"\(login)\" is disabled (relais users enable \(login))"
        }
    }

    static func words(_ refusal: OutboxRefusal) -> String {
        switch refusal {
        case .notRetriable(let message, let state):
            "message \(message) is \(state.rawValue); only failed, cancelled, dropped or deferred messages can be retried "
                + "(relais outbox list --state failed shows them)"
        case .notCancellable(let message, let state):
            "message \(message) is \(state.rawValue); only queued or deferred messages can be cancelled "
                + "(relais outbox list --state queued shows them)"
        }
    }

    static func words(_ refusal: CampaignRefusal) -> String {
        switch refusal {
        case .uidOfAnotherCampaign(let uid, let owner):
            "UID \(uid) already belongs to campaign \(owner); a UID must be unique across campaigns (relais campaigns list shows them)"
        }
    }

    static func words(_ refusal: FormRefusal) -> String {
        switch refusal {
        case .missing(let field): "\(option(field)): is needed"
        case .notScalar(let property): "--\(property): must be a string, a number or a boolean"
        case .notAnObject(let property):
            "\(RefusalField(rawValue: property).map(option) ?? "--\(property)"): must be an object of strings, numbers or booleans"
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
        case .unknownSheet(let typed): "unknown report \"\(typed)\": relais report takes fa7, fa11, fa12, fa14, outreach or all"
        case .unknownFormat(let typed, let known): "--format \"\(typed)\" is not one of \(known.joined(separator: ", "))"
        }
    }
}
