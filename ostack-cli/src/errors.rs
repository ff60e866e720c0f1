//! Errors as `openstack` prints them: one line on stderr, exit code 1.
//!
//! Unlike `openstack`, control characters in the line (from a server's error body, a name, a URL)
//! are printed escaped (`\x1b`, `\u{9b}`), so a server cannot move the cursor, recolour or
//! retitle the terminal, or hide text; only the newlines the CLI itself writes are kept.

use std::fmt::Write as _;

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

/// The line to print for an error (with the request details under `--debug`), with control
/// characters escaped.
pub fn message(error: &CliError, debug: bool) -> String {
    let esc = |text: &str| escape_controls(text, false);
    match error {
        // the CLI's own messages may hold its own newlines; names in them are escaped like the rest
        CliError::Message(m) => escape_controls(m, true),
        CliError::Sdk(ostack::Error::Api { status, method, url, request_id, message }) => {
            let (url, message) = (esc(url), esc(message));
            let mut line =
                format!("{}: {status}: {} for url: {url}, {message}", status_name(*status), client_or_server(*status));
            if debug {
                let request_id = esc(request_id.as_deref().unwrap_or("-"));
                line.push_str(&format!("\n{method} {url} (Request-ID: {request_id})"));
            }
            line
        }
        CliError::Sdk(ostack::Error::Config { key: Some(key), message, .. })
            if message.starts_with("no such cloud") =>
        {
            format!("Cloud {} was not found.", esc(key.trim_start_matches("clouds.")))
        }
        CliError::Sdk(ostack::Error::AuthRefused { status, message, request_id, .. }) => {
            format!("{} (HTTP {status}) (Request-ID: {})", esc(message), esc(request_id.as_deref().unwrap_or("-")))
        }
        CliError::Sdk(other) => esc(&other.to_string()),
    }
}

/// `text` with every control character (C0, DEL and C1) written as an escape: `\\t`, `\\r`, `\\n`,
/// `\\x1b` for C0 and DEL, `\\u{9b}` for C1. Newlines are kept as they are when `keep_newlines`.
/// Everything else, all printable Unicode included, is unchanged.
pub fn escape_controls(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text, |c| keep_newlines && c == '\n');
    out
}

fn push_escaped(out: &mut String, text: &str, keep: impl Fn(char) -> bool) {
    for c in text.chars() {
        match c {
            c if keep(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            '\u{80}'..='\u{9f}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// A writer for the `--debug` log that escapes control characters like [`escape_controls`]: the
/// log's fields (URLs, response bodies) are server text. Newlines and tabs are kept, and ESC too
/// when `colour` (the log's own colour codes; data in it has no raw ESC: JSON bodies escape it and
/// messages are escaped by the formatter).
pub struct EscapingWriter<W> {
    inner: W,
    colour: bool,
}

impl<W> EscapingWriter<W> {
    /// Escape what is written before passing it to `inner`.
    pub fn new(inner: W, colour: bool) -> Self {
        EscapingWriter { inner, colour }
    }
}

impl<W: std::io::Write> std::io::Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // the log formats each event into one buffer and writes it whole, so a character is never
        // split between calls; invalid UTF-8 is replaced rather than passed through
        let mut out = String::with_capacity(buf.len());
        push_escaped(&mut out, &String::from_utf8_lossy(buf), |c| {
            c == '\n' || c == '\t' || (self.colour && c == '\u{1b}')
        });
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_unicode_kept() {
        let hostile = "\u{1b}[31mred\u{7}\u{1b}]0;title\u{7}\r\tover\u{7f}\u{9b}2J\u{0} é 名 🙂";
        assert_eq!(
            escape_controls(hostile, false),
            "\\x1b[31mred\\x07\\x1b]0;title\\x07\\r\\tover\\x7f\\u{9b}2J\\x00 é 名 🙂"
        );
        assert_eq!(escape_controls("a\nb", false), "a\\nb");
        assert_eq!(escape_controls("a\nb\u{1b}", true), "a\nb\\x1b");
        assert_eq!(escape_controls("plain text, C:\\path", false), "plain text, C:\\path");
    }

    fn has_control(line: &str) -> bool {
        line.chars().any(|c| c.is_control() && c != '\n')
    }

    #[test]
    fn server_strings_in_error_lines_are_escaped() {
        let api = CliError::Sdk(ostack::Error::Api {
            status: 500,
            method: "GET".into(),
            url: "http://nova/v2.1/servers/\u{1b}[2J".into(),
            request_id: Some("req-\u{1b}[8m".into()),
            message: "boom\u{1b}[31m\u{7}\nsecond line".into(),
        });
        let line = message(&api, true);
        assert!(!has_control(&line), "{line:?}");
        assert_eq!(
            line,
            "HttpException: 500: Server Error for url: http://nova/v2.1/servers/\\x1b[2J, boom\\x1b[31m\\x07\\nsecond line\
             \nGET http://nova/v2.1/servers/\\x1b[2J (Request-ID: req-\\x1b[8m)"
        );
        let refused = CliError::Sdk(ostack::Error::AuthRefused {
            url: "http://keystone/v3/auth/tokens".into(),
            cloud: "c".into(),
            status: 401,
            message: "The request you have made requires authentication.\u{1b}]0;pwned\u{7}".into(),
            request_id: Some("req-1".into()),
        });
        assert_eq!(
            message(&refused, false),
            "The request you have made requires authentication.\\x1b]0;pwned\\x07 (HTTP 401) (Request-ID: req-1)"
        );
        let other = CliError::Sdk(ostack::Error::Auth("bad\u{9b}31m".into()));
        assert_eq!(message(&other, false), "authentication failed: bad\\u{9b}31m");
        let own = CliError::Message("service x not found\n\u{1b}".into());
        assert_eq!(message(&own, false), "service x not found\n\\x1b");
    }

    #[test]
    fn the_debug_log_writer_escapes_controls() {
        use std::io::Write;
        let line = "\u{1b}[2mDEBUG\u{1b}[0m body={\"m\":\"\u{9b}2J\u{7f}\u{7}\"}\tx\n";
        let mut plain = EscapingWriter::new(Vec::new(), false);
        plain.write_all(line.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(plain.inner).unwrap(),
            "\\x1b[2mDEBUG\\x1b[0m body={\"m\":\"\\u{9b}2J\\x7f\\x07\"}\tx\n"
        );
        let mut colour = EscapingWriter::new(Vec::new(), true);
        colour.write_all(line.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(colour.inner).unwrap(),
            "\u{1b}[2mDEBUG\u{1b}[0m body={\"m\":\"\\u{9b}2J\\x7f\\x07\"}\tx\n"
        );
    }
}
