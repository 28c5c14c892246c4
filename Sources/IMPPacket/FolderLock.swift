#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An advisory lock (`flock(2)`) on a batch's output folder itself, so no lock file is
/// left there: every batch holds it shared while it runs, and `--resume` removes
/// temporary files only when it can hold it alone (no other batch is writing there).
final class FolderLock: @unchecked Sendable {
  private let fd: Int32
  /// Whether this process held the lock alone when it was made.
  let onlyHolder: Bool

  init(_ folder: String) {
    fd = open(folder, O_RDONLY | O_CLOEXEC)
    onlyHolder = fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0
  }

  /// Lets other batches in: from here on the lock is shared.
  func share() {
    if fd >= 0 { _ = flock(fd, LOCK_SH | LOCK_NB) }
  }

  deinit { if fd >= 0 { close(fd) } }
}
