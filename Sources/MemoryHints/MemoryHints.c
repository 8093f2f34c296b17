// MemoryHints is a header of inline functions (include/MemoryHints.h); a C target needs one
// source file to build.
#include "MemoryHints.h"
