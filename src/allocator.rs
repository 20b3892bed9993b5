//! mimalloc's options, set by the binary at start-up. Part of the binary, not the library; the
//! integration tests include it (tests/it/allocator.rs) to check the option is the one it names.

/// `mi_option_purge_delay` in mimalloc's option enum (15 in its v2 and v3 headers).
/// libmimalloc-sys names no constant for it, so a test asks mimalloc which option
/// `MIMALLOC_PURGE_DELAY` sets (tests/it/allocator.rs).
pub const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 100 ms, sooner than mimalloc's default (1000 ms in
/// the v3 that the mimalloc crate builds; this comment used to say 10 ms, v2's default): a
/// worker's freed texts would otherwise stay resident while the claim list grows, and returning
/// them at once (0 ms) spent a third of the run's time in the kernel (bench/README.md, *Pipeline
/// figures*).
/// `MIMALLOC_PURGE_DELAY` in the environment is left to mimalloc.
pub fn return_freed_memory() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options; mimalloc reads options at any time
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 100) };
}
