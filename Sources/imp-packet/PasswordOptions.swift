import ArgumentParser
import Foundation
import IMPPacket

/// Where a packet's password comes from: a file or an environment variable, never the
/// command line (where `ps` and shell history would show it to anyone).
struct PasswordOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Read the packet's password from FILE (a trailing newline is dropped).", valueName: "FILE"))
  var passwordFile: String?

  @Option(help: ArgumentHelp("Read the packet's password from the environment variable NAME.", valueName: "NAME"))
  var passwordEnv: String?

  var given: Bool { passwordFile != nil || passwordEnv != nil }

  func validate() throws {
    if passwordFile != nil && passwordEnv != nil {
      throw ValidationError("give --password-file or --password-env, not both")
    }
  }

  /// The password, or nil when neither option was given. A problem is reported as a
  /// usage error (exit 64) that names the file or the variable, never the password.
  func read() throws -> String? {
    let raw: String
    if let passwordFile {
      guard let data = FileManager.default.contents(atPath: passwordFile) else {
        throw usageError("--password-file \(passwordFile): cannot read the file")
      }
      // The final line break ("\n" or "\r\n") is dropped as bytes: as characters, "\r\n" is
      // one, and dropping two took the password's last letter with it.
      var bytes = Array(data)
      if bytes.last == UInt8(ascii: "\n") {
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw usageError("--password-file \(passwordFile): the password is not UTF-8 text")
      }
      raw = text
    } else if let passwordEnv {
      guard let value = ProcessInfo.processInfo.environment[passwordEnv] else {
        throw usageError("--password-env \(passwordEnv): the variable is not set")
      }
      raw = value
    } else {
      return nil
    }
    let source = passwordFile.map { "--password-file \($0)" } ?? "--password-env \(passwordEnv ?? "")"
    guard !raw.isEmpty else { throw usageError("\(source): the password is empty") }
    guard !raw.contains("\0") else { throw usageError("\(source): the password contains a NUL character") }
    return raw
  }
}

/// Reports `message` as `error: …` on stderr and returns the exit for a usage error.
///
/// For mistakes found in `run()`: a `ValidationError` thrown there would print the root
/// command's usage, which does not help.
func usageError(_ message: String) -> ExitCode {
  FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  return ExitCode(ExitStatus.usage.code)
}
