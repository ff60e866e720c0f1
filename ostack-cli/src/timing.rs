//! `--debug` (request log on stderr) and `--timing` (a table of API call times), both fed by the
//! SDK's `tracing` events, which never carry tokens or passwords.

use std::sync::Mutex;
use std::time::Duration;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

static CALLS: Mutex<Vec<(String, u64)>> = Mutex::new(Vec::new());

/// Collects method, URL and duration of every request event.
struct TimingLayer;

#[derive(Default)]
struct RequestFields {
    method: String,
    url: String,
    elapsed_ms: Option<u64>,
}

impl Visit for RequestFields {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "elapsed_ms" {
            self.elapsed_ms = Some(value);
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        match field.name() {
            "method" => self.method = format!("{value:?}"),
            "url" => self.url = format!("{value:?}"),
            _ => {}
        }
    }
}

impl<S: tracing::Subscriber> Layer<S> for TimingLayer {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        let mut fields = RequestFields::default();
        event.record(&mut fields);
        if let (Some(ms), false) = (fields.elapsed_ms, fields.url.is_empty()) {
            if let Ok(mut calls) = CALLS.lock() {
                calls.push((format!("{} {}", fields.method, fields.url), ms));
            }
        }
    }
}

/// Install the subscriber: always the timing layer; with `debug`, a log of every event on stderr.
pub fn install(debug: bool) {
    // --debug also logs request and response bodies (trace), with secrets redacted
    let filter = if debug { "ostack=trace" } else { "ostack=debug" };
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let fmt = debug.then(|| {
        // server text in the log's fields (URLs, bodies) is escaped as in error lines
        let writer = move || crate::errors::EscapingWriter::new(std::io::stderr(), ansi);
        tracing_subscriber::fmt::layer().with_writer(writer).with_target(false).with_ansi(ansi)
    });
    let _ = tracing_subscriber::registry()
        .with(tracing_subscriber::EnvFilter::new(filter))
        .with(TimingLayer)
        .with(fmt)
        .try_init();
}

/// Print the calls and the total, like `openstack --timing`.
pub fn print_report(total: Duration) {
    let calls = CALLS.lock().map(|c| c.clone()).unwrap_or_default();
    let mut rows: Vec<(String, String)> =
        calls.iter().map(|(u, ms)| (u.clone(), format!("{:.3}", *ms as f64 / 1000.0))).collect();
    rows.push(("Total".into(), format!("{:.3}", total.as_secs_f64())));
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(3).max(3);
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(7).max(7);
    let border = format!("+{}+{}+", "-".repeat(w0 + 2), "-".repeat(w1 + 2));
    eprintln!("{border}\n| {:<w0$} | {:>w1$} |\n{border}", "URL", "Seconds");
    for (url, secs) in rows {
        eprintln!("| {url:<w0$} | {secs:>w1$} |");
    }
    eprintln!("{border}");
}
