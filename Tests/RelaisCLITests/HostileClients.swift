// Clients that do what browsers never do, on raw sockets from python3's standard library, for the
// tests of relais serve's HTTP server: malformed requests and framing that announces more than it
// sends, each on its own connection; and slow clients that open many connections from one address
// (127.0.0.2: all of 127.0.0.0/8 is loopback on Linux, so the server sees them apart from the
// tests' own requests from 127.0.0.1) and trickle their requests in a line or a byte at a time.

import Foundation
import RelaisTestPeers
import Testing

/// What the server answered to each request of a malformed batch.
struct MalformedBatch {
    /// The status of each answer, in order (0: no answer).
    var statuses: [Int]
    /// Whether the server closed each connection after its answer (within 5 s, before any timeout).
    var closed: [Bool]
    /// python's output, for failure messages.
    var output: String

    /// The statuses of `sendMalformedBatch`'s requests, in order.
    static let expectedStatuses = [413, 411, 431, 505, 400, 413, 413, 411, 400, 400, 400]
}

/// Sends a batch of bad requests on raw sockets, one connection each: an oversized body posted to
/// `path` (announced, then chunked), a huge header, a bad HTTP version, a bad Content-Length; then
/// framing that announces a body it does not send (Content-Length 2^63 and 2^64, a chunk of
/// 2^64 - 1 bytes), contradicts itself (`identity, chunked`, Transfer-Encoding with
/// Content-Length, two Content-Lengths); then garbage. Each answer is awaited 5 s at most: less
/// than the deadline and the timeout, so an answer comes from the check, not from a clock.
func sendMalformedBatch(port: UInt16, posting path: String, in workspace: Workspace) throws -> MalformedBatch {
    let script = workspace.write("malformed.py", Scripts.malformedBatch)
    let (_, output) = try runToCompletion(python3, [script, String(port), path])
    let lines = output.split(separator: "\n").filter { $0.contains("|") }
    return MalformedBatch(
        statuses: lines.map { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0 },
        closed: lines.map { $0.hasSuffix("| closed") }, output: output)
}

/// What became of slow connections: the counts on `slowClients.py`'s `outcome` line, by name.
/// `refused`: closed by the server before anything was sent after the opening; `held`: kept once
/// the server had closed those beyond its limit; `cut`: held, then closed by the server before
/// they had sent everything; `most`: the most pieces (lines, bytes) a connection sent before it
/// was cut; `answered`: requests answered on one kept-alive connection.
struct SlowClientsOutcome {
    var counts: [String: Int] = [:]

    init(_ output: String) {
        let line = output.split(separator: "\n").last { $0.hasPrefix("outcome") } ?? ""
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=")
            if parts.count == 2 { counts[String(parts[0])] = Int(parts[1]) }
        }
    }

    subscript(_ name: String) -> Int { counts[name, default: -1] }
}

/// Starts python holding `count` connections from 127.0.0.2 to `port`: each sends a request line
/// for /signin, then, every `interval` seconds, one more header line, `lines` in all, never the end
/// of its headers. It prints `held N` once it has seen which connections the server kept, and
/// `outcome ...` (SlowClientsOutcome) when every connection is closed or has sent everything.
func startSlowClients(port: UInt16, count: Int, interval: Double, lines: Int, in workspace: Workspace) throws -> PeerProcess {
    let script = workspace.write("slow.py", Scripts.slowClients)
    return try PeerProcess(
        python3, [script, String(port), String(count), String(interval), String(lines), "headers"],
        output: workspace.directory.appendingPathComponent("slow.out"))
}

/// Runs one python client against `port` from 127.0.0.2 and returns what became of it. `mode`:
/// `headers` sends a request line, then a header line every `interval` seconds, `pieces` in all;
/// `body` sends whole headers announcing `pieces` bytes of body, then a byte every `interval`
/// seconds; `keepalive` sends `pieces` whole requests on one connection, `interval` seconds apart.
func runSlowClient(port: UInt16, mode: String, interval: Double, pieces: Int, in workspace: Workspace) throws -> SlowClientsOutcome {
    let script = workspace.write("slow.py", Scripts.slowClients)
    return SlowClientsOutcome(try runToCompletion(python3, [script, String(port), "1", String(interval), String(pieces), mode]).output)
}

