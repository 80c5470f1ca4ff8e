// The words of the registration and check-in pages: every key in both languages, different, and
// none shadowing a key of the main table (DeskWording looks there first) or of the planners' table.

import Foundation
import RelaisCore
import Testing

@testable import RelaisWeb

@Suite struct DeskEventsWordingTests {
    @Test func everyEventWordExistsInBothLanguagesAndNoneIsInAnotherTable() {
        let french = DeskWording(.french)
        let english = DeskWording(.english)
        for (key, pair) in DeskWording.eventWords {
            #expect(!pair.0.isEmpty && !pair.1.isEmpty, "\(key)")
            #expect(DeskWording.table[key] == nil, "\(key) is in both tables")
            #expect(DeskWording.plannerTable[key] == nil, "\(key) is in the event words and the planners' table")
            #expect(french[key] == pair.0 && english[key] == pair.1, "\(key)")
        }
    }

    @Test func everyRegistrationRefusalIsWordedInBothLanguages() {
        let refusals: [RegistrationRefusal] = [
            .occurrenceFull(occurrence: 1, capacity: 2), .occurrenceCancelled(occurrence: 1),
            .occurrenceStarted(occurrence: 1, start: Date()), .sessionNotStarted(occurrence: 1, start: Date()),
            .alreadyRegistered(registration: 1), .alreadyPresent(registration: 1), .notCancellable(registration: 1, start: Date()),
            .attendanceClosed(registration: 1, day: Date()), .registrationCancelled(registration: 1),
        ]
        for refusal in refusals {
            let french = DeskWording(.french).words(for: .registration(refusal), .paris)
            let english = DeskWording(.english).words(for: .registration(refusal), .paris)
            #expect(!french.isEmpty && !english.isEmpty && french != english, "\(refusal)")
        }
        #expect(Set(refusals.map(\.code)).count == refusals.count, "every code is its own")
    }
}
