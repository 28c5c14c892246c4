/* The limit of the batch benchmark: deflate (libdeflate, level 6) and write the same
 * packets' bytes with libzip and nothing else.
 *
 *   cc -O2 -o bench-limit scripts/bench-limit.c -lzip -ldeflate -lpthread
 *   bench-limit PACKETS_DIR OUT_DIR THREADS [tuned]
 *
 * Reads every *.zip of PACKETS_DIR into memory first (untimed), then, timed, builds each
 * packet again in memory exactly as imp-packet's ZipArchive does: each entry deflated by
 * libdeflate at level 6 (stored when that saves under 5%), CRC-32 by libdeflate, handed to
 * libzip already deflated through a zip_source_function; same entries, order, DOS time,
 * attributes. Then writes it to OUT_DIR/<name> with open/write/close, THREADS threads
 * taking every THREADS-th packet. Prints one JSON line. The packets are byte-identical to
 * imp-packet's (bench.sh checks).
 * "tuned" keeps freed memory in the process as imp-packet batch does (mallopt): without
 * it, the compressor's ~300 KB state per packet is unmapped and faulted in again.
 * The process runs in UTC (TZ), so libzip's local-time conversion is exact and cheap;
 * imp-packet, a library, instead writes the UTC fields over libzip's.
 */
#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libdeflate.h>
#include <zip.h>

typedef struct { char *name; void *data; zip_uint64_t size; } entry_t;
typedef struct { char *file; entry_t *entries; int count; time_t mtime; } packet_t;

static packet_t *packets;
static int npackets, nthreads;
static const char *outdir;
static long long written_bytes[64];

static int load(const char *path, packet_t *p) {
  int err;
  zip_t *z = zip_open(path, ZIP_RDONLY, &err);
  if (!z) return -1;
  p->count = (int)zip_get_num_entries(z, 0);
  p->entries = calloc(p->count, sizeof(entry_t));
  for (int i = 0; i < p->count; i++) {
    zip_stat_t st;
    zip_stat_index(z, i, 0, &st);
    p->entries[i].name = strdup(st.name);
    p->entries[i].size = st.size;
    p->entries[i].data = malloc(st.size ? st.size : 1);
    zip_file_t *f = zip_fopen_index(z, i, 0);
    if (!f || zip_fread(f, p->entries[i].data, st.size) != (zip_int64_t)st.size) return -1;
    zip_fclose(f);
    if (i == 0) p->mtime = st.mtime; /* in UTC, as written */
  }
  zip_discard(z);
  return 0;
}

/* One entry's stored bytes, served to libzip as they are (ZipPacket/PreparedEntry.swift). */
typedef struct { void *bytes; size_t stored, size, offset; zip_uint32_t crc; int deflated; } prepared_t;

static zip_int64_t serve(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd) {
  prepared_t *p = ud;
  switch (cmd) {
  case ZIP_SOURCE_OPEN: p->offset = 0; return 0;
  case ZIP_SOURCE_READ: {
    size_t n = p->stored - p->offset < len ? p->stored - p->offset : len;
    memcpy(data, (char *)p->bytes + p->offset, n);
    p->offset += n;
    return (zip_int64_t)n;
  }
  case ZIP_SOURCE_CLOSE: return 0;
  case ZIP_SOURCE_STAT: {
    zip_stat_t *st = data;
    zip_stat_init(st);
    st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
    st->size = p->size;
    st->comp_size = p->stored;
    st->crc = p->crc;
    st->comp_method = p->deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
    st->encryption_method = ZIP_EM_NONE;
    return sizeof *st;
  }
  case ZIP_SOURCE_ERROR: return 0;
  case ZIP_SOURCE_FREE: free(p->bytes); free(p); return 0;
  case ZIP_SOURCE_SUPPORTS: return ZIP_SOURCE_SUPPORTS_READABLE;
  default: return -1;
  }
}

