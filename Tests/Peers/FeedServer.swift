// A calendar feed served over plain HTTP on loopback for the feed tests: Python's http.server
// (standard library only) answering GET /feed.ics from a file the test rewrites, as a calendar
// application's publishing server would: an ETag (the content's hash) and a Last-Modified (the
// file's time), 304 Not Modified to a matching If-None-Match or a not-older If-Modified-Since.
// Writing a status (500, 404...) into `status` makes it answer that instead, to show a failing
// server. Hostile paths: /big sends without end, /loop redirects to itself, /away redirects to
// plain http beyond loopback, /slow sends its headers and then nothing for 30 s. Every request to
// the feed is appended to the log as one JSON line with its conditional headers. Started on a free
// loopback port and stopped by pid (PeerProcess) when the test releases it.

import Foundation

public final class FeedServer {
    public let work: TemporaryDirectory
    public let port: UInt16
    private let process: PeerProcess

    /// The address of the feed (plain http: Relais accepts it on loopback only).
    public var url: String { "http://127.0.0.1:\(port)/feed.ics" }

    /// The address of one of the hostile paths (big, loop, away, slow).
    public func hostile(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Starts the server with `calendar` as the feed's first version, retrying on another port
    /// when one is taken meanwhile.
    public static func start(serving calendar: String) throws -> FeedServer {
        var lastError: Error = PeerError("the feed server did not start")
        for _ in 0..<3 {
            do { return try FeedServer(calendar) } catch { lastError = error }
        }
        throw lastError
    }

    private init(_ calendar: String) throws {
        work = try TemporaryDirectory("feed")
        port = LoopbackPort.random()
        let script = work.file("feed_server.py")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        try calendar.write(to: work.file("feed.ics"), atomically: true, encoding: .utf8)
        process = try PeerProcess(
            python3, [script.path, String(port), work.path, work.file("requests.log").path], output: work.file("server.out"))
        guard LoopbackPort.waitUntilAccepting(port, while: { process.isRunning }) else {
            process.stop()
            throw PeerError("the feed server did not start: \(process.text)")
        }
    }

    /// Publishes a new version of the feed (its ETag changes with its content).
    public func publish(_ text: String) throws {
        try Data(text.utf8).write(to: work.file("feed.ics"), options: .atomic)
        try? FileManager.default.removeItem(at: work.file("status"))
    }

    /// Makes every later request answer `status` with a short text body, until `publish`.
    public func fail(with status: Int) throws {
        try String(status).write(to: work.file("status"), atomically: true, encoding: .utf8)
    }

    /// The requests received so far: path, If-None-Match, If-Modified-Since and the status answered.
    public func requests() -> [[String: String]] {
        let text = (try? String(contentsOf: work.file("requests.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
    }

    public func stop() { process.stop() }

    deinit { process.stop() }

    /// Arguments: port, folder (feed.ics, and status when failing), log file.
    static let script = #"""
        import email.utils, hashlib, http.server, json, os, sys, time

        port, folder, log = int(sys.argv[1]), sys.argv[2], sys.argv[3]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.hostile():
                    return
                inm, ims = self.headers.get("If-None-Match", ""), self.headers.get("If-Modified-Since", "")
                status, body, headers = self.answer(inm, ims)
                with open(log, "a") as f:
                    f.write(json.dumps({"path": self.path, "if-none-match": inm, "if-modified-since": ims,
                                        "status": str(status)}) + "\n")
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def hostile(self):
                if self.path == "/big":  # endless, without Content-Length
                    self.send_response(200)
                    self.send_header("Content-Type", "text/calendar")
                    self.end_headers()
                    chunk = b"X" * 65536
                    try:
                        for _ in range(1024):
                            self.wfile.write(chunk)
                    except OSError:
                        pass
                elif self.path in ("/loop", "/away"):
                    self.send_response(302)
                    self.send_header("Location", "/loop" if self.path == "/loop" else "http://calendar.example.org/a.ics")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path == "/slow":  # headers, then nothing for 30 s
                    self.send_response(200)
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.flush()
                    time.sleep(30)
                else:
                    return False
                return True

            def answer(self, inm, ims):
                status_file = os.path.join(folder, "status")
                if os.path.exists(status_file):
                    return int(open(status_file).read()), b"server trouble\n", [("Content-Type", "text/plain")]
                if self.path.split("?")[0] != "/feed.ics":  # a secret in the query, as some servers have
                    return 404, b"no such feed\n", [("Content-Type", "text/plain")]
                path = os.path.join(folder, "feed.ics")
                body = open(path, "rb").read()
                etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
                modified = int(os.stat(path).st_mtime)
                headers = [("ETag", etag), ("Last-Modified", email.utils.formatdate(modified, usegmt=True))]
                if inm:
                    if inm == etag:
                        return 304, b"", headers
                elif ims:
                    since = email.utils.parsedate_to_datetime(ims).timestamp()
                    if modified <= since:
                        return 304, b"", headers
                return 200, body, headers + [("Content-Type", "text/calendar; charset=utf-8")]

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer.allow_reuse_address = True
        http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
        """#
}
