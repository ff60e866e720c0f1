//! Keystone v3 token request bodies and token response parsing.

use super::Token;
use crate::catalog::Catalog;
use crate::config::{AuthConfig, AuthMethod, AuthType, CloudConfig};
use crate::lenient::Timestamp;
use crate::{Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::{json, Map, Value};

/// The domain used for users and projects given by name without a domain, as python-openstackclient does.
const DEFAULT_DOMAIN_ID: &str = "default";

/// The JSON body of `POST /v3/auth/tokens`. It holds a secret, so it is one.
pub(super) fn request_body(config: &CloudConfig) -> Result<SecretString> {
    let auth = &config.auth;
    let methods = match config.auth_type {
        AuthType::Password => vec![AuthMethod::Password],
        AuthType::Token => vec![AuthMethod::Token],
        AuthType::ApplicationCredential => vec![AuthMethod::ApplicationCredential],
        AuthType::Totp => vec![AuthMethod::Totp],
        AuthType::MultiFactor if auth.auth_methods.is_empty() => {
            return Err(Error::Auth("v3multifactor auth needs auth_methods, e.g. [v3password, v3totp]".into()))
        }
        AuthType::MultiFactor => auth.auth_methods.clone(),
        other => return Err(Error::Auth(format!("auth_type {other:?} does not send credentials to Keystone itself"))),
    };
    let mut identity = Map::new();
    identity.insert("methods".into(), json!(methods.iter().map(|m| m.keystone_name()).collect::<Vec<_>>()));
    for method in &methods {
        identity.insert(method.keystone_name().into(), method_body(*method, auth));
    }
    let mut body = json!({ "auth": { "identity": identity } });
    // An application credential carries its own scope.
    if !methods.contains(&AuthMethod::ApplicationCredential) {
        if let Some(scope) = scope(auth) {
            body["auth"]["scope"] = scope;
        }
    }
    Ok(SecretString::from(body.to_string()))
}

/// The body of a token request that scopes `token` (an unscoped federated token) as the config
/// asks, or `None` when the config asks for no scope.
pub(super) fn rescope_body(token: &SecretString, auth: &AuthConfig) -> Option<SecretString> {
    let scope = scope(auth)?;
    let body = json!({ "auth": {
        "identity": { "methods": ["token"], "token": { "id": token.expose_secret() } },
        "scope": scope,
    }});
    Some(SecretString::from(body.to_string()))
}

/// The part of the identity for one method: `{"user": ...}` for password, and so on.
fn method_body(method: AuthMethod, auth: &AuthConfig) -> Value {
    match method {
        AuthMethod::Password => json!({ "user": with_secret(user(auth), "password", auth.password.as_ref()) }),
        AuthMethod::Totp => json!({ "user": with_secret(user(auth), "passcode", auth.passcode.as_ref()) }),
        AuthMethod::Token => json!({ "id": auth.token.as_ref().map(|t| t.expose_secret()) }),
        AuthMethod::ApplicationCredential => {
            let mut credential = Map::new();
            if let Some(id) = &auth.application_credential_id {
                credential.insert("id".into(), json!(id));
            } else {
                credential.insert("name".into(), json!(auth.application_credential_name));
                credential.insert("user".into(), user(auth));
            }
            with_secret(Value::Object(credential), "secret", auth.application_credential_secret.as_ref())
        }
    }
}

fn with_secret(mut value: Value, key: &str, secret: Option<&SecretString>) -> Value {
    if let (Value::Object(map), Some(secret)) = (&mut value, secret) {
        map.insert(key.into(), Value::String(secret.expose_secret().to_string()));
    }
    value
}

fn domain(id: &Option<String>, name: &Option<String>, default: &Option<String>) -> Value {
    match (id, name) {
        (Some(id), _) => json!({ "id": id }),
        (None, Some(name)) => json!({ "name": name }),
        (None, None) => json!({ "id": default.as_deref().unwrap_or(DEFAULT_DOMAIN_ID) }),
    }
}

fn user(auth: &AuthConfig) -> Value {
    match &auth.user_id {
        Some(id) => json!({ "id": id }),
        None => json!({
            "name": auth.username,
            "domain": domain(&auth.user_domain_id, &auth.user_domain_name, &auth.default_domain),
        }),
    }
}

/// Project (by id, or name + domain), domain, system, or `None` for unscoped.
fn scope(auth: &AuthConfig) -> Option<Value> {
    if let Some(id) = &auth.project_id {
        return Some(json!({ "project": { "id": id } }));
    }
    if let Some(name) = &auth.project_name {
        let domain = domain(&auth.project_domain_id, &auth.project_domain_name, &auth.default_domain);
        return Some(json!({ "project": { "name": name, "domain": domain } }));
    }
    if auth.domain_id.is_some() || auth.domain_name.is_some() {
        return Some(json!({ "domain": domain(&auth.domain_id, &auth.domain_name, &None) }));
    }
    if let Some(system) = &auth.system_scope {
        return Some(json!({ "system": { system.as_str(): true } }));
    }
    None
}

#[derive(Deserialize)]
struct TokenResponse {
    token: TokenBody,
}

#[derive(Deserialize)]
struct Named {
    id: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
struct TokenBody {
    #[serde(default, deserialize_with = "crate::lenient::timestamp")]
    expires_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::lenient::timestamp")]
    issued_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    catalog: Catalog,
    user: Option<Named>,
    project: Option<Named>,
    domain: Option<Named>,
    system: Option<Value>,
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    roles: Vec<Named>,
}

/// Build a [`Token`] from the `X-Subject-Token` value and the response body.
pub(super) fn parse_token(value: SecretString, body: &[u8], url: &str) -> Result<Token> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    let parsed: TokenResponse = serde_path_to_error::deserialize(de).map_err(|e| Error::Decode {
        resource: "Keystone token".into(),
        url: url.to_string(),
        message: format!("field `{}`: {}", e.path(), e.inner()),
    })?;
    let t = parsed.token;
    let (user_id, user_name) = t.user.map(|u| (u.id, u.name)).unwrap_or_default();
    let (project_id, project_name) = t.project.map(|p| (p.id, p.name)).unwrap_or_default();
    Ok(Token {
        value,
        expires_at: t.expires_at,
        issued_at: t.issued_at,
        catalog: t.catalog,
        user_id,
        user_name,
        project_id,
        project_name,
        domain_id: t.domain.and_then(|d| d.id),
        system_scoped: t.system.is_some(),
        roles: t.roles.into_iter().filter_map(|r| r.name).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(auth_type: AuthType, auth: AuthConfig) -> CloudConfig {
        CloudConfig { auth_type, auth, ..Default::default() }
    }

    fn body(c: &CloudConfig) -> Value {
        serde_json::from_str(request_body(c).unwrap().expose_secret()).unwrap()
    }

    #[test]
    fn password_by_name_with_project_scope_defaults_domains() {
        let c = config(
            AuthType::Password,
            AuthConfig {
                username: Some("alice".into()),
                password: Some("pw".to_string().into()),
                project_name: Some("p".into()),
                ..Default::default()
            },
        );
        let b = body(&c);
        assert_eq!(b["auth"]["identity"]["password"]["user"]["domain"]["id"], "default");
        assert_eq!(b["auth"]["identity"]["password"]["user"]["password"], "pw");
        assert_eq!(b["auth"]["scope"]["project"]["name"], "p");
        assert_eq!(b["auth"]["scope"]["project"]["domain"]["id"], "default");
    }

    #[test]
    fn scopes_domain_system_and_unscoped() {
        let mut auth =
            AuthConfig { user_id: Some("u".into()), password: Some("x".to_string().into()), ..Default::default() };
        assert!(body(&config(AuthType::Password, auth.clone()))["auth"].get("scope").is_none());
        auth.domain_name = Some("d".into());
        assert_eq!(body(&config(AuthType::Password, auth.clone()))["auth"]["scope"]["domain"]["name"], "d");
        auth.domain_name = None;
        auth.system_scope = Some("all".into());
        assert_eq!(body(&config(AuthType::Password, auth.clone()))["auth"]["scope"]["system"]["all"], true);
        auth.project_id = Some("pid".into());
        assert_eq!(body(&config(AuthType::Password, auth))["auth"]["scope"]["project"]["id"], "pid");
    }

    #[test]
    fn application_credential_by_id_and_by_name() {
        let mut auth = AuthConfig {
            application_credential_id: Some("ac".into()),
            application_credential_secret: Some("s3".to_string().into()),
            project_name: Some("ignored".into()),
            ..Default::default()
        };
        let b = body(&config(AuthType::ApplicationCredential, auth.clone()));
        assert_eq!(b["auth"]["identity"]["application_credential"]["id"], "ac");
        assert_eq!(b["auth"]["identity"]["application_credential"]["secret"], "s3");
        assert!(b["auth"].get("scope").is_none());
        auth.application_credential_id = None;
        auth.application_credential_name = Some("mycred".into());
        auth.username = Some("bob".into());
        auth.user_domain_name = Some("Default".into());
        let b = body(&config(AuthType::ApplicationCredential, auth));
        assert_eq!(b["auth"]["identity"]["application_credential"]["name"], "mycred");
        assert_eq!(b["auth"]["identity"]["application_credential"]["user"]["domain"]["name"], "Default");
    }

    #[test]
    fn token_method() {
        let auth =
            AuthConfig { token: Some("tok".to_string().into()), project_id: Some("p".into()), ..Default::default() };
        let b = body(&config(AuthType::Token, auth));
        assert_eq!(b["auth"]["identity"]["methods"][0], "token");
        assert_eq!(b["auth"]["identity"]["token"]["id"], "tok");
    }

    #[test]
    fn totp_by_name_and_multifactor_password_plus_totp() {
        let auth = AuthConfig {
            username: Some("carol".into()),
            user_domain_name: Some("Default".into()),
            passcode: Some("012345".to_string().into()),
            password: Some("pw".to_string().into()),
            project_id: Some("p".into()),
            auth_methods: vec![AuthMethod::Password, AuthMethod::Totp],
            ..Default::default()
        };
        let b = body(&config(AuthType::Totp, auth.clone()));
        assert_eq!(b["auth"]["identity"]["methods"], json!(["totp"]));
        assert_eq!(b["auth"]["identity"]["totp"]["user"]["name"], "carol");
        assert_eq!(b["auth"]["identity"]["totp"]["user"]["domain"]["name"], "Default");
        assert_eq!(b["auth"]["identity"]["totp"]["user"]["passcode"], "012345");
        assert!(b["auth"]["identity"].get("password").is_none(), "v3totp sends no password");
        assert_eq!(b["auth"]["scope"]["project"]["id"], "p");

        let b = body(&config(AuthType::MultiFactor, auth));
        assert_eq!(b["auth"]["identity"]["methods"], json!(["password", "totp"]));
        assert_eq!(b["auth"]["identity"]["password"]["user"]["password"], "pw");
        assert_eq!(b["auth"]["identity"]["totp"]["user"]["passcode"], "012345");
        assert_eq!(b["auth"]["scope"]["project"]["id"], "p");
    }

    #[test]
    fn multifactor_without_methods_and_non_keystone_types_are_errors() {
        let err = request_body(&config(AuthType::MultiFactor, AuthConfig::default())).unwrap_err();
        assert!(err.to_string().contains("auth_methods"), "{err}");
        for t in [AuthType::AdminToken, AuthType::OidcPassword, AuthType::None] {
            assert!(request_body(&config(t, AuthConfig::default())).is_err(), "{t:?}");
        }
    }

    #[test]
    fn rescope_body_only_with_a_scope() {
        let token = SecretString::from("unscoped-tok".to_string());
        assert!(rescope_body(&token, &AuthConfig::default()).is_none());
        let auth = AuthConfig { project_name: Some("p".into()), ..Default::default() };
        let b: Value = serde_json::from_str(rescope_body(&token, &auth).unwrap().expose_secret()).unwrap();
        assert_eq!(b["auth"]["identity"]["methods"], json!(["token"]));
        assert_eq!(b["auth"]["identity"]["token"]["id"], "unscoped-tok");
        assert_eq!(b["auth"]["scope"]["project"]["domain"]["id"], "default");
    }
}
