//! The binary's mimalloc options (src/allocator.rs, included here): [`bin_allocator::PURGE_DELAY`]
//! is the option mimalloc reads from `MIMALLOC_PURGE_DELAY`. The test runs itself again in a
//! child process with that variable set and reads the option there.

use std::process::Command;

#[path = "../../src/allocator.rs"]
#[allow(dead_code)]
mod bin_allocator;

#[test]
fn purge_delay_is_the_option_of_its_name() {
    if std::env::var_os("FACTLINT_PURGE_DELAY_PROBE").is_some() {
        // SAFETY: reads one of mimalloc's options
        let value = unsafe { libmimalloc_sys::mi_option_get(bin_allocator::PURGE_DELAY) };
        assert_eq!(value, 1234, "option {} is not purge_delay", bin_allocator::PURGE_DELAY);
        return;
    }
    let out = Command::new(std::env::current_exe().expect("the test binary"))
        .args(["allocator::purge_delay_is_the_option_of_its_name", "--exact", "--test-threads=1"])
        .env("MIMALLOC_PURGE_DELAY", "1234")
        .env("FACTLINT_PURGE_DELAY_PROBE", "1")
        .output()
        .expect("the test binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("1 passed"), "{stdout}");
}
