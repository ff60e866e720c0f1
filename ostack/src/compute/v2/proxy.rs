//! The compute proxy: typed calls for servers, flavors and keypairs.

use super::{
    CreateFlavor, CreateKeypair, CreateServer, Flavor, FlavorQuery, Keypair, KeypairQuery, RebootType, Server,
    ServerQuery, UpdateServer,
};
use crate::catalog::ServiceType;
use crate::discovery::Microversion;
use crate::resource::{self, Pager, Resource};
use crate::{Connection, Error, Result};
use reqwest::Method;
use secrecy::SecretString;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// Nova stopped generating keypairs at this microversion.
const KEYPAIR_GENERATION_REMOVED: Microversion = Microversion::new(2, 92);

/// Compute (nova) calls. Get it with [`Connection::compute`].
#[derive(Debug, Clone)]
pub struct ComputeProxy {
    conn: Connection,
}

impl ComputeProxy {
    pub(crate) fn new(conn: Connection) -> Self {
        ComputeProxy { conn }
    }

    /// The microversion this connection speaks to nova (negotiated or configured).
    pub async fn microversion(&self) -> Result<Option<Microversion>> {
        Ok(self.conn.endpoint(ServiceType::Compute).await?.microversion)
    }

    // ---- servers ----

    /// List servers with details (`GET /servers/detail`), lazily paged.
    pub fn servers(&self, query: &ServerQuery) -> Pager<Server> {
        resource::list(&self.conn, query)
    }

    /// Get one server.
    pub async fn get_server(&self, id: &str) -> Result<Server> {
        resource::get(&self.conn, id).await
    }

    /// Find a server by id or exact name.
    pub async fn find_server(&self, name_or_id: &str) -> Result<Server> {
        resource::find(&self.conn, name_or_id, ServerQuery::default()).await
    }

    /// Boot a server. The answer holds little more than the id (and `admin_pass`); use
    /// [`ComputeProxy::wait_for_server`] for the full record.
    pub async fn create_server(&self, body: &CreateServer) -> Result<Server> {
        resource::create(&self.conn, body).await
    }

    /// Rename or re-describe a server.
    pub async fn update_server(&self, id: &str, body: &UpdateServer) -> Result<Server> {
        resource::update(&self.conn, id, body).await
    }

    /// Delete a server (asynchronous in nova; see [`ComputeProxy::wait_for_server_delete`]).
    pub async fn delete_server(&self, id: &str) -> Result<()> {
        resource::delete::<Server>(&self.conn, id).await
    }

    /// Power on a stopped server.
    pub async fn start_server(&self, id: &str) -> Result<()> {
        self.server_action(id, json!({ "os-start": null })).await
    }

    /// Power off a server.
    pub async fn stop_server(&self, id: &str) -> Result<()> {
        self.server_action(id, json!({ "os-stop": null })).await
    }

    /// Reboot a server.
    pub async fn reboot_server(&self, id: &str, kind: RebootType) -> Result<()> {
        self.server_action(id, json!({ "reboot": { "type": kind } })).await
    }

    /// `POST /servers/{id}/action` with any action body.
    pub async fn server_action(&self, id: &str, action: Value) -> Result<()> {
        let path = format!("servers/{}/action", resource::utf8_percent_encode(id));
        let request = self.conn.request(ServiceType::Compute, Method::POST, &path).await?.json(&action)?;
        self.conn.send(request).await?;
        Ok(())
    }

    /// Wait until the server reaches `status` (e.g. `ACTIVE`); fails at once on `ERROR`.
    pub async fn wait_for_server(&self, id: &str, status: &str, timeout: Duration) -> Result<Server> {
        let server: Server = resource::wait_for_status(&self.conn, id, &[status], &["ERROR"], timeout).await?;
        Ok(server)
    }

    /// Wait until the server is gone.
    pub async fn wait_for_server_delete(&self, id: &str, timeout: Duration) -> Result<()> {
        resource::wait_for_delete::<Server>(&self.conn, id, timeout).await
    }

    // ---- flavors ----

    /// List flavors with details (`GET /flavors/detail`).
    pub fn flavors(&self, query: &FlavorQuery) -> Pager<Flavor> {
        resource::list(&self.conn, query)
    }

    /// Get one flavor.
    pub async fn get_flavor(&self, id: &str) -> Result<Flavor> {
        resource::get(&self.conn, id).await
    }

    /// Find a flavor by id or exact name (public and private ones an admin can see).
    pub async fn find_flavor(&self, name_or_id: &str) -> Result<Flavor> {
        resource::find(&self.conn, name_or_id, FlavorQuery { is_public: Some("None".into()), ..Default::default() })
            .await
    }

