//! Server interfaces (`/servers/{id}/os-interface`): ports attached to a server.
//!
//! # Example
//! ```no_run
//! # async fn demo(conn: ostack::Connection, id: &str, net: &str) -> ostack::Result<()> {
//! use ostack::compute::v2::AttachInterface;
//! let servers = conn.compute().servers();
//! let attached = servers.attach_interface(id, &AttachInterface::network(net)).await?;
//! servers.detach_interface(id, &attached.port_id).await?;
//! # Ok(()) }
//! ```

use super::Server;
use crate::api::{decode, Api, Versions};
use crate::lenient::null_as_default;
use crate::resource::utf8_percent_encode;
use crate::{Error, Result};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A port attached to a server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InterfaceAttachment {
    /// The port id (the interface's id).
    #[serde(default)]
    pub port_id: String,
    /// The network id.
    #[serde(default)]
    pub net_id: Option<String>,
    /// MAC address.
    #[serde(default)]
    pub mac_addr: Option<String>,
    /// The port's status (`ACTIVE`, `DOWN`).
    #[serde(default)]
    pub port_state: Option<String>,
    /// Fixed IPs.
    #[serde(default, deserialize_with = "null_as_default")]
    pub fixed_ips: Vec<InterfaceFixedIp>,
    /// Device tag (2.70+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Every other field the cloud sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A fixed IP of an interface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InterfaceFixedIp {
    /// The address.
    pub ip_address: String,
    /// Its subnet (in answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<String>,
}

/// The body of `POST /servers/{id}/os-interface`: a network (optionally with one fixed IP)
/// or an existing port.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttachInterface {
    /// Network to create a port on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net_id: Option<String>,
    /// Existing port to attach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port_id: Option<String>,
    /// The fixed IP to ask for (one, on `net_id`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixed_ips: Vec<InterfaceFixedIp>,
    /// Device tag (2.49+).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl AttachInterface {
    /// A new port on this network.
    pub fn network(net_id: impl Into<String>) -> Self {
        AttachInterface { net_id: Some(net_id.into()), ..Default::default() }
    }
    /// This existing port.
    pub fn port(port_id: impl Into<String>) -> Self {
        AttachInterface { port_id: Some(port_id.into()), ..Default::default() }
    }
    /// A new port on this network with this fixed IP.
    pub fn fixed_ip(net_id: impl Into<String>, ip: impl Into<String>) -> Self {
        AttachInterface {
            net_id: Some(net_id.into()),
            fixed_ips: vec![InterfaceFixedIp { ip_address: ip.into(), subnet_id: None }],
            ..Default::default()
        }
    }
    /// Device tag (2.49+).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }
}

#[derive(Serialize)]
struct AttachRequest<'a> {
    #[serde(rename = "interfaceAttachment")]
    attachment: &'a AttachInterface,
}

#[derive(Deserialize)]
struct One {
    #[serde(rename = "interfaceAttachment")]
    attachment: InterfaceAttachment,
}

#[derive(Deserialize)]
struct Many {
    #[serde(rename = "interfaceAttachments", default, deserialize_with = "null_as_default")]
    attachments: Vec<InterfaceAttachment>,
}

impl Api<Server> {
    fn interface_path(&self, id: &str, port_id: &str) -> Result<String> {
        if port_id.is_empty() {
            return Err(Error::InvalidInput("empty port id".into()));
        }
        self.sub_path(id, &format!("os-interface/{}", utf8_percent_encode(port_id)))
    }

    /// The server's interfaces.
    pub async fn interfaces(&self, id: &str) -> Result<Vec<InterfaceAttachment>> {
        self.get_sub::<Many>(id, "os-interface").await.map(|m| m.attachments)
    }

    /// One interface, by port id.
    pub async fn interface(&self, id: &str, port_id: &str) -> Result<InterfaceAttachment> {
        let fetched = self.call_at::<()>(&[], Method::GET, &self.interface_path(id, port_id)?, None).await?;
        decode::<One>(&fetched).map(|o| o.attachment)
    }

    /// Attach a network, fixed IP or port; returns the new interface.
    pub async fn attach_interface(&self, id: &str, body: &AttachInterface) -> Result<InterfaceAttachment> {
        if body.net_id.is_some() == body.port_id.is_some() {
            return Err(Error::InvalidInput("attach an interface by network or by port (exactly one)".into()));
        }
        if body.fixed_ips.len() > 1 || (!body.fixed_ips.is_empty() && body.net_id.is_none()) {
            return Err(Error::InvalidInput("at most one fixed IP, with a network".into()));
        }
        let needs = match body.tag {
            Some(_) => vec![("attach an interface with a tag", Versions::since(2, 49))],
            None => Vec::new(),
        };
        let path = self.sub_path(id, "os-interface")?;
        let fetched = self.call_at(&needs, Method::POST, &path, Some(&AttachRequest { attachment: body })).await?;
        decode::<One>(&fetched).map(|o| o.attachment)
    }

    /// Detach an interface (by port id); nova deletes a port it created for the attachment.
    pub async fn detach_interface(&self, id: &str, port_id: &str) -> Result<()> {
        self.call_at::<()>(&[], Method::DELETE, &self.interface_path(id, port_id)?, None).await.map(drop)
    }
}
