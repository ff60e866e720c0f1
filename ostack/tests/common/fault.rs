//! A fault-injecting HTTP/1.1 server and proxy for the tests: what a hostile or broken network
//! does on demand. `FaultServer` answers from a script; `FaultProxy` forwards to a real upstream
//! (wiremock or the devcloud) and breaks chosen requests on the way back.
//!
//! One request per connection (`Connection: close` both ways), so request numbers are exact.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What happens to one request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answer normally (proxy: forward; server: `200 {}`).
    Pass,
    /// Answer with this status, headers and body instead (proxy: without asking the upstream).
    Respond(u16, Vec<(String, String)>, Vec<u8>),
    /// Read the request, then reset the connection before any byte of the answer.
    ResetBeforeFirstByte,
    /// Send the head and `n` bytes of the body, then reset.
    ResetMidBody(usize),
    /// Send the head (with the full Content-Length) and `n` bytes of the body, then close cleanly.
    Truncate(usize),
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// Read the request and never answer (the connection stays open).
    NeverAnswer,
    /// Send the answer one byte every interval.
    Drip(Duration),
    /// Answer normally with the body's byte at this offset flipped (a corrupting network).
    FlipByte(usize),
}

/// Shared state of a fault server or proxy: the script and what it saw.
#[derive(Clone, Default)]
pub struct Log {
    requests: Arc<AtomicUsize>,
    heads: Arc<Mutex<Vec<String>>>,
    bytes_written: Arc<AtomicUsize>,
}

impl Log {
    /// Requests received so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
    /// The request lines and headers received, one string per request.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
    /// Answer bytes successfully written to clients.
    pub fn bytes_written(&self) -> usize {
        self.bytes_written.load(Ordering::SeqCst)
    }
}

/// A script: fault for request number i (0-based); requests past the end get `then`.
#[derive(Clone)]
pub struct Script {
    /// Faults of the first requests, in order.
    pub first: Vec<Fault>,
    /// The fault for every later request.
    pub then: Fault,
    /// The JSON body a server without upstream answers with (with status 200) when not told otherwise.
    pub answer: Vec<u8>,
}

impl Script {
    /// Every request gets `fault`.
    pub fn always(fault: Fault) -> Self {
        Script { first: Vec::new(), then: fault, answer: b"{}".to_vec() }
    }
    /// The first requests get `first`, the rest pass.
    pub fn first(first: Vec<Fault>) -> Self {
        Script { first, then: Fault::Pass, answer: b"{}".to_vec() }
    }
    /// The body answered by a server without upstream.
    pub fn answering(mut self, body: &[u8]) -> Self {
        self.answer = body.to_vec();
        self
    }
    fn for_request(&self, n: usize) -> Fault {
        self.first.get(n).cloned().unwrap_or_else(|| self.then.clone())
    }
}

/// A server (or proxy, with an upstream) listening on 127.0.0.1.
pub struct FaultServer {
    /// `http://127.0.0.1:<port>`.
    pub uri: String,
    /// What it saw.
    pub log: Log,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultServer {
    /// A scripted server; `Pass` answers `200 {}`.
    pub async fn start(script: Script) -> Self {
        Self::spawn(script, None).await
    }

    /// A proxy to `upstream` (`host:port`) applying the script to the answers.
    pub async fn proxy(upstream: &str, script: Script) -> Self {
        Self::spawn(script, Some(upstream.to_string())).await
    }

    /// A server that records requests and answers 200: it must never be reached.
    pub async fn recorder() -> Self {
        Self::start(Script::always(Fault::Respond(200, vec![], b"{}".to_vec()))).await
    }

    /// The `host:port` part of the URI.
    pub fn addr(&self) -> String {
        self.uri.trim_start_matches("http://").to_string()
    }

    async fn spawn(script: Script, upstream: Option<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let uri = format!("http://{}", listener.local_addr().unwrap());
        let log = Log::default();
        let task_log = log.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else { return };
                let log = task_log.clone();
                let script = script.clone();
                let upstream = upstream.clone();
                tokio::spawn(async move {
                    let _ = handle(socket, log, script, upstream).await;
                });
            }
        });
        FaultServer { uri, log, task }
    }
}

