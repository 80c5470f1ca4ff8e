// One vocabulary of refusals: every case of Refusal, through every front. For each, a representative
// value is worded by the desk's French page and English page (the error box above the form), by the
// API (status, `error` code, `field`, `message`) and by the command line (RefusalText); the French
// and English words differ, the command line's are its own and name an option, a command or the
// calendar property to change, and no two cases share an API code.
//
// RefusalCase names every case: `RefusalCase.of(_:)` has no default, so a new case of Refusal (or of
// one of its domain enums) does not compile until it has a name here, and `sample` then needs a value
// for that name; the test checks that each sample is the case it is named for.

import Foundation
import RelaisCore
import RelaisJSON
import Testing

@testable import RelaisWeb
@testable import relais

@Suite struct RefusalVocabularyTests {
    static let paris = LocalTime.paris
    static let at = paris.parse("2027-03-30T09:00")!
    static let stops = [
        ShuttleStopChoice(number: 1, commune: "Gex", place: "Mairie", pickup: paris.parse("2027-03-30T07:30")!),
        ShuttleStopChoice(number: 2, commune: "Cessy", place: "École", pickup: paris.parse("2027-03-30T07:45")!),
    ]

    @Test(arguments: RefusalCase.allCases) func everyRefusalIsWordedByEveryFrontInItsOwnWords(_ name: RefusalCase) throws {
        let refusal = name.sample
        #expect(RefusalCase.of(refusal) == name, "the sample of \(name) is \(refusal)")
        let french = DeskWording(.french).words(for: refusal, Self.paris)
        let english = DeskWording(.english).words(for: refusal, Self.paris)
        #expect(!french.isEmpty && !english.isEmpty && french != english, "\(name): \(french) / \(english)")
        #expect(french != refusal.code && english != refusal.code, "\(name) has no words of its own")

        // The pages: the box above the form, in each language, naming the field's label when there is one.
        for wording in [DeskWording(.french), DeskWording(.english)] {
            let box = DeskHTML(wording: wording, agent: nil).formError(.refusal(refusal), localTime: Self.paris)
            let words = wording.words(for: refusal, Self.paris)
            #expect(box.contains("id=\"form-error\"") && box.contains(HTMLText.escape(words)), "\(name): \(box)")
        }

        // The API: its status, the code and the field, the English words, and every key present.
        let (status, body) = DeskAPI.answer(to: refusal, localTime: Self.paris)
        #expect([404, 409, 422].contains(status), "\(name): \(status)")
        if case .notFound = refusal { #expect(status == 404) }
        var existing: Int64?
        if case .resident(.duplicate(let id, _)) = refusal { existing = id }
        #expect(body == ErrorJSON(error: refusal.code, field: refusal.field?.rawValue, message: english, existing: existing))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONShape.text(body).utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["error", "field", "message", "existing"], "\(name): \(object)")
        #expect(refusal.code.allSatisfy { $0.isLowercase || $0 == "-" }, "\(refusal.code) is kebab case")

        // The command line: its own words, naming what to change or what to run.
        let cli = RefusalText.words(refusal, Self.paris)
        #expect(!cli.isEmpty && cli != english && cli != french, "\(name): \(cli)")
        #expect(cli.contains("--") || cli.contains("relais ") || cli.contains("X-RELAIS-"), "\(name) names no option: \(cli)")
        if let field = refusal.field, cli.hasPrefix("--") {
            #expect(cli.hasPrefix(RefusalText.option(field)) || field == .consentSource || name == .residentDuplicate, "\(name): \(cli)")
        }
    }

    @Test func noTwoCasesShareACodeAndEveryFieldIsTheAPIs() {
        var cases: [String: RefusalCase] = [:]
        for name in RefusalCase.allCases {
            let code = name.sample.code
            #expect(cases[code] == nil, "\(name) and \(cases[code].map { "\($0)" } ?? "") share \(code)")
            cases[code] = name
        }
        // Every property a body carries is a field a refusal can name.
        for property in DeskAPI.bodyProperties.values.joined() where property != "password" && property != "login" {
            #expect(RefusalField(rawValue: property) != nil, "\(property)")
        }
    }
}

/// Every case of Refusal, one name each.
enum RefusalCase: String, CaseIterable, CustomTestStringConvertible {
    case notFoundResident, notFoundOccurrence, notFoundRegistration, notFoundAttendance, notFoundRun, notFoundBooking
    case notFoundAccount, notFoundCampaign, notFoundMessage
    case occurrenceFull, occurrenceCancelled, occurrenceStarted, sessionNotStarted, alreadyRegistered, alreadyPresent
    case registrationNotCancellable, attendanceClosed, registrationCancelled, dayUnreadable, residentAndWalkIn
    case nameEmpty, nameMalformed, phoneUnreadable, emailUnreadable, unknownCommune, communeOutsideScope, birthYearOutOfRange
    case unknownLanguage, unknownChannel, smsNeedsPhone, smsNeedsMobile, emailNeedsAddress, consentSourceMissing, residentDuplicate
    case residentDuplicateInAnotherCommune
    case runLeft, runCancelled, bookingClosed, bookingNotYetOpen, appointmentTooEarly, appointmentNotBeforeReturn
    case noWheelchairPlace, tooManySeats, alreadyBooked, bookingNotCancellable, stopUnknown, stopAmbiguous, runNotLeft
    case notSettleable, departureInPast, quotientUnreadable, appointmentUnreadable, legsUnknown, notWaitlisted, noSeatFree
    case stopOnOnDemandRun, pickupOnFixedStopRun, pickupTwice, pickupPointUnreadable, doorUnreadable, tooFarForRun
    case travelTimeMissing, routeDataUnavailable, pickupPointUnknown
    case routeOrderNotPassengers, routeOrderInfeasible, runNotOnDemand
    case seatsOutOfRange, wheelchairPlacesOutOfRange, seatsPerWheelchairOutOfRange, wheelchairPlacesDoNotFit, noStop
    case arrivalNotAfterLastPickup, returnBeforeArrival, runTooLong, quotaOutOfRange, destinationLength, onDemandSeats
    case capacityRegistrations, capacitySeats, capacityWheelchairPlaces, capacityCCASQuota
    case accountCommuneUnknown, accountCommuneNotForRole, loginTaken, accountDisabled
    case messageNotRetriable, messageNotCancellable
    case uidOfAnotherCampaign
    case valueMissing, valueNotScalar, valueNotAnObject
    case reportYearUnreadable, reportYearAndDates, reportDatesGoTogether, reportPeriodEndsBeforeItStarts, reportDateUnreadable
    case reportDateOutOfRange
    case reportUnknownSheet, reportUnknownFormat

