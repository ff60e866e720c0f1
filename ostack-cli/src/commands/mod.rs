//! One module per command group, each a clap subcommand enum with a `run` method.

pub mod catalog;
pub mod flavor;
// TODO-SPEC pub mod image;
// TODO-SPEC pub mod keypair;
// TODO-SPEC pub mod network;
// TODO-SPEC pub mod port;
// TODO-SPEC pub mod server;
// TODO-SPEC pub mod subnet;
pub mod token;
// TODO-SPEC pub mod versions;

use crate::errors::CliError;
use crate::output::Output;

/// What every command returns.
pub type CommandResult = Result<Output, CliError>;

/// Parse `key=value` options (`--property k=v`).
pub fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("'{text}' is not in the format of key=value")),
    }
}
