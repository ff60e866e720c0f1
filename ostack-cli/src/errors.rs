//! Errors as `openstack` prints them: one line on stderr, exit code 1.

/// A command failure.
#[derive(Debug)]
pub enum CliError {
    /// From the SDK.
    Sdk(ostack::Error),
    /// A message of the CLI's own (e.g. "No Flavor found for x").
    Message(String),
}

impl From<ostack::Error> for CliError {
    fn from(e: ostack::Error) -> Self {
        match e {
            ostack::Error::NotFound { resource, name_or_id } => {
                CliError::Message(format!("No {resource} found for {name_or_id}"))
            }
            ostack::Error::MultipleMatches { resource, name } => {
                CliError::Message(format!("More than one {resource} exists with the name '{name}'."))
            }
            other => CliError::Sdk(other),
        }
    }
}

impl From<String> for CliError {
    fn from(message: String) -> Self {
        CliError::Message(message)
    }
}

/// The line to print for an error (with the request details under `--debug`).
pub fn message(error: &CliError, debug: bool) -> String {
    match error {
        CliError::Message(m) => m.clone(),
        CliError::Sdk(ostack::Error::Api { status, method, url, request_id, message }) => {
            let mut line =
                format!("{}: {status}: {} for url: {url}, {message}", status_name(*status), client_or_server(*status));
            if debug {
                line.push_str(&format!("\n{method} {url} (Request-ID: {})", request_id.as_deref().unwrap_or("-")));
            }
            line
        }
        CliError::Sdk(ostack::Error::Config { key: Some(key), message, .. })
            if message.starts_with("no such cloud") =>
        {
            format!("Cloud {} was not found.", key.trim_start_matches("clouds."))
        }
        CliError::Sdk(ostack::Error::AuthRefused { status, message, request_id, .. }) => {
            format!("{message} (HTTP {status}) (Request-ID: {})", request_id.as_deref().unwrap_or("-"))
        }
        CliError::Sdk(other) => other.to_string(),
    }
}

fn client_or_server(status: u16) -> String {
    if status >= 500 {
        "Server Error".into()
    } else {
        "Client Error".into()
    }
}

fn status_name(status: u16) -> &'static str {
    match status {
        400 => "BadRequestException",
        401 => "HttpException",
        403 => "ForbiddenException",
        404 => "NotFoundException",
        409 => "ConflictException",
        _ => "HttpException",
    }
}