    var testDescription: String { rawValue }

    /// The name of `refusal`'s case.
    static func of(_ refusal: Refusal) -> RefusalCase {
        switch refusal {
        case .notFound(let kind, _):
            switch kind {
            case .resident: .notFoundResident
            case .occurrence: .notFoundOccurrence
            case .registration: .notFoundRegistration
            case .attendance: .notFoundAttendance
            case .run: .notFoundRun
            case .booking: .notFoundBooking
            case .account: .notFoundAccount
            case .campaign: .notFoundCampaign
            case .message: .notFoundMessage
            }
        case .registration(let refusal): of(refusal)
        case .resident(let refusal): of(refusal)
        case .shuttle(let refusal): of(refusal)
        case .capacity(let refusal):
            switch refusal.shortfall {
            case .registrations: .capacityRegistrations
            case .seats: .capacitySeats
            case .wheelchairPlaces: .capacityWheelchairPlaces
            case .ccasQuota: .capacityCCASQuota
            }
        case .account(let refusal):
            switch refusal {
            case .unknownCommune: .accountCommuneUnknown
            case .communeNotForRole: .accountCommuneNotForRole
            case .loginTaken: .loginTaken
            case .disabled: .accountDisabled
            }
        case .outbox(let refusal):
            switch refusal {
            case .notRetriable: .messageNotRetriable
            case .notCancellable: .messageNotCancellable
            }
        case .campaign(let refusal):
            switch refusal {
            case .uidOfAnotherCampaign: .uidOfAnotherCampaign
            }
        case .report(let refusal):
            switch refusal {
            case .yearUnreadable: .reportYearUnreadable
            case .yearAndDates: .reportYearAndDates
            case .datesGoTogether: .reportDatesGoTogether
            case .periodEndsBeforeItStarts: .reportPeriodEndsBeforeItStarts
            case .dateUnreadable: .reportDateUnreadable
            case .dateOutOfRange: .reportDateOutOfRange
            case .unknownSheet: .reportUnknownSheet
            case .unknownFormat: .reportUnknownFormat
            }
        case .form(let refusal):
            switch refusal {
            case .missing: .valueMissing
            case .notScalar: .valueNotScalar
            case .notAnObject: .valueNotAnObject
            }
        }
    }

