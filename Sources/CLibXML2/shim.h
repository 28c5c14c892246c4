#ifndef IMP_CLIBXML2_SHIM_H
#define IMP_CLIBXML2_SHIM_H

/* libxml2's encoding.h pulls in ICU's headers when built with ICU; they clash with
   Foundation's own copy of ICU in any Swift module that imports both. We never use
   xmlCharEncodingHandler's ICU fields, so hide them. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/uri.h>
#include <libxml/xmlwriter.h>

/// `xmlFree` is a mutable C global that Swift 6 refuses to read; call it through here.
static inline void imp_xmlFree(void *p) { xmlFree(p); }

#endif
