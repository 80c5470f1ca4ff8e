// Refusals through `relais serve` and curl: a typed refusal of the store shown above the booking
// form in French and in English, the form keeping what was typed, and the API answering every
// error, its own or the store's, as {"error": code, "field": name or null, "message": words}.

import Foundation
import RelaisTestPeers
import Testing

@Suite(.serialized) struct DeskRefusalCLITests {
    /// The error box above the form.
    func problem(_ answer: HTTPAnswer) -> String {
        guard let range = answer.body.range(of: #"<p id="form-error"[^>]*>[^<]*</p>"#, options: .regularExpression) else { return "" }
        return String(answer.body[range])
    }

    @Test func anUnknownStopIsExplainedWithTheRunsStopsInThePagesLanguage() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let gex = try site.signedIn("agent-gex")
        let form = "/runs/\(site.transport.run)"
        let csrf = try #require(try gex.get(form).csrf)
        let before = try site.bookingRows()
        let french = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("stop", "Thoiry"), ("quotient", "850")])
        #expect(french.status == 422)
        #expect(
            problem(french).contains(
                "Arrêt : Cette navette n&#39;a pas d&#39;arrêt « Thoiry » ; ses arrêts : 1 — 7 h 30 Gex, Parking de l&#39;agglo ; "
                    + "2 — 7 h 45 Cessy, Mairie."), "\(problem(french))")
        #expect(french.body.contains("value=\"850\""), "the quotient typed is kept")
        #expect(try gex.get("/lang/en").status == 303)
        let english = try gex.post("\(form)/book", [("csrf", csrf), ("resident", "1"), ("quotient", "mille")])
        #expect(english.status == 422)
        #expect(
            problem(english).contains("&quot;mille&quot; is not a family quotient: a whole number of euros, 0 or more"),
            "\(problem(english))")
        #expect(try site.bookingRows() == before)
    }

    @Test func everyAPIErrorHasTheSameShape() throws {
        let site = try DeskSite()
        defer { site.server.stop() }
        let api = site.client("api")
        func call(_ method: String, _ path: String, token: String? = nil, json: String? = nil, _ options: [String] = []) throws -> (
            answer: HTTPAnswer, body: [String: Any]
        ) {
            var arguments = ["-X", method] + options
            if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
            if let json { arguments += ["-H", "Content-Type: application/json", "--data-binary", json] }
            let answer = try api.curl(arguments + [api.url(path)])
            return (answer, (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any] ?? [:])
        }
        /// The status, the code and the field of an error, every key present.
        func expectError(
            _ result: (answer: HTTPAnswer, body: [String: Any]), _ status: Int, _ code: String, field: String?,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            let body = result.body
            #expect(result.answer.status == status, "\(result.answer.body)", sourceLocation: sourceLocation)
            #expect(result.answer.headers["content-type"] == "application/json", sourceLocation: sourceLocation)
            #expect(Set(body.keys) == ["error", "field", "message", "existing"], "\(body)", sourceLocation: sourceLocation)
            #expect(body["error"] as? String == code, "\(body)", sourceLocation: sourceLocation)
            #expect((body["field"] as? String) == field && (field != nil || body["field"] is NSNull), sourceLocation: sourceLocation)
            #expect(!(body["message"] as? String ?? "").isEmpty, sourceLocation: sourceLocation)
        }

        expectError(try call("GET", "/api/v1/runs"), 401, "sign-in-required", field: nil)
        expectError(
            try call("POST", "/api/v1/session", json: #"{"login": "agent-gex", "password": "x"}"#), 401, "wrong-login-or-password",
            field: nil)
        expectError(try call("POST", "/api/v1/session", json: #"{"password": "x"}"#), 400, "sign-in-unreadable", field: nil)
        let signedIn = try call("POST", "/api/v1/session", json: #"{"login": "agent-gex", "password": "\#(DeskSite.password)"}"#)
        let token = try #require(signedIn.body["token"] as? String)
        expectError(try call("GET", "/api/v1/nothing", token: token), 404, "not-found", field: nil)
        expectError(try call("GET", "/api/v1/bookings/999", token: token), 404, "booking-not-found", field: "booking")
        expectError(try call("GET", "/api/v1/residents/999", token: token), 404, "resident-not-found", field: "resident")
        expectError(try call("GET", "/api/v1/runs/999", token: token), 404, "run-not-found", field: "run")
        expectError(try call("GET", "/api/v1/calendar", token: token), 403, "forbidden", field: nil)
        let notAllowed = try call("DELETE", "/api/v1/runs", token: token)
        expectError(notAllowed, 405, "method-not-allowed", field: nil)
        #expect(notAllowed.answer.headers["allow"] == "GET")
        let book = "/api/v1/runs/\(site.transport.run)/bookings"
        expectError(try call("POST", book, token: token, ["-d", "resident=1"]), 415, "body-not-json", field: nil)
        expectError(try call("POST", book, token: token, json: "[1]"), 400, "body-not-an-object", field: nil)
        expectError(try call("POST", book, token: token, json: #"{"stop": "1"}"#), 422, "value-missing", field: "resident")
        expectError(
            try call("POST", book, token: token, json: #"{"resident": 1, "quotient": [1]}"#), 422, "value-not-scalar", field: "quotient")
        expectError(try call("POST", book, token: token, json: #"{"resident": 1, "stop": "Thoiry"}"#), 422, "stop-unknown", field: "stop")
        expectError(try call("POST", book, token: token, json: #"{"resident": 1, "legs": "aller"}"#), 422, "legs-unknown", field: "legs")
        expectError(
            try call("POST", book, token: token, json: #"{"resident": 1, "appointment": "9h"}"#), 422, "appointment-unreadable",
            field: "appointment")
        #expect(try call("POST", book, token: token, json: #"{"resident": 1}"#).answer.status == 201)
        expectError(try call("POST", book, token: token, json: #"{"resident": 1}"#), 409, "already-booked", field: "resident")
        let stop = try call("POST", book, token: token, json: #"{"resident": 2, "stop": "Thoiry"}"#)
        #expect(
            stop.body["message"] as? String
                == "This run has no stop \"Thoiry\"; its stops: 1 — 7:30 Gex, Parking de l'agglo; 2 — 7:45 Cessy, Mairie.",
            "\(stop.body)")

        for attempt in 1...5 {
            let wrong = try call("POST", "/api/v1/session", json: #"{"login": "agent-cessy", "password": "wrong \#(attempt)"}"#)
            #expect(wrong.answer.status == 401 || wrong.answer.status == 429)
        }
        let locked = try call("POST", "/api/v1/session", json: #"{"login": "agent-cessy", "password": "\#(DeskSite.password)"}"#)
        expectError(locked, 429, "account-locked", field: nil)
        #expect(locked.answer.headers["retry-after"] != nil)
    }
}
