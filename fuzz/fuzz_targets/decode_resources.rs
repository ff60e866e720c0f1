#![no_main]
//! Fuzz target `decode_resources`: see `ostack_fuzz` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ostack_fuzz::check_resources(data));