extension Scripts {
    /// Arguments: port, path. Prints `<status line> | closed` or `| open` per request.
    static let malformedBatch = #"""
        import socket, sys
        port, path = int(sys.argv[1]), sys.argv[2].encode()
        big = b"x" * 20000

        def post(headers, body):
            return b"POST " + path + b" HTTP/1.1\r\nHost: a\r\n" + headers + b"\r\n" + body

        requests = [
            post(b"Content-Length: 20000\r\n", big),
            post(b"Transfer-Encoding: chunked\r\n", b"4e20\r\n" + big + b"\r\n0\r\n\r\n"),
            b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"a" * 60000 + b"\r\n\r\n",
            b"GET / HTTP/9.9\r\n\r\n",
            b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n",
            post(b"Content-Length: 9223372036854775808\r\n", b"abc"),
            post(b"Content-Length: 18446744073709551616\r\n", b"abc"),
            post(b"Transfer-Encoding: chunked\r\n", b"ffffffffffffffff\r\nabc"),
            post(b"Transfer-Encoding: identity, chunked\r\n", b"3\r\nabc\r\n0\r\n\r\n"),
            post(b"Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", b"3\r\nabc\r\n0\r\n\r\n"),
            post(b"Content-Length: 3\r\nContent-Length: 30\r\n", b"abc"),
        ]
        for raw in requests:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            try:
                s.sendall(raw)
            except OSError:
                pass
            answer, end = b"", "closed"
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            except socket.timeout:
                end = "open"
            except OSError:
                pass
            s.close()
            print((answer.split(b"\r\n")[0].decode("latin-1") or "nothing"), "|", end, flush=True)
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"\x16\x03\x01garbage\r\n\r\n")
        s.close()
        """#

    /// Arguments: port, connections, interval (s), pieces, mode (`headers`, `body`, `keepalive`). See
    /// startSlowClients and runSlowClient.
    static let slowClients = #"""
        import http.client, select, socket, sys, time
        port, count, interval, pieces, mode = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        if mode == "keepalive":
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.2", 0))
            answered, first = 0, None
            try:
                for _ in range(pieces):
                    connection.request("GET", "/signin")
                    first = first or connection.sock
                    response = connection.getresponse()
                    response.read()
                    answered += response.status == 200 and connection.sock is first
                    time.sleep(interval)
            except (OSError, http.client.HTTPException) as error:
                print("error", error)
            print("outcome answered=%d" % answered, flush=True)
            sys.exit(0)
        opening = b"GET /signin HTTP/1.1\r\nHost: a\r\n"
        if mode == "body":
            opening = b"POST /signin HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % pieces
        clients, opened = [], time.time()
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.2", 0))
            s.connect(("127.0.0.1", port))
            s.sendall(opening)
            clients.append({"socket": s, "sent": 0, "closed": None})

        def reap():
            for client in clients:
                if client["closed"] is None and select.select([client["socket"]], [], [], 0)[0]:
                    client["closed"] = client["sent"]
                    client["socket"].close()

        # The server closes the connections beyond its per-address limit as it accepts them: wait
        # until none has been closed for a second (5 s at most) before counting the held ones.
        settled, last = time.time(), 0
        while time.time() - settled < 1 and time.time() - opened < 5:
            time.sleep(0.1)
            reap()
            closed = sum(c["closed"] is not None for c in clients)
            if closed != last:
                settled, last = time.time(), closed
        print("held", sum(c["closed"] is None for c in clients), flush=True)
        refused = sum(c["closed"] is not None for c in clients)
        for piece in range(1, pieces + 1):
            if all(c["closed"] is not None for c in clients):
                break
            time.sleep(interval)
            for client in clients:
                if client["closed"] is None:
                    try:
                        client["socket"].sendall(b"x" if mode == "body" else b"X-Slow-%d: 1\r\n" % piece)
                        client["sent"] = piece
                    except OSError:
                        client["closed"] = client["sent"]
            reap()
        cut = [c["closed"] for c in clients if c["closed"] is not None and c["closed"] < pieces and c["closed"] > 0]
        print("outcome refused=%d held=%d cut=%d most=%d" % (refused, count - refused, len(cut), max(cut, default=0)), flush=True)
        """#
}
