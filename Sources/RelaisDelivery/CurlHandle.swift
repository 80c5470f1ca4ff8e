// CurlHandle: the one place that owns a libcurl easy handle, after swift-corelibs-foundation's
// wrapper. One `final class` per handle, freed in `deinit`, deliberately not `Sendable` (libcurl:
// "You must never share the same handle in multiple threads"); typed setters because Swift cannot
// call the variadic curl_easy_setopt (Sources/CCurl/shim.h has one wrapper per argument type);
// CURLOPT_NOSIGNAL=1 and a per-handle CURLOPT_ERRORBUFFER on every handle. The transfer state the C
// callbacks write into lives as long as the handle, so a callback libcurl makes while closing a
// cached connection (an SMTP QUIT reply goes to the header callback) never sees freed memory.

import CCurl
import Foundation

/// libcurl's process-wide setup, done exactly once.
public enum LibCurl {
    /// `curl_global_init`, run once by Swift's thread-safe lazy initialisation of a static. libcurl
    /// 7.88 as built by Debian has the CURL_VERSION_THREADSAFE feature, and curl_global_init(3) says
    /// "This function is thread-safe since libcurl 7.84.0 if curl_version_info(3) has the
    /// CURL_VERSION_THREADSAFE feature bit set" (https://curl.se/libcurl/c/curl_global_init.html);
    /// the daemon still calls `initialize()` from `main` before it starts any thread, as the same page
    /// recommends for older builds.
    private static let globalInitResult: UInt32 = curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue

    /// Sets libcurl up for this process if that was not done yet; `false` if libcurl refused.
    @discardableResult
    public static func initialize() -> Bool { globalInitResult == CURLE_OK.rawValue }
}

/// A libcurl call that failed before or instead of a transfer.
struct CurlError: Error, Equatable {
    /// The `CURLcode`'s raw value.
    var code: UInt32
    /// libcurl's message: the error buffer's text, else curl_easy_strerror.
    var message: String

    init(_ code: CURLcode, message: String? = nil) {
        self.code = code.rawValue
        self.message = message ?? String(cString: curl_easy_strerror(code))
    }

    var description: String { "libcurl error \(code): \(message)" }
}

/// What one `curl_easy_perform` gave: libcurl's result, the server's reply code and reply lines
/// (SMTP replies and HTTP headers both arrive through the header callback) and the HTTP body.
struct CurlTransfer {
    /// `CURLE_OK` or why the transfer stopped.
    var result: CURLcode
    /// The error buffer's text when `result` is not `CURLE_OK`.
    var errorMessage: String
    /// CURLINFO_RESPONSE_CODE: the last SMTP reply code or the HTTP status; 0 when none arrived.
    var responseCode: Int
    /// Every reply or header line received, CRLF removed.
    var headerLines: [String]
    /// The response body (HTTP), at most `TransferState.bodyLimit` bytes.
    var body: [UInt8]
    /// Whether the read callback handed libcurl the whole upload.
    var uploadCompleted: Bool
    /// Whether the transfer was stopped because the body or the headers passed their limit
    /// (`CurlHandle.limitBody(to:)`); `result` is then CURLE_WRITE_ERROR.
    var overflowed = false

    var succeeded: Bool { result == CURLE_OK }
    var error: CurlError { CurlError(result, message: errorMessage) }
}

/// What the C callbacks read from and write into; owned by its handle for the handle's whole life.
final class TransferState {
    static let bodyLimit = 1 << 20
    /// The most header bytes one transfer keeps before it is stopped: a server sending headers
    /// without end must not fill the memory.
    static let headerLimit = 256 << 10
    var upload: [UInt8] = []
    var uploadOffset = 0
    var body: [UInt8] = []
    var headerLines: [String] = []
    var headerBytes = 0
    /// Body bytes kept; beyond it the rest is dropped, or the transfer stopped when `stopsBeyondLimit`.
    var bodyLimit = TransferState.bodyLimit
    var stopsBeyondLimit = false
    var overflowed = false

