// RequestFraming without a socket: which framing headers are refused before a body is read, and
// with which status. (Through the built binary and raw sockets: sendMalformedBatch in the CLI tests.)

import Testing

@testable import RelaisWeb

@Suite struct RequestFramingTests {
    func check(_ headers: [(String, String)], limit: Int = 65_536) -> FramingRefusal? {
        FramingRefusal.check(headers.map { (name: $0.0, value: $0.1) }, maximumBodyBytes: limit)
    }

    @Test func aContentLengthWithinTheLimitOrNoneIsRead() {
        #expect(check([]) == nil)
        #expect(check([("Host", "a")]) == nil)
        #expect(check([("Content-Length", "65536")]) == nil)
        #expect(check([("content-length", "0")]) == nil)
        #expect(check([("Content-Length", "0000000000000000000000012")]) == nil, "leading zeros are still 12")
        #expect(check([("Content-Length", "12"), ("Content-Length", "12")]) == nil, "the same length twice")
    }

    @Test func aContentLengthAboveTheLimitIsTooLargeUpTo2To64() {
        #expect(check([("Content-Length", "65537")]) == .bodyTooLarge)
        #expect(check([("Content-Length", "9223372036854775807")]) == .bodyTooLarge)
        #expect(check([("Content-Length", "9223372036854775808")]) == .bodyTooLarge)
        #expect(check([("Content-Length", "18446744073709551615")]) == .bodyTooLarge)
        #expect(FramingRefusal.bodyTooLarge.status == 413)
    }

    @Test func lengthsThatDisagreeOrTransferEncodingWithALengthAreAmbiguous() {
        #expect(check([("Content-Length", "3"), ("Content-Length", "30")]) == .ambiguousLength)
        #expect(check([("Content-Length", "3"), ("Content-Length", "x")]) == .ambiguousLength)
        #expect(check([("Transfer-Encoding", "chunked"), ("Content-Length", "3")]) == .ambiguousLength)
        #expect(FramingRefusal.ambiguousLength.status == 400)
    }

    @Test func anyTransferCodingButALoneChunkedIsUnsupportedAndChunkedWantsALength() {
        for coding in ["identity, chunked", "gzip", "chunked, chunked", "gzip, chunked", "chunked;q=1", ""] {
            #expect(check([("Transfer-Encoding", coding)]) == .unsupportedTransferCoding, "\(coding)")
        }
        #expect(check([("Transfer-Encoding", "chunked"), ("Transfer-Encoding", "chunked")]) == .unsupportedTransferCoding)
        #expect(check([("Transfer-Encoding", " Chunked ")]) == .lengthRequired)
        #expect(FramingRefusal.unsupportedTransferCoding.status == 400 && FramingRefusal.lengthRequired.status == 411)
    }

    @Test func everyRefusalClosesTheConnection() {
        for refusal in [FramingRefusal.bodyTooLarge, .lengthRequired, .ambiguousLength, .unsupportedTransferCoding] {
            #expect(refusal.response.status == refusal.status)
            #expect(refusal.response.headers.contains { $0.0 == "Connection" && $0.1 == "close" })
        }
    }
}
