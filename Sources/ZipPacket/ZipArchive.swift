import CLibZip

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One file inside a zip.
public struct ZipEntry: Sendable {
  public var name: String
  public var data: [UInt8]
  public init(name: String, data: [UInt8]) {
    self.name = name
    self.data = data
  }
}

/// How entries are stored. The same options and entries give the same bytes (with the
/// same libdeflate, ``ZipArchive/deflateVersion``).
public struct ZipOptions: Sendable {
  /// Deflate level 1–9 (libdeflate's levels, which match zlib's sizes), or 0 to store every entry.
  public var compressionLevel: Int = 6
  /// An entry is stored as it is when deflating saves less than this share of its size
  /// (PDFs, images, tiny or empty files).
  public var minimumDeflateGain: Double = 0.05
  /// The timestamp of every entry.
  public var modified: DOSTime = .earliest
  /// Unix permission bits recorded for every entry.
  public var entryMode: UInt32 = 0o600
  /// When set, every entry is encrypted with WinZip AES-256 under this password.
  /// AES salts are random, so encrypted archives are not byte-identical between runs.
  public var password: String?

  public init(compressionLevel: Int = 6, modified: DOSTime = .earliest, password: String? = nil) {
    self.compressionLevel = compressionLevel
    self.modified = modified
    self.password = password
  }
}

/// Builds zip archives in memory through libzip, deterministically.
///
/// Entries are added in the order given, each with the same DOS time (from UTC), the same
/// external attributes, deflated by libdeflate at the same level (or stored when that
/// does not pay). No process-wide state is touched: any number of threads may build at once.
public enum ZipArchive {
  /// The version of libdeflate that compresses entries: the compressed bytes (never the
  /// contents) depend on it.
  public static let deflateVersion = "libdeflate \(Deflater.version)"

  /// The bytes of a zip holding `entries` in the given order.
  ///
  /// With `readBack` (for archives without a password), the finished zip is opened again
  /// with libzip before it is returned, and must hold exactly `entries`: the same names in
  /// the same order, each with the method, sizes and CRC-32 it was given, its stored bytes
  /// those handed to libzip, and those, inflated by libdeflate, the entry's data. A zip
  /// that passes holds what `entries` hold, as a full read (inflate, CRC) would find, at a
  /// fraction of the cost. Encrypted entries cannot be compared so; `readBack` is refused.
  public static func build(_ entries: [ZipEntry], options: ZipOptions = ZipOptions(), readBack: Bool = false)
    throws(ZipError) -> [UInt8]
  {
    if readBack, options.password != nil {
      throw ZipError(.archive, "an encrypted zip cannot be read back without its password; verify it instead")
    }
    guard (0...9).contains(options.compressionLevel) else {
      throw ZipError(.archive, "compression level must be 0 to 9, got \(options.compressionLevel)")
    }
    let deflater = options.compressionLevel == 0 ? nil : try Deflater(level: options.compressionLevel)
    var error = zip_error_t()
    zip_error_init(&error)
    defer { zip_error_fini(&error) }
    guard let source = zip_source_buffer_create(nil, 0, 0, &error) else {
      throw ZipError(.archive, "cannot create an in-memory zip: \(describe(&error))")
    }
    defer { zip_source_free(source) }
    zip_source_keep(source)  // keep the bytes after zip_close
    guard let archive = zip_open_from_source(source, ZIP_TRUNCATE, &error) else {
      throw ZipError(.archive, "cannot open an in-memory zip: \(describe(&error))")
    }
    let dos = options.modified
    var kept: [PreparedEntry] = []
    do {
      for entry in entries {
        let prepared =
          deflater?.prepare(entry.data, minimumGain: options.minimumDeflateGain) ?? Deflater.store(entry.data)
        try add(prepared, named: entry.name, to: archive, dos: dos, options: options)
        if readBack { kept.append(prepared) }
      }
    } catch {
      zip_discard(archive)
      throw error
    }
    guard zip_close(archive) == 0 else {
      let message = String(cString: zip_strerror(archive))
      zip_discard(archive)
      throw ZipError(.archive, "cannot finish the zip: \(message)")
    }
    var bytes = try readAll(source)
    try dos.stamp(&bytes)
    if readBack { try check(bytes, holds: entries, prepared: kept) }
    return bytes
  }

