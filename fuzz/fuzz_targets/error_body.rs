#![no_main]
//! Fuzz target `error_body`: see `ostack_fuzz` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ostack_fuzz::check_error_body(data));