    static func of(_ refusal: RegistrationRefusal) -> RefusalCase {
        switch refusal {
        case .occurrenceFull: .occurrenceFull
        case .occurrenceCancelled: .occurrenceCancelled
        case .occurrenceStarted: .occurrenceStarted
        case .sessionNotStarted: .sessionNotStarted
        case .alreadyRegistered: .alreadyRegistered
        case .alreadyPresent: .alreadyPresent
        case .notCancellable: .registrationNotCancellable
        case .attendanceClosed: .attendanceClosed
        case .registrationCancelled: .registrationCancelled
        case .dayUnreadable: .dayUnreadable
        case .residentAndWalkIn: .residentAndWalkIn
        }
    }

    static func of(_ refusal: ResidentRefusal) -> RefusalCase {
        switch refusal {
        case .nameEmpty: .nameEmpty
        case .nameMalformed: .nameMalformed
        case .phoneUnreadable: .phoneUnreadable
        case .emailUnreadable: .emailUnreadable
        case .unknownCommune: .unknownCommune
        case .communeOutsideScope: .communeOutsideScope
        case .birthYearOutOfRange: .birthYearOutOfRange
        case .unknownLanguage: .unknownLanguage
        case .unknownChannel: .unknownChannel
        case .smsNeedsPhone: .smsNeedsPhone
        case .smsNeedsMobile: .smsNeedsMobile
        case .emailNeedsAddress: .emailNeedsAddress
        case .consentSourceMissing: .consentSourceMissing
        case .duplicate: .residentDuplicate
        case .duplicateInAnotherCommune: .residentDuplicateInAnotherCommune
        }
    }

