//! `identity provider`, `mapping` and `federation protocol` `create|list|show|set|delete`
//! (python-openstackclient `identity/v3/identity_provider.py`, `mapping.py`,
//! `federation_protocol.py`).

use super::catalog_admin::not_found;
use super::identity::{domain_id, show_in_order};
use super::{delete_each, flag, CommandResult};
use crate::context::Context;
use crate::errors::CliError;
use crate::format::{list_column, to_map};
use crate::noun::{list_of, plain, Column};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::identity::v3::{
    FederationProtocol, FederationProtocolBody, IdentityProvider, IdentityProviderBody, IdentityProviderQuery, Mapping,
    MappingBody,
};
use serde_json::Value;

const IDP_LIST: &[Column] = &[
    Column::new("ID", "id", plain),
    Column::new("Enabled", "enabled", plain),
    Column::new("Domain ID", "domain_id", plain),
    Column::new("Description", "description", plain),
];

const MAPPING_LIST: &[Column] =
    &[Column::new("ID", "id", plain), Column::new("schema_version", "schema_version", plain)];

const PROTOCOL_LIST: &[Column] = &[Column::new("id", "id", plain), Column::new("mapping", "mapping_id", plain)];

/// osc's `_format_mapping`.
const MAPPING_SHOW: &[(&str, &str)] = &[("id", "id"), ("rules", "rules"), ("schema_version", "schema_version")];

/// osc's `_format_identity_provider` (remote ids are a sorted list in tables).
fn idp_show(idp: &IdentityProvider) -> Output {
    let map = to_map(idp);
    let get = |key: &str| map.get(key).cloned().unwrap_or(Value::Null);
    Output::Show(vec![
        ("authorization_ttl".into(), Cell::from(get("authorization_ttl"))),
        ("description".into(), Cell::from(get("description"))),
        ("domain_id".into(), Cell::from(get("domain_id"))),
        ("enabled".into(), Cell::from(get("enabled"))),
        ("id".into(), Cell::from(get("id"))),
        ("remote_ids".into(), list_column(get("remote_ids"))),
    ])
}

/// osc's `_format_protocol`: the identity provider is the one asked for.
fn protocol_show(protocol: &FederationProtocol, idp: &str) -> Output {
    Output::Show(vec![
        ("id".into(), Cell::from(protocol.id.clone())),
        ("identity_provider".into(), Cell::from(idp.to_string())),
        ("mapping".into(), Cell::from(protocol.mapping_id.clone())),
    ])
}

/// `--remote-id` (repeated) or `--remote-id-file`.
#[derive(Args)]
#[group(multiple = false)]
pub struct RemoteIds {
    /// Remote IDs to associate with the Identity Provider (repeat option to provide multiple
    /// values).
    #[arg(long = "remote-id", value_name = "<remote-id>")]
    remote_ids: Vec<String>,
    /// Name of a file that contains many remote IDs to associate with the identity provider, one
    /// per line.
    #[arg(long = "remote-id-file", value_name = "<file-name>")]
    remote_id_file: Option<String>,
}

impl RemoteIds {
    /// The remote ids given, if any (a file's lines, stripped).
    fn read(&self) -> Result<Option<Vec<String>>, CliError> {
        if let Some(path) = &self.remote_id_file {
            let text = read_file(path)?;
            return Ok(Some(text.lines().map(|l| l.trim().to_string()).collect()));
        }
        Ok((!self.remote_ids.is_empty()).then(|| self.remote_ids.clone()))
    }
}

/// osc_lib's `read_blob_file_contents`.
fn read_file(path: &str) -> Result<String, CliError> {
    std::fs::read_to_string(path)
        .map_err(|_| CliError::Message(format!("Error occurred trying to read from file {path}")))
}

/// osc's `--authorization-ttl` check.
fn ttl(value: Option<i64>) -> Result<Option<i64>, CliError> {
    match value {
        Some(ttl) if ttl < 0 => Err(CliError::Message("authorization-ttl must be positive integer or zero.".into())),
        other => Ok(other),
    }
}

/// `identity ...` commands.
#[derive(Subcommand)]
pub enum IdentityCommand {
    /// Identity providers.
    #[command(subcommand)]
    Provider(ProviderCommand),
}

