// relais-fuzz: the fuzz targets of FuzzTarget.swift, built two ways from the same source.
//
// Built normally (swift build), it replays inputs: `relais-fuzz TARGET FILE|DIR...` runs every file
// through the target and exits 0; the test suite replays the seed corpus and every input that once
// crashed (Tests/Fuzz/TARGET/) this way, so a fixed crash stays fixed.
//
// Built by scripts/fuzz with `-sanitize=fuzzer,address -D FUZZING`, it is a libFuzzer binary:
// `RELAIS_FUZZ_TARGET=calendar relais-fuzz CORPUS_DIR -max_total_time=60`. SwiftPM names an
// executable's entry point after its module (the tests link executables), so libFuzzer's own
// `main` cannot be used: `main` here hands over to libFuzzer's LLVMFuzzerRunDriver, which takes
// the command line as libFuzzer's main would (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).

import Foundation

#if FUZZING
    /// libFuzzer's entry point when it is used as a library (compiler-rt, FuzzerDriver.cpp).
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// libFuzzer looks this symbol up too; it runs the target named by RELAIS_FUZZ_TARGET.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        RelaisFuzz.target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
#endif

@main enum RelaisFuzz {
    #if FUZZING
        /// The target of this run, from RELAIS_FUZZ_TARGET.
        static let target: FuzzTarget = {
            let name = ProcessInfo.processInfo.environment["RELAIS_FUZZ_TARGET"] ?? ""
            guard let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(Data("RELAIS_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
                exit(64)
            }
            return target
        }()

        static func main() {
            _ = target
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        }
    #else
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
                FileHandle.standardError.write(
                    Data("usage: relais-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE|DIR...\n".utf8))
                exit(64)
            }
            var count = 0
            for file in files(arguments.dropFirst()) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    FileHandle.standardError.write(Data("relais-fuzz: \(file): cannot be read\n".utf8))
                    exit(66)
                }
                target.run([UInt8](data))
                count += 1
            }
            print("\(count) inputs replayed through \(target.rawValue)")
        }

        /// The files named, a folder's files sorted.
        static func files(_ paths: ArraySlice<String>) -> [String] {
            paths.flatMap { path -> [String] in
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return [path] }
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                return names.sorted().map { "\(path)/\($0)" }
            }
        }
    #endif
}