    /// Create a flavor (admin).
    pub async fn create_flavor(&self, body: &CreateFlavor) -> Result<Flavor> {
        resource::create(&self.conn, body).await
    }

    /// Delete a flavor (admin).
    pub async fn delete_flavor(&self, id: &str) -> Result<()> {
        resource::delete::<Flavor>(&self.conn, id).await
    }

    fn extra_specs_path(id: &str) -> String {
        format!("{}/{}/os-extra_specs", Flavor::PATH, resource::utf8_percent_encode(id))
    }

    /// A flavor's extra specs.
    pub async fn flavor_extra_specs(&self, id: &str) -> Result<BTreeMap<String, String>> {
        let request = self.conn.request(ServiceType::Compute, Method::GET, &Self::extra_specs_path(id)).await?;
        let body: ExtraSpecs = self.conn.send_json(request, "flavor extra specs").await?;
        Ok(body.extra_specs)
    }

    /// Add or change extra specs; returns the specs as nova stored them.
    pub async fn set_flavor_extra_specs(
        &self,
        id: &str,
        specs: &BTreeMap<String, String>,
    ) -> Result<BTreeMap<String, String>> {
        let request = self
            .conn
            .request(ServiceType::Compute, Method::POST, &Self::extra_specs_path(id))
            .await?
            .json(&json!({ "extra_specs": specs }))?;
        let body: ExtraSpecs = self.conn.send_json(request, "flavor extra specs").await?;
        Ok(body.extra_specs)
    }

    /// Remove one extra spec.
    pub async fn unset_flavor_extra_spec(&self, id: &str, key: &str) -> Result<()> {
        let path = format!("{}/{}", Self::extra_specs_path(id), resource::utf8_percent_encode(key));
        let request = self.conn.request(ServiceType::Compute, Method::DELETE, &path).await?;
        self.conn.send(request).await?;
        Ok(())
    }

    /// Projects that may use a private flavor.
    pub async fn flavor_access(&self, id: &str) -> Result<Vec<String>> {
        let path = format!("{}/{}/os-flavor-access", Flavor::PATH, resource::utf8_percent_encode(id));
        let request = self.conn.request(ServiceType::Compute, Method::GET, &path).await?;
        let body: FlavorAccess = self.conn.send_json(request, "flavor access").await?;
        Ok(body.flavor_access.into_iter().map(|a| a.tenant_id).collect())
    }

    // ---- keypairs ----

    /// List keypairs.
    pub fn keypairs(&self, query: &KeypairQuery) -> Pager<Keypair> {
        resource::list(&self.conn, query)
    }

    /// Get one keypair by name.
    pub async fn get_keypair(&self, name: &str) -> Result<Keypair> {
        resource::get(&self.conn, name).await
    }

    /// Import a public key.
    pub async fn create_keypair(&self, body: &CreateKeypair) -> Result<Keypair> {
        resource::create(&self.conn, body).await
    }

    /// Create a keypair with a new ed25519 key generated locally (nova no longer generates keys
    /// from microversion 2.92). Returns the keypair and the private key in OpenSSH format.
    pub async fn generate_keypair(&self, name: &str) -> Result<(Keypair, SecretString)> {
        let microversion = self.microversion().await?;
        if microversion.is_some_and(|m| m < KEYPAIR_GENERATION_REMOVED) {
            tracing::debug!("generating the key locally although nova could still do it");
        }
        let private = ssh_key::PrivateKey::random(&mut ssh_key::rand_core::OsRng, ssh_key::Algorithm::Ed25519)
            .map_err(|e| Error::InvalidInput(format!("cannot generate an ed25519 key: {e}")))?;
        let public_key = private
            .public_key()
            .to_openssh()
            .map_err(|e| Error::InvalidInput(format!("cannot encode the public key: {e}")))?;
        let private_pem = private
            .to_openssh(ssh_key::LineEnding::LF)
            .map_err(|e| Error::InvalidInput(format!("cannot encode the private key: {e}")))?;
        let keypair = self
            .create_keypair(&CreateKeypair { name: name.to_string(), public_key, key_type: Some("ssh".into()) })
            .await?;
        Ok((keypair, SecretString::from(private_pem.to_string())))
    }

    /// Delete a keypair.
    pub async fn delete_keypair(&self, name: &str) -> Result<()> {
        resource::delete::<Keypair>(&self.conn, name).await
    }
}

#[derive(serde::Deserialize)]
struct ExtraSpecs {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    extra_specs: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
struct FlavorAccess {
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    flavor_access: Vec<FlavorAccessEntry>,
}

#[derive(serde::Deserialize)]
struct FlavorAccessEntry {
    tenant_id: String,
}