    /// A reply or header line without its line ends. An ASCII line (every SMTP reply we meet) is
    /// trimmed on bytes, without Foundation: four replies per message made it a part of sending's
    /// time (issue 16); any other goes through `trimmingCharacters(in: .newlines)` as before.
    static func headerLine(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        // U+000A to U+000D, the ASCII members of CharacterSet.newlines.
        let isNewline: (UInt8) -> Bool = { (0x0A...0x0D).contains($0) }
        var start = 0
        var end = bytes.count
        while start < end, isNewline(bytes[start]) { start += 1 }
        while end > start, isNewline(bytes[end - 1]) { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    func reset(upload: [UInt8]) {
        self.upload = upload
        uploadOffset = 0
        body = []
        headerLines = []
        headerBytes = 0
        overflowed = false
    }
}

/// A list of strings libcurl reads (`struct curl_slist`), freed with its owner.
final class CurlStringList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init(_ items: [String]) {
        for item in items {
            // curl_slist_append copies the string; on failure it returns NULL and leaves the list alone.
            if let appended = curl_slist_append(pointer, item) { pointer = appended }
        }
    }

    deinit { curl_slist_free_all(pointer) }
}

/// One libcurl easy handle, its error buffer, and its transfer state.
final class CurlHandle {
    private let easy: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let state = TransferState()
    /// libcurl does not copy `curl_slist`s: each list stays alive as long as an option points to it.
    private var lists: [UInt32: CurlStringList] = [:]
    private var setupError: CurlError?

