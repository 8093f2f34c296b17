// Hints to the processor's caches that Swift has no spelling for.
//
// The engine's scans read columns that were written some milliseconds before (a CSV loaded,
// a table generated) and are no longer in any cache. On x86 the hardware prefetcher follows
// such a scan only within one 4 KB page and starts again at the next, so the scan waits on
// memory at every page. Asking for the line a few kilobytes ahead keeps enough reads in flight to run
// at the memory's bandwidth. A prefetch is only a hint: it never faults, not even on an
// address that is not mapped, and it changes no value.
#ifndef IDX_MEMORY_HINTS_H
#define IDX_MEMORY_HINTS_H

/// Asks for the cache line holding `address` to be brought in for reading (`prefetcht0` on
/// x86-64, `prfm pldl1keep` on arm64, nothing where the target has no such instruction).
static inline void idx_prefetch_read(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#endif
