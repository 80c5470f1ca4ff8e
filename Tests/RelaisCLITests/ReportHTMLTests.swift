import Foundation
import Testing

/// The HTML report: self-contained, escaped, and rendered by a real browser (Debian's chromium,
/// installed by scripts/install-deps) into a screenshot that is not blank and a PDF on A4 pages.
@Suite struct ReportHTMLTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    func html(_ workspace: Workspace, _ arguments: String...) throws -> String {
        let result = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + ["report"] + arguments + ["--format", "html"],
            environment: ["RELAIS_NOW": ReportSeed.reportTime])
        #expect(result.status == 0, "\(result.errors)")
        return result.output
    }

    @Test func thePageFetchesNothingAndIsInFrench() throws {
        let page = try html(try ReportSeed.shared.get().workspace, "all", "--year", "2027")
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        for outside in ["<script", "<link", "src=", "href=", "url(", "@import", "<img", "<iframe"] {
            #expect(!page.contains(outside), "the page holds \(outside)")
        }
        // The only address is the SVG namespace, which is never fetched.
        #expect(
            page.components(separatedBy: "http").count - 1 == page.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1
        )
        #expect(page.contains("@media print") && page.contains("size: A4"))
        #expect(page.contains("Nombre d&#39;évènements mis en place liés à la vaccination et aux dépistages"))
        #expect(page.contains("<svg"), "the charts by month and by commune")
    }

    @Test func whatPlannersTypedIsEscaped() throws {
        let workspace = Workspace()
        let calendar = ReportSeed.calendar(
            "escape-2027", "7",
            [
                ReportSeed.event(
                    "x@t", "20270309T090000", "<img src=x onerror=alert(1)> & \"dépistage\"", "screening",
                    ["X-RELAIS-COMMUNE:Gex", "LOCATION:Salle <b>1</b>\\; étage"])
            ])
        #expect(try workspace.relais("campaigns", "load", workspace.write("x.ics", calendar)).status == 0)
        let page = try html(workspace, "fa7", "--year", "2027")
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;dépistage&quot;"))
        let csv = try workspace.run(
            Workspace.binary.path, workspace.globalArguments + ["report", "fa7", "--year", "2027", "--format", "csv"],
            environment: ["RELAIS_NOW": ReportSeed.reportTime])
        #expect(csv.output.contains("\"<img src=x onerror=alert(1)> & \"\"dépistage\"\"\""))
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed: scripts/install-deps installs Debian's chromium"))
    func theReportRendersInHeadlessChromiumAsANonBlankA4Page() throws {
        let workspace = try ReportSeed.shared.get().workspace
        let name = "report-\(UUID().uuidString)"
        let page = workspace.write("\(name).html", try html(workspace, "all", "--year", "2027"))
        let screenshot = workspace.directory.appendingPathComponent("\(name).png").path
        let pdf = workspace.directory.appendingPathComponent("\(name).pdf").path
        let profile = workspace.directory.appendingPathComponent("\(name)-profile").path
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile)", "--no-first-run"]
        let shot = try Self.runWithTimeout(
            Self.chromium!, common + ["--screenshot=\(screenshot)", "--window-size=1240,1754", "file://\(page)"])
        #expect(shot == 0)
        let measured = try workspace.run("/usr/bin/python3", ["-c", Self.pngMeasure, screenshot])
        let figures = measured.output.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(figures.count == 4, "\(measured.output) \(measured.errors)")
        #expect(figures[0] == 1240 && figures[1] == 1754, "the screenshot is \(figures[0])x\(figures[1])")
        #expect(figures[2] > 0.03, "only \(figures[2] * 100) % of the page is not white: blank?")
        #expect(figures[3] > 50, "only \(figures[3]) colours: blank?")
        // Printed: A4 pages (595 x 842 points), more than one.
        let printed = try Self.runWithTimeout(
            Self.chromium!, common + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(page)"])
        #expect(printed == 0)
        let document = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        let boxes = document.components(separatedBy: "/MediaBox [0 0 ").dropFirst().compactMap { box -> (Double, Double)? in
            let numbers = box.prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
            return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
        }
        #expect(boxes.count > 1, "the PDF has \(boxes.count) pages")
        #expect(boxes.allSatisfy { abs($0.0 - 595.3) < 1.5 && abs($0.1 - 841.9) < 1.5 }, "pages that are not A4: \(boxes)")
    }

    /// Width, height, share of non-white pixels and number of distinct colours of a PNG, decoded
    /// with the standard library only (zlib, and PNG's five row filters; rows that repeat the one
    /// above or a single colour, most of a page, take a shortcut).
    static let pngMeasure = #"""
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n'
        pos, idat = 8, b''
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR':
                width, height, depth, colour = struct.unpack('>IIBB', body[:10])
            elif kind == b'IDAT':
                idat += body
            pos += 12 + length
        assert depth == 8 and colour in (2, 6)
        bpp = 3 if colour == 2 else 4
        raw = zlib.decompress(idat)
        stride = width * bpp
        previous = bytes(stride)
        nonwhite, colours, offset = 0, set(), 0
        for _ in range(height):
            kind = raw[offset]
            line = raw[offset + 1:offset + 1 + stride]
            offset += 1 + stride
            if kind == 2 and not any(line):
                line = previous
            elif kind == 1 and not any(line[bpp:]):
                line = line[:bpp] * width
            elif kind == 2:
                line = bytes([(x + y) & 255 for x, y in zip(line, previous)])
            elif kind != 0:
                line = bytearray(line)
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0
                    b = previous[i]
                    c = previous[i - bpp] if i >= bpp else 0
                    if kind == 1: line[i] = (line[i] + a) & 255
                    elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
                    else:
                        p = a + b - c
                        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                line = bytes(line)
            white = b'\xff' * bpp
            if line != white * width:
                for x in range(0, stride, bpp):
                    pixel = line[x:x + 3]
                    if pixel != b'\xff\xff\xff':
                        nonwhite += 1
                        colours.add(pixel)
            previous = line
        print(width, height, nonwhite / (width * height), len(colours) + 1)  # + white
        """#

    /// Runs a program, killing it (by its pid) after `seconds`; returns its exit status.
    static func runWithTimeout(_ program: String, _ arguments: [String], seconds: Double = 90) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("\(program) did not finish within \(seconds) s")
        }
        return process.terminationStatus
    }
}
