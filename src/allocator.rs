//! mimalloc's options, set by the binary at start-up. Part of the binary, not the library; the
//! integration tests include it (tests/it/allocator.rs) to check the option is the one it names.

/// `mi_option_purge_delay` in mimalloc's option enum (15 in its v2 and v3 headers).
/// libmimalloc-sys names no constant for it, so a test asks mimalloc which option
/// `MIMALLOC_PURGE_DELAY` sets (tests/it/allocator.rs).
pub const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 100 ms (mimalloc v2's default is 10 ms; v3's,
/// which the mimalloc crate builds here, is 1000 ms; the figures below were measured against 10 ms): a worker's
/// freed texts would otherwise stay resident while the claim list grows (without huge pages, the
/// peak RSS of 1 GB of news fell from 1.31 to 1.20 GB), and returning it at once (0 ms) spent a
/// third of the run's time in the kernel (1 GB of JSONL, two workers: 10-11 s of system time
/// and 32-34 s in all at 0 ms, 1.2 s and 25 s at 100 ms, at the same peak). `MIMALLOC_PURGE_DELAY`
/// in the environment is left to mimalloc.
pub fn return_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options; mimalloc reads options at any time
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
}
