//! `keypair list|show|create|delete`.

use super::CommandResult;
use crate::context::Context;
use crate::errors::CliError;
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

/// Fields of `keypair show`/`create` (openstacksdk's Keypair minus keys and links).
fn fields(keypair: &Keypair, created: bool) -> Output {
    let deleted = keypair.extra.get("deleted").cloned().unwrap_or(Value::Null);
    let created_at = if created {
        Value::Null
    } else {
        keypair.created_at.as_ref().map(|t| Value::from(t.as_str())).unwrap_or(Value::Null)
    };
    Output::show_sorted(
        vec![
            ("created_at".into(), created_at.into()),
            ("fingerprint".into(), keypair.fingerprint.clone().into()),
            ("id".into(), keypair.name.clone().into()),
            ("is_deleted".into(), if created { Value::Null } else { deleted }.into()),
            ("name".into(), keypair.name.clone().into()),
            ("type".into(), keypair.key_type.clone().unwrap_or_else(|| "ssh".into()).into()),
            ("user_id".into(), keypair.user_id.clone().into()),
        ]
        .into_iter()
        .chain((!created).then(|| ("private_key".to_string(), Cell::from(Value::Null))))
        .collect(),
    )
}

impl KeypairCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        let compute = ctx.conn.compute();
        match self {
            KeypairCommand::List => {
                let keys: Vec<Keypair> = compute.keypairs().list(&Default::default()).try_collect().await?;
                let rows = keys
                    .into_iter()
                    .map(|k| {
                        vec![k.name.into(), k.fingerprint.into(), k.key_type.unwrap_or_else(|| "ssh".into()).into()]
                    })
                    .collect();
                Ok(Output::list(&["Name", "Fingerprint", "Type"], rows))
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
                Ok(fields(&keypair, false))
            }
            KeypairCommand::Create(args) => {
                if let Some(path) = &args.public_key {
                    let public_key = std::fs::read_to_string(path)
                        .map_err(|e| CliError::Message(format!("Key file {} not found: {e}", path.display())))?;
                    let keypair = compute
                        .keypairs()
                        .create(&CreateKeypair { name: args.name, public_key, key_type: args.key_type })
                        .await?;
                    return Ok(fields(&keypair, true));
                }
                let (keypair, private) = compute.keypairs().generate(&args.name).await?;
                match &args.private_key {
                    Some(path) => {
                        write_private_key(path, private.expose_secret()).map_err(|e| {
                            CliError::Message(format!("Key file {} can not be saved: {e}", path.display()))
                        })?;
                        Ok(fields(&keypair, true))
                    }
                    None => {
                        let mut out = std::io::stdout().lock();
                        let _ = out.write_all(private.expose_secret().as_bytes());
                        Ok(Output::Show(vec![]))
                    }
                }
            }
            KeypairCommand::Delete { names } => {
                super::delete_each(&names, "key with name", "keys", |name| {
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
