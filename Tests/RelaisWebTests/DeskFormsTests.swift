// The desk's pieces that need no server: reading forms, JSON bodies and cookies, the words of
// every page in both languages, and the OpenAPI file against the API's routes.

import Foundation
import RelaisCore
import Testing

@testable import RelaisWeb

@Suite struct DeskFormsTests {
    @Test func anUrlencodedFormIsDecodedAndARepeatedNameKeepsItsFirstValue() {
        let form = FormFields.urlencoded(Array("name=Jeanne+Dupr%C3%A9&phone=06%2012&name=Other&consent_sms=on&empty=".utf8))
        #expect(form?["name"] == "Jeanne Dupré")
        #expect(form?["phone"] == "06 12")
        #expect(form?.flag("consent_sms") == true && form?.flag("consent_email") == false)
        #expect(form?.text("empty") == nil)
    }

    @Test func aFormThatIsNotUTF8OrHasABrokenEscapeIsUnreadable() {
        #expect(FormFields.urlencoded([0x6e, 0x3d, 0xff]) == nil)
        #expect(FormFields.urlencoded(Array("name=%C3".utf8)) == nil)
        #expect(FormFields.urlencoded(Array("name=%zz".utf8)) == nil)
    }

    @Test func aJSONObjectsPlainValuesAreFieldsItsObjectsAndArraysAreSetApartAndAnythingElseIsUnreadable() {
        let fields = FormFields.json(Array(#"{"resident": 12, "stop": "2", "companion": true, "quotient": null}"#.utf8))
        #expect(fields == FormFields(["resident": "12", "stop": "2", "companion": "true"]))
        #expect(
            FormFields.json(Array(#"{"resident": [1, 2], "x": {"a": 1}, "name": "A"}"#.utf8))
                == FormFields(["name": "A"], nested: ["resident", "x"]))
        #expect(FormFields.json(Array("[1]".utf8)) == nil)
        #expect(FormFields.json(Array("not json".utf8)) == nil)
    }

    @Test func cookiesAreReadByName() {
        #expect(FormFields.cookies("relais_lang=en; relais_session=abc; broken") == ["relais_lang": "en", "relais_session": "abc"])
        #expect(FormFields.cookies(nil).isEmpty)
    }

    @Test func everyWordExistsInBothLanguagesAndTheyDiffer() {
        let french = DeskWording(.french)
        let english = DeskWording(.english)
        for (key, pair) in DeskWording.table {
            #expect(!pair.0.isEmpty && !pair.1.isEmpty, "\(key)")
            #expect(french[key] == pair.0 && english[key] == pair.1)
        }
        #expect(french.euros(150) == "1,50 €" && english.euros(300) == "€3.00" && french.euros(0) == "0,00 €")
    }

    func openAPIDocument() throws -> [String: Any] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RelaisWeb/openapi.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    @Test func theOpenAPIFileDocumentsExactlyTheAPIRoutes() throws {
        let document = try openAPIDocument()
        #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let served = Set(DeskAPI.routes.map { "\($0.method) \($0.path)" })
        #expect(documented == served)
    }

    @Test func theAPIReadsTheBodyPropertiesTheOpenAPIFileNamesAndOnlyThose() throws {
        let document = try openAPIDocument()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        var documented: [String: Set<String>] = [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                let body = ((operation as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: [String: Any]]
                guard var schema = body?["application/json"]?["schema"] as? [String: Any] else { continue }
                if let reference = schema["$ref"] as? String { schema = schemas[String(reference.split(separator: "/").last!)] ?? [:] }
                documented["\(method.uppercased()) \(path)"] = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
            }
        }
        #expect(documented == DeskAPI.bodyProperties)
    }
}
