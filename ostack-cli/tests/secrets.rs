//! Secrets never appear in any output: `ostack --debug` (and `RUST_LOG=trace`) over a
//! representative set of the compare suite's commands, the application-credential cloud, an
//! error case, and the SDK tour at `RUST_LOG=trace`. Checked in stdout and stderr of each: the
//! passwords and the application-credential secret of every devcloud cloud, the tokens the runs
//! used, a generated private key, and — whoever issued them — any Fernet token (`gAAAAA…`) or
//! private-key block.

mod common;

use common::*;

use ostack::config::ConfigLoader;
use secrecy::ExposeSecret;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one command printed.
struct Run {
    what: String,
    success: bool,
    stdout: String,
    stderr: String,
}

/// Run with a deadline (a hang fails the test instead of blocking it), reading both pipes while
/// it runs so that a chatty command never blocks on a full pipe.
fn run(what: String, mut command: Command, deadline: Duration) -> Run {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("command runs");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            panic!("{what} did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run { what, success: status.success(), stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

/// `ostack --debug` at `RUST_LOG=trace` on `cloud`, with the token cache in `cache`.
fn ostack(clouds: &Path, cache: &Path, cloud: &str, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ostack"));
    command
        .args(["--os-cloud", cloud, "--debug"])
        .args(args)
        .env("OS_CLIENT_CONFIG_FILE", clouds)
        .env("OSTACK_CACHE_DIR", cache)
        .env("RUST_LOG", "trace")
        .env_remove("OS_CLOUD")
        .env_remove("OS_NO_CACHE");
    run(format!("ostack --os-cloud {cloud} --debug {}", args.join(" ")), command, Duration::from_secs(120))
}

/// The secrets of every cloud in the devcloud's clouds.yaml, read with the SDK's own loader.
fn configured_secrets(clouds: &Path) -> Vec<(String, String)> {
    let loader = ConfigLoader {
        search_dirs: Vec::new(),
        env: [("OS_CLIENT_CONFIG_FILE".to_string(), clouds.display().to_string())].into(),
    };
    let mut secrets = Vec::new();
    for cloud in ["devcloud", "devcloud-demo", "devcloud-system", "devcloud-appcred"] {
        let config = loader.load(Some(cloud)).unwrap_or_else(|e| panic!("cloud {cloud}: {e}"));
        let auth = &config.auth;
        for (name, secret) in [
            ("password", &auth.password),
            ("token", &auth.token),
            ("application_credential_secret", &auth.application_credential_secret),
        ] {
            if let Some(secret) = secret {
                secrets.push((format!("the {name} of cloud {cloud}"), secret.expose_secret().to_string()));
            }
        }
    }
    assert!(secrets.iter().any(|(name, _)| name.contains("application_credential_secret")), "no appcred secret read");
    assert!(secrets.len() >= 4, "too few secrets read from {}", clouds.display());
    // a very short secret would match unrelated text (and is no secret)
    assert!(secrets.iter().all(|(_, s)| s.len() >= 8), "a devcloud secret is shorter than 8 characters");
    secrets
}

/// Fail, naming the run, the stream and the line (with the secret masked), when a secret shows.
/// `allowed_on_stdout` is what the command exists to print (`token issue` prints its token).
fn assert_clean(run: &Run, secrets: &[(String, String)], allowed_on_stdout: &[&str]) {
    // patterns of any Fernet token and any private key, whoever issued or generated them
    let patterns = [("a Fernet token", "gAAAAA"), ("a private key block", "PRIVATE KEY")];
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for (n, line) in text.lines().enumerate() {
            let mut line = line.to_string();
            if stream == "stdout" {
                for allowed in allowed_on_stdout {
                    line = line.replace(allowed, "<PRINTED ON PURPOSE>");
                }
            }
            for (name, value) in secrets.iter().map(|(n, v)| (n.as_str(), v.as_str())).chain(patterns) {
                if line.contains(value) {
                    panic!(
                        "{name} appears in {stream} of `{}`, line {}: {}",
                        run.what,
                        n + 1,
                        line.replace(value, "<SECRET>")
                    );
                }
            }
        }
    }
}

#[test]
fn no_secret_in_any_output_of_the_cli_and_the_tour() {
    let Some(clouds) = clouds() else { return };
    let started = Instant::now();
    let mut secrets = configured_secrets(&clouds);
    let cache = tempfile::Builder::new().permissions(std::fs::Permissions::from_mode(0o700)).tempdir().unwrap();
    let cache = cache.path();

    // the token every later command on cloud devcloud uses (from the cache)
    let issue = ostack(&clouds, cache, "devcloud", &["token", "issue", "-f", "value", "-c", "id"]);
    assert!(issue.success, "{}", issue.stderr);
    let token = issue.stdout.trim().to_string();
    assert!(token.len() > 20, "no token issued: {:?}", issue.stdout);
    assert_clean(&issue, &secrets, &[&token]);
    secrets.push(("the token issued for cloud devcloud".into(), token));

    for args in [
        &["token", "issue"][..],
        &["catalog", "list"],
        &["server", "list"],
        &["network", "list"],
        &["image", "list"],
        &["flavor", "list", "--long"],
    ] {
        let r = ostack(&clouds, cache, "devcloud", args);
        assert!(r.success, "{}: {}", r.what, r.stderr);
        let token = &secrets.last().unwrap().1;
        // `token issue` exists to print the token
        let allowed: Vec<&str> = if args == ["token", "issue"] { vec![token.as_str()] } else { Vec::new() };
        assert_clean(&r, &secrets, &allowed);
    }

    // a generated private key: written to its file, never printed or logged
    let name = format!("ostack-secrets-{}", std::process::id());
    let key_dir = tempfile::tempdir().unwrap();
    let key_file = key_dir.path().join("id");
    let create = ostack(
        &clouds,
        cache,
        "devcloud",
        &["keypair", "create", "--private-key", key_file.to_str().unwrap(), &name, "-f", "json"],
    );
    let delete = ostack(&clouds, cache, "devcloud", &["keypair", "delete", &name]);
    assert!(create.success && delete.success, "{}\n{}", create.stderr, delete.stderr);
    let key = std::fs::read_to_string(&key_file).unwrap();
    assert!(key.contains("PRIVATE KEY"), "no private key written: {key}");
    for line in key.lines().filter(|l| !l.starts_with("-----") && l.len() >= 16) {
        secrets.push(("a line of the generated private key".into(), line.to_string()));
    }
    assert_clean(&create, &secrets, &[]);
    assert_clean(&delete, &secrets, &[]);

    // errors: a missing server, and a wrong password (which must not be echoed either)
    let missing = ostack(&clouds, cache, "devcloud", &["server", "show", "no-such-server-ostack-secrets"]);
    assert!(!missing.success && missing.stderr.contains("No Server found"), "{}", missing.stderr);
    assert_clean(&missing, &secrets, &[]);
    let wrong = format!("wrong-password-{}", std::process::id());
    let refused = ostack(&clouds, cache, "devcloud", &["--os-no-cache", "--os-password", &wrong, "token", "issue"]);
    assert!(!refused.success && refused.stderr.contains("(HTTP 401)"), "{}", refused.stderr);
    assert_clean(&refused, &[secrets.clone(), vec![("the wrong password".into(), wrong)]].concat(), &[]);

    // the application-credential cloud: a fresh token, then a command from the cache
    let issue = ostack(&clouds, cache, "devcloud-appcred", &["token", "issue", "-f", "value", "-c", "id"]);
    assert!(issue.success, "{}", issue.stderr);
    let token = issue.stdout.trim().to_string();
    assert_clean(&issue, &secrets, &[&token]);
    secrets.push(("the token issued for cloud devcloud-appcred".into(), token));
    let flavors = ostack(&clouds, cache, "devcloud-appcred", &["flavor", "list"]);
    assert!(flavors.success, "{}", flavors.stderr);
    assert_clean(&flavors, &secrets, &[]);

    // the SDK tour at RUST_LOG=trace
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("Cargo.toml");
    let mut command = Command::new(cargo);
    command
        .args(["run", "--quiet", "--manifest-path", workspace.to_str().unwrap(), "-p", "ostack", "--example", "tour"])
        .env("OS_CLIENT_CONFIG_FILE", &clouds)
        .env("OS_CLOUD", "devcloud")
        .env("RUST_LOG", "trace");
    let tour = run("RUST_LOG=trace cargo run --example tour".into(), command, Duration::from_secs(900));
    assert!(tour.success, "the tour failed:\n{}\n{}", tour.stdout, tour.stderr);
    assert!(tour.stderr.contains("TRACE") && tour.stderr.contains("response body"), "the tour logged nothing at trace");
    assert_clean(&tour, &secrets, &[]);
    eprintln!(
        "secrets: {} tour log lines and the CLI runs checked in {:.1}s ({})",
        tour.stderr.lines().count(),
        started.elapsed().as_secs_f64(),
        tour.stdout.lines().last().unwrap_or("")
    );
}

#[test]
fn the_check_finds_a_secret_and_masks_it() {
    let secrets = vec![("the password of cloud x".to_string(), "hunter2-secret".to_string())];
    let leaky = Run {
        what: "ostack token issue".into(),
        success: true,
        stdout: "gAAAAABtoken\n".into(),
        stderr: "DEBUG ok\nDEBUG body={\"password\": \"hunter2-secret\"}\n".into(),
    };
    let message = std::panic::catch_unwind(|| assert_clean(&leaky, &secrets, &["gAAAAABtoken"]))
        .expect_err("a leaked password must fail the check");
    let message = message.downcast_ref::<String>().unwrap();
    assert_eq!(
        message,
        "the password of cloud x appears in stderr of `ostack token issue`, line 2: \
         DEBUG body={\"password\": \"<SECRET>\"}"
    );
    // a token is allowed on the stdout of the command that prints it, nowhere else
    assert_clean(&Run { stderr: String::new(), ..leaky }, &secrets, &["gAAAAABtoken"]);
    let token_in_log = Run { what: "x".into(), success: true, stdout: String::new(), stderr: "gAAAAABother".into() };
    assert!(std::panic::catch_unwind(|| assert_clean(&token_in_log, &secrets, &["gAAAAABtoken"])).is_err());
}
