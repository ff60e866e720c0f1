//! Image members: the projects a `shared` image is shared with (`/v2/images/{id}/members`).
//! The owner adds and removes members; a member accepts or rejects the image for itself, and an
//! accepted image appears in its image list.

use super::request;
use crate::lenient::{timestamp, Timestamp};
use crate::{Connection, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

crate::string_enum! {
    /// A member's answer to the share.
    pub enum MemberStatus {
        /// Not answered yet: the image is not in the member's default list.
        Pending = "pending",
        /// Accepted: the image is in the member's list.
        Accepted = "accepted",
        /// Rejected.
        Rejected = "rejected",
    }
}

/// One member of an image.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// The image.
    #[serde(default)]
    pub image_id: String,
    /// The member project.
    #[serde(default)]
    pub member_id: String,
    /// Its answer.
    #[serde(default)]
    pub status: Option<MemberStatus>,
    /// When it was added.
    #[serde(default, deserialize_with = "timestamp")]
    pub created_at: Option<Timestamp>,
    /// When it last changed.
    #[serde(default, deserialize_with = "timestamp")]
    pub updated_at: Option<Timestamp>,
    /// Path of the member schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Anything else the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `{"members": [...]}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MemberList {
    /// The members.
    #[serde(default, deserialize_with = "crate::lenient::null_as_default")]
    pub members: Vec<Member>,
    /// Path of the members schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// The members of one image (`conn.image().members(image_id)`).
#[derive(Debug, Clone)]
pub struct Members {
    pub(crate) conn: Connection,
    pub(crate) image_id: String,
}

impl Members {
    fn base(&self) -> Result<String> {
        Ok(format!("images/{}/members", request::segment("image id", &self.image_id)?))
    }

    fn item(&self, member_id: &str) -> Result<String> {
        Ok(format!("{}/{}", self.base()?, request::segment("member (project) id", member_id)?))
    }

    /// Every member (`GET /v2/images/{id}/members`).
    pub async fn list(&self) -> Result<Vec<Member>> {
        Ok(request::get::<MemberList>(&self.conn, &self.base()?, "MemberList").await?.members)
    }

    /// One member (`GET /v2/images/{id}/members/{member}`).
    pub async fn get(&self, member_id: &str) -> Result<Member> {
        request::get(&self.conn, &self.item(member_id)?, "Member").await
    }

    /// Share the image with a project (`POST /v2/images/{id}/members`); the image must have
    /// visibility `shared`. The member starts `pending`.
    pub async fn add(&self, member_id: &str) -> Result<Member> {
        request::segment("member (project) id", member_id)?;
        request::send(&self.conn, Method::POST, &self.base()?, &json!({ "member": member_id }), "Member").await
    }

    /// Set a member's status (`PUT /v2/images/{id}/members/{member}`): done by the member
    /// itself, with a connection scoped to that project.
    pub async fn set_status(&self, member_id: &str, status: MemberStatus) -> Result<Member> {
        let body = json!({ "status": status.as_str() });
        request::send(&self.conn, Method::PUT, &self.item(member_id)?, &body, "Member").await
    }

    /// Accept the image as `member_id` (the caller's project).
    pub async fn accept(&self, member_id: &str) -> Result<Member> {
        self.set_status(member_id, MemberStatus::Accepted).await
    }

    /// Reject the image as `member_id` (the caller's project).
    pub async fn reject(&self, member_id: &str) -> Result<Member> {
        self.set_status(member_id, MemberStatus::Rejected).await
    }

    /// Stop sharing with a project (`DELETE /v2/images/{id}/members/{member}`).
    pub async fn remove(&self, member_id: &str) -> Result<()> {
        request::send_empty::<()>(&self.conn, Method::DELETE, &self.item(member_id)?, None).await
    }
}
