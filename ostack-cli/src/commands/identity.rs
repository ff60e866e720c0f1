//! What the identity commands share: python-openstackclient's lookups (`common.find_*_id_sdk`,
//! `_find_sdk_id`), its show tables in a fixed order, and its `--immutable` option.

use crate::errors::CliError;
use crate::format::to_map;
use crate::output::{Cell, Output};
use clap::Args;
use ostack::identity::v3::IdentityProxy;
use ostack::Resource;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// osc's `_find_sdk_id`: the id found; the name as given when the lookup is forbidden (a user
/// may not look up what they can still name); when nothing matches, an error with an empty
/// message (osc raises a bare `CommandError`), or the name as given when `validate` is false.
pub fn sdk_id<R: Resource>(found: ostack::Result<R>, name: &str, validate: bool) -> Result<String, CliError> {
    match found {
        Ok(resource) => Ok(resource.id().to_string()),
        Err(e) if e.status() == Some(403) => Ok(name.to_string()),
        Err(e) if e.is_not_found() && !validate => Ok(name.to_string()),
        Err(e) if e.is_not_found() => Err(CliError::Message(String::new())),
        Err(e) => Err(e.into()),
    }
}

/// The id of a domain (`find_domain_id_sdk`).
pub async fn domain_id(identity: &IdentityProxy, name: &str, validate: bool) -> Result<String, CliError> {
    sdk_id(identity.domains().find(name).await, name, validate)
}

/// The id of an optional domain.
pub async fn optional_domain_id(
    identity: &IdentityProxy,
    name: Option<&str>,
    validate: bool,
) -> Result<Option<String>, CliError> {
    match name {
        Some(name) => Ok(Some(domain_id(identity, name, validate).await?)),
        None => Ok(None),
    }
}

/// The id of a project, within a domain when one is given (`find_project_id_sdk`).
pub async fn project_id(
    identity: &IdentityProxy,
    name: &str,
    domain: Option<&str>,
    validate: bool,
) -> Result<String, CliError> {
    let projects = identity.projects();
    let found = match domain {
        Some(domain) => projects.find_in_domain(name, domain).await,
        None => projects.find(name).await,
    };
    sdk_id(found, name, validate)
}

/// The id of a user, within a domain when one is given (`find_user_id_sdk`).
pub async fn user_id(
    identity: &IdentityProxy,
    name: &str,
    domain: Option<&str>,
    validate: bool,
) -> Result<String, CliError> {
    let users = identity.users();
    let found = match domain {
        Some(domain) => users.find_in_domain(name, domain).await,
        None => users.find(name).await,
    };
    sdk_id(found, name, validate)
}

/// The id of a group, within a domain when one is given (`find_group_id_sdk`).
pub async fn group_id(
    identity: &IdentityProxy,
    name: &str,
    domain: Option<&str>,
    validate: bool,
) -> Result<String, CliError> {
    let groups = identity.groups();
    let found = match domain {
        Some(domain) => groups.find_in_domain(name, domain).await,
        None => groups.find(name).await,
    };
    sdk_id(found, name, validate)
}

/// The id of a role, among a domain's roles when one is given.
pub async fn role_id(
    identity: &IdentityProxy,
    name: &str,
    domain: Option<&str>,
    validate: bool,
) -> Result<String, CliError> {
    let roles = identity.roles();
    let found = match domain {
        Some(domain) => roles.find_in_domain(name, domain).await,
        None => roles.find(name).await,
    };
    sdk_id(found, name, validate)
}

/// A show table in the order osc lists its columns: `(header, API key)`; absent keys are null.
pub fn show_in_order<T: Serialize>(item: &T, fields: &[(&str, &str)]) -> Output {
    let map = to_map(item);
    Output::Show(
        fields
            .iter()
            .map(|(header, key)| (header.to_string(), Cell::from(map.get(*key).cloned().unwrap_or(Value::Null))))
            .collect(),
    )
}