static void *work(void *arg) {
  long t = (long)arg;
  char path[4096];
  for (int i = (int)t; i < npackets; i += nthreads) {
    packet_t *p = &packets[i];
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &error);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &error);
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    for (int e = 0; e < p->count; e++) {
      entry_t *in = &p->entries[e];
      prepared_t *pe = calloc(1, sizeof *pe);
      size_t bound = libdeflate_deflate_compress_bound(c, in->size);
      pe->bytes = malloc(bound > in->size ? bound : in->size + 1);
      pe->size = in->size;
      pe->stored = in->size ? libdeflate_deflate_compress(c, in->data, in->size, pe->bytes, bound) : 0;
      pe->deflated = pe->stored > 0 && (double)pe->stored <= (double)in->size * (1 - 0.05);
      if (!pe->deflated) { memcpy(pe->bytes, in->data, in->size); pe->stored = in->size; }
      pe->crc = in->size ? (zip_uint32_t)libdeflate_crc32(0, in->data, in->size) : 0;
      zip_source_t *s = zip_source_function(z, serve, pe);
      zip_int64_t idx = zip_file_add(z, in->name, s, ZIP_FL_ENC_UTF_8);
      if (!pe->deflated) zip_set_file_compression(z, idx, ZIP_CM_STORE, 0);
      zip_file_set_mtime(z, idx, p->mtime, 0);
      zip_file_set_external_attributes(z, idx, 0, ZIP_OPSYS_UNIX, (0100600u) << 16);
    }
    if (zip_close(z) != 0) { fprintf(stderr, "zip_close failed\n"); exit(1); }
    libdeflate_free_compressor(c);
    zip_stat_t st;
    zip_stat_init(&st);
    zip_source_stat(src, &st);
    zip_source_open(src);
    void *bytes = malloc(st.size);
    zip_source_read(src, bytes, st.size);
    zip_source_close(src);
    zip_source_free(src);
    snprintf(path, sizeof path, "%s/%s", outdir, p->file);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || write(fd, bytes, st.size) != (ssize_t)st.size) { perror(path); exit(1); }
    close(fd);
    free(bytes);
    written_bytes[t] += st.size;
  }
  return NULL;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  setenv("TZ", "UTC0", 1);
  tzset();
  if (argc != 4 && argc != 5) { fprintf(stderr, "usage: bench-limit PACKETS_DIR OUT_DIR THREADS [tuned]\n"); return 64; }
  if (argc == 5 && strcmp(argv[4], "tuned") == 0) {
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
  }
  const char *indir = argv[1];
  outdir = argv[2];
  nthreads = atoi(argv[3]);
  if (nthreads < 1 || nthreads > 64) return 64;
  DIR *d = opendir(indir);
  if (!d) { perror(indir); return 66; }
  int cap = 1024, n = 0;
  char **names = malloc(cap * sizeof(char *));
  struct dirent *de;
  while ((de = readdir(d))) {
    size_t len = strlen(de->d_name);
    if (len > 4 && strcmp(de->d_name + len - 4, ".zip") == 0) {
      if (n == cap) names = realloc(names, (cap *= 2) * sizeof(char *));
      names[n++] = strdup(de->d_name);
    }
  }
  closedir(d);
  qsort(names, n, sizeof(char *), by_name);
  packets = calloc(n, sizeof(packet_t));
  long long input_bytes = 0;
  char path[4096];
  for (int i = 0; i < n; i++) {
    snprintf(path, sizeof path, "%s/%s", indir, names[i]);
    packets[i].file = names[i];
    if (load(path, &packets[i]) != 0) { fprintf(stderr, "cannot read %s\n", path); return 65; }
    for (int e = 0; e < packets[i].count; e++) input_bytes += packets[i].entries[e].size;
  }
  npackets = n;
  mkdir(outdir, 0700);

  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  pthread_t th[64];
  for (long t = 0; t < nthreads; t++) pthread_create(&th[t], NULL, work, (void *)t);
  for (int t = 0; t < nthreads; t++) pthread_join(th[t], NULL);
  sync(); /* as imp-packet batch: everything on disk before it reports */
  clock_gettime(CLOCK_MONOTONIC, &b);
  double seconds = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
  long long out = 0;
  for (int t = 0; t < nthreads; t++) out += written_bytes[t];
  printf("{\"packets\": %d, \"seconds\": %.3f, \"packetsPerSecond\": %.0f, \"inputBytes\": %lld, \"zipBytes\": %lld}\n",
         n, seconds, n / seconds, input_bytes, out);
  return 0;
}
