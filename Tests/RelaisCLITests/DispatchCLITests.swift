import Foundation
import RelaisTestPeers
import Testing

/// Sending a batch over several connections at once, its outcomes recorded together (group
/// commit), and the keys that set both. The peer is a small SMTP server that holds each end of data
/// for half a second and writes, at each MAIL and each accepted message, how many mail
/// transactions are open at that moment on all its connections: the overlap is counted by the
/// peer, not guessed from the time the run took. Told how many transactions a test expects open
/// together, it holds each end of data until that many were open at once since the transaction's
/// MAIL (at most 5 s), so that a connection opened late on a loaded machine still meets the
/// others; with fewer connections than that, the count stays below.
@Suite(.serialized) struct DispatchCLITests {
    static let server = #"""
        import socket, sys, threading, time
        lock = threading.Condition()
        active = 0
        connection_count = 0
        together = int(sys.argv[3])
        last_together = 0.0
        out = open(sys.argv[2], "a", buffering=1)

        def note(text):
            out.write(text + "\n")

        def serve(conn):
            global active, connection_count, last_together
            stream = conn.makefile("rb")
            def reply(text):
                conn.sendall((text + "\r\n").encode())
            reply("220 peer ESMTP")
            in_transaction = False
            started = 0.0
            try:
                while True:
                    line = stream.readline()
                    if not line:
                        break
                    verb = line.decode(errors="replace").strip().split(" ")[0].upper()
                    if verb in ("EHLO", "HELO"):
                        with lock:
                            connection_count += 1
                            note("session %d" % connection_count)
                        reply("250 peer")
                    elif verb == "MAIL":
                        with lock:
                            started = time.time()
                            active += 1
                            in_transaction = True
                            note("active %d" % active)
                            if active >= together:
                                last_together = time.time()
                                lock.notify_all()
                        reply("250 ok")
                    elif verb == "RCPT":
                        reply("250 ok")
                    elif verb == "DATA":
                        reply("354 go on")
                        while stream.readline() not in (b".\r\n", b".\n", b""):
                            pass
                        time.sleep(0.5)
                        with lock:
                            while active < together and last_together < started and time.time() < started + 5.5:
                                lock.wait(0.05)
                            active -= 1
                            in_transaction = False
                            note("accepted")
                        reply("250 2.0.0 queued")
                    elif verb == "QUIT":
                        reply("221 bye")
                        break
                    else:
                        reply("250 ok")
            finally:
                if in_transaction:
                    with lock:
                        active -= 1
                conn.close()

        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", int(sys.argv[1])))
        listener.listen(64)
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()
        """#

    /// The peer's notes after a run: the most mail transactions open at once, the SMTP sessions
    /// it saw (EHLO), and the messages it accepted.
    struct PeerNotes {
        var mostAtOnce = 0
        var sessions = 0
        var accepted = 0

        init(_ text: String) {
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                if words.first == "active", let count = Int(words.last ?? "") { mostAtOnce = max(mostAtOnce, count) }
                if words.first == "session" { sessions += 1 }
                if words.first == "accepted" { accepted += 1 }
            }
        }
    }

    /// Sends `people` reminders through the peer, configured with `extra`; the peer holds each
    /// message until `together` transactions were open at once since its MAIL (or 5 s). The peer's notes.
    func sendThroughPeer(people: Int, extra: String, together: Int = 1) throws -> (PeerNotes, Workspace) {
        let scratch = try TemporaryDirectory("dispatch")
        let script = scratch.file("smtp_peer.py")
        try Self.server.write(to: script, atomically: true, encoding: .utf8)
        let port = LoopbackPort.random()
        let notes = scratch.file("notes.txt")
        let arguments = [script.path, String(port), notes.path, String(together)]
        let peer = try PeerProcess(python3, arguments, output: scratch.file("out"))
        defer { peer.stop() }
        guard LoopbackPort.waitUntilAccepting(port, while: { peer.isRunning }) else { throw PeerError("the SMTP peer did not start: \(peer.text)") }
        let workspace = try preparedWorkspace(
            people: people, channel: "email",
            configuration: "[email]\ntransport = smtp\nurl = smtp://127.0.0.1:\(port)\nrate_per_second = 1000\n\(extra)")
        let result = try workspace.relais("send", "--once")
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("\(people) sent"), "\(result.output)")
        return (PeerNotes((try? String(contentsOf: notes, encoding: .utf8)) ?? ""), workspace)
    }

    @Test func fourConnectionsCarryFourMessagesAtOnceAndEachIsReused() throws {
        let (notes, workspace) = try sendThroughPeer(people: 8, extra: "connections = 4\n", together: 4)
        print("8 messages, connections = 4: \(notes.mostAtOnce) at once, \(notes.sessions) sessions, \(notes.accepted) accepted")
        #expect(notes.mostAtOnce == 4, "the peer never saw four mail transactions open together")
        #expect(notes.sessions == 4, "each connection carries two of the eight messages")
        #expect(notes.accepted == 8)
        #expect(try outbox(workspace, "--state", "sent").count == 8)
    }

    @Test func oneConnectionSendsOneMessageAtATime() throws {
        let (notes, _) = try sendThroughPeer(people: 4, extra: "connections = 1\n")
        #expect(notes.mostAtOnce == 1)
        #expect(notes.sessions == 1)
        #expect(notes.accepted == 4)
    }

    @Test func aBatchLargerThanCommitEveryHasEveryOutcomeRecorded() throws {
        // Seven messages recorded three by three: every one ends sent, with its server's reply.
        let (notes, workspace) = try sendThroughPeer(people: 7, extra: "connections = 2\n[outbox]\ncommit_every = 3\n")
        #expect(notes.accepted == 7)
        let sent = try outbox(workspace, "--state", "sent")
        #expect(sent.count == 7)
        #expect(sent.allSatisfy { ($0["reply"] as? String)?.contains("250 2.0.0 queued") == true }, "\(sent)")
        #expect(try outbox(workspace, "--state", "sending").isEmpty)
    }

    @Test func connectionsCommitEveryAndLeaseOutsideTheirRangeAreRefusedNamingTheKey() throws {
        let cases: [(String, String)] = [
            ("[email]\nconnections = 0\n", "email.connections: \"0\" is not a whole number from 1 to 32"),
            ("[email]\nconnections = 33\n", "email.connections: \"33\" is not a whole number from 1 to 32"),
            ("[sms]\nconnections = many\n", "sms.connections: \"many\" is not a whole number from 1 to 32"),
            ("[outbox]\ncommit_every = 0\n", "outbox.commit_every: \"0\" is not a whole number from 1 to 10000"),
            ("[outbox]\ncommit_every = 10001\n", "outbox.commit_every: \"10001\" is not a whole number from 1 to 10000"),
            ("[outbox]\ncommit_interval_ms = 0\n", "outbox.commit_interval_ms: \"0\" is not a whole number from 1 to 60000"),
            // Each valid alone, not together (Configuration+Together): named at the last key's line.
            ("[outbox]\nlease_seconds = 30\n", "relais.conf:4: outbox.lease_seconds (30) must be at least 34"),
        ]
        for (configuration, message) in cases {
            let workspace = Workspace()
            workspace.configure(configuration)
            let result = try workspace.relais("send", "--once")
            #expect(result.status == 65, "\(configuration)")
            #expect(result.errors.contains(message), "\(result.errors)")
        }
    }
}