/// `identity provider ...`.
#[derive(Subcommand)]
pub enum ProviderCommand {
    /// Create new identity provider.
    Create {
        /// New identity provider name (must be unique).
        #[arg(value_name = "<name>")]
        identity_provider_id: String,
        #[command(flatten)]
        remote: RemoteIds,
        /// New identity provider description.
        #[arg(long)]
        description: Option<String>,
        /// Domain to associate with the identity provider.
        #[arg(long)]
        domain: Option<String>,
        /// Time to keep the role assignments for users authenticating via this identity provider.
        #[arg(long = "authorization-ttl", value_name = "<authorization-ttl>", allow_negative_numbers = true)]
        authorization_ttl: Option<i64>,
        /// Enable identity provider (default).
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Disable the identity provider.
        #[arg(long)]
        disable: bool,
    },
    /// List identity providers.
    List {
        /// The Identity Providers' ID attribute.
        #[arg(long)]
        id: Option<String>,
        /// The Identity Providers that are enabled will be returned.
        #[arg(long)]
        enabled: bool,
    },
    /// Display identity provider details.
    Show {
        /// Identity provider to display.
        #[arg(value_name = "<identity-provider>")]
        identity_provider: String,
    },
    /// Set identity provider properties.
    Set {
        /// Identity provider to modify.
        #[arg(value_name = "<identity-provider>")]
        identity_provider: String,
        /// Set identity provider description.
        #[arg(long)]
        description: Option<String>,
        #[command(flatten)]
        remote: RemoteIds,
        /// Time to keep the role assignments for users authenticating via this identity provider.
        #[arg(long = "authorization-ttl", value_name = "<authorization-ttl>", allow_negative_numbers = true)]
        authorization_ttl: Option<i64>,
        /// Enable the identity provider.
        #[arg(long, conflicts_with = "disable")]
        enable: bool,
        /// Disable the identity provider.
        #[arg(long)]
        disable: bool,
    },
    /// Delete identity provider(s).
    Delete {
        /// Identity provider(s) to delete.
        #[arg(required = true, value_name = "<identity-provider>")]
        identity_providers: Vec<String>,
    },
}

/// Mapping commands.
#[derive(Subcommand)]
pub enum MappingCommand {
    /// Create new mapping.
    Create {
        /// New mapping name (must be unique).
        #[arg(value_name = "<name>")]
        mapping: String,
        /// Filename that contains a set of mapping rules (required).
        #[arg(long, required = true, value_name = "<filename>")]
        rules: String,
        /// The federated attribute mapping schema version.
        #[arg(long = "schema-version", value_name = "<schema_version>")]
        schema_version: Option<String>,
    },
    /// List mappings.
    List,
    /// Display mapping details.
    Show {
        /// Mapping to display.
        mapping: String,
    },
    /// Set mapping properties.
    Set {
        /// Mapping to modify.
        #[arg(value_name = "<name>")]
        mapping: String,
        /// Filename containing a set of mapping rules.
        #[arg(long, required = true, value_name = "<filename>")]
        rules: String,
        /// The federated attribute mapping schema version.
        #[arg(long = "schema-version", value_name = "<schema_version>")]
        schema_version: Option<String>,
    },
    /// Delete mapping(s).
    Delete {
        /// Mapping(s) to delete.
        #[arg(required = true, value_name = "<mapping>")]
        mappings: Vec<String>,
    },
}

/// `federation ...` commands.
#[derive(Subcommand)]
pub enum FederationCommand {
    /// Federation protocols.
    #[command(subcommand)]
    Protocol(ProtocolCommand),
}

