// Kannel as a test peer, after /work/shared/PEERS.md: bearerbox (the core), smsbox (the HTTP
// sendsms interface) and fakesmsc (a fake operator that prints every SMS it receives), all on free
// loopback ports, from a copy of the shared kannel-test.conf kept here so that the tests do not
// depend on a file outside the repository. All three are stopped by pid when the test releases the
// gateway, whatever happened. `messages()` decodes what fakesmsc printed: `text` lines as they are,
// `ucs-2` lines from URL-encoded UTF-16BE, and concatenated parts (`udh ... data ...`) reassembled
// by their concatenation header. With `inboundURL`, smsbox passes every SMS the operator sends in
// to that URL (an sms-service get-url) and sends the answer's body back as the reply, none when it is
// empty; `sendInbound` makes the fake operator send one in.

import Foundation

public final class KannelGateway {
    public struct Ports {
        public var admin: UInt16
        public var smsbox: UInt16
        public var smsc: UInt16
        public var sendsms: UInt16
    }

    /// One SMS as the fake operator received it.
    public struct ReceivedSMS: Equatable {
        public var from: String
        public var to: String
        public var coding: String
        public var text: String

        public init(from: String, to: String, coding: String, text: String) {
            self.from = from
            self.to = to
            self.coding = coding
            self.text = text
        }
    }

    public static let username = "relais"
    public static let password = "secret"

    public let work: TemporaryDirectory
    public let ports: Ports
    public let configuration: URL
    private var bearerbox: PeerProcess?
    private var smsbox: PeerProcess?
    private var fakesmsc: PeerProcess?
    private var smsboxStarts = 0
    private var fakesmscStarts = 0
    private var fakesmscOutputs: [URL] = []

    public var sendSMSURL: String { "http://127.0.0.1:\(ports.sendsms)/cgi-bin/sendsms" }

