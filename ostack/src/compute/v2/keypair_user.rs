//! Key pairs of another user (admin, microversion 2.10+): `?user_id=` on get and delete,
//! `user_id` in the create body.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, user: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::{CreateKeypair, KeypairQuery};
//! let keypairs = conn.compute().keypairs();
//! let body = CreateKeypair { name: "k".into(), public_key: "ssh-ed25519 AAAA... k".into(), key_type: None };
//! keypairs.create_for_user(&body, user).await?;
//! let theirs = keypairs.list(&KeypairQuery { user_id: Some(user.into()), ..Default::default() }).collect_all().await?;
//! keypairs.delete_for_user("k", user).await?;
//! # Ok(()) }
//! ```

use super::nested::query_string;
use super::{CreateKeypair, Keypair};
use crate::api::{decode, Api, Versions};
use crate::resource::Resource;
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};

const OTHER_USER: Versions = Versions::since(2, 10);

#[derive(Serialize)]
struct UserFilter<'a> {
    user_id: &'a str,
}

#[derive(Serialize)]
struct CreateForUser<'a> {
    keypair: CreateBody<'a>,
}

#[derive(Serialize)]
struct CreateBody<'a> {
    #[serde(flatten)]
    body: &'a CreateKeypair,
    user_id: &'a str,
}

#[derive(Deserialize)]
struct KeypairAnswer {
    keypair: Keypair,
}

/// The microversions of the keypair list filters (see [`Resource::query_needs`]).
pub(crate) fn keypair_query_needs(query: &super::KeypairQuery) -> Vec<(&'static str, Versions)> {
    let mut needs = Vec::new();
    if query.user_id.is_some() {
        needs.push(("key pairs of another user", OTHER_USER));
    }
    if query.limit.is_some() || query.marker.is_some() {
        needs.push(("key pair paging", Versions::since(2, 35)));
    }
    needs
}

impl Api<Keypair> {
    fn user_path(&self, name: &str, user_id: &str) -> Result<String> {
        if user_id.is_empty() {
            return Err(Error::InvalidInput("empty user id".into()));
        }
        Ok(format!("{}{}", self.item_path(name)?, query_string("keypair", &UserFilter { user_id })?))
    }

    /// Another user's key pair (admin, 2.10+).
    pub async fn get_for_user(&self, name: &str, user_id: &str) -> Result<Keypair> {
        let fetched = self
            .call_at::<()>(
                &[("key pairs of another user", OTHER_USER)],
                Method::GET,
                &self.user_path(name, user_id)?,
                None,
            )
            .await?;
        decode::<KeypairAnswer>(&fetched).map(|a| a.keypair)
    }

    /// Delete another user's key pair (admin, 2.10+).
    pub async fn delete_for_user(&self, name: &str, user_id: &str) -> Result<()> {
        let path = self.user_path(name, user_id)?;
        self.call_at::<()>(&[("key pairs of another user", OTHER_USER)], Method::DELETE, &path, None).await.map(drop)
    }

    /// Import a key pair for another user (admin, 2.10+).
    pub async fn create_for_user(&self, body: &CreateKeypair, user_id: &str) -> Result<Keypair> {
        if user_id.is_empty() {
            return Err(Error::InvalidInput("empty user id".into()));
        }
        let request = CreateForUser { keypair: CreateBody { body, user_id } };
        let needs = [("key pairs of another user", OTHER_USER)];
        let fetched = self.call_at(&needs, Method::POST, Keypair::PATH, Some(&request)).await?;
        decode::<KeypairAnswer>(&fetched).map(|a| a.keypair)
    }
}