/// `federation protocol ...`.
#[derive(Subcommand)]
pub enum ProtocolCommand {
    /// Create new federation protocol.
    Create {
        /// New federation protocol name (must be unique per identity provider).
        #[arg(value_name = "<name>")]
        federation_protocol: String,
        /// Identity provider that will support the new federation protocol (name or ID)
        /// (required).
        #[arg(long = "identity-provider", required = true, value_name = "<identity-provider>")]
        identity_provider: String,
        /// Mapping that is to be used (name or ID) (required).
        #[arg(long, required = true)]
        mapping: String,
    },
    /// List federation protocols.
    List {
        /// Identity provider to list (name or ID) (required).
        #[arg(long = "identity-provider", required = true, value_name = "<identity-provider>")]
        identity_provider: String,
    },
    /// Display federation protocol details.
    Show {
        /// Federation protocol to display (name or ID).
        #[arg(value_name = "<federation-protocol>")]
        federation_protocol: String,
        /// Identity provider that supports <federation-protocol> (name or ID) (required).
        #[arg(long = "identity-provider", required = true, value_name = "<identity-provider>")]
        identity_provider: String,
    },
    /// Set federation protocol properties.
    Set {
        /// Federation protocol to modify (name or ID).
        #[arg(value_name = "<name>")]
        federation_protocol: String,
        /// Identity provider that supports <federation-protocol> (name or ID) (required).
        #[arg(long = "identity-provider", required = true, value_name = "<identity-provider>")]
        identity_provider: String,
        /// Mapping that is to be used (name or ID).
        #[arg(long)]
        mapping: Option<String>,
    },
    /// Delete federation protocol(s).
    Delete {
        /// Federation protocol(s) to delete (name or ID).
        #[arg(required = true, value_name = "<federation-protocol>")]
        federation_protocols: Vec<String>,
        /// Identity provider that supports <federation-protocol> (name or ID) (required).
        #[arg(long = "identity-provider", required = true, value_name = "<identity-provider>")]
        identity_provider: String,
    },
}

/// osc's `_read_rules`: a file of JSON rules.
fn read_rules(path: &str) -> Result<Value, CliError> {
    let text = read_file(path)?;
    serde_json::from_str(&text)
        .map_err(|e| CliError::Message(format!("An error occurred when reading rules from file {path}: {e}")))
}

/// A 404 from a delete counts as done (openstacksdk's `ignore_missing=True`).
fn ignore_missing(result: ostack::Result<()>) -> Result<(), CliError> {
    match result {
        Err(e) if e.status() == Some(404) => Ok(()),
        other => other.map_err(CliError::from),
    }
}

impl IdentityCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            IdentityCommand::Provider(ProviderCommand::Create { .. }) => Some("identity provider create"),
            IdentityCommand::Provider(ProviderCommand::Show { .. }) => Some("identity provider show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let idps = identity.identity_providers();
        let IdentityCommand::Provider(command) = self;
        match command {
            ProviderCommand::Create {
                identity_provider_id,
                remote,
                description,
                domain,
                authorization_ttl,
                enable: _,
                disable,
            } => {
                let remote_ids = remote.read()?;
                let domain_id = match &domain {
                    Some(domain) => Some(domain_id(&identity, domain, false).await?),
                    None => None,
                };
                let body = IdentityProviderBody {
                    description: description.filter(|d| !d.is_empty()),
                    enabled: Some(!disable),
                    remote_ids,
                    domain_id,
                    authorization_ttl: ttl(authorization_ttl)?,
                    ..Default::default()
                };
                Ok(idp_show(&idps.create(&identity_provider_id, &body).await?))
            }
            ProviderCommand::List { id, enabled } => {
                let query = IdentityProviderQuery { id, enabled: enabled.then_some(true) };
                let found: Vec<IdentityProvider> = idps.list(&query).try_collect().await?;
                Ok(list_of(&found, &IDP_LIST.iter().collect::<Vec<_>>()))
            }
            ProviderCommand::Show { identity_provider } => {
                let found = idps
                    .get(&identity_provider)
                    .await
                    .map_err(|e| not_found("IdentityProvider", &identity_provider, e))?;
                Ok(idp_show(&found))
            }
            ProviderCommand::Set { identity_provider, description, remote, authorization_ttl, enable, disable } => {
                let body = IdentityProviderBody {
                    description: description.filter(|d| !d.is_empty()),
                    enabled: flag(enable, disable),
                    remote_ids: remote.read()?,
                    authorization_ttl: ttl(authorization_ttl)?,
                    ..Default::default()
                };
                idps.update(&identity_provider, &body).await?;
                Ok(Output::Nothing)
            }
            ProviderCommand::Delete { identity_providers } => {
                delete_each(&identity_providers, "identity provider with name or ID", "identity providers", |id| {
                    let idps = idps.clone();
                    async move { ignore_missing(idps.delete(&id).await) }
                })
                .await
            }
        }
    }
}