    /// Starts the three processes, retrying with other ports when one is taken meanwhile.
    public static func start(inboundURL: String? = nil) throws -> KannelGateway {
        var lastError: Error = PeerError("Kannel did not start")
        for _ in 0..<3 {
            do {
                return try KannelGateway(inboundURL: inboundURL)
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private init(inboundURL: String?) throws {
        work = try TemporaryDirectory("kannel")
        try FileManager.default.createDirectory(at: work.file("spool"), withIntermediateDirectories: true)
        var chosen: Set<UInt16> = []
        func port() -> UInt16 {
            var candidate = LoopbackPort.random()
            while chosen.contains(candidate) { candidate = LoopbackPort.random() }
            chosen.insert(candidate)
            return candidate
        }
        ports = Ports(admin: port(), smsbox: port(), smsc: port(), sendsms: port())
        configuration = work.file("kannel.conf")
        try Self.configuration(directory: work.path, ports: ports, inboundURL: inboundURL)
            .write(to: configuration, atomically: true, encoding: .utf8)

        let bearerbox = try PeerProcess("/usr/sbin/bearerbox", [configuration.path], output: work.file("bearerbox.out"))
        self.bearerbox = bearerbox
        guard LoopbackPort.waitUntilAccepting(ports.smsbox, timeout: 15, while: { bearerbox.isRunning }),
            LoopbackPort.waitUntilAccepting(ports.smsc, timeout: 5, while: { bearerbox.isRunning })
        else {
            stopAll()
            throw PeerError("bearerbox did not open its ports")
        }
        try startSMSBox()
        try startFakeSMSC(sending: 0, "100 200 text nop")
    }

    /// (Re)starts the fake operator; it sends `count` inbound messages made from `message`
    /// ("sender receiver text words+joined+by+plus"), and prints every SMS it receives.
    private func startFakeSMSC(sending count: Int, _ message: String) throws {
        fakesmsc?.stop()
        let output = work.file(fakesmscStarts == 0 ? "fakesmsc.out" : "fakesmsc-\(fakesmscStarts).out")
        fakesmscStarts += 1
        fakesmscOutputs.append(output)
        fakesmsc = try PeerProcess(
            "/usr/lib/kannel/test/fakesmsc",
            ["-H", "127.0.0.1", "-r", String(ports.smsc), "-i", "0.2", "-m", String(count), message], output: output)
    }

    /// Makes the fake operator send `count` SMS with `text` (URL-encoded, "+" for spaces) from
    /// `sender` to `receiver`; it keeps printing what it receives, replies included.
    public func sendInbound(from sender: String, to receiver: String = "38888", text: String, count: Int = 1) throws {
        try startFakeSMSC(sending: count, "\(sender) \(receiver) text \(text)")
    }

    deinit { stopAll() }

    /// Starts smsbox (again) and waits for its sendsms port.
    public func startSMSBox() throws {
        smsboxStarts += 1
        let smsbox = try PeerProcess(
            "/usr/sbin/smsbox", [configuration.path], output: work.file("smsbox-\(smsboxStarts).out"))
        self.smsbox = smsbox
        guard LoopbackPort.waitUntilAccepting(ports.sendsms, timeout: 15, while: { smsbox.isRunning }) else {
            stopAll()
            throw PeerError("smsbox did not open its sendsms port")
        }
        // smsbox opens its sendsms port before it has read its sendsms-user groups: in between it
        // answers 403 "Authorization failed" to the right credentials. Ready is when it knows them.
        guard (try eventually(timeout: 15) { try knowsTheSendSMSUser() }) else {
            stopAll()
            throw PeerError("smsbox kept refusing the sendsms user's credentials")
        }
    }

    /// Whether smsbox accepts our credentials: a request without a receiver is then refused for
    /// that (400), not for the credentials (403).
    private func knowsTheSendSMSUser() throws -> Bool {
        let probe = try runToCompletion(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
             "\(sendSMSURL)?username=\(Self.username)&password=\(Self.password)"])
        return Int(probe.output).map { $0 != 403 && (200..<500).contains($0) } ?? false
    }

    /// Stops smsbox: the sendsms port closes, as when the gateway is down.
    public func stopSMSBox() {
        smsbox?.stop()
        smsbox = nil
    }

    /// Stops every process, fake operator first, core last.
    public func stopAll() {
        fakesmsc?.stop()
        smsbox?.stop()
        bearerbox?.stop()
        fakesmsc = nil
        smsbox = nil
        bearerbox = nil
    }

    /// Waits until the fake operator has received `count` complete messages; returns what came,
    /// fewer than `count` when the wait timed out (callers assert on the count).
    public func waitForMessages(_ count: Int, timeout: TimeInterval = 20) -> [ReceivedSMS] {
        var received: [ReceivedSMS] = []
        let arrived = eventually(timeout: timeout) {
            received = messages()
            return received.count >= count
        }
        return arrived ? received : messages()
    }

    /// Every complete message fakesmsc printed so far, in order.
    public func messages() -> [ReceivedSMS] {
        let output = fakesmscOutputs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.joined(separator: "\n")
        var received: [ReceivedSMS] = []
        var parts: [String: [Int: [UInt8]]] = [:]
        for line in output.split(separator: "\n") {
            guard let open = line.range(of: ": <"), line.hasSuffix(">"), line.contains("Got message") else { continue }
            let fields = line[open.upperBound..<line.index(before: line.endIndex)]
                .split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            let (from, to, coding, rest) = (fields[0], fields[1], fields[2], fields[3])
            switch coding {
            case "text":
                received.append(ReceivedSMS(from: from, to: to, coding: coding, text: rest))
            case "ucs-2":
                received.append(ReceivedSMS(from: from, to: to, coding: coding, text: Self.ucs2(Self.formDecoded(rest))))
            case "udh":
                // "udh <header> data <bytes>"; the header is 05 00 03 <reference> <total> <sequence>.
                let pieces = rest.split(separator: " ", maxSplits: 2).map(String.init)
                guard pieces.count == 3, pieces[1] == "data" else { continue }
                let header = Self.formDecoded(pieces[0])
                guard header.count == 6, header[1] == 0, header[2] == 3 else { continue }
                let group = "\(from) \(to) \(header[3])"
                parts[group, default: [:]][Int(header[5])] = Self.formDecoded(pieces[2])
                if parts[group]?.count == Int(header[4]) {
                    let whole = (1...Int(header[4])).flatMap { parts[group]?[$0] ?? [] }
                    received.append(ReceivedSMS(from: from, to: to, coding: "ucs-2 (\(header[4]) parts)", text: Self.ucs2(whole)))
                    parts[group] = nil
                }
            default:
                continue
            }
        }
        return received
    }

    /// `application/x-www-form-urlencoded` bytes: `+` is a space, `%XX` a byte.
    public static func formDecoded(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), input.count >= 2,
                let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    public static func ucs2(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count {
            units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// /work/shared/peers/kannel-test.conf with its directory and ports filled in.
    public static func configuration(directory: String, ports: Ports, inboundURL: String? = nil) -> String {
        let service =
            inboundURL.map { "get-url = \"\($0)\"\nomit-empty = true\nmax-messages = 1" } ?? "text = \"ok\""
        return """
            group = core
            admin-port = \(ports.admin)
            admin-password = bar
            smsbox-port = \(ports.smsbox)
            log-level = 1
            box-allow-ip = 127.0.0.1
            access-log = \(directory)/access.log
            log-file = \(directory)/bearerbox.log
            store-type = spool
            store-location = \(directory)/spool

            group = smsc
            smsc = fake
            smsc-id = fake
            port = \(ports.smsc)
            connect-allow-ip = 127.0.0.1

            group = smsbox
            bearerbox-host = 127.0.0.1
            sendsms-port = \(ports.sendsms)
            log-file = \(directory)/smsbox.log
            log-level = 1

            group = sendsms-user
            username = \(username)
            password = \(password)
            max-messages = 3
            concatenation = true

            group = sms-service
            keyword = default
            \(service)
            catch-all = true

            """
    }
}
