/* The limit of the batch benchmark: deflate (level 6) and write the same packets'
 * bytes with libzip and nothing else.
 *
 *   cc -O2 -o bench-limit scripts/bench-limit.c -lzip -lpthread
 *   bench-limit PACKETS_DIR OUT_DIR THREADS [tuned]
 *
 * Reads every *.zip of PACKETS_DIR into memory first (untimed), then, timed, builds each
 * packet again in memory with libzip exactly as imp-packet does (same entries, order,
 * level, DOS time, attributes) and writes it to OUT_DIR/<name> with open/write/close,
 * THREADS threads taking every THREADS-th packet. Prints one JSON line.
 * "tuned" keeps freed memory in the process as imp-packet batch does (mallopt): without
 * it, zlib's ~260 KB state per file is unmapped and faulted in again for every file.
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
#include <zip.h>

typedef struct { char *name; void *data; zip_uint64_t size; } entry_t;
typedef struct { char *file; entry_t *entries; int count; zip_uint16_t dostime, dosdate; } packet_t;

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
    if (i == 0) {
      zip_uint8_t *extra = NULL;
      (void)extra;
      time_t t = st.mtime;
      struct tm tm;
      gmtime_r(&t, &tm); /* as written: DOS time from UTC */
      p->dostime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
      p->dosdate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
    }
  }
  zip_discard(z);
  return 0;
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
    for (int e = 0; e < p->count; e++) {
      zip_source_t *s = zip_source_buffer(z, p->entries[e].data, p->entries[e].size, 0);
      zip_int64_t idx = zip_file_add(z, p->entries[e].name, s, ZIP_FL_ENC_UTF_8);
      zip_set_file_compression(z, idx, ZIP_CM_DEFLATE, 6);
      zip_file_set_dostime(z, idx, p->dostime, p->dosdate, 0);
      zip_file_set_external_attributes(z, idx, 0, ZIP_OPSYS_UNIX, (0100600u) << 16);
    }
    if (zip_close(z) != 0) { fprintf(stderr, "zip_close failed\n"); exit(1); }
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
