// JSONShape's rules on values built in memory: sorted keys, unescaped slashes, an absent value
// written as null (and read back from null or from a missing key), local times with their offset,
// and the shapes that add a key to another (a resident's registrations, a waitlist position).

import Foundation
import RelaisCore
import RelaisJSON
import Testing

@testable import RelaisStore

@Suite struct JSONShapeTests {
    static let paris = LocalTime.paris
    static let person = ParticipantRecord(
        id: 7, name: "Jeanne Martin", phone: nil, email: "jeanne@exemple.fr", commune: "01173", birthYear: nil, language: .french,
        createdAt: paris.parse("2027-03-01T10:00")!,
        consents: [Consent(channel: .email, granted: true, recordedAt: paris.parse("2027-03-01T10:00")!, source: "CCAS desk (a/b)")])

    @Test func absentValuesAreNullAndKeysAreSorted() throws {
        let text = JSONShape.text(ResidentJSON(Self.person, territory: .paysDeGex, localTime: Self.paris))
        #expect(
            text == #"{"birth_year":null,"commune":"gex","commune_code":"01173","consent_records":[{"channel":"email","granted":true,"#
                + #""recorded_at":"2027-03-01T10:00:00+01:00","source":"CCAS desk (a/b)"}],"consents":["email"],"#
                + #""email":"jeanne@exemple.fr","id":7,"language":"fr","name":"Jeanne Martin","phone":null}"#)
    }

    @Test func nullAndAMissingKeyReadBackAsNil() throws {
        let decoded = try JSONDecoder().decode(ErrorJSON.self, from: Data(#"{"error": "x", "message": "m"}"#.utf8))
        #expect(decoded == ErrorJSON(error: "x", field: nil, message: "m"))
        let explicit = try JSONDecoder().decode(ErrorJSON.self, from: Data(#"{"error": "x", "field": null, "message": "m"}"#.utf8))
        #expect(explicit.field == nil)
        let original = ResidentJSON(Self.person, territory: .paysDeGex, localTime: Self.paris)
        #expect(try JSONDecoder().decode(ResidentJSON.self, from: Data(JSONShape.text(original).utf8)) == original)
    }

    @Test func aResidentsRecordAddsItsRegistrationsToTheResidentsKeys() throws {
        let record = ResidentRecordJSON(Self.person, registrations: [], territory: .paysDeGex, localTime: Self.paris)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONShape.text(record).utf8)) as? [String: Any])
        let resident = try #require(
            try JSONSerialization.jsonObject(
                with: Data(JSONShape.text(ResidentJSON(Self.person, territory: .paysDeGex, localTime: Self.paris)).utf8))
                as? [String: Any])
        #expect(Set(object.keys) == Set(resident.keys).union(["registrations"]))
        #expect((object["registrations"] as? [Any])?.isEmpty == true)
    }

    @Test func prettyTextIsForPeopleAndTheSameJSON() throws {
        let error = ErrorJSON(error: "stop-unknown", field: "stop", message: "No stop \"Thoiry\" at 07:30/08:00.")
        let pretty = JSONShape.text(error, pretty: true)
        #expect(pretty.contains("\n") && pretty.contains("07:30/08:00"))
        #expect(try JSONDecoder().decode(ErrorJSON.self, from: Data(pretty.utf8)) == error)
    }
}