    init() {
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        guard LibCurl.initialize(), let easy = curl_easy_init() else {
            self.easy = nil
            setupError = CurlError(CURLE_FAILED_INIT, message: "libcurl could not be initialised")
            return
        }
        self.easy = easy
        let context = Unmanaged.passUnretained(state).toOpaque()
        let codes = [
            relais_curl_setopt_long(easy, CURLOPT_NOSIGNAL, 1),
            relais_curl_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer),
            relais_curl_setopt_read_function(easy) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
                let length = min(size * count, state.upload.count - state.uploadOffset)
                guard length > 0 else { return 0 }
                state.upload.withUnsafeBytes { bytes in
                    UnsafeMutableRawPointer(buffer).copyMemory(
                        from: bytes.baseAddress! + state.uploadOffset, byteCount: length)
                }
                state.uploadOffset += length
                return length
            },
            relais_curl_setopt_pointer(easy, CURLOPT_READDATA, context),
            relais_curl_setopt_write_function(easy) { data, size, count, context in
                let length = size * count
                guard let data, let context else { return length }
                let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
                let room = max(0, state.bodyLimit - state.body.count)
                if state.stopsBeyondLimit && length > room {
                    state.overflowed = true
                    return 0  // fewer bytes than given: libcurl stops with CURLE_WRITE_ERROR
                }
                data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    state.body.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(length, room)))
                }
                return length
            },
            relais_curl_setopt_pointer(easy, CURLOPT_WRITEDATA, context),
            relais_curl_setopt_header_function(easy) { data, size, count, context in
                let length = size * count
                guard let data, let context else { return length }
                let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
                state.headerBytes += length
                if state.headerBytes > TransferState.headerLimit {
                    state.overflowed = true
                    return 0
                }
                let line = data.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                    TransferState.headerLine(UnsafeBufferPointer(start: bytes, count: length))
                }
                state.headerLines.append(line)
                return length
            },
            relais_curl_setopt_pointer(easy, CURLOPT_HEADERDATA, context),
        ]
        if let failed = codes.first(where: { $0 != CURLE_OK }) { setupError = CurlError(failed) }
    }

    deinit {
        // Closing cached connections may still call the header callback: clean up while `state` lives.
        if let easy { curl_easy_cleanup(easy) }
        errorBuffer.deallocate()
    }

    // MARK: - Options

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(easy.map { relais_curl_setopt_long($0, option, value) })
    }

    func set(_ option: CURLoption, _ value: Bool) throws(CurlError) { try set(option, value ? 1 : 0) }

    /// A string option; libcurl copies it (curl_easy_setopt(3): "Strings passed to libcurl as
    /// 'char *' arguments, are copied by the library", CURLOPT_POSTFIELDS excepted, which we never use).
    func set(_ option: CURLoption, _ value: String?) throws(CurlError) {
        let code: CURLcode? = easy.map { easy in
            guard let value else { return relais_curl_setopt_string(easy, option, nil) }
            return value.withCString { relais_curl_setopt_string(easy, option, $0) }
        }
        try check(code)
    }

    /// A list option; the list is kept until the option is set again or the handle goes.
    func set(_ option: CURLoption, _ items: [String]?) throws(CurlError) {
        let list = items.map(CurlStringList.init)
        try check(easy.map { relais_curl_setopt_slist($0, option, list?.pointer) })
        lists[option.rawValue] = list
    }

    /// A request body that libcurl copies (CURLOPT_COPYPOSTFIELDS after CURLOPT_POSTFIELDSIZE).
    func setPostBody(_ body: [UInt8]) throws(CurlError) {
        try set(CURLOPT_POSTFIELDSIZE, body.count)
        let code: CURLcode? = easy.map { easy in
            body.withUnsafeBytes { bytes in
                relais_curl_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
        try check(code)
    }

    /// Keeps at most `bytes` of a response body and stops the transfer (CURLE_WRITE_ERROR,
    /// `CurlTransfer.overflowed`) when more arrives, instead of dropping the rest silently; a
    /// Content-Length above it stops the transfer before the body (CURLE_FILESIZE_EXCEEDED).
    func limitBody(to bytes: Int) throws(CurlError) {
        state.bodyLimit = bytes
        state.stopsBeyondLimit = true
        // CURLOPT_MAXFILESIZE_LARGE takes a curl_off_t, a long on the 64-bit systems Relais runs on.
        try set(CURLOPT_MAXFILESIZE_LARGE, bytes)
    }

    private func check(_ code: CURLcode?) throws(CurlError) {
        if let setupError { throw setupError }
        guard let code else { throw CurlError(CURLE_FAILED_INIT) }
        guard code == CURLE_OK else { throw CurlError(code) }
    }

    // MARK: - Transfer

    /// Runs one transfer; `upload` is what the read callback hands libcurl (the SMTP message).
    func perform(upload: [UInt8] = []) -> CurlTransfer {
        guard let easy = begin(upload: upload) else { return setupFailure() }
        return finish(curl_easy_perform(easy))
    }

    /// Readies the handle for one transfer that `finish` will read; nil when the handle is unusable
    /// (then `setupFailure()` is the transfer). The multi interface (CurlPool) runs it in between.
    func begin(upload: [UInt8] = []) -> UnsafeMutableRawPointer? {
        guard let easy, setupError == nil else { return nil }
        state.reset(upload: upload)
        errorBuffer[0] = 0
        return easy
    }

    /// The transfer of a handle that could not be set up.
    func setupFailure() -> CurlTransfer {
        let error = setupError ?? CurlError(CURLE_FAILED_INIT)
        return CurlTransfer(
            result: CURLcode(error.code), errorMessage: error.message, responseCode: 0, headerLines: [], body: [],
            uploadCompleted: false)
    }

    /// What the transfer begun by `begin` gave, once libcurl says it ended with `result`.
    func finish(_ result: CURLcode) -> CurlTransfer {
        guard let easy else { return setupFailure() }
        var responseCode = 0
        if relais_curl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &responseCode) != CURLE_OK { responseCode = 0 }
        let buffered = String(cString: errorBuffer)
        let transfer = CurlTransfer(
            result: result,
            errorMessage: result == CURLE_OK ? "" : (buffered.isEmpty ? String(cString: curl_easy_strerror(result)) : buffered),
            responseCode: responseCode, headerLines: state.headerLines, body: state.body,
            uploadCompleted: state.uploadOffset == state.upload.count, overflowed: state.overflowed)
        state.reset(upload: [])
        return transfer
    }
}