    static func of(_ refusal: ShuttleRefusal) -> RefusalCase {
        switch refusal {
        case .runLeft: .runLeft
        case .runCancelled: .runCancelled
        case .bookingClosed: .bookingClosed
        case .bookingNotYetOpen: .bookingNotYetOpen
        case .appointmentTooEarly: .appointmentTooEarly
        case .appointmentNotBeforeReturn: .appointmentNotBeforeReturn
        case .noWheelchairPlace: .noWheelchairPlace
        case .tooManySeats: .tooManySeats
        case .alreadyBooked: .alreadyBooked
        case .notCancellable: .bookingNotCancellable
        case .stopUnknown: .stopUnknown
        case .stopAmbiguous: .stopAmbiguous
        case .runNotLeft: .runNotLeft
        case .notSettleable: .notSettleable
        case .departureInPast: .departureInPast
        case .quotientUnreadable: .quotientUnreadable
        case .appointmentUnreadable: .appointmentUnreadable
        case .legsUnknown: .legsUnknown
        case .notWaitlisted: .notWaitlisted
        case .noSeatFree: .noSeatFree
        case .stopOnOnDemandRun: .stopOnOnDemandRun
        case .pickupOnFixedStopRun: .pickupOnFixedStopRun
        case .pickupTwice: .pickupTwice
        case .pickupPointUnreadable: .pickupPointUnreadable
        case .doorUnreadable: .doorUnreadable
        case .tooFarForRun: .tooFarForRun
        case .travelTimeMissing: .travelTimeMissing
        case .routeDataUnavailable: .routeDataUnavailable
        case .pickupPointUnknown: .pickupPointUnknown
        case .routeOrderNotPassengers: .routeOrderNotPassengers
        case .routeOrderInfeasible: .routeOrderInfeasible
        case .runNotOnDemand: .runNotOnDemand
        case .runShape(let problem):
            switch problem {
            case .seatsOutOfRange: .seatsOutOfRange
            case .wheelchairPlacesOutOfRange: .wheelchairPlacesOutOfRange
            case .seatsPerWheelchairOutOfRange: .seatsPerWheelchairOutOfRange
            case .wheelchairPlacesDoNotFit: .wheelchairPlacesDoNotFit
            case .noStop: .noStop
            case .arrivalNotAfterLastPickup: .arrivalNotAfterLastPickup
            case .returnBeforeArrival: .returnBeforeArrival
            case .runTooLong: .runTooLong
            case .quotaOutOfRange: .quotaOutOfRange
            case .destinationLength: .destinationLength
            case .onDemandSeats: .onDemandSeats
            }
        }
    }

