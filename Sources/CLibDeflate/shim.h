#ifndef IMP_CLIBDEFLATE_SHIM_H
#define IMP_CLIBDEFLATE_SHIM_H

#include <libdeflate.h>

#endif