/// Read one request: the head (with `Connection: close` forced) and its Content-Length body.
async fn read_request(socket: &mut TcpStream) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let length = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_string()))
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok(Some((head, body)))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `head` with its Connection header replaced by `Connection: close`.
fn force_close(head: &str) -> String {
    let mut lines: Vec<&str> =
        head.trim_end().split("\r\n").filter(|l| !l.to_ascii_lowercase().starts_with("connection:")).collect();
    lines.push("Connection: close");
    format!("{}\r\n\r\n", lines.join("\r\n"))
}

fn response_bytes(status: u16, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-type")) {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

/// Close with RST instead of FIN.
fn reset(socket: TcpStream) {
    #[allow(deprecated)] // blocking on drop is what a zero linger is for: an immediate RST
    let _ = socket.set_linger(Some(Duration::ZERO));
    drop(socket);
}

async fn handle(mut socket: TcpStream, log: Log, script: Script, upstream: Option<String>) -> std::io::Result<()> {
    let Some((head, body)) = read_request(&mut socket).await? else { return Ok(()) };
    let n = log.requests.fetch_add(1, Ordering::SeqCst);
    log.heads.lock().unwrap().push(head.clone());
    let fault = script.for_request(n);
    if let Fault::Respond(status, headers, body) = &fault {
        return write_all(&mut socket, &log, &response_bytes(*status, headers, body)).await;
    }
    if matches!(fault, Fault::ResetBeforeFirstByte) {
        reset(socket);
        return Ok(());
    }
    if matches!(fault, Fault::NeverAnswer) {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        return Ok(());
    }
    let answer = match &upstream {
        Some(addr) => {
            let mut up = TcpStream::connect(addr).await?;
            let rewritten = force_close(&head);
            up.write_all(rewritten.as_bytes()).await?;
            up.write_all(&body).await?;
            let mut answer = Vec::new();
            up.read_to_end(&mut answer).await?;
            // the client must not reuse the connection either
            match find(&answer, b"\r\n\r\n") {
                Some(i) => {
                    let head = String::from_utf8_lossy(&answer[..i + 4]).to_string();
                    let mut out = force_close(&head).into_bytes();
                    out.extend_from_slice(&answer[i + 4..]);
                    out
                }
                None => answer,
            }
        }
        None => response_bytes(200, &[], &script.answer),
    };
    let head_len = find(&answer, b"\r\n\r\n").map(|i| i + 4).unwrap_or(answer.len());
    match fault {
        Fault::Pass | Fault::Respond(..) | Fault::ResetBeforeFirstByte | Fault::NeverAnswer => {
            write_all(&mut socket, &log, &answer).await
        }
        Fault::Latency(d) => {
            tokio::time::sleep(d).await;
            write_all(&mut socket, &log, &answer).await
        }
        Fault::ResetMidBody(k) => {
            write_all(&mut socket, &log, &answer[..(head_len + k).min(answer.len())]).await?;
            socket.flush().await?;
            tokio::time::sleep(Duration::from_millis(20)).await;
            reset(socket);
            Ok(())
        }
        Fault::Truncate(k) => {
            write_all(&mut socket, &log, &answer[..(head_len + k).min(answer.len())]).await?;
            socket.shutdown().await
        }
        Fault::FlipByte(k) => {
            let mut answer = answer;
            if let Some(byte) = answer.get_mut(head_len + k) {
                *byte ^= 0xff;
            }
            write_all(&mut socket, &log, &answer).await
        }
        Fault::Drip(every) => {
            for byte in &answer {
                write_all(&mut socket, &log, std::slice::from_ref(byte)).await?;
                tokio::time::sleep(every).await;
            }
            Ok(())
        }
    }
}

async fn write_all(socket: &mut TcpStream, log: &Log, bytes: &[u8]) -> std::io::Result<()> {
    for chunk in bytes.chunks(64 * 1024) {
        socket.write_all(chunk).await?;
        log.bytes_written.fetch_add(chunk.len(), Ordering::SeqCst);
    }
    Ok(())
}
