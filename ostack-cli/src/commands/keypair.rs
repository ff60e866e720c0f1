//! `keypair list|show|create|delete`.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
use crate::format::to_map;
use crate::noun::{plain, Column, Field, Noun};
use crate::output::{Cell, Output};
use clap::{Args, Subcommand};
use futures::TryStreamExt;
use ostack::compute::v2::{CreateKeypair, Keypair};
use secrecy::ExposeSecret;
use serde_json::Value;
use std::io::Write;

/// Keypair commands.
#[derive(Subcommand)]
pub enum KeypairCommand {
    /// List keypairs.
    List,
    /// Show a keypair.
    Show {
        /// Keypair name.
        name: String,
        /// Print only the public key.
        #[arg(long = "public-key")]
        public_key: bool,
    },
    /// Create a keypair (generated locally unless a public key is given).
    Create(CreateArgs),
    /// Delete keypairs.
    Delete {
        /// Keypair names.
        #[arg(required = true)]
        names: Vec<String>,
    },
}

/// `keypair create` options.
#[derive(Args)]
pub struct CreateArgs {
    /// Name.
    name: String,
    /// File with the public key to import.
    #[arg(long = "public-key", conflicts_with = "private_key")]
    public_key: Option<std::path::PathBuf>,
    /// File to write the generated private key to.
    #[arg(long = "private-key")]
    private_key: Option<std::path::PathBuf>,
    /// Key type: ssh or x509.
    #[arg(long = "type")]
    key_type: Option<String>,
}

/// python-openstackclient's keypair columns (`openstackclient/compute/v2/keypair.py`):
/// openstacksdk's Keypair minus the keys and links. osc deletes by name only (no find): "Failed
/// to delete key with name 'x'", "N of M keys failed to delete."
const KEYPAIR: Noun = Noun {
    what: "key",
    plural: "keys",
    list: &[
        Column::new("Name", "name", plain),
        Column::new("Fingerprint", "fingerprint", plain),
        Column::new("Type", "type", ssh_if_null),
    ],
    long: &[],
    show: &[
        Field::plain("created_at"),
        Field::plain("fingerprint"),
        Field::new("id", "name", plain),
        Field::new("is_deleted", "deleted", plain),
        Field::plain("name"),
        Field::plain("private_key"),
        Field::new("type", "type", ssh_if_null),
        Field::plain("user_id"),
    ],
    hidden: &[],
};

/// The key type, `ssh` where nova sends none (before microversion 2.2).
fn ssh_if_null(value: Value) -> Cell {
    Cell::from(if value.is_null() { Value::from("ssh") } else { value })
}

/// `keypair create` prints the show fields without `private_key`.
fn created(keypair: &Keypair) -> Output {
    KEYPAIR.fixed_fields(to_map(keypair), true).without("private_key").sorted()
}

impl KeypairCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let compute = ctx.conn.compute();
        match self {
            KeypairCommand::List => {
                let keys: Vec<Keypair> = compute.keypairs().list(&Default::default()).try_collect().await?;
                Ok(KEYPAIR.list(&keys, false))
            }
            KeypairCommand::Show { name, public_key } => {
                let keypair = compute.keypairs().get(&name).await.map_err(|e| match e.status() {
                    Some(404) => CliError::Message(format!("No Keypair found for {name}")),
                    _ => e.into(),
                })?;
                if public_key {
                    print!("{}", keypair.public_key);
                    return Ok(Output::Show(vec![]));
                }
                Ok(KEYPAIR.show_fixed(&keypair))
            }
            KeypairCommand::Create(args) => {
                if let Some(path) = &args.public_key {
                    let public_key = std::fs::read_to_string(path)
                        .map_err(|e| CliError::Message(format!("Key file {} not found: {e}", path.display())))?;
                    let keypair = compute
                        .keypairs()
                        .create(&CreateKeypair { name: args.name, public_key, key_type: args.key_type })
                        .await?;
                    return Ok(created(&keypair));
                }
                let (keypair, private) = compute.keypairs().generate(&args.name).await?;
                match &args.private_key {
                    Some(path) => {
                        write_private_key(path, private.expose_secret()).map_err(|e| {
                            CliError::Message(format!("Key file {} can not be saved: {e}", path.display()))
                        })?;
                        Ok(created(&keypair))
                    }
                    None => {
                        let mut out = std::io::stdout().lock();
                        let _ = out.write_all(private.expose_secret().as_bytes());
                        Ok(Output::Show(vec![]))
                    }
                }
            }
            KeypairCommand::Delete { names } => {
                super::delete_each(&names, "key with name", KEYPAIR.plural, |name| {
                    let compute = compute.clone();
                    async move { Ok(compute.keypairs().delete(&name).await?) }
                })
                .await
            }
        }
    }
}

fn write_private_key(path: &std::path::Path, key: &str) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().create(true).truncate(true).write(true).mode(0o600).open(path)?;
    file.write_all(key.as_bytes())
}
