// The tests' own runner (RelaisProcess.swift): a program that writes more than a pipe holds on
// its standard error before its standard output is done is read whole, not waited on forever.

import Foundation
import Testing

@Suite struct RunResultTests {
    // The time limit stands for "not stuck": the runner reading one pipe after the other hung here.
    @Test(.timeLimit(.minutes(1))) func aProgramFillingItsErrorPipeFirstIsReadWhole() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // 256 KiB on standard error (a pipe holds 64 KiB) before a word on standard output.
        process.arguments = ["-c", "head -c 262144 /dev/zero | tr '\\0' e >&2; echo out"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let result = RunResult(waitingFor: process, output: output, errors: errors)
        #expect(result.status == 0)
        #expect(result.output == "out\n")
        #expect(result.errors.utf8.count == 262_144 && result.errors.allSatisfy { $0 == "e" })
    }
}
