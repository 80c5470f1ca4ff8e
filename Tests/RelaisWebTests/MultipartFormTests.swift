// MultipartForm: a form with a file as Chromium and curl post it is read part by part, exactly;
// anything malformed is unreadable as a whole. And the server's body limit is per path.

import Foundation
import Testing

@testable import RelaisWeb

@Suite struct MultipartFormTests {
    let type = "multipart/form-data; boundary=----WebKitFormBoundaryx7Jq"

    func body(_ parts: [String], boundary: String = "----WebKitFormBoundaryx7Jq") -> [UInt8] {
        Array((parts.map { "--\(boundary)\r\n\($0)\r\n" }.joined() + "--\(boundary)--\r\n").utf8)
    }

    @Test func aBrowsersFormWithAFileIsReadPartByPartExactly() throws {
        let calendar = "BEGIN:VCALENDAR\r\nX-RELAIS-CAMPAIGN:mars\r\n\r\n--not-the-boundary\r\nEND:VCALENDAR\r\n"
        let form = try #require(
            MultipartForm.parse(
                body([
                    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\nabc123",
                    "Content-Disposition: form-data; name=\"calendar\"; filename=\"Mars bleu \\\"v2\\\".ics\"\r\nContent-Type: text/calendar\r\n\r\n\(calendar)",
                ]), contentType: type))
        #expect(form.parts.map(\.name) == ["csrf", "calendar"])
        #expect(form.text("csrf") == "abc123")
        let file = try #require(form.part("calendar"))
        #expect(file.fileName == "Mars bleu \"v2\".ics" && file.contentType == "text/calendar")
        #expect(String(decoding: file.data, as: UTF8.self) == calendar)
    }

    @Test func aQuotedBoundaryAPreambleAndAnEmptyFileAreRead() throws {
        let quoted = "multipart/form-data; charset=utf-8; boundary=\"a b\""
        let bytes = Array("preamble\r\n".utf8) + body(["Content-Disposition: form-data; name=f; filename=\"\"\r\n\r\n"], boundary: "a b")
        let form = try #require(MultipartForm.parse(bytes, contentType: quoted))
        #expect(form.part("f")?.data == [] && form.part("f")?.fileName == "")
        #expect(form.text("f") == nil)
    }

    @Test(arguments: [
        ("Content-Disposition: form-data; name=\"a\"\r\n\r\nx", "application/x-www-form-urlencoded", false),
        ("Content-Disposition: form-data; name=\"a\"\r\n\r\nx", "multipart/form-data", false),
        ("Content-Disposition: attachment; name=\"a\"\r\n\r\nx", "", true),
        ("Content-Disposition: form-data\r\n\r\nx", "", true),
        ("no colon here\r\n\r\nx", "", true),
    ])
    func aFormWithoutBoundaryOrNameIsUnreadable(part: String, contentType: String, useOwnType: Bool) {
        #expect(MultipartForm.parse(body([part]), contentType: useOwnType ? type : contentType) == nil)
    }

    @Test func aFormCutShortOrWithTooManyPartsOrHugeHeadersIsUnreadable() {
        let whole = body(["Content-Disposition: form-data; name=\"a\"\r\n\r\nx"])
        #expect(MultipartForm.parse(whole, contentType: type) != nil)
        #expect(MultipartForm.parse(Array(whole.dropLast(12)), contentType: type) == nil)
        let many = body(Array(repeating: "Content-Disposition: form-data; name=\"a\"\r\n\r\nx", count: MultipartForm.maximumParts + 1))
        #expect(MultipartForm.parse(many, contentType: type) == nil)
        let huge = body(["Content-Disposition: form-data; name=\"a\"\r\nX-Pad: \(String(repeating: "p", count: 5000))\r\n\r\nx"])
        #expect(MultipartForm.parse(huge, contentType: type) == nil)
        let latin1: [UInt8] = Array("--b\r\nContent-Disposition: form-data; name=\"".utf8) + [0xE9] + Array("\"\r\n\r\nx\r\n--b--".utf8)
        #expect(MultipartForm.parse(latin1, contentType: "multipart/form-data; boundary=b") == nil)
    }

    @Test func theBodyLimitIsThePathsOwnWhereOneIsGiven() {
        var limits = HTTPLimits(maximumBodyBytes: 64 << 10)
        limits.largeBodies = ["/calendars": 20 << 20]
        #expect(limits.maximumBodyBytes(path: "/calendars") == 20 << 20)
        #expect(limits.maximumBodyBytes(path: "/calendars/x") == 64 << 10)
        #expect(limits.maximumBodyBytes(path: "/residents") == 64 << 10)
    }
}
