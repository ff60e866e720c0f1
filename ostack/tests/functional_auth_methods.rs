//! `v3totp` and `v3multifactor` logins against the devcloud's Keystone (which accepts `totp`).
//!
//! The admin creates a scratch user with a password and registers a TOTP credential for it (a
//! base32 secret as the blob); the test computes the current code with `totp-rs` and logs in with
//! `v3totp`; a wrong passcode is refused with a clear error that does not echo it. Then the user's
//! `multi_factor_auth_rules` ask for password + totp: the password alone is refused and
//! `v3multifactor` with `[v3password, v3totp]` logs in. The user is deleted at the end.
//!
//! Outside CI the test skips when the devcloud is not running; in CI (`CI=true`) it fails.

use ostack::config::{AuthConfig, AuthMethod, AuthType, CloudConfig};
use ostack::identity::v3::{CreateCredential, CreateUser, Secret, UpdateUser};
use ostack::{Connection, Error, Result};
use rand::RngCore;
use serde_json::json;
use totp_rs::{Algorithm, TOTP};

/// Connect to a devcloud cloud, or skip (outside CI) with one line saying how to start it.
async fn cloud(name: &str) -> Option<Connection> {
    match Connection::from_cloud(name).await {
        Ok(conn) => Some(conn),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("devcloud cloud '{name}' unreachable in CI: {e}")
        }
        Err(e) => {
            eprintln!("SKIP: devcloud not reachable ({e}); start it with `devcloud/up && eval \"$(devcloud/env)\"`");
            None
        }
    }
}

/// A name no other run uses.
fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("ostack-ft-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// A config for `user_id` with `auth_type`, on the admin cloud's Keystone, unscoped.
fn login(admin: &Connection, auth_type: AuthType, user_id: &str) -> CloudConfig {
    let mut config = admin.config().clone();
    config.name = Some(format!("{auth_type:?}-{user_id}"));
    config.auth_type = auth_type;
    config.auth = AuthConfig {
        auth_url: admin.config().auth.auth_url.clone(),
        user_id: Some(user_id.into()),
        ..Default::default()
    };
    config
}

/// Keystone's TOTP: SHA-1, 6 digits, 30 s steps, on the base32-decoded blob.
fn totp(secret: &[u8]) -> TOTP {
    TOTP::new(Algorithm::SHA1, 6, 1, 30, secret.to_vec()).expect("a 160-bit secret")
}

/// A 6-digit code that is none of the codes of the previous, current and next 30 s window.
fn wrong_code(generator: &TOTP) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let valid: Vec<String> = [now - 30, now, now + 30].iter().map(|t| generator.generate(*t)).collect();
    (0..4).map(|i| format!("{:06}", 123_456 + i * 111_111)).find(|c| !valid.contains(c)).expect("one of four differs")
}

#[tokio::test]
async fn totp_and_multifactor_logins() {
    let Some(admin) = cloud("devcloud").await else { return };
    let id = admin.identity();
    let password = format!("pw-{}", unique("p"));
    let create = CreateUser {
        name: unique("totp-user"),
        domain_id: Some("default".into()),
        password: Some(Secret::new(password.clone())),
        ..Default::default()
    };
    let user = id.users().create(&create).await.expect("create the scratch user");
    let result = logins(&admin, &user.id, &password).await;
    if let Err(e) = id.users().delete(&user.id).await {
        eprintln!("cleanup of user {} failed: {e}", user.id);
    }
    result.unwrap();
}

async fn logins(admin: &Connection, user_id: &str, password: &str) -> Result<()> {
    let id = admin.identity();
    let mut secret = [0u8; 20];
    rand::rng().fill_bytes(&mut secret);
    let blob = totp_rs::Secret::Raw(secret.to_vec()).to_encoded().to_string();
    id.credentials().create(&CreateCredential::new("totp", user_id, Secret::new(blob))).await?;
    let generator = totp(&secret);
    let code = generator.generate_current().expect("the clock is after 1970");
    let wrong = wrong_code(&generator);

    // v3totp with the current code, and with a wrong one, at once.
    let mut good = login(admin, AuthType::Totp, user_id);
    good.auth.passcode = Some(code.clone().into());
    let mut bad = login(admin, AuthType::Totp, user_id);
    bad.auth.passcode = Some(wrong.clone().into());
    let (good, bad) = tokio::join!(Connection::connect(good), Connection::connect(bad));
    let token = good?.token().await?.expect("a token");
    assert_eq!(token.user_id.as_deref(), Some(user_id));
    let Err(err) = bad else { panic!("a wrong passcode is refused") };
    assert!(matches!(err, Error::AuthRefused { status: 401, .. }), "{err:?}");
    let shown = format!("{err} / {err:?}");
    assert!(shown.contains("refused the credentials") && shown.contains("/v3/auth/tokens"), "{shown}");
    assert!(!shown.contains(&wrong), "the passcode is not echoed: {shown}");

    // Password + TOTP required from now on.
    let rules = UpdateUser {
        options: Some(
            json!({"multi_factor_auth_enabled": true, "multi_factor_auth_rules": [["password", "totp"]]})
                .as_object()
                .cloned()
                .unwrap(),
        ),
        ..Default::default()
    };
    id.users().update(user_id, &rules).await?;
    let mut alone = login(admin, AuthType::Password, user_id);
    alone.auth.password = Some(password.to_string().into());
    let mut both = login(admin, AuthType::MultiFactor, user_id);
    both.auth.auth_methods = vec![AuthMethod::Password, AuthMethod::Totp];
    both.auth.password = Some(password.to_string().into());
    both.auth.passcode = Some(generator.generate_current().expect("clock").into());
    let (alone, both) = tokio::join!(Connection::connect(alone), Connection::connect(both));
    let Err(err) = alone else { panic!("the password alone no longer suffices") };
    assert!(matches!(err, Error::AuthRefused { status: 401, .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains(password), "{err:?}");
    let token = both?.token().await?.expect("a token");
    assert_eq!(token.user_id.as_deref(), Some(user_id));
    Ok(())
}
