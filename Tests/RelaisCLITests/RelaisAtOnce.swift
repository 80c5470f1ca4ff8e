// Many relais processes started at the same moment against one database, as users at several desks
// are: the race tests (TransportRaceCLITests, TransportOnDemandRaceCLITests) start twenty
// `transport book` commands together and read what each one answered.

import Foundation

extension Workspace {
    /// Starts one `relais --db … [--config …] arguments…` process per list, every one before waiting
    /// for any (RELAIS_NOW at the workspace's clock), then waits for each: their results, in the order given.
    func relaisAtOnce(_ argumentLists: [[String]]) throws -> [RunResult] {
        let processes = argumentLists.map { arguments -> (Process, Pipe, Pipe) in
            let process = Process()
            process.executableURL = Workspace.binary
            process.arguments = globalArguments + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["RELAIS_NOW": now]) { $1 }
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            return (process, output, errors)
        }
        for (process, _, _) in processes { try process.run() }
        return processes.map { process, output, errors in RunResult(waitingFor: process, output: output, errors: errors) }
    }
}