  /// Throws unless the zip `bytes` holds `entries` exactly as `prepared` (see ``build(_:options:readBack:)``).
  private static func check(_ bytes: [UInt8], holds entries: [ZipEntry], prepared: [PreparedEntry]) throws(ZipError) {
    let zip = try ZipReader(bytes: bytes)
    guard zip.names == entries.map(\.name) else {
      throw ZipError(.archive, "the zip read back holds \(zip.names.count) entries named otherwise than the \(entries.count) given")
    }
    let inflater = try Inflater()
    for (i, entry) in entries.enumerated() {
      let p = prepared[i]
      let stored = try zip.stored(at: i)
      guard stored == ZipReader.Stored(deflated: p.deflated, size: p.size, storedSize: p.stored, crc: p.crc) else {
        throw ZipError(.archive, "\(entry.name): the zip read back records another method, size or CRC-32")
      }
      let raw = try zip.storedBytes(at: i, storedSize: stored.storedSize)
      guard p.holds(raw) else { throw ZipError(.archive, "\(entry.name): the zip read back stores other bytes") }
      guard p.deflated ? inflater.inflates(raw, to: entry.data) : sameBytes(raw, entry.data) else {
        throw ZipError(.archive, "\(entry.name): the stored bytes do not inflate to the entry's data")
      }
    }
  }

  private static func add(
    _ prepared: PreparedEntry, named name: String, to archive: OpaquePointer, dos: DOSTime, options: ZipOptions
  ) throws(ZipError) {
    guard let src = prepared.source(in: archive) else {
      throw ZipError(.archive, "cannot add \(name): \(String(cString: zip_strerror(archive)))")
    }
    let index = zip_file_add(archive, name, src, zip_flags_t(ZIP_FL_ENC_UTF_8))
    guard index >= 0 else {
      zip_source_free(src)
      throw ZipError(.archive, "cannot add \(name): \(String(cString: zip_strerror(archive)))")
    }
    let i = zip_uint64_t(index)
    let mode = (UInt32(S_IFREG) | options.entryMode) << 16
    // A deflated entry keeps libzip's default method, which takes the source's (deflate)
    // and copies the bytes; a stored one must say so, or libzip would deflate it.
    var ok =
      (prepared.deflated || zip_set_file_compression(archive, i, ZIP_CM_STORE, 0) == 0)
      // libzip 1.7 writes times through the local zone (localtime_r); `stamp` puts the
      // fields in afterwards, so this value (2000-01-01, valid in every zone) only has to
      // spare libzip asking the clock.
      && zip_file_set_mtime(archive, i, 946_684_800, 0) == 0
      && zip_file_set_external_attributes(archive, i, 0, zip_uint8_t(ZIP_OPSYS_UNIX), mode) == 0
    if ok, let password = options.password {
      ok = zip_file_set_encryption(archive, i, zip_uint16_t(ZIP_EM_AES_256), password) == 0
    }
    guard ok else {
      throw ZipError(.archive, "cannot set up \(name): \(String(cString: zip_strerror(archive)))")
    }
  }

  private static func readAll(_ source: OpaquePointer) throws(ZipError) -> [UInt8] {
    var stat = zip_stat_t()
    zip_stat_init(&stat)
    guard zip_source_stat(source, &stat) == 0, zip_source_open(source) == 0 else {
      throw ZipError(.archive, "cannot read back the zip: \(describe(zip_source_error(source)))")
    }
    defer { zip_source_close(source) }
    let size = Int(stat.size)
    var bytes = [UInt8](repeating: 0, count: size)
    let read = bytes.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, zip_uint64_t(size)) }
    guard read == size else { throw ZipError(.archive, "cannot read back the zip: short read") }
    return bytes
  }

  private static func describe(_ error: UnsafeMutablePointer<zip_error_t>?) -> String {
    guard let error, let s = zip_error_strerror(error) else { return "unknown error" }
    return String(cString: s)
  }
}
