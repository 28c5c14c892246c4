import CLibDeflate
import CLibZip

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Deflates entries with libdeflate, whose output at level 6 is as small as zlib's (0.3%
/// smaller on packets) in about half the time. One compressor serves a whole archive.
///
/// The compressed bytes depend on libdeflate's version (`scripts/deps` pins it); the
/// contents never do.
final class Deflater {
  /// The libdeflate these bytes come from, e.g. "1.14".
  static let version = LIBDEFLATE_VERSION_STRING

  private let compressor: OpaquePointer

  init(level: Int) throws(ZipError) {
    guard let c = libdeflate_alloc_compressor(Int32(level)) else {
      throw ZipError(.archive, "cannot set up deflate level \(level): out of memory")
    }
    compressor = c
  }

  deinit { libdeflate_free_compressor(compressor) }

  /// `data` deflated, or stored when deflating saves less than `minimumGain` of its size.
  func prepare(_ data: [UInt8], minimumGain: Double) -> PreparedEntry {
    data.withUnsafeBytes { raw in
      let count = raw.count
      guard count > 0 else { return Deflater.store(raw) }
      let bound = libdeflate_deflate_compress_bound(compressor, count)
      let buffer = malloc(bound)!
      let compressed = libdeflate_deflate_compress(compressor, raw.baseAddress, count, buffer, bound)
      guard compressed > 0, Double(compressed) <= Double(count) * (1 - minimumGain) else {
        free(buffer)
        return Deflater.store(raw)
      }
      let crc = UInt32(libdeflate_crc32(0, raw.baseAddress, count))
      return PreparedEntry(buffer, stored: compressed, size: count, crc: crc, deflated: true)
    }
  }

  /// `data` as it is, for a stored entry.
  static func store(_ data: [UInt8]) -> PreparedEntry {
    data.withUnsafeBytes { store($0) }
  }

  private static func store(_ raw: UnsafeRawBufferPointer) -> PreparedEntry {
    let buffer = malloc(max(raw.count, 1))!
    var crc: UInt32 = 0
    if let base = raw.baseAddress, raw.count > 0 {
      buffer.copyMemory(from: base, byteCount: raw.count)
      crc = UInt32(libdeflate_crc32(0, base, raw.count))
    }
    return PreparedEntry(buffer, stored: raw.count, size: raw.count, crc: crc, deflated: false)
  }
}

/// Inflates raw deflate with libdeflate, to check what was deflated.
final class Inflater {
  private let decompressor: OpaquePointer

  init() throws(ZipError) {
    guard let d = libdeflate_alloc_decompressor() else { throw ZipError(.archive, "cannot set up inflate: out of memory") }
    decompressor = d
  }

  deinit { libdeflate_free_decompressor(decompressor) }

  /// Whether `deflated` inflates to exactly `data`, byte for byte and length for length.
  func inflates(_ deflated: [UInt8], to data: [UInt8]) -> Bool {
    var out = [UInt8](repeating: 0, count: data.count)
    let result = deflated.withUnsafeBytes { input in
      out.withUnsafeMutableBytes { output in
        libdeflate_deflate_decompress(
          decompressor, input.baseAddress, input.count, output.baseAddress, output.count, nil)
      }
    }
    return result == LIBDEFLATE_SUCCESS && sameBytes(out, data)
  }
}

/// Whether `a` and `b` hold the same bytes, compared by `memcmp` (Array's `==` goes byte by byte).
func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
  guard a.count == b.count else { return false }
  return a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
}

