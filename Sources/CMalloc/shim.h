#ifndef IMP_CMALLOC_SHIM_H
#define IMP_CMALLOC_SHIM_H

/* glibc's malloc tuning (mallopt), which Swift's Glibc module does not include. */
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif

#endif