/// `--immutable` / `--no-immutable` (osc's `add_resource_option_to_parser`).
#[derive(Args, Debug, Default)]
pub struct Immutable {
    /// Make the resource immutable (it cannot be changed or deleted until this is unset).
    #[arg(long, conflicts_with = "no_immutable")]
    immutable: bool,
    /// Make the resource mutable (default).
    #[arg(long = "no-immutable")]
    no_immutable: bool,
}

impl Immutable {
    /// The `options` to send: `{"immutable": bool}` when asked, else `None`.
    pub fn options(&self) -> Option<Map<String, Value>> {
        super::flag(self.immutable, self.no_immutable).map(|on| match json!({ "immutable": on }) {
            Value::Object(map) => map,
            _ => unreachable!("an object literal"),
        })
    }
}

/// osc's `--tags`/`--tags-any`/`--not-tags`/`--not-tags-any` list filters (comma-separated; each
/// option keeps only its last value, as argparse does).
#[derive(Args, Debug, Default)]
pub struct TagFilters {
    /// Having all these tags (comma-separated).
    #[arg(long, value_name = "<tag>[,<tag>,...]")]
    pub tags: Option<String>,
    /// Having any of these tags (comma-separated).
    #[arg(long = "tags-any", value_name = "<tag>[,<tag>,...]")]
    pub tags_any: Option<String>,
    /// Not having all these tags (comma-separated).
    #[arg(long = "not-tags", value_name = "<tag>[,<tag>,...]")]
    pub not_tags: Option<String>,
    /// Having none of these tags (comma-separated).
    #[arg(long = "not-tags-any", value_name = "<tag>[,<tag>,...]")]
    pub not_tags_any: Option<String>,
}

/// The id of a user named with its domain (`find_user_id_sdk`: `--user` with `--user-domain`).
pub async fn user_in(
    identity: &IdentityProxy,
    user: &str,
    domain: Option<&str>,
    validate: bool,
) -> Result<String, CliError> {
    let domain = optional_domain_id(identity, domain, validate).await?;
    user_id(identity, user, domain.as_deref(), validate).await
}

/// The id of a group named with its domain (`find_group_id_sdk`).
pub async fn group_in(
    identity: &IdentityProxy,
    group: &str,
    domain: Option<&str>,
    validate: bool,
) -> Result<String, CliError> {
    let domain = optional_domain_id(identity, domain, validate).await?;
    group_id(identity, group, domain.as_deref(), validate).await
}

/// osc_lib's `get_password`: read a password from the terminal without echo, asking twice when
/// `confirm`; refused when stdin is not a terminal (nothing is read from a pipe).
pub fn read_password(prompt: &str, confirm: bool) -> Result<ostack::identity::v3::Secret, CliError> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Message("No terminal detected attempting to read password".into()));
    }
    let ask = |prompt: &str| {
        rpassword::prompt_password(prompt)
            .map(ostack::identity::v3::Secret::new)
            .map_err(|_| CliError::Message("Error reading password".into()))
    };
    loop {
        let first = ask(prompt)?;
        if !confirm {
            return Ok(first);
        }
        let second = ask(&format!("Repeat {prompt}"))?;
        if first.expose() == second.expose() {
            return Ok(first);
        }
        println!("The passwords entered were not the same");
    }
}

/// An API error as the commands osc still runs through keystoneclient print it:
/// `<keystone's message> (HTTP <status>) (Request-ID: <id>)`. Other errors are unchanged.
pub fn keystoneclient_error(error: ostack::Error) -> CliError {
    match error {
        ostack::Error::Api { status, message, request_id, .. } => CliError::Message(format!(
            "{} (HTTP {status}) (Request-ID: {})",
            crate::errors::escape_controls(&message, false),
            crate::errors::escape_controls(request_id.as_deref().unwrap_or("-"), false)
        )),
        other => other.into(),
    }
}
