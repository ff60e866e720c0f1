//! `token issue` and `token revoke`.

use super::CommandResult;
use crate::context::Context;
use crate::output::Output;
use clap::Subcommand;
use secrecy::ExposeSecret;

/// Token commands.
#[derive(Subcommand)]
pub enum TokenCommand {
    /// Issue a new token (or show the cached one).
    Issue,
    /// Revoke existing token.
    Revoke {
        /// Token to be deleted.
        token: String,
    },
}

impl TokenCommand {
    /// Run it.
    pub async fn run(self, ctx: &Context) -> CommandResult {
        if let TokenCommand::Revoke { token } = self {
            ctx.conn.identity().revoke_token(&token).await.map_err(super::identity::keystoneclient_error)?;
            return Ok(Output::Nothing);
        }
        let token = ctx.conn.token().await?.ok_or_else(|| "auth type none has no token".to_string())?;
        let mut fields = vec![
            (
                "expires".to_string(),
                token.expires_at.as_ref().map(|t| t.format("%Y-%m-%dT%H:%M:%S+0000").to_string()).into(),
            ),
            ("id".to_string(), token.value.expose_secret().to_string().into()),
            ("user_id".to_string(), token.user_id.clone().into()),
        ];
        if let Some(project) = &token.project_id {
            fields.push(("project_id".into(), project.clone().into()));
        } else if let Some(domain) = &token.domain_id {
            fields.push(("domain_id".into(), domain.clone().into()));
        } else if token.system_scoped {
            fields.push(("system".into(), "all".into()));
        }
        Ok(Output::show_sorted(fields))
    }
}
