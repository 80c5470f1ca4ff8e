// FeedClient: fetches a calendar feed over HTTP(S), the one GET Relais makes of a stranger's
// server, so it is bounded on every side: the whole fetch (redirects included) within a time limit,
// the body at most `[calendars] max_file_mb` (a longer one stops the transfer, it is not cut and
// read), headers at most 256 KB, at most five redirects, each checked by FeedAddress.following (https,
// or http on loopback only; from a feed not on loopback, never to a loopback, private or link-local
// address). Conditional: the ETag and Last-Modified of the version last read are
// sent back as If-None-Match and If-Modified-Since, so an unchanged feed answers 304 with no body.
//
// Redirects are followed here rather than by libcurl so that each target passes the same checks
// as a configured address. Compressed bodies are accepted (Accept-Encoding); the size limit applies
// to what libcurl hands over, decompressed. Nothing here logs; a failure says why in plain words.

import CCurl
import Foundation
import RelaisCore

/// What identifies the version of a feed last read, sent back to ask "has it changed?".
public struct FeedValidators: Sendable, Equatable {
    /// The `ETag` header, sent back as `If-None-Match`.
    public var entityTag: String?
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    public var lastModified: String?

    public init(entityTag: String? = nil, lastModified: String? = nil) {
        self.entityTag = entityTag
        self.lastModified = lastModified
    }
}

/// What a fetch brought.
public enum FeedFetch: Sendable, Equatable {
    /// 304 Not Modified: the version last read is still current.
    case notModified
    /// 200: the feed's bytes, and what identifies this version.
    case fetched(body: [UInt8], validators: FeedValidators)
}

/// Why a fetch brought nothing to read: the last good version stays.
public struct FeedFetchFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status when the server answered one (500, 404...).
    public var httpStatus: Int?
    /// What happened, in plain words (`HTTP 500 from example.org`).
    public var reason: String

    public init(httpStatus: Int? = nil, reason: String) {
        self.httpStatus = httpStatus
        self.reason = reason
    }

    public var description: String { reason }
}

/// The limits of one fetch.
public struct FeedLimits: Sendable, Equatable {
    /// The largest body read, in bytes.
    public var maximumBytes: Int
    /// The whole fetch, redirects included, in seconds.
    public var timeout: TimeInterval
    /// Connecting to one server, in seconds (within `timeout`).
    public var connectTimeout: TimeInterval = 10
    /// Redirects followed before giving up.
    public var maximumRedirects = 5

    public init(maximumBytes: Int, timeout: TimeInterval) {
        self.maximumBytes = maximumBytes
        self.timeout = timeout
    }
}

/// A blocking feed fetcher on one libcurl handle. Not `Sendable`: one thread at a time.
public final class FeedClient {
    private let handle = CurlHandle()
    private let limits: FeedLimits
    private var configurationError: CurlError?

    public init(limits: FeedLimits) {
        self.limits = limits
        do {
            try handle.set(CURLOPT_PROTOCOLS_STR, "http,https")
            try handle.set(CURLOPT_FOLLOWLOCATION, false)
            try handle.set(CURLOPT_HTTPGET, true)
            try handle.set(CURLOPT_USERAGENT, "Relais (calendar feed)")
            // "" asks for every encoding libcurl can decode; the body it hands over is decoded.
            try handle.set(CURLOPT_ACCEPT_ENCODING, "")
            try handle.limitBody(to: limits.maximumBytes)
        } catch {
            configurationError = error
        }
    }

    /// GETs `address`, following redirects; sends `validators` as conditional headers.
    public func fetch(_ address: FeedAddress, validators: FeedValidators? = nil) -> Result<FeedFetch, FeedFetchFailure> {
        if let configurationError { return .failure(FeedFetchFailure(reason: configurationError.description)) }
        let deadline = Date().addingTimeInterval(limits.timeout)
        var current = address
        for _ in 0...limits.maximumRedirects {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return .failure(timedOut(address)) }
            let transfer: CurlTransfer
            do { transfer = try perform(current, validators: validators, seconds: remaining) } catch {
                return .failure(FeedFetchFailure(reason: error.description))
            }
            guard transfer.succeeded else { return .failure(failure(transfer, current)) }
            let headers = HTTPClient.headers(transfer.headerLines)
            func header(_ name: String) -> String? {
                headers.last { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
            }
            switch transfer.responseCode {
            case 200:
                return .success(
                    .fetched(
                        body: transfer.body, validators: FeedValidators(entityTag: header("ETag"), lastModified: header("Last-Modified"))))
            case 304:
                return .success(.notModified)
            case 301, 302, 303, 307, 308:
                guard let location = header("Location") else {
                    return .failure(
                        FeedFetchFailure(
                            httpStatus: transfer.responseCode,
                            reason: "HTTP \(transfer.responseCode) from \(current.host) without a Location"))
                }
                do { current = try current.following(location) } catch {
                    return .failure(FeedFetchFailure(httpStatus: transfer.responseCode, reason: error.reason))
                }
            default:
                return .failure(
                    FeedFetchFailure(httpStatus: transfer.responseCode, reason: "HTTP \(transfer.responseCode) from \(current.host)"))
            }
        }
        return .failure(FeedFetchFailure(reason: "more than \(limits.maximumRedirects) redirects from \(address.host)"))
    }

    private func perform(_ address: FeedAddress, validators: FeedValidators?, seconds: TimeInterval) throws(CurlError) -> CurlTransfer {
        var lines: [String] = []
        // A validator is a server's text: control characters out, so that it cannot add a header.
        if let tag = validators?.entityTag { lines.append("If-None-Match: " + tag.strippingControlCharacters()) }
        if let date = validators?.lastModified { lines.append("If-Modified-Since: " + date.strippingControlCharacters()) }
        try handle.set(CURLOPT_URL, address.url)
        try handle.set(CURLOPT_HTTPHEADER, lines)
        try handle.set(CURLOPT_TIMEOUT_MS, max(1, Int(seconds * 1000)))
        try handle.set(CURLOPT_CONNECTTIMEOUT_MS, max(1, Int(min(seconds, limits.connectTimeout) * 1000)))
        return handle.perform()
    }

    private func failure(_ transfer: CurlTransfer, _ address: FeedAddress) -> FeedFetchFailure {
        if transfer.overflowed || transfer.result == CURLE_FILESIZE_EXCEEDED {
            return FeedFetchFailure(reason: "\(address.host) sent more than the \(limits.maximumBytes) bytes accepted (max_file_mb)")
        }
        if transfer.result == CURLE_OPERATION_TIMEDOUT { return timedOut(address) }
        return FeedFetchFailure(reason: "cannot fetch from \(address.host): \(transfer.errorMessage)")
    }

    private func timedOut(_ address: FeedAddress) -> FeedFetchFailure {
        FeedFetchFailure(reason: "\(address.host) did not send the whole calendar within \(Int(limits.timeout)) s")
    }
}
