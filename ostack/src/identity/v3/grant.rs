//! Role grants: a role given to a user or group on a project, a domain or the system, possibly
//! inherited by the projects below (`OS-INHERIT`).

use super::{exists, request, seg, send_empty, Role};
use crate::api::Api;
use crate::resource::Pager;
use crate::{Error, Result};
use reqwest::Method;

/// Who receives a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A user, by id.
    User(String),
    /// A group, by id.
    Group(String),
}

/// Where a role applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A project, by id.
    Project(String),
    /// A domain, by id.
    Domain(String),
    /// The whole deployment (`system: all`).
    System,
}

/// One grant: an actor, a target, and whether projects below the target inherit it.
///
/// ```
/// use ostack::identity::v3::Grant;
/// let grant = Grant::group("g1").on_domain("d1").inherited();
/// assert_eq!(grant.path("r1").unwrap(), "OS-INHERIT/domains/d1/groups/g1/roles/r1/inherited_to_projects");
/// assert_eq!(Grant::user("u1").on_system().path("r1").unwrap(), "system/users/u1/roles/r1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Who.
    pub actor: Actor,
    /// Where.
    pub target: Target,
    /// Inherited by the projects below the target (not for the system).
    pub inherited: bool,
}

impl Grant {
    /// A grant to a user (on a project until said otherwise).
    pub fn user(id: impl Into<String>) -> GrantTo {
        GrantTo(Actor::User(id.into()))
    }

    /// A grant to a group.
    pub fn group(id: impl Into<String>) -> GrantTo {
        GrantTo(Actor::Group(id.into()))
    }

    /// Inherited by the projects below the target.
    pub fn inherited(mut self) -> Self {
        self.inherited = true;
        self
    }

    /// `<target>/<actor>`, without the role part.
    fn base(&self) -> Result<String> {
        let target = match &self.target {
            Target::Project(id) => format!("projects/{}", seg(id)?),
            Target::Domain(id) => format!("domains/{}", seg(id)?),
            Target::System if self.inherited => {
                return Err(Error::InvalidInput("a role on the system cannot be inherited".into()))
            }
            Target::System => "system".to_string(),
        };
        let actor = match &self.actor {
            Actor::User(id) => format!("users/{}", seg(id)?),
            Actor::Group(id) => format!("groups/{}", seg(id)?),
        };
        Ok(format!("{target}/{actor}"))
    }

    /// The path of this grant of `role_id`, relative to the identity endpoint.
    pub fn path(&self, role_id: &str) -> Result<String> {
        let base = self.base()?;
        Ok(if self.inherited {
            format!("OS-INHERIT/{base}/roles/{}/inherited_to_projects", seg(role_id)?)
        } else {
            format!("{base}/roles/{}", seg(role_id)?)
        })
    }

    /// The path listing the roles granted this way.
    pub fn list_path(&self) -> Result<String> {
        let base = self.base()?;
        Ok(if self.inherited {
            format!("OS-INHERIT/{base}/roles/inherited_to_projects")
        } else {
            format!("{base}/roles")
        })
    }
}

/// A grant whose target is still to be named.
#[derive(Debug, Clone)]
pub struct GrantTo(Actor);

impl GrantTo {
    /// On a project.
    pub fn on_project(self, id: impl Into<String>) -> Grant {
        Grant { actor: self.0, target: Target::Project(id.into()), inherited: false }
    }

    /// On a domain.
    pub fn on_domain(self, id: impl Into<String>) -> Grant {
        Grant { actor: self.0, target: Target::Domain(id.into()), inherited: false }
    }

    /// On the system.
    pub fn on_system(self) -> Grant {
        Grant { actor: self.0, target: Target::System, inherited: false }
    }
}

impl Api<Role> {
    /// Grant a role (`PUT .../roles/{role}`).
    pub async fn grant(&self, role_id: &str, grant: &Grant) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::PUT, &grant.path(role_id)?).await?).await
    }

    /// Whether a role is granted this way (`HEAD .../roles/{role}`; direct grants only: see
    /// [`RoleAssignmentQuery::effective`](super::RoleAssignmentQuery::effective) for the rest).
    pub async fn is_granted(&self, role_id: &str, grant: &Grant) -> Result<bool> {
        let conn = self.connection();
        exists(conn, request(conn, Method::HEAD, &grant.path(role_id)?).await?).await
    }

    /// Revoke a role (`DELETE .../roles/{role}`).
    pub async fn revoke(&self, role_id: &str, grant: &Grant) -> Result<()> {
        let conn = self.connection();
        send_empty(conn, request(conn, Method::DELETE, &grant.path(role_id)?).await?).await
    }

    /// The roles granted to the actor on the target (`GET .../roles`).
    pub fn granted(&self, grant: &Grant) -> Result<Pager<Role>> {
        Ok(Pager::at(self.connection().clone(), &grant.list_path()?, &Default::default()))
    }
}
