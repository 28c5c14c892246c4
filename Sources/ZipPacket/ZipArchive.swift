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

/// How entries are stored. The same options and entries give the same bytes.
public struct ZipOptions: Sendable {
  /// Deflate level 1–9, or 0 to store entries uncompressed.
  public var compressionLevel: Int = 6
  /// The timestamp of every entry, in seconds since 1970 (UTC).
  public var modificationTime: Int64 = DOSTime.earliestUnixTime
  /// Unix permission bits recorded for every entry.
  public var entryMode: UInt32 = 0o600
  /// When set, every entry is encrypted with WinZip AES-256 under this password.
  /// AES salts are random, so encrypted archives are not byte-identical between runs.
  public var password: String?

  public init(compressionLevel: Int = 6, modificationTime: Int64 = DOSTime.earliestUnixTime, password: String? = nil) {
    self.compressionLevel = compressionLevel
    self.modificationTime = modificationTime
    self.password = password
  }
}

/// Builds zip archives in memory through libzip, deterministically.
///
/// Entries are added in the order given, each with the same DOS time (from UTC),
/// the same external attributes and the same compression level.
public enum ZipArchive {
  /// Makes libzip's time conversions exact and cheap for the rest of the process: sets
  /// `TZ` to UTC.
  ///
  /// libzip 1.7 turns each entry's DOS time into a `time_t` with `mktime` and back with
  /// `localtime`, in the local time zone. Where local midnight does not exist (a DST change
  /// at 00:00, as in America/Santiago on 2026-09-06), 00:00 comes back as 01:00, and the
  /// packet depends on the machine's zone. In UTC the round trip is exact. With `TZ`
  /// unset, glibc also looks up `/etc/localtime` on every such call (about seven times per
  /// packet). imp-packet prints no local times, so nothing else changes. Call it before
  /// starting threads: `setenv` is not safe while other threads read the environment.
  public static func convertTimesInUTC() {
    setenv("TZ", "UTC0", 1)
    tzset()
  }

  /// The bytes of a zip holding `entries` in the given order.
  public static func build(_ entries: [ZipEntry], options: ZipOptions = ZipOptions()) throws(ZipError) -> [UInt8] {
    guard (0...9).contains(options.compressionLevel) else {
      throw ZipError(.archive, "compression level must be 0 to 9, got \(options.compressionLevel)")
    }
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
    do {
      let dos = DOSTime(unixTime: options.modificationTime)
      for entry in entries { try add(entry, to: archive, dos: dos, options: options) }
    } catch {
      zip_discard(archive)
      throw error
    }
    guard zip_close(archive) == 0 else {
      let message = String(cString: zip_strerror(archive))
      zip_discard(archive)
      throw ZipError(.archive, "cannot finish the zip: \(message)")
    }
    return try readAll(source)
  }

  private static func add(_ entry: ZipEntry, to archive: OpaquePointer, dos: DOSTime, options: ZipOptions)
    throws(ZipError)
  {
    // libzip reads the bytes late (at zip_close): give it memory it owns and frees.
    let count = entry.data.count
    let buffer = malloc(max(count, 1))!
    entry.data.withUnsafeBytes { raw in
      if count > 0 { buffer.copyMemory(from: raw.baseAddress!, byteCount: count) }
    }
    guard let src = zip_source_buffer(archive, buffer, zip_uint64_t(count), 1) else {
      free(buffer)
      throw ZipError(.archive, "cannot add \(entry.name): \(String(cString: zip_strerror(archive)))")
    }
    let index = zip_file_add(archive, entry.name, src, zip_flags_t(ZIP_FL_ENC_UTF_8))
    guard index >= 0 else {
      zip_source_free(src)
      throw ZipError(.archive, "cannot add \(entry.name): \(String(cString: zip_strerror(archive)))")
    }
    let i = zip_uint64_t(index)
    let method = options.compressionLevel == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE
    let mode = (UInt32(S_IFREG) | options.entryMode) << 16
    var ok =
      zip_set_file_compression(archive, i, method, zip_uint32_t(options.compressionLevel)) == 0
      && zip_file_set_dostime(archive, i, dos.time, dos.date, 0) == 0
      && zip_file_set_external_attributes(archive, i, 0, zip_uint8_t(ZIP_OPSYS_UNIX), mode) == 0
    if ok, let password = options.password {
      ok = zip_file_set_encryption(archive, i, zip_uint16_t(ZIP_EM_AES_256), password) == 0
    }
    guard ok else {
      throw ZipError(.archive, "cannot set up \(entry.name): \(String(cString: zip_strerror(archive)))")
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
