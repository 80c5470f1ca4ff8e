// The small Python helpers the delivery tests run, kept as Swift strings and written into each
// test's temporary directory: a .py file inside the test target would be an "unhandled file"
// warning from SwiftPM, and Package.swift is not ours to change. Each runs with the system's python3
// and its standard library only.

public enum Scripts {
    /// Reads smtp-sink dump files with the `email` package, prints one JSON object per file.
    public static let parseMail = #"""
        import email, email.policy, json, sys

        def text(value):
            return "" if value is None else str(value)

        result = []
        for path in sys.argv[1:]:
            raw = open(path, "rb").read()
            message = email.message_from_bytes(raw, policy=email.policy.default)
            date = message["Date"]
            result.append({
                "file": path,
                "recipients": [text(v) for v in (message.get_all("X-Rcpt-Args") or [])],
                "from": text(message["From"]),
                "to": text(message["To"]),
                "subject": text(message["Subject"]),
                "date": text(date),
                "dateHasZone": bool(date is not None and date.datetime is not None and date.datetime.tzinfo is not None),
                "messageID": text(message["Message-ID"]),
                "listUnsubscribe": text(message["List-Unsubscribe"]),
                "listUnsubscribePost": text(message["List-Unsubscribe-Post"]),
                "autoSubmitted": text(message["Auto-Submitted"]),
                "contentTransferEncoding": text(message["Content-Transfer-Encoding"]),
                # A message with a calendar invitation is multipart: its body is the plain-text part.
                "body": message.get_body(preferencelist=("plain",)).get_content(),
                "longestLine": max(len(line.rstrip(b"\r")) for line in raw.split(b"\n")),
                "defects": [type(d).__name__ for d in message.defects],
            })
        print(json.dumps(result))
        """#

    /// An HTTP server for the webhook tests (and Kannel's delivery reports). `POST
    /// /reply/<status>[/retry-after/<value>]` answers that status (and Retry-After, `_` standing for
    /// a space); a GET answers 200; every request is appended to the log as one JSON line.
    /// Arguments: port, log file.
    public static let webhookServer = #"""
        import http.server, json, sys

        port, log = int(sys.argv[1]), sys.argv[2]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
                with open(log, "a") as f:
                    f.write(json.dumps({"method": "POST", "path": self.path,
                                        "headers": {k.lower(): v for k, v in self.headers.items()},
                                        "body": body}) + "\n")
                parts = self.path.strip("/").split("/")
                status = int(parts[1]) if len(parts) > 1 and parts[0] == "reply" else 200
                reply = json.dumps({"status": status}).encode()
                self.send_response(status)
                if len(parts) > 3 and parts[2] == "retry-after":
                    self.send_header("Retry-After", parts[3].replace("_", " "))
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def do_GET(self):
                with open(log, "a") as f:
                    f.write(json.dumps({"method": "GET", "path": self.path,
                                        "headers": {k.lower(): v for k, v in self.headers.items()},
                                        "body": ""}) + "\n")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        http.server.ThreadingHTTPServer.allow_reuse_address = True
        http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
        """#

    /// A minimal SMTP server that offers and checks AUTH PLAIN and LOGIN. A fake, and only for what
    /// smtp-sink cannot do: smtp-sink announces AUTH but answers `AUTH PLAIN ...` with 250, which
    /// libcurl rightly treats as "Login denied". Arguments: port, user, password, log file.
    public static let authenticatingSMTPServer = #"""
        import base64, json, socketserver, sys

        port, user, password, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

        class Session(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write((line + "\r\n").encode())
                self.wfile.flush()

            def read(self):
                return self.rfile.readline().decode("utf-8", "replace").rstrip("\r\n")

            def handle(self):
                self.reply("220 fake-auth ESMTP")
                authenticated = False
                while True:
                    command = self.read()
                    if not command:
                        return
                    words = command.split(" ")
                    verb = words[0].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250-fake-auth")
                        self.reply("250 AUTH PLAIN LOGIN")
                    elif verb == "AUTH" and len(words) > 1 and words[1].upper() == "PLAIN":
                        if len(words) > 2:
                            answer = words[2]
                        else:
                            self.reply("334 ")
                            answer = self.read()
                        fields = base64.b64decode(answer).split(b"\0")
                        authenticated = fields[1:] == [user.encode(), password.encode()]
                        self.reply("235 2.7.0 Authentication successful" if authenticated
                                   else "535 5.7.8 Authentication credentials invalid")
                    elif verb == "AUTH" and len(words) > 1 and words[1].upper() == "LOGIN":
                        self.reply("334 VXNlcm5hbWU6")
                        given_user = base64.b64decode(self.read())
                        self.reply("334 UGFzc3dvcmQ6")
                        given_password = base64.b64decode(self.read())
                        authenticated = (given_user, given_password) == (user.encode(), password.encode())
                        self.reply("235 2.7.0 Authentication successful" if authenticated
                                   else "535 5.7.8 Authentication credentials invalid")
                    elif verb == "MAIL":
                        self.reply("250 2.1.0 Ok" if authenticated else "530 5.7.0 Authentication required")
                    elif verb == "RCPT":
                        self.reply("250 2.1.5 Ok")
                    elif verb == "DATA":
                        self.reply("354 End data with <CR><LF>.<CR><LF>")
                        size = 0
                        while True:
                            line = self.rfile.readline()
                            if line in (b".\r\n", b""):
                                break
                            size += len(line)
                        with open(log, "a") as f:
                            f.write(json.dumps({"authenticated": authenticated, "size": size}) + "\n")
                        self.reply("250 2.0.0 Ok: queued")
                    elif verb == "QUIT":
                        self.reply("221 2.0.0 Bye")
                        return
                    else:
                        self.reply("250 2.0.0 Ok")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        socketserver.ThreadingTCPServer.daemon_threads = True
        socketserver.ThreadingTCPServer(("127.0.0.1", port), Session).serve_forever()
        """#
}
