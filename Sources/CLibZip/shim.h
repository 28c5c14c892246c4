#ifndef IMP_CLIBZIP_SHIM_H
#define IMP_CLIBZIP_SHIM_H

#include <zip.h>

#endif
