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
        if ctx.holds_cached_token().await {
            // A cached token may have been revoked since it was cached (a password change
            // revokes the user's tokens): keystone is asked (`HEAD /v3/auth/tokens`), and a
            // token it does not confirm is replaced by a new one.
            if let Some(cached) = ctx.conn.session().current_token().await {
                let confirmed = ctx.conn.identity().check_token(cached.value.expose_secret()).await;
                // (keystone may have refused the cached token as the check's own credential:
                // then the session holds a new one already)
                if !matches!(confirmed, Ok(true)) && ctx.holds_cached_token().await {
                    tracing::debug!(
                        confirmed = confirmed.is_ok(),
                        "the cached token is not confirmed: issuing a new one"
                    );
                    ctx.conn.session().invalidate_token().await;
                }
            }
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