/// One entry's bytes exactly as the zip stores them (deflated, or as they are), served
/// to libzip through a `zip_source_function`.
///
/// libzip copies data as it is when the source's `ZIP_SOURCE_STAT` names the entry's
/// compression method with the sizes and CRC (`add_data` in libzip's `zip_close.c`
/// recompresses only when the methods differ), so headers, times, attributes and WinZip
/// AES stay libzip's. This is the only libzip source type the module creates.
final class PreparedEntry {
  /// The stored bytes (malloc'd, freed with this object).
  let bytes: UnsafeMutableRawPointer
  /// How many bytes the zip stores.
  let stored: Int
  /// The uncompressed size.
  let size: Int
  /// CRC-32 of the uncompressed bytes.
  let crc: UInt32
  /// Whether `bytes` are raw deflate (`ZIP_CM_DEFLATE`) rather than the data itself.
  let deflated: Bool
  private var offset = 0
  private var error = zip_error_t()

  init(_ bytes: UnsafeMutableRawPointer, stored: Int, size: Int, crc: UInt32, deflated: Bool) {
    self.bytes = bytes
    self.stored = stored
    self.size = size
    self.crc = crc
    self.deflated = deflated
    zip_error_init(&error)
  }

  deinit {
    zip_error_fini(&error)
    free(bytes)
  }

  /// Whether `raw` is exactly the bytes handed to libzip.
  func holds(_ raw: [UInt8]) -> Bool {
    raw.count == stored && raw.withUnsafeBytes { memcmp($0.baseAddress ?? UnsafeRawPointer(bytes), bytes, stored) == 0 }
  }

  /// A libzip source reading these bytes. libzip owns it (and through it, this object)
  /// from here on; it releases both with `zip_source_free` or when the archive closes.
  func source(in archive: OpaquePointer) -> OpaquePointer? {
    let userdata = Unmanaged.passRetained(self).toOpaque()
    guard let source = zip_source_function(archive, preparedEntryCallback, userdata) else {
      Unmanaged<PreparedEntry>.fromOpaque(userdata).release()
      return nil
    }
    return source
  }

  fileprivate func handle(_ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t, _ command: zip_source_cmd_t)
    -> zip_int64_t
  {
    switch command {
    case ZIP_SOURCE_OPEN:
      offset = 0
      return 0
    case ZIP_SOURCE_READ:
      let n = min(Int(clamping: length), stored - offset)
      if n > 0, let data { data.copyMemory(from: bytes + offset, byteCount: n) }
      offset += n
      return zip_int64_t(n)
    case ZIP_SOURCE_CLOSE:
      return 0
    case ZIP_SOURCE_STAT:
      guard let data, length >= MemoryLayout<zip_stat_t>.size else {
        zip_error_set(&error, ZIP_ER_INVAL, 0)
        return -1
      }
      let stat = data.assumingMemoryBound(to: zip_stat_t.self)
      zip_stat_init(stat)
      stat.pointee.valid =
        zip_uint64_t(ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD)
      stat.pointee.size = zip_uint64_t(size)
      stat.pointee.comp_size = zip_uint64_t(stored)
      stat.pointee.crc = crc
      stat.pointee.comp_method = zip_uint16_t(deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE)
      stat.pointee.encryption_method = zip_uint16_t(ZIP_EM_NONE)
      return zip_int64_t(MemoryLayout<zip_stat_t>.size)
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&error, data, length)
    case ZIP_SOURCE_FREE:
      Unmanaged.passUnretained(self).release()
      return 0
    case ZIP_SOURCE_SUPPORTS:
      return preparedEntryCommands
    default:
      zip_error_set(&error, ZIP_ER_OPNOTSUPP, 0)
      return -1
    }
  }
}

/// The commands a prepared entry answers (libzip's `ZIP_SOURCE_SUPPORTS_READABLE`).
private let preparedEntryCommands: zip_int64_t = [
  ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
  ZIP_SOURCE_SUPPORTS,
].reduce(0) { $0 | (1 << zip_int64_t($1.rawValue)) }

private func preparedEntryCallback(
  _ userdata: UnsafeMutableRawPointer?, _ data: UnsafeMutableRawPointer?, _ length: zip_uint64_t,
  _ command: zip_source_cmd_t
) -> zip_int64_t {
  Unmanaged<PreparedEntry>.fromOpaque(userdata!).takeUnretainedValue().handle(data, length, command)
}
