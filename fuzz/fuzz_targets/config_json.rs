#![no_main]
//! Fuzz target `config_json`: see `ostack_fuzz` for what it checks.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ostack_fuzz::check_config(data, "json"));