impl MappingCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            MappingCommand::Create { .. } => Some("mapping create"),
            MappingCommand::Show { .. } => Some("mapping show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let mappings = ctx.conn.identity().mappings();
        match self {
            MappingCommand::Create { mapping, rules, schema_version } => {
                let body = MappingBody { rules: read_rules(&rules)?, schema_version };
                Ok(show_in_order(&mappings.create(&mapping, &body).await?, MAPPING_SHOW))
            }
            MappingCommand::List => {
                let found: Vec<Mapping> = mappings.list(&()).try_collect().await?;
                Ok(list_of(&found, &MAPPING_LIST.iter().collect::<Vec<_>>()))
            }
            MappingCommand::Show { mapping } => {
                let found = mappings.get(&mapping).await.map_err(|e| not_found("Mapping", &mapping, e))?;
                Ok(show_in_order(&found, MAPPING_SHOW))
            }
            MappingCommand::Set { mapping, rules, schema_version } => {
                let body = MappingBody { rules: read_rules(&rules)?, schema_version };
                mappings.update(&mapping, &body).await?;
                Ok(Output::Nothing)
            }
            MappingCommand::Delete { mappings: names } => {
                delete_each(&names, "mapping with name or ID", "mappings", |id| {
                    let mappings = mappings.clone();
                    async move { mappings.delete(&id).await.map_err(CliError::from) }
                })
                .await
            }
        }
    }
}

impl FederationCommand {
    /// The name of the command when it prints one record (no CSV).
    pub fn show_one_name(&self) -> Option<&'static str> {
        match self {
            FederationCommand::Protocol(ProtocolCommand::Create { .. }) => Some("federation protocol create"),
            FederationCommand::Protocol(ProtocolCommand::Show { .. }) => Some("federation protocol show"),
            _ => None,
        }
    }

    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let identity = ctx.conn.identity();
        let FederationCommand::Protocol(command) = self;
        match command {
            ProtocolCommand::Create { federation_protocol, identity_provider, mapping } => {
                let body = FederationProtocolBody { mapping_id: mapping, remote_id_attribute: None };
                let created =
                    identity.federation_protocols(&identity_provider).create(&federation_protocol, &body).await?;
                Ok(protocol_show(&created, &identity_provider))
            }
            ProtocolCommand::List { identity_provider } => {
                let found: Vec<FederationProtocol> =
                    identity.federation_protocols(&identity_provider).list(&()).try_collect().await?;
                Ok(list_of(&found, &PROTOCOL_LIST.iter().collect::<Vec<_>>()))
            }
            ProtocolCommand::Show { federation_protocol, identity_provider } => {
                let found = identity
                    .federation_protocols(&identity_provider)
                    .get(&federation_protocol)
                    .await
                    .map_err(|e| not_found("FederationProtocol", &federation_protocol, e))?;
                Ok(protocol_show(&found, &identity_provider))
            }
            ProtocolCommand::Set { federation_protocol, identity_provider, mapping } => {
                let protocols = identity.federation_protocols(&identity_provider);
                let mapping_id = match mapping {
                    Some(mapping) => mapping,
                    None => protocols.get(&federation_protocol).await?.mapping_id.unwrap_or_default(),
                };
                protocols
                    .update(&federation_protocol, &FederationProtocolBody { mapping_id, remote_id_attribute: None })
                    .await?;
                Ok(Output::Nothing)
            }
            ProtocolCommand::Delete { federation_protocols, identity_provider } => {
                let protocols = identity.federation_protocols(&identity_provider);
                delete_each(
                    &federation_protocols,
                    "federation protocol with name or ID",
                    "federation protocols",
                    |id| {
                        let protocols = protocols.clone();
                        async move { protocols.delete(&id).await.map_err(CliError::from) }
                    },
                )
                .await
            }
        }
    }
}
