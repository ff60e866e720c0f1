#![no_main]
//! Fuzz target `links`: see `ostack_fuzz` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ostack_fuzz::check_links(data));
