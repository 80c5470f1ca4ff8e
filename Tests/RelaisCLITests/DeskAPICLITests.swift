// The desk's JSON API through `relais serve` and curl: bearer tokens, the same walls between
// communes as the pages, JSON bodies only, and signing out; a path's own methods in 405 and Allow,
// extra properties ignored. (Against the whole OpenAPI file: OpenAPIConformanceCLITests.)

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskAPICLITests {
    /// curl with a JSON body and a bearer token; the answer's body parsed as JSON when it is.
    func call(_ site: DeskSite, _ method: String, _ path: String, token: String? = nil, json: String? = nil) throws -> (
        status: Int, body: Any?
    ) {
        var arguments = ["-X", method]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
        let answer = try site.client("api").curl(arguments + [site.client("api").url(path)])
        return (answer.status, try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)))
    }

    func token(_ site: DeskSite, _ login: String) throws -> String {
        let signedIn = try call(site, "POST", "/api/v1/session", json: #"{"login": "\#(login)", "password": "\#(DeskSite.password)"}"#)
        #expect(signedIn.status == 201)
        return try #require((signedIn.body as? [String: Any])?["token"] as? String)
    }

    @Test func anAgentBooksThroughTheAPIWithinItsCommuneOnly() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try token(site, "agent-gex")
        let runs = try #require(try call(site, "GET", "/api/v1/runs", token: gex).body as? [[String: Any]])
        #expect(runs.count == 1, "\(runs)")
        #expect(
            runs.first?["seats_left_outbound"] as? Int == 8 && runs.first?["departure"] as? String == "2027-03-30T07:30:00+02:00", "\(runs)"
        )
        let residents = try #require(try call(site, "GET", "/api/v1/residents", token: gex).body as? [[String: Any]])
        #expect(residents.map { $0["commune"] as? String } == ["gex", "gex", "gex"])
        func names(_ query: String) throws -> [String] {
            let found = try call(site, "GET", "/api/v1/residents?q=\(query)", token: gex).body as? [[String: Any]] ?? []
            return found.compactMap { $0["name"] as? String }
        }
        #expect(try names("residen") == ["Résident Gex 0", "Résident Gex 1", "Résident Gex 2"], "accents and case folded")
        #expect(try names("0611223301") == ["Résident Gex 1"], "a phone typed in the national form")
        #expect(try names("cessy").isEmpty, "another commune's residents are not found")

        let created = try call(
            site, "POST", "/api/v1/residents", token: gex,
            json: #"{"name": "Paul Martin", "phone": "06 11 22 33 44", "consent_sms": true, "commune": "Cessy"}"#)
        #expect(created.status == 201)
        let person = try #require(created.body as? [String: Any])
        #expect(person["commune"] as? String == "gex" && person["consents"] as? [String] == ["sms"])
        let refused = try call(site, "POST", "/api/v1/residents", token: gex, json: #"{"name": "X", "phone": "12"}"#)
        #expect(refused.status == 422 && (refused.body as? [String: Any])?["field"] as? String == "phone")

        let booked = try call(
            site, "POST", "/api/v1/runs/\(site.transport.run)/bookings", token: gex,
            json: #"{"resident": \#(person["id"]!), "stop": "1", "quotient": 1000}"#)
        #expect(booked.status == 201)
        let booking = try #require(booked.body as? [String: Any])
        #expect(
            booking["status"] as? String == "confirmed" && booking["fare_cents"] as? Int == 300
                && booking["booked_by"] as? String == "agent-gex")
        let id = try #require(booking["id"] as? Int)

        let cessy = try token(site, "agent-cessy")
        #expect(try call(site, "GET", "/api/v1/bookings/\(id)", token: cessy).status == 404)
        #expect(try call(site, "POST", "/api/v1/bookings/\(id)/cancel", token: cessy).status == 404)
        #expect(try call(site, "GET", "/api/v1/residents/\(person["id"]!)", token: cessy).status == 404)
        #expect(
            try call(site, "POST", "/api/v1/runs/\(site.transport.run)/bookings", token: cessy, json: #"{"resident": 1}"#).status == 404)
        #expect(try call(site, "GET", "/api/v1/calendar", token: cessy).status == 403)
        #expect(try call(site, "GET", "/api/v1/calendar", token: try token(site, "coordination")).status == 200)

        let cancelled = try call(site, "POST", "/api/v1/bookings/\(id)/cancel", token: gex)
        #expect(cancelled.status == 200 && (cancelled.body as? [String: Any])?["late"] as? Bool == false)
    }

    @Test func theAPIWantsABearerTokenAndJSONAndForgetsASignedOutToken() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        #expect(try call(site, "GET", "/api/v1/runs").status == 401)
        let browser = try site.signedIn("agent-gex")
        #expect(try browser.get("/api/v1/runs").status == 401, "a browser's cookie opens no API call")
        let gex = try token(site, "agent-gex")
        let form = try site.client("api").curl(
            [
                "-H", "Authorization: Bearer \(gex)", "-d", "resident=1",
                site.client("api").url("/api/v1/runs/\(site.transport.run)/bookings"),
            ])
        #expect(form.status == 415)
        #expect(try call(site, "POST", "/api/v1/runs/\(site.transport.run)/bookings", token: gex, json: "[1]").status == 400)
        #expect(try call(site, "DELETE", "/api/v1/session", token: gex).status == 204)
        #expect(try call(site, "GET", "/api/v1/runs", token: gex).status == 401)
        let wrong = try call(site, "POST", "/api/v1/session", json: #"{"login": "agent-gex", "password": "not the one"}"#)
        #expect(wrong.status == 401)
    }

    @Test func aMethodAPathDoesNotTakeGets405NamingThePathsOwnMethods() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try token(site, "agent-gex")
        let api = site.client("api")
        for (method, path, allowed) in [
            ("DELETE", "/api/v1/runs", "GET"), ("POST", "/api/v1/runs/\(site.transport.run)", "GET"),
            ("OPTIONS", "/api/v1/runs/\(site.transport.run)/bookings", "POST"), ("PUT", "/api/v1/session", "DELETE, POST"),
            ("GET", "/api/v1/bookings/1/cancel", "POST"), ("PATCH", "/api/v1/residents", "GET, POST"),
        ] {
            let answer = try api.curl(["-X", method, "-H", "Authorization: Bearer \(gex)", "-H", "Content-Type: text/plain", api.url(path)])
            #expect(answer.status == 405 && answer.headers["allow"] == allowed, "\(method) \(path): \(answer.status) \(answer.headers)")
        }
        #expect(try api.curl(["-I", "-H", "Authorization: Bearer \(gex)", api.url("/api/v1/runs")]).status == 200, "HEAD is GET")
        #expect(try api.curl(["-X", "DELETE", api.url("/api/v1/nothing")]).status == 404)
    }

    @Test func propertiesAnOperationDoesNotReadAreIgnoredAndOnesItReadsMustBePlainValues() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try token(site, "agent-gex")
        let created = try call(
            site, "POST", "/api/v1/residents", token: gex, json: #"{"name": "Paul Martin", "client": {"app": "x", "v": [1]}, "tags": []}"#)
        #expect(created.status == 201 && (created.body as? [String: Any])?["name"] as? String == "Paul Martin", "\(created)")
        let nested = try call(site, "POST", "/api/v1/residents", token: gex, json: #"{"name": {"first": "Paul"}}"#)
        #expect(nested.status == 422 && (nested.body as? [String: Any])?["field"] as? String == "name", "\(nested)")
        let quotient = try call(
            site, "POST", "/api/v1/runs/\(site.transport.run)/bookings", token: gex, json: #"{"resident": 1, "quotient": [650]}"#)
        #expect(quotient.status == 422 && (quotient.body as? [String: Any])?["field"] as? String == "quotient", "\(quotient)")
        let signIn = #"{"login": "agent-cessy", "password": "\#(DeskSite.password)", "device": {"name": "poste 2"}}"#
        #expect(try call(site, "POST", "/api/v1/session", json: signIn).status == 201)
        #expect(try call(site, "POST", "/api/v1/session", json: #"{"login": " ", "password": "x"}"#).status == 401)
        #expect(try call(site, "POST", "/api/v1/session", json: #"{"login": ["agent-gex"], "password": "x"}"#).status == 400)
    }
}
