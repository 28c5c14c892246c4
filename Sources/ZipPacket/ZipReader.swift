import CLibZip

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A zip opened for reading through libzip.
///
/// The libzip handle lives exactly as long as this object and is discarded (never written
/// back) in `deinit`. Not thread-safe: use one reader per thread.
public final class ZipReader {
  private let archive: OpaquePointer
  /// Entry names in the order the archive stores them.
  public let names: [String]

  /// The largest entry ``data(at:)`` reads by default: a packet's files are small, and a
  /// zip whose header claims gigabytes should fail, not fill memory.
  public static let defaultLimit = 64 << 20

  /// The most entries a zip may hold by default: a packet holds a dozen files, an
  /// employer bundle one packet per offer; a zip of 60,000 entries is not one of them.
  public static let defaultMaxEntries = 10_000

  /// Opens the zip file at `path`. `password` decrypts encrypted entries when they are read.
  /// A zip of more than `maxEntries` entries is refused.
  public convenience init(path: String, password: String? = nil, maxEntries: Int = ZipReader.defaultMaxEntries)
    throws(ZipError)
  {
    if let kind = notARegularFile(path) { throw ZipError(.io, "cannot open \(path): it is \(kind), not a zip file") }
    var code: Int32 = 0
    guard let archive = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &code) else {
      throw ZipReader.openFailure(path, code: code)
    }
    try self.init(archive: archive, password: password, maxEntries: maxEntries)
  }

  /// Opens a zip held in memory. The bytes are copied: the caller's array may go away.
  public convenience init(bytes: [UInt8], password: String? = nil, maxEntries: Int = ZipReader.defaultMaxEntries)
    throws(ZipError)
  {
    var error = zip_error_t()
    zip_error_init(&error)
    defer { zip_error_fini(&error) }
    // libzip reads the buffer for as long as the archive is open: give it memory it owns and frees.
    let buffer = malloc(max(bytes.count, 1))!
    bytes.withUnsafeBytes { raw in
      if !raw.isEmpty { buffer.copyMemory(from: raw.baseAddress!, byteCount: raw.count) }
    }
    guard let source = zip_source_buffer_create(buffer, zip_uint64_t(bytes.count), 1, &error) else {
      free(buffer)
      throw ZipError(.archive, "cannot read the zip: \(String(cString: zip_error_strerror(&error)))")
    }
    guard let archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
      zip_source_free(source)  // on failure the source (and its buffer) is still ours
      throw ZipReader.openFailure("the zip", code: zip_error_code_zip(&error))
    }
    try self.init(archive: archive, password: password, maxEntries: maxEntries)
  }

  /// Takes ownership of `archive`: it is discarded here if this throws, in `deinit` otherwise.
  private init(archive: OpaquePointer, password: String?, maxEntries: Int) throws(ZipError) {
    do {
      self.names = try ZipReader.prepare(archive, password: password, maxEntries: maxEntries)
    } catch {
      zip_discard(archive)
      throw error
    }
    self.archive = archive
  }

  private static func prepare(_ archive: OpaquePointer, password: String?, maxEntries: Int) throws(ZipError) -> [String] {
    let count = Int(zip_get_num_entries(archive, 0))
    if count > maxEntries { throw ZipError(.archive, "the zip holds \(count) entries, more than \(maxEntries)") }
    // zip_set_default_password copies the string.
    if let password, zip_set_default_password(archive, password) != 0 {
      throw ZipError(.archive, "cannot set the password: \(String(cString: zip_strerror(archive)))")
    }
    var names: [String] = []
    for i in 0..<max(count, 0) {
      guard let name = zip_get_name(archive, zip_uint64_t(i), 0) else {
        throw ZipError(.archive, "entry \(i) has no readable name: \(String(cString: zip_strerror(archive)))")
      }
      names.append(String(cString: name))
    }
    return names
  }

  deinit { zip_discard(archive) }

  /// Whether the entry at `index` is encrypted.
  public func isEncrypted(at index: Int) throws(ZipError) -> Bool {
    try stat(index).encryption_method != zip_uint16_t(ZIP_EM_NONE)
  }

  /// What the entry at `index` would become when unzipped on Unix if not a plain file: "a
  /// symbolic link", "a directory", "a device or pipe"; nil for a file (or an entry made
  /// elsewhere than Unix, whose attributes name no file type).
  ///
  /// `unzip` and `bsdtar` create an entry whose Unix mode says link as a link, to the path its
  /// data names: a packet that holds one writes outside the folder it is unzipped into.
  public func specialKind(at index: Int) throws(ZipError) -> String? {
    var system: zip_uint8_t = 0
    var attributes: zip_uint32_t = 0
    guard zip_file_get_external_attributes(archive, zip_uint64_t(index), 0, &system, &attributes) == 0 else {
      throw ZipError(.archive, "cannot read the attributes of \(names[index]): \(String(cString: zip_strerror(archive)))")
    }
    guard system == zip_uint8_t(ZIP_OPSYS_UNIX) else { return nil }
    switch (attributes >> 16) & zip_uint32_t(S_IFMT) {
    case 0, zip_uint32_t(S_IFREG): return nil
    case zip_uint32_t(S_IFLNK): return "a symbolic link"
    case zip_uint32_t(S_IFDIR): return "a directory"
    default: return "a device or pipe"
    }
  }

  /// The uncompressed bytes of the entry at `index` (an index of ``names``), checked
  /// against its CRC.
  ///
  /// Throws ``ZipError/Kind-swift.enum/password`` when the entry is encrypted and the
  /// password is missing or wrong, ``ZipError/Kind-swift.enum/archive`` when its data is
  /// damaged or larger than `limit`.
  public func data(at index: Int, limit: Int = ZipReader.defaultLimit) throws(ZipError) -> [UInt8] {
    let name = names[index]
    let st = try stat(index)
    guard st.valid & zip_uint64_t(ZIP_STAT_SIZE) != 0, st.size <= zip_uint64_t(limit) else {
      throw ZipError(.archive, "\(name) is larger than \(limit) bytes")
    }
    guard let file = zip_fopen_index(archive, zip_uint64_t(index), 0) else {
      throw failure(zip_get_error(archive), name)
    }
    defer { zip_fclose(file) }
    let size = Int(st.size)
    var bytes = [UInt8](repeating: 0, count: size)
    var offset = 0
    while offset < size {
      let n = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress! + offset, zip_uint64_t(size - offset)) }
      if n < 0 { throw failure(zip_file_get_error(file), name) }
      if n == 0 { throw ZipError(.archive, "\(name) is shorter than its header says") }
      offset += Int(n)
    }
    // Read past the end: libzip checks the CRC (and an AES entry's authentication code) only there.
    var extra: UInt8 = 0
    let n = zip_fread(file, &extra, 1)
    if n < 0 { throw failure(zip_file_get_error(file), name) }
    if n > 0 { throw ZipError(.archive, "\(name) is longer than its header says") }
    return bytes
  }

  /// How the entry at `index` is stored: what its central directory says.
  public struct Stored: Sendable, Equatable {
    public var deflated: Bool
    public var size: Int
    public var storedSize: Int
    public var crc: UInt32

    public init(deflated: Bool, size: Int, storedSize: Int, crc: UInt32) {
      self.deflated = deflated
      self.size = size
      self.storedSize = storedSize
      self.crc = crc
    }
  }

  /// The central directory's record of the entry at `index`: method, sizes and CRC-32.
  public func stored(at index: Int) throws(ZipError) -> Stored {
    let st = try stat(index)
    let needed = zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD)
    guard st.valid & needed == needed else { throw ZipError(.archive, "\(names[index]) has an incomplete header") }
    return Stored(
      deflated: st.comp_method == zip_uint16_t(ZIP_CM_DEFLATE), size: Int(st.size), storedSize: Int(st.comp_size),
      crc: st.crc)
  }

  /// The bytes of the entry at `index` exactly as the zip stores them (still deflated or
  /// encrypted), `storedSize` long; nothing is inflated or checked.
  public func storedBytes(at index: Int, storedSize: Int) throws(ZipError) -> [UInt8] {
    let name = names[index]
    guard storedSize <= ZipReader.defaultLimit else { throw ZipError(.archive, "\(name) is larger than its limit") }
    guard let file = zip_fopen_index(archive, zip_uint64_t(index), zip_flags_t(ZIP_FL_COMPRESSED)) else {
      throw failure(zip_get_error(archive), name)
    }
    defer { zip_fclose(file) }
    var bytes = [UInt8](repeating: 0, count: storedSize + 1)
    var offset = 0
    while offset <= storedSize {
      let n = bytes.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress! + offset, zip_uint64_t(storedSize + 1 - offset)) }
      if n < 0 { throw failure(zip_file_get_error(file), name) }
      if n == 0 { break }
      offset += Int(n)
    }
    guard offset == storedSize else { throw ZipError(.archive, "\(name) stores \(offset) bytes, its header says \(storedSize)") }
    bytes.removeLast()
    return bytes
  }

  /// Every entry, in the archive's order.
  public func entries(limit: Int = ZipReader.defaultLimit) throws(ZipError) -> [ZipEntry] {
    var out: [ZipEntry] = []
    for i in names.indices { out.append(ZipEntry(name: names[i], data: try data(at: i, limit: limit))) }
    return out
  }

  private func stat(_ index: Int) throws(ZipError) -> zip_stat_t {
    var st = zip_stat_t()
    zip_stat_init(&st)
    guard zip_stat_index(archive, zip_uint64_t(index), 0, &st) == 0 else {
      throw failure(zip_get_error(archive), names[index])
    }
    return st
  }

  private func failure(_ error: UnsafeMutablePointer<zip_error_t>?, _ name: String) -> ZipError {
    let code = error.map { zip_error_code_zip($0) } ?? ZIP_ER_INTERNAL
    let message = error.flatMap { zip_error_strerror($0) }.map { String(cString: $0) } ?? "unknown error"
    switch code {
    case ZIP_ER_NOPASSWD: return ZipError(.password, "\(name) is encrypted: a password is needed")
    case ZIP_ER_WRONGPASSWD: return ZipError(.password, "\(name): wrong password")
    default: return ZipError(.archive, "cannot read \(name): \(message)")
    }
  }

  private static func openFailure(_ what: String, code: Int32) -> ZipError {
    let kind: ZipError.Kind = [ZIP_ER_NOENT, ZIP_ER_OPEN, ZIP_ER_READ, ZIP_ER_SEEK, ZIP_ER_TELL].contains(code) ? .io : .archive
    // libzip's own text for a repeated name is "File already exists", which misleads here.
    if code == ZIP_ER_EXISTS { return ZipError(kind, "cannot open \(what): two entries have the same name") }
    var error = zip_error_t()
    zip_error_init_with_code(&error, code)
    defer { zip_error_fini(&error) }
    return ZipError(kind, "cannot open \(what): \(String(cString: zip_error_strerror(&error)))")
  }
}

/// "a folder" or "a device or a pipe" when `path` (or what it links to) is one; nil for a
/// regular file or a path that does not exist. libzip says only "Operation not supported".
private func notARegularFile(_ path: String) -> String? {
  var info = stat()
  guard stat(path, &info) == 0 else { return nil }
  switch info.st_mode & S_IFMT {
  case S_IFREG: return nil
  case S_IFDIR: return "a folder"
  default: return "a device or a pipe"
  }
}