    /// A representative value of the case.
    var sample: Refusal {
        let at = RefusalVocabularyTests.at
        let stops = RefusalVocabularyTests.stops
        return switch self {
        case .notFoundResident: .notFound(.resident, id: "12")
        case .notFoundOccurrence: .notFound(.occurrence, id: "42")
        case .notFoundRegistration: .notFound(.registration, id: "7")
        case .notFoundAttendance: .notFound(.attendance, id: "7")
        case .notFoundRun: .notFound(.run, id: "3")
        case .notFoundBooking: .notFound(.booking, id: "9")
        case .notFoundAccount: .notFound(.account, id: "ccas-gex")
        case .notFoundCampaign: .notFound(.campaign, id: "mars-bleu-2027")
        case .notFoundMessage: .notFound(.message, id: "31")
        case .occurrenceFull: .registration(.occurrenceFull(occurrence: 42, capacity: 20))
        case .occurrenceCancelled: .registration(.occurrenceCancelled(occurrence: 42))
        case .occurrenceStarted: .registration(.occurrenceStarted(occurrence: 42, start: at))
        case .sessionNotStarted: .registration(.sessionNotStarted(occurrence: 42, start: at))
        case .alreadyRegistered: .registration(.alreadyRegistered(registration: 7))
        case .alreadyPresent: .registration(.alreadyPresent(registration: 7))
        case .registrationNotCancellable: .registration(.notCancellable(registration: 7, start: at))
        case .attendanceClosed: .registration(.attendanceClosed(registration: 7, day: at))
        case .registrationCancelled: .registration(.registrationCancelled(registration: 7))
        case .dayUnreadable: .registration(.dayUnreadable(field: .day, typed: "30/03"))
        case .residentAndWalkIn: .registration(.residentAndWalkIn)
        case .nameEmpty: .resident(.nameEmpty)
        case .nameMalformed: .resident(.nameMalformed(maximum: 120))
        case .phoneUnreadable: .resident(.phoneUnreadable(typed: "12"))
        case .emailUnreadable: .resident(.emailUnreadable(typed: "jeanne@"))
        case .unknownCommune: .resident(.unknownCommune(typed: "Genève"))
        case .communeOutsideScope: .resident(.communeOutsideScope(commune: "Cessy"))
        case .birthYearOutOfRange: .resident(.birthYearOutOfRange(typed: "1850", earliest: 1907, latest: 2027))
        case .unknownLanguage: .resident(.unknownLanguage(typed: "de"))
        case .unknownChannel: .resident(.unknownChannel(typed: "fax"))
        case .smsNeedsPhone: .resident(.smsNeedsPhone)
        case .smsNeedsMobile: .resident(.smsNeedsMobile(masked: "04 •• •• •• 78"))
        case .emailNeedsAddress: .resident(.emailNeedsAddress)
        case .consentSourceMissing: .resident(.consentSourceMissing)
        case .residentDuplicate: .resident(.duplicate(existing: 12, sharing: .phone))
        case .residentDuplicateInAnotherCommune: .resident(.duplicateInAnotherCommune(sharing: .email))
        case .runLeft: .shuttle(.runLeft)
        case .runCancelled: .shuttle(.runCancelled)
        case .bookingClosed: .shuttle(.bookingClosed(deadline: at))
        case .bookingNotYetOpen: .shuttle(.bookingNotYetOpen(opens: at))
        case .appointmentTooEarly: .shuttle(.appointmentTooEarly(earliest: at))
        case .appointmentNotBeforeReturn: .shuttle(.appointmentNotBeforeReturn(returnDeparture: at))
        case .noWheelchairPlace: .shuttle(.noWheelchairPlace)
        case .tooManySeats: .shuttle(.tooManySeats(needed: 3, allowed: 2))
        case .alreadyBooked: .shuttle(.alreadyBooked(booking: 9))
        case .bookingNotCancellable: .shuttle(.notCancellable(status: .completed))
        case .stopUnknown: .shuttle(.stopUnknown(typed: "Thoiry", stops: stops))
        case .stopAmbiguous: .shuttle(.stopAmbiguous(commune: "Gex", stops: stops))
        case .runNotLeft: .shuttle(.runNotLeft(run: 3, departure: at))
        case .notSettleable: .shuttle(.notSettleable(booking: 9, status: .waitlisted))
        case .departureInPast: .shuttle(.departureInPast(departure: at))
        case .quotientUnreadable: .shuttle(.quotientUnreadable(typed: "mille"))
        case .appointmentUnreadable: .shuttle(.appointmentUnreadable(typed: "demain"))
        case .legsUnknown: .shuttle(.legsUnknown(typed: "both-ways"))
        case .notWaitlisted: .shuttle(.notWaitlisted(status: .confirmed))
        case .noSeatFree: .shuttle(.noSeatFree(.noWheelchairPlaceLeft))
        case .stopOnOnDemandRun: .shuttle(.stopOnOnDemandRun)
        case .pickupOnFixedStopRun: .shuttle(.pickupOnFixedStopRun)
        case .pickupTwice: .shuttle(.pickupTwice)
        case .pickupPointUnreadable: .shuttle(.pickupPointUnreadable)
        case .doorUnreadable: .shuttle(.doorUnreadable)
        case .tooFarForRun: .shuttle(.tooFarForRun(rideMinutes: 131, limitMinutes: 122))
        case .travelTimeMissing: .shuttle(.travelTimeMissing(file: "gex.travel-times.csv", from: "01247", to: "01053"))
        case .routeDataUnavailable: .shuttle(.routeDataUnavailable(reason: "gex.travel-times.csv:4: minutes \"x\" is not a number"))
        case .pickupPointUnknown: .shuttle(.pickupPointUnknown(typed: "Gare", commune: "Gex", points: ["Mairie", "Place du Jura"]))
        case .routeOrderNotPassengers: .shuttle(.routeOrderNotPassengers(passengers: [4, 7, 9]))
        case .routeOrderInfeasible:
            .shuttle(.routeOrderInfeasible(booking: 7, name: "Jeanne Martin", rideMinutes: 71, limitMinutes: 60, missesArrival: false))
        case .runNotOnDemand: .shuttle(.runNotOnDemand)
        case .seatsOutOfRange: .shuttle(.runShape(.seatsOutOfRange(seats: 0)))
        case .wheelchairPlacesOutOfRange: .shuttle(.runShape(.wheelchairPlacesOutOfRange(places: 11)))
        case .seatsPerWheelchairOutOfRange: .shuttle(.runShape(.seatsPerWheelchairOutOfRange(seats: 0)))
        case .wheelchairPlacesDoNotFit: .shuttle(.runShape(.wheelchairPlacesDoNotFit(places: 3, seatsPerWheelchair: 3, seats: 8)))
        case .noStop: .shuttle(.runShape(.noStop))
        case .arrivalNotAfterLastPickup: .shuttle(.runShape(.arrivalNotAfterLastPickup))
        case .returnBeforeArrival: .shuttle(.runShape(.returnBeforeArrival))
        case .runTooLong: .shuttle(.runShape(.runTooLong(maximumHours: 20)))
        case .quotaOutOfRange: .shuttle(.runShape(.quotaOutOfRange(quota: 9, seats: 8)))
        case .destinationLength: .shuttle(.runShape(.destinationLength(maximum: 200)))
        case .onDemandSeats: .shuttle(.runShape(.onDemandSeats(seats: 20, maximum: 16)))
        case .capacityRegistrations:
            .capacity(
                CapacityRefusal(
                    uid: "stand-gex", summary: "Stand Mars bleu",
                    shortfall: .registrations(capacity: 5, registered: 20, occurrence: 1, start: at, sessions: 1)))
        case .capacitySeats:
            .capacity(
                CapacityRefusal(
                    uid: "eps-1", summary: "Navette EPS", shortfall: .seats(seats: 4, held: 6, leg: .outbound, run: 3, departure: at)))
        case .capacityWheelchairPlaces:
            .capacity(
                CapacityRefusal(
                    uid: "eps-1", summary: "Navette EPS", shortfall: .wheelchairPlaces(places: 0, held: 1, run: 3, departure: at)))
        case .capacityCCASQuota:
            .capacity(
                CapacityRefusal(
                    uid: "eps-1", summary: "Navette EPS",
                    shortfall: .ccasQuota(quota: 2, held: 4, commune: "gex", run: 3, departure: at)))
        case .accountCommuneUnknown: .account(.unknownCommune(typed: "Genève"))
        case .accountCommuneNotForRole: .account(.communeNotForRole(role: .planner))
        case .loginTaken: .account(.loginTaken(login: "ccas-gex"))
        case .accountDisabled: .account(.disabled(login: "ccas-gex"))
        case .messageNotRetriable: .outbox(.notRetriable(message: 31, state: .sent))
        case .messageNotCancellable: .outbox(.notCancellable(message: 31, state: .sending))
        case .uidOfAnotherCampaign: .campaign(.uidOfAnotherCampaign(uid: "stand-gex", owner: "octobre-rose-2026"))
        case .valueMissing: .form(.missing(.resident))
        case .valueNotScalar: .form(.notScalar(property: "quotient"))
        case .valueNotAnObject: .form(.notAnObject(property: "walk_in"))
        case .reportYearUnreadable: .report(.yearUnreadable(typed: "deux mille"))
        case .reportYearAndDates: .report(.yearAndDates)
        case .reportDatesGoTogether: .report(.datesGoTogether)
        case .reportPeriodEndsBeforeItStarts: .report(.periodEndsBeforeItStarts)
        case .reportDateUnreadable: .report(.dateUnreadable(field: .from, typed: "30/03"))
        case .reportDateOutOfRange: .report(.dateOutOfRange(field: .to, day: "2201-01-02", earliest: 2000, latest: 2200))
        case .reportUnknownSheet: .report(.unknownSheet(typed: "fa99"))
        case .reportUnknownFormat: .report(.unknownFormat(typed: "pdf", known: ["table", "csv", "json", "html"]))
        }
    }
}
