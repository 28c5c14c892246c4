import ArgumentParser
import Foundation
import IMPPacket
import IMPRules

extension IMPPacketCommand {
  struct Employer: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write an employer's offer-of-employment bundle <bundleId>.zip from an employer file.",
      discussion: """
        Every offer is checked with the applicant rules. Offers that cannot be submitted are left out and \
        named with the reason; the others go into the bundle. Exit 0 when every offer is in; 2 when some \
        worker is not eligible; 65 when some offer has mistakes.
        """)

    @Argument(help: "The employer file (JSON).")
    var file: String

    @OptionGroup var out: OutputOptions

    @Flag(help: "Also put each worker's applicant packet in the bundle (workers/<caseId>.zip).")
    var withWorkerPackets = false

    /// With `--pdf`, each page also as a PDF (the offer letter for the worker's Offer of
    /// Employment slot); `--documents DIR` and `--channel` are for the worker packets.
    @OptionGroup var pdf: PDFOptions

    @OptionGroup var common: CommonOptions

    func validate() throws {
      if pdf.documents != nil && !withWorkerPackets {
        throw ValidationError("--documents DIR gives the workers' scans (DIR/<caseId>/): it goes with --with-worker-packets")
      }
    }

    func run() throws {
      try reporting {
        let builder = try common.builder()
        let pdfOptions: PDFPacketOptions?
        do throws(PacketError) { pdfOptions = try pdf.make() } catch { throw Failure(error, file: nil) }
        guard let data = FileManager.default.contents(atPath: file) else {
          throw Failure(.invalidProfile(.unreadable("cannot read the file")), file: file)
        }
        let employerFile: EmployerFile
        switch EmployerFormat.decode(data, defaultDate: common.today, vocabulary: builder.vocabulary) {
        case .success(let f): employerFile = f
        case .failure(let e): throw Failure(.invalidProfile(e), file: file)
        }
        var options = EmployerBundleOptions(outputDirectory: try out.directory())
        options.force = out.force
        options.withWorkerPackets = withWorkerPackets
        options.compressionLevel = out.compressionLevel
        options.timestamp = try sourceDateEpoch()
        options.pdf = pdfOptions
        let bundle = try attempt(file) { () throws(PacketError) in
          try builder.employerBundle(file: employerFile, fileBytes: Array(data), options: options)
        }
        for o in bundle.outcomes {
          // Offers are named by their id and code only: worker names stay in the bundle.
          let what = [o.category, o.code.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
          if o.included {
            if !common.quiet { print("offer \(o.offerId): \(what): \(o.status.rawValue), employer pays \((o.complianceFee ?? .zero).formatted)") }
          } else {
            FileHandle.standardError.write(Data("error: \(file): offer \(o.offerId) left out (\(o.status.rawValue)):\n".utf8))
            for p in o.problems { FileHandle.standardError.write(Data("error:   \(p)\n".utf8)) }
          }
        }
        let total = bundle.outcomes.compactMap(\.complianceFee).reduce(Money.zero, +)
        if !common.quiet {
          print("\(displayPath(bundle.path)): \(bundle.outcomes.filter(\.included).count) of \(bundle.outcomes.count) offers, compliance fees \(total.formatted)")
        }
        if bundle.outcomes.contains(where: { $0.status == .invalid }) { throw ExitCode(ExitStatus.invalidInput.code) }
        if bundle.outcomes.contains(where: { $0.status == .notEligible }) { throw ExitCode(ExitStatus.notEligible.code) }
      }
    }
  }
}
