// CurlPool: several transfers at once through libcurl's multi interface, each on a connection that
// stays open for the next message. A transport owns one pool of `connections` easy handles set up
// alike; `send` hands the messages over as handles free up, at most `connections` in flight:
//
//   message ── prepare (a refusal settles it at once) ── begin on a free handle ── curl_multi_add_handle
//      ▲                                                                                │
//      └──── the handle is free again ◀── outcome read ◀── CURLMSG_DONE ◀── curl_multi_perform / poll
//
// Everything runs on the caller's thread (one thread, as libcurl asks of a multi handle and its easy
// handles); the connections live in the multi handle's cache between messages and between calls.
// While transfers are in flight the caller hears `waiting` at least every `pollMilliseconds` (the
// outbox's sender answers the watchdog from its own thread instead: Sender+HandOver).

import CCurl
import Foundation

/// What a transport makes of one message before any transfer: an outcome already (a refused
/// recipient), or a transfer set up on the handle given, read back by `outcome` when it ends.
enum PreparedSend {
    case settled(DeliveryOutcome)
    case transfer(upload: [UInt8], outcome: (CurlTransfer) -> DeliveryOutcome)
}

/// A multi handle and the easy handles it runs. Not `Sendable`: one thread at a time.
final class CurlPool {
    /// The easy handles, one per connection.
    let handles: [CurlHandle]
    private let multi: UnsafeMutableRawPointer?
    static let pollMilliseconds: Int32 = 100

    /// `connections` handles, each given to `configure` once.
    init(connections: Int, configure: (CurlHandle) throws(CurlError) -> Void) throws(CurlError) {
        handles = (0..<max(1, connections)).map { _ in CurlHandle() }
        multi = LibCurl.initialize() ? curl_multi_init() : nil
        for handle in handles { try configure(handle) }
    }

    deinit {
        // The handles are removed from the multi handle after each transfer; closing it closes the
        // cached connections (an SMTP QUIT) before the handles go.
        if let multi { curl_multi_cleanup(multi) }
    }

    /// Sends `messages`, at most one per handle at a time; see `SendHooks` for what the caller hears.
    func send<Message>(_ messages: [Message], hooks: SendHooks, prepare: (Message, CurlHandle) -> PreparedSend) {
        var free = Array(handles.indices.reversed())
        var running: [UnsafeMutableRawPointer: (handle: Int, message: Int, outcome: (CurlTransfer) -> DeliveryOutcome)] = [:]
        var next = 0
        var stopped = false
        while true {
            while !stopped, next < messages.count, let slot = free.last {
                guard hooks.starting(next) else {
                    stopped = true
                    break
                }
                let index = next
                next += 1
                switch prepare(messages[index], handles[slot]) {
                case .settled(let outcome):
                    hooks.finished(index, outcome)
                case .transfer(let upload, let outcome):
                    let handle = handles[slot]
                    guard let easy = handle.begin(upload: upload) else {
                        hooks.finished(index, outcome(handle.setupFailure()))
                        continue
                    }
                    guard let multi, curl_multi_add_handle(multi, easy) == CURLM_OK else {
                        hooks.finished(index, outcome(handle.finish(curl_easy_perform(easy))))
                        continue
                    }
                    free.removeLast()
                    running[easy] = (slot, index, outcome)
                }
            }
            guard let multi, !running.isEmpty else { return }
            var active: Int32 = 0
            _ = curl_multi_perform(multi, &active)
            var left: Int32 = 0
            var ended = false
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                    let entry = running.removeValue(forKey: easy)
                else { continue }
                // The message does not survive curl_multi_remove_handle: read it first.
                let result = relais_curl_msg_result(message)
                curl_multi_remove_handle(multi, easy)
                free.append(entry.handle)
                ended = true
                hooks.finished(entry.message, entry.outcome(handles[entry.handle].finish(result)))
            }
            let canStart = !stopped && next < messages.count && !free.isEmpty
            if !running.isEmpty && !(ended && canStart) {
                _ = curl_multi_poll(multi, nil, 0, Self.pollMilliseconds, nil)
            }
            hooks.waiting()
        }
    }
}
