//! Default volume types per project (`/v3/default-types`, 3.62+, admin).

use super::proxy::BlockStorageProxy;
use super::{decode_key, mv};
use crate::resource::utf8_percent_encode;
use crate::Result;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A project's default volume type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DefaultType {
    /// The project.
    pub project_id: String,
    /// Its default type.
    pub volume_type_id: String,
}

fn path(project_id: &str) -> Result<String> {
    if project_id.is_empty() {
        return Err(crate::Error::InvalidInput("empty project id for a default type".into()));
    }
    Ok(format!("default-types/{}", utf8_percent_encode(project_id)))
}

impl BlockStorageProxy {
    /// Set a project's default type (name or id; 3.62+).
    pub async fn set_default_type(&self, project_id: &str, volume_type: &str) -> Result<DefaultType> {
        self.require(mv(3, 62), "set a default type").await?;
        let body = json!({ "default_type": { "volume_type": volume_type } });
        let fetched = self.send(Method::PUT, &path(project_id)?, Some(&body)).await?;
        decode_key(&fetched, "default_type", "Default type")
    }

    /// A project's default type (3.62+; 404 when it has none of its own).
    pub async fn default_type(&self, project_id: &str) -> Result<DefaultType> {
        self.require(mv(3, 62), "show a default type").await?;
        let fetched = self.send::<()>(Method::GET, &path(project_id)?, None).await?;
        decode_key(&fetched, "default_type", "Default type")
    }

    /// Every project default type (3.62+).
    pub async fn default_types(&self) -> Result<Vec<DefaultType>> {
        self.require(mv(3, 62), "list default types").await?;
        let fetched = self.send::<()>(Method::GET, "default-types", None).await?;
        decode_key(&fetched, "default_types", "Default types")
    }

    /// Remove a project's default type (3.62+).
    pub async fn unset_default_type(&self, project_id: &str) -> Result<()> {
        self.require(mv(3, 62), "unset a default type").await?;
        self.send::<()>(Method::DELETE, &path(project_id)?, None).await.map(drop)
    }
}
