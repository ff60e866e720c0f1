//! Functional tests of the identity (keystone v3) SDK against the devcloud.
//!
//! One setup for the file: a domain with a project tree (P > C1 > C2), two users and a group,
//! two global roles (R1 implies R2). The phases then run concurrently on it: grants on project,
//! domain and system (with inherited ones) and the effective assignments they give; the project
//! tree and tags; group membership; an application credential with an access rule that
//! authenticates and is refused outside its rule; a trust; limits; token validate/check/revoke;
//! one's own password change; the catalog (region, service, endpoint, endpoint filter);
//! credentials and EC2 keys; federation resources. Everything created is deleted at the end
//! (deleting the domain takes its projects, users and groups).
//!
//! Outside CI the test skips when the devcloud is not running; in CI (`CI=true`) it fails.

use futures::{FutureExt, TryStreamExt};
use ostack::config::{AuthConfig, AuthType};
use ostack::identity::v3::{
    CreateApplicationCredential, CreateCredential, CreateDomain, CreateEndpoint, CreateGroup, CreateLimit,
    CreateProject, CreateRegion, CreateRegisteredLimit, CreateRole, CreateService, CreateTrust, CreateUser,
    CredentialQuery, FederationProtocolBody, Grant, IdentityProviderBody, LimitQuery, MappingBody, NewAccessRule,
    ProjectQuery, Ref, RoleAssignment, RoleAssignmentQuery, RoleQuery, Secret, ServiceProviderBody, TrustQuery,
    UpdateCredential, UpdateEndpoint, UpdateLimit, UpdateUser, UserQuery,
};
use ostack::{Connection, Error, Result};
use serde_json::json;
use std::future::Future;

/// Connect to a devcloud cloud, or skip (outside CI) with one line saying how to start it.
async fn cloud(name: &str) -> Option<Connection> {
    match Connection::from_cloud(name).await {
        Ok(conn) => Some(conn),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("devcloud cloud '{name}' unreachable in CI: {e}")
        }
        Err(e) => {
            eprintln!("SKIP: devcloud not reachable ({e}); start it with `devcloud/up && eval \"$(devcloud/env)\"`");
            None
        }
    }
}

/// A name no other run uses.
fn unique(what: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("ostack-ft-{what}-{}-{}", std::process::id(), nanos % 1_000_000_000)
}

/// Log a cleanup failure other than "already gone".
fn ignore_missing(what: &str, result: Result<()>) {
    if let Err(e) = result {
        if !e.is_not_found() {
            eprintln!("cleanup of {what} failed: {e}");
        }
    }
}

/// What a token is scoped to.
enum Scope<'a> {
    Project(&'a str),
    Domain(&'a str),
}

/// A connection as `user` (password auth) with the admin cloud's region and interface.
async fn connect_as(admin: &Connection, user_id: &str, password: &str, scope: Scope<'_>) -> Result<Connection> {
    let mut config = admin.config().clone();
    config.name = Some(format!("as-{user_id}"));
    config.auth_type = AuthType::Password;
    config.auth = AuthConfig {
        auth_url: admin.config().auth.auth_url.clone(),
        user_id: Some(user_id.to_string()),
        password: Some(password.to_string().into()),
        ..Default::default()
    };
    match scope {
        Scope::Project(id) => config.auth.project_id = Some(id.to_string()),
        Scope::Domain(id) => config.auth.domain_id = Some(id.to_string()),
    }
    Connection::connect(config).await
}

/// A connection with an application credential.
async fn connect_with_app_cred(admin: &Connection, id: &str, secret: &Secret) -> Result<Connection> {
    let mut config = admin.config().clone();
    config.name = Some(format!("appcred-{id}"));
    config.auth_type = AuthType::ApplicationCredential;
    config.auth = AuthConfig {
        auth_url: admin.config().auth.auth_url.clone(),
        application_credential_id: Some(id.to_string()),
        application_credential_secret: Some(secret.expose().to_string().into()),
        ..Default::default()
    };
    Connection::connect(config).await
}

/// What the setup made.
struct World {
    domain: String,
    p: String,
    c1: String,
    c2: String,
    u1: String,
    u2: String,
    u1_password: String,
    u2_password: String,
    group: String,
    r1: String,
    r2: String,
    member: String,
    reader: String,
    /// u1, scoped to P.
    as_u1: Option<Connection>,
}

impl World {
    fn as_u1(&self) -> &Connection {
        self.as_u1.as_ref().expect("made by the setup")
    }
}

fn has(assignments: &[RoleAssignment], role: &str, project: &str) -> bool {
    assignments.iter().any(|a| {
        a.role.id.as_deref() == Some(role)
            && a.scope.as_ref().and_then(|s| s.project.as_ref()).and_then(|p| p.id.as_deref()) == Some(project)
    })
}

async fn setup(admin: &Connection, w: &mut World, roles_made: &mut Vec<String>) -> Result<()> {
    let id = admin.identity();
    let domain = id.domains().create(&CreateDomain::new(unique("domain"))).await?;
    w.domain = domain.id.clone();
    let project = |name: &str, parent: Option<&str>| CreateProject {
        domain_id: Some(w.domain.clone()),
        parent_id: parent.map(str::to_string),
        tags: Some(vec!["ostack-ft".into()]),
        ..CreateProject::new(unique(name))
    };
    w.p = id.projects().create(&project("p", None)).await?.id;
    w.c1 = id.projects().create(&project("c1", Some(&w.p))).await?.id;
    w.c2 = id.projects().create(&project("c2", Some(&w.c1))).await?.id;
    w.u1_password = unique("pw1");
    w.u2_password = unique("pw2");
    let user = |name: &str, password: &str| CreateUser {
        domain_id: Some(w.domain.clone()),
        default_project_id: Some(w.p.clone()),
        email: Some(format!("{name}@example.org")),
        password: Some(Secret::new(password)),
        options: Some(json!({"ignore_password_expiry": true}).as_object().unwrap().clone()),
        ..CreateUser::new(unique(name))
    };
    let (users, groups, roles) = (id.users(), id.groups(), id.roles());
    let (body1, body2) = (user("u1", &w.u1_password), user("u2", &w.u2_password));
    let group = CreateGroup { domain_id: Some(w.domain.clone()), ..CreateGroup::new(unique("group")) };
    let (role1, role2) = (CreateRole::new(unique("r1")), CreateRole::new(unique("r2")));
    let (u1, u2, group, r1, r2) = futures::try_join!(
        users.create(&body1),
        users.create(&body2),
        groups.create(&group),
        roles.create(&role1),
        roles.create(&role2),
    )?;
    roles_made.extend([r1.id.clone(), r2.id.clone()]);
    (w.u1, w.u2, w.group, w.r1, w.r2) = (u1.id, u2.id, group.id, r1.id, r2.id);
    w.member = roles.find("member").await?.id;
    w.reader = roles.find("reader").await?.id;
    let (to_u1_on_p, to_u2_on_p) = (Grant::user(&w.u1).on_project(&w.p), Grant::user(&w.u2).on_project(&w.p));
    let group_on_domain = Grant::group(&w.group).on_domain(&w.domain);
    let (u2_on_c1, u2_on_system) = (Grant::user(&w.u2).on_project(&w.c1), Grant::user(&w.u2).on_system());
    futures::try_join!(
        groups.add_user(&w.group, &w.u1),
        roles.grant(&w.member, &to_u1_on_p),
        roles.grant(&w.member, &to_u2_on_p),
        roles.grant(&w.reader, &group_on_domain),
        async { roles.grant(&w.member, &group_on_domain.clone().inherited()).await },
        roles.grant(&w.r1, &u2_on_c1),
        roles.grant(&w.reader, &u2_on_system),
        async { roles.imply(&w.r1, &w.r2).await.map(drop) },
    )?;
    w.as_u1 = Some(connect_as(admin, &w.u1, &w.u1_password, Scope::Project(&w.p)).await?);
    Ok(())
}

async fn grants_and_assignments(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let roles = id.roles();
    assert!(roles.is_granted(&w.member, &Grant::user(&w.u1).on_project(&w.p)).await?);
    assert!(roles.is_granted(&w.reader, &Grant::group(&w.group).on_domain(&w.domain)).await?);
    assert!(roles.is_granted(&w.member, &Grant::group(&w.group).on_domain(&w.domain).inherited()).await?);
    assert!(!roles.is_granted(&w.member, &Grant::group(&w.group).on_domain(&w.domain)).await?);
    assert!(roles.is_granted(&w.reader, &Grant::user(&w.u2).on_system()).await?);
    let granted = roles.granted(&Grant::group(&w.group).on_domain(&w.domain))?.collect_all().await?;
    assert_eq!(granted.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [w.reader.as_str()]);

    // direct assignments of the group: one on the domain, one inherited
    let list = |q: RoleAssignmentQuery| id.role_assignments().list(&q).collect_all();
    let direct = list(RoleAssignmentQuery { group_id: Some(w.group.clone()), ..Default::default() }).await?;
    assert_eq!(direct.len(), 2, "{direct:?}");
    assert_eq!(direct.iter().filter(|a| a.is_inherited()).count(), 1);
    let inherited = list(RoleAssignmentQuery {
        group_id: Some(w.group.clone()),
        inherited_to: Some("projects".into()),
        ..Default::default()
    })
    .await?;
    assert_eq!(inherited.len(), 1);
    assert_eq!(inherited[0].role.id.as_deref(), Some(w.member.as_str()));

    // effective: the group's inherited member role reaches every project of the domain, for u1
    let effective = list(RoleAssignmentQuery {
        user_id: Some(w.u1.clone()),
        effective: Some(true),
        include_names: Some(true),
        ..Default::default()
    })
    .await?;
    for project in [&w.p, &w.c1, &w.c2] {
        assert!(has(&effective, &w.member, project), "member on {project}: {effective:?}");
    }
    assert!(effective.iter().all(|a| a.role.name.is_some()), "names were asked for");
    assert!(effective.iter().any(|a| a.user.as_ref().and_then(|u| u.name.as_deref()).is_some()));
    // without `effective`, u1 has one direct assignment only
    let plain = list(RoleAssignmentQuery { user_id: Some(w.u1.clone()), ..Default::default() }).await?;
    assert_eq!(plain.len(), 1, "{plain:?}");

    // the implied role comes with r1, in effective assignments only
    let of_u2 = |effective| {
        list(RoleAssignmentQuery {
            user_id: Some(w.u2.clone()),
            project_id: Some(w.c1.clone()),
            effective: Some(effective),
            ..Default::default()
        })
    };
    assert!(has(&of_u2(true).await?, &w.r2, &w.c1));
    assert!(!has(&of_u2(false).await?, &w.r2, &w.c1));
    assert!(roles.implies(&w.r1, &w.r2).await?);
    assert_eq!(roles.implied_by(&w.r1).await?.implies[0].id.as_deref(), Some(w.r2.as_str()));
    assert!(roles.inferences().await?.iter().any(|i| i.prior_role.id.as_deref() == Some(w.r1.as_str())));

    // the subtree of P carries u2's r1 on C1
    let tree =
        list(RoleAssignmentQuery { project_id: Some(w.p.clone()), include_subtree: Some(true), ..Default::default() })
            .await?;
    assert!(has(&tree, &w.r1, &w.c1), "{tree:?}");

    // system scope
    let system =
        list(RoleAssignmentQuery { user_id: Some(w.u2.clone()), system: Some("all".into()), ..Default::default() })
            .await?;
    assert_eq!(system.len(), 1);
    assert_eq!(system[0].scope.as_ref().and_then(|s| s.system.as_ref()).map(|s| s["all"].clone()), Some(json!(true)));
    roles.revoke(&w.reader, &Grant::user(&w.u2).on_system()).await?;
    assert!(!roles.is_granted(&w.reader, &Grant::user(&w.u2).on_system()).await?);

    // the projects of a user include the ones reached through the group
    let projects: Vec<String> = id.users().projects(&w.u1)?.map_ok(|p| p.id).try_collect().await?;
    assert!(projects.contains(&w.p) && projects.contains(&w.c2), "{projects:?}");
    Ok(())
}

async fn tree_tags_and_membership(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let projects = id.projects();
    // the lists hold the projects the caller has a role on: u1's, through the group's inherited role
    let as_u1 = connect_as(admin, &w.u1, &w.u1_password, Scope::Domain(&w.domain)).await?;
    let parents: Vec<String> = as_u1.identity().projects().parents(&w.c2).await?.into_iter().map(|p| p.id).collect();
    assert!(parents.contains(&w.c1) && parents.contains(&w.p), "{parents:?}");
    let subtree: Vec<String> = as_u1.identity().projects().subtree(&w.p).await?.into_iter().map(|p| p.id).collect();
    assert!(subtree.contains(&w.c1) && subtree.contains(&w.c2) && subtree.len() == 2, "{subtree:?}");
    // the ids, whatever the caller's roles
    assert_eq!(projects.subtree_ids(&w.p).await?, json!({ &w.c1: { &w.c2: null } }));
    assert!(projects.parent_ids(&w.c2).await?[&w.c1].get(&w.p).is_some());
    let children = projects.list(&ProjectQuery { parent_id: Some(w.p.clone()), ..Default::default() }).collect_all();
    assert_eq!(children.await?.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), [w.c1.as_str()]);

    projects.add_tag(&w.c2, "blue sky").await?;
    assert!(projects.has_tag(&w.c2, "blue sky").await?);
    let tagged =
        ProjectQuery { tags: Some("blue sky".into()), domain_id: Some(w.domain.clone()), ..Default::default() };
    assert_eq!(projects.list(&tagged).collect_all().await?.len(), 1);
    projects.remove_tag(&w.c2, "blue sky").await?;
    assert!(!projects.has_tag(&w.c2, "blue sky").await?);
    assert_eq!(projects.set_tags(&w.c2, &["a".into(), "b".into()]).await?, ["a", "b"]);
    projects.clear_tags(&w.c2).await?;
    assert!(projects.tags(&w.c2).await?.is_empty());

    assert_eq!(projects.disable(&w.c2).await?.enabled, Some(false));
    assert_eq!(projects.enable(&w.c2).await?.enabled, Some(true));
    let c2 = projects.get(&w.c2).await?;
    assert_eq!(projects.find_in_domain(&c2.name, &w.domain).await?.id, w.c2);

    let groups = id.groups();
    assert!(groups.has_user(&w.group, &w.u1).await?);
    assert!(!groups.has_user(&w.group, &w.u2).await?);
    let members = groups.users(&w.group, &UserQuery::default())?.collect_all().await?;
    assert_eq!(members.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), [w.u1.as_str()]);
    let of_u1 = id.users().groups(&w.u1)?.collect_all().await?;
    assert_eq!(of_u1.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), [w.group.as_str()]);
    groups.add_user(&w.group, &w.u2).await?;
    groups.remove_user(&w.group, &w.u2).await?;
    assert!(!groups.has_user(&w.group, &w.u2).await?);

    let users = id.users();
    let u2 = users.update(&w.u2, &UpdateUser { email: Some("new@example.org".into()), ..Default::default() }).await?;
    assert_eq!(u2.email.as_deref(), Some("new@example.org"));
    assert_eq!(users.find_in_domain(&u2.name, &w.domain).await?.id, w.u2);
    let in_domain = users.list(&UserQuery { domain_id: Some(w.domain.clone()), ..Default::default() }).collect_all();
    assert_eq!(in_domain.await?.len(), 2);

    // a domain-specific role
    let body = CreateRole { domain_id: Some(w.domain.clone()), ..CreateRole::new("ft-domain-role") };
    let role = id.roles().create(&body).await?;
    let listed = id.roles().list(&RoleQuery { domain_id: Some(w.domain.clone()), ..Default::default() });
    assert_eq!(listed.collect_all().await?.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [role.id.as_str()]);
    assert_eq!(id.roles().find_in_domain("ft-domain-role", &w.domain).await?.id, role.id);
    id.roles().delete(&role.id).await?;
    Ok(())
}

async fn application_credential(admin: &Connection, w: &World) -> Result<()> {
    let as_u1 = w.as_u1();
    let creds = as_u1.identity().application_credentials(&w.u1);
    let path = format!("/v3/users/{}", w.u1);
    let created = creds
        .create(&CreateApplicationCredential {
            roles: Some(vec![Ref::by_name("member")]),
            access_rules: Some(vec![NewAccessRule::new("identity", "GET", &path)]),
            description: Some("ostack functional".into()),
            ..CreateApplicationCredential::new(unique("appcred"))
        })
        .await?;
    let secret = created.secret.clone().expect("the secret comes with the creation");
    assert!(!format!("{created:?}").contains(secret.expose()));
    assert_eq!(created.project_id.as_deref(), Some(w.p.as_str()));
    assert_eq!(creds.find(&created.name).await?.id, created.id);
    assert!(creds.get(&created.id).await?.secret.is_none(), "keystone shows the secret once");
    let rules = as_u1.identity().access_rules(&w.u1).list(&Default::default()).collect_all().await?;
    assert!(rules.iter().any(|r| r.path.as_deref() == Some(path.as_str())), "{rules:?}");

    let with_cred = connect_with_app_cred(admin, &created.id, &secret).await?;
    let token = with_cred.token().await?.expect("a token");
    assert_eq!(token.project_id.as_deref(), Some(w.p.as_str()));
    assert!(token.roles.contains(&"member".to_string()), "{:?}", token.roles);
    // inside the rule
    assert_eq!(with_cred.identity().users().get(&w.u1).await?.id, w.u1);
    // outside it
    let refused = with_cred.identity().projects().get(&w.p).await.unwrap_err();
    assert_eq!(refused.status(), Some(401), "{refused}");
    let refused = with_cred.identity().users().groups(&w.u1)?.collect_all().await.unwrap_err();
    assert_eq!(refused.status(), Some(401), "{refused}");

    creds.delete(&created.id).await?;
    assert!(creds.get(&created.id).await.unwrap_err().is_not_found());
    let gone = connect_with_app_cred(admin, &created.id, &secret).await.unwrap_err();
    assert!(matches!(gone, Error::AuthRefused { status: 401 | 404, .. }), "{gone}");
    Ok(())
}

async fn trust(admin: &Connection, w: &World) -> Result<()> {
    let trusts = w.as_u1().identity().trusts();
    let made = trusts
        .create(&CreateTrust {
            trustor_user_id: w.u1.clone(),
            trustee_user_id: w.u2.clone(),
            project_id: Some(w.p.clone()),
            impersonation: false,
            roles: Some(vec![Ref::by_name("member")]),
            expires_at: Some("2099-01-01T00:00:00Z".into()),
            ..Default::default()
        })
        .await?;
    assert_eq!(made.trustee_user_id.as_deref(), Some(w.u2.as_str()));
    assert_eq!(made.roles.as_ref().map(|r| r.len()), Some(1));
    assert_eq!(trusts.get(&made.id).await?.project_id.as_deref(), Some(w.p.as_str()));
    let by_trustee =
        admin.identity().trusts().list(&TrustQuery { trustee_user_id: Some(w.u2.clone()), ..Default::default() });
    assert_eq!(by_trustee.collect_all().await?.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), [made.id.as_str()]);
    let roles = trusts.roles(&made.id)?.collect_all().await?;
    assert_eq!(roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [w.member.as_str()]);
    assert!(trusts.has_role(&made.id, &w.member).await?);
    assert!(!trusts.has_role(&made.id, &w.reader).await?);
    trusts.delete(&made.id).await?;
    assert!(trusts.get(&made.id).await.unwrap_err().is_not_found());
    Ok(())
}

async fn limits(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let compute = id.services().find_by_name_or_type("compute").await?;
    let resource = unique("res");
    let registered = id
        .registered_limits()
        .create_many(&[CreateRegisteredLimit {
            service_id: compute.id.clone(),
            resource_name: resource.clone(),
            default_limit: 10,
            description: Some("ostack functional".into()),
            ..Default::default()
        }])
        .await?;
    let registered_id = registered[0].id.clone();
    let result = async {
        assert_eq!(registered[0].default_limit, Some(10));
        let limit = id
            .limits()
            .create_many(&[CreateLimit {
                service_id: compute.id.clone(),
                resource_name: resource.clone(),
                resource_limit: 5,
                project_id: Some(w.p.clone()),
                ..Default::default()
            }])
            .await?
            .remove(0);
        let mine = id.limits().list(&LimitQuery { project_id: Some(w.p.clone()), ..Default::default() });
        assert_eq!(mine.collect_all().await?.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), [limit.id.as_str()]);
        let change = UpdateLimit { resource_limit: Some(6), ..Default::default() };
        assert_eq!(id.limits().update(&limit.id, &change).await?.resource_limit, Some(6));
        assert!(!id.limits().model().await?.name.is_empty());
        id.limits().delete(&limit.id).await
    }
    .await;
    ignore_missing("registered limit", id.registered_limits().delete(&registered_id).await);
    result
}

async fn tokens_and_password(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let as_u1 = w.as_u1();
    let token = as_u1.token().await?.expect("a token");
    let value = secrecy::ExposeSecret::expose_secret(&token.value).to_string();
    let info = id.validate_token(&value).await?;
    assert_eq!(info.user.and_then(|u| u.id).as_deref(), Some(w.u1.as_str()));
    assert_eq!(info.project.and_then(|p| p.id).as_deref(), Some(w.p.as_str()));
    assert!(info.catalog.is_some_and(|c| !c.services.is_empty()));
    let options = ostack::identity::v3::ValidateOptions { nocatalog: Some(true), ..Default::default() };
    assert!(id.validate_token_with(&value, &options).await?.catalog.is_none_or(|c| c.services.is_empty()));
    assert!(id.check_token(&value).await?);
    // u1's own view of what it can scope to
    let scopes = as_u1.identity().auth_projects().await?;
    assert!(scopes.iter().any(|p| p.id == w.p));
    assert!(as_u1.identity().auth_catalog().await?.services.iter().any(|s| s.service_type == "identity"));
    assert!(as_u1.identity().auth_system().await?.is_empty());

    id.revoke_token(&value).await?;
    assert!(!id.check_token(&value).await?);
    let refused = id.validate_token(&value).await.unwrap_err();
    assert_eq!(refused.status(), Some(404), "{refused}");
    // the revoked token is refused for u1's own calls: the connection gets a new one
    assert_eq!(as_u1.identity().users().get(&w.u1).await?.id, w.u1);
    let renewed = as_u1.token().await?.expect("a token");
    assert_ne!(secrecy::ExposeSecret::expose_secret(&renewed.value), value.as_str());

    // u2 changes its own password: the old one no longer works, the new one does
    let as_u2 = connect_as(admin, &w.u2, &w.u2_password, Scope::Project(&w.p)).await?;
    let new_password = unique("newpw");
    as_u2
        .identity()
        .users()
        .change_password(&w.u2, &Secret::new(w.u2_password.as_str()), &Secret::new(new_password.as_str()))
        .await?;
    let old = connect_as(admin, &w.u2, &w.u2_password, Scope::Project(&w.p)).await.unwrap_err();
    assert!(matches!(old, Error::AuthRefused { status: 401, .. }), "{old}");
    assert!(!old.to_string().contains(&w.u2_password));
    connect_as(admin, &w.u2, &new_password, Scope::Project(&w.p)).await?;
    Ok(())
}

async fn catalog(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let region_id = unique("region");
    let region = id
        .regions()
        .create(&CreateRegion { parent_region_id: Some("RegionOne".into()), ..CreateRegion::new(&region_id) })
        .await?;
    let service_type = unique("svc");
    let service = id
        .services()
        .create(&CreateService { name: Some(service_type.clone()), ..CreateService::new(&service_type) })
        .await?;
    let result = async {
        assert_eq!(region.parent_region_id.as_deref(), Some("RegionOne"));
        assert_eq!(id.services().find_by_name_or_type(&service_type).await?.id, service.id);
        let endpoint = id
            .endpoints()
            .create(&CreateEndpoint {
                service_id: service.id.clone(),
                interface: "internal".into(),
                url: "http://127.0.0.1:1/ft".into(),
                region_id: Some(region_id.clone()),
                ..Default::default()
            })
            .await?;
        let endpoints = id.endpoints();
        let change = UpdateEndpoint { enabled: Some(false), ..Default::default() };
        assert_eq!(endpoints.update(&endpoint.id, &change).await?.enabled, Some(false));
        // on C2, which no other phase scopes to: a project with filters sees only those endpoints
        endpoints.add_to_project(&endpoint.id, &w.c2).await?;
        assert!(endpoints.is_in_project(&endpoint.id, &w.c2).await?);
        assert!(endpoints.of_project(&w.c2)?.collect_all().await?.iter().any(|e| e.id == endpoint.id));
        assert_eq!(endpoints.projects(&endpoint.id)?.collect_all().await?[0].id, w.c2);
        endpoints.remove_from_project(&endpoint.id, &w.c2).await?;
        assert!(!endpoints.is_in_project(&endpoint.id, &w.c2).await?);
        endpoints.delete(&endpoint.id).await
    }
    .await;
    ignore_missing("service", id.services().delete(&service.id).await);
    ignore_missing("region", id.regions().delete(&region_id).await);
    result
}

async fn credentials(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let blob = Secret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    let made = id.credentials().create(&CreateCredential::new("totp", &w.u2, blob.clone())).await?;
    assert_eq!(made.blob.as_ref().map(|b| b.expose()), Some(blob.expose()));
    assert!(!format!("{made:?}").contains(blob.expose()));
    let query = CredentialQuery { user_id: Some(w.u2.clone()), credential_type: Some("totp".into()) };
    assert_eq!(id.credentials().list(&query).collect_all().await?.len(), 1);
    let change = UpdateCredential { blob: Some(Secret::new("MFRGGZDFMZTWQ2LK")), ..Default::default() };
    assert_eq!(
        id.credentials().update(&made.id, &change).await?.blob.map(|b| b.expose().to_string()).as_deref(),
        Some("MFRGGZDFMZTWQ2LK")
    );
    id.credentials().delete(&made.id).await?;

    let ec2 = w.as_u1().identity().ec2_credentials(&w.u1);
    let key = ec2.create_for_project(&w.p).await?;
    assert!(key.secret.is_some() && key.tenant_id.as_deref() == Some(w.p.as_str()));
    assert_eq!(ec2.get(&key.id).await?.id, key.id);
    assert!(ec2.list(&()).collect_all().await?.iter().any(|k| k.id == key.id));
    ec2.delete(&key.id).await?;
    assert!(ec2.list(&()).collect_all().await?.is_empty());
    Ok(())
}

async fn federation(admin: &Connection, w: &World) -> Result<()> {
    let id = admin.identity();
    let name = unique("fed");
    let rules = json!([{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]);
    let mapping = id.mappings().create(&name, &MappingBody { rules: rules.clone(), schema_version: None }).await?;
    let idp = id
        .identity_providers()
        .create(
            &name,
            &IdentityProviderBody {
                remote_ids: Some(vec![format!("https://{name}.example.org/idp")]),
                domain_id: Some(w.domain.clone()),
                enabled: Some(true),
                ..Default::default()
            },
        )
        .await;
    let sp = id
        .service_providers()
        .create(
            &name,
            &ServiceProviderBody {
                auth_url: Some(
                    "https://sp.example.org/v3/OS-FEDERATION/identity_providers/x/protocols/saml2/auth".into(),
                ),
                sp_url: Some("https://sp.example.org/Shibboleth.sso/SAML2/ECP".into()),
                ..Default::default()
            },
        )
        .await;
    let result = async {
        let idp = idp?;
        let sp = sp?;
        assert_eq!(mapping.rules, Some(rules));
        assert_eq!(idp.domain_id.as_deref(), Some(w.domain.as_str()));
        let protocols = id.federation_protocols(&idp.id);
        let body = FederationProtocolBody { mapping_id: mapping.id.clone(), ..Default::default() };
        assert_eq!(protocols.create("mapped", &body).await?.mapping_id.as_deref(), Some(mapping.id.as_str()));
        assert_eq!(protocols.list(&()).collect_all().await?.len(), 1);
        let disabled = IdentityProviderBody { enabled: Some(false), ..Default::default() };
        assert_eq!(id.identity_providers().update(&idp.id, &disabled).await?.enabled, Some(false));
        assert!(id.identity_providers().list(&Default::default()).collect_all().await?.iter().any(|i| i.id == name));
        assert!(id.mappings().list(&()).collect_all().await?.iter().any(|m| m.id == name));
        let sp_off = ServiceProviderBody { enabled: Some(false), ..Default::default() };
        assert_eq!(id.service_providers().update(&sp.id, &sp_off).await?.enabled, Some(false));
        protocols.delete("mapped").await
    }
    .await;
    ignore_missing("service provider", id.service_providers().delete(&name).await);
    ignore_missing("identity provider", id.identity_providers().delete(&name).await);
    ignore_missing("mapping", id.mappings().delete(&name).await);
    result
}

/// Run a phase and name it in the failure; a failed assertion fails the phase, not the cleanup.
async fn phase(name: &str, run: impl Future<Output = Result<()>>) -> std::result::Result<(), String> {
    let started = std::time::Instant::now();
    let outcome = match std::panic::AssertUnwindSafe(run).catch_unwind().await {
        Ok(result) => result.map_err(|e| format!("{name}: {e}")),
        Err(panic) => Err(format!(
            "{name}: {}",
            panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or(panic.downcast_ref::<&str>().copied())
                .unwrap_or("panicked")
        )),
    };
    eprintln!("{name}: {:?}", started.elapsed());
    outcome
}

#[tokio::test]
async fn identity_end_to_end() {
    let Some(admin) = cloud("devcloud").await else { return };
    let started = std::time::Instant::now();
    let mut w = World {
        domain: String::new(),
        p: String::new(),
        c1: String::new(),
        c2: String::new(),
        u1: String::new(),
        u2: String::new(),
        u1_password: String::new(),
        u2_password: String::new(),
        group: String::new(),
        r1: String::new(),
        r2: String::new(),
        member: String::new(),
        reader: String::new(),
        as_u1: None,
    };
    let mut roles_made = Vec::new();
    let made = phase("setup", setup(&admin, &mut w, &mut roles_made)).await;
    let outcome = match made {
        Ok(()) => {
            // one after another: run side by side, keystone now and then answered a 403 to a
            // call the caller is allowed (a trustor listing its trust's roles, the admin
            // creating a federation protocol) while another phase changed roles and grants
            let results = (
                phase("grants and assignments", grants_and_assignments(&admin, &w)).await,
                phase("tree, tags, membership", tree_tags_and_membership(&admin, &w)).await,
                phase("application credential", application_credential(&admin, &w)).await,
                phase("trust", trust(&admin, &w)).await,
                phase("limits", limits(&admin, &w)).await,
                phase("catalog", catalog(&admin, &w)).await,
                phase("credentials", credentials(&admin, &w)).await,
                phase("federation", federation(&admin, &w)).await,
            );
            // last: it revokes u2's tokens
            let tokens = phase("tokens and password", tokens_and_password(&admin, &w)).await;
            [results.0, results.1, results.2, results.3, results.4, results.5, results.6, results.7, tokens]
                .into_iter()
                .filter_map(|r| r.err())
                .collect::<Vec<_>>()
        }
        Err(e) => vec![e],
    };

    let id = admin.identity();
    if !w.r1.is_empty() && !w.r2.is_empty() {
        ignore_missing("implied role", id.roles().unimply(&w.r1, &w.r2).await);
    }
    for role in &roles_made {
        ignore_missing("role", id.roles().delete(role).await);
    }
    if !w.domain.is_empty() {
        ignore_missing("domain (disable)", id.domains().disable(&w.domain).await.map(drop));
        ignore_missing("domain", id.domains().delete(&w.domain).await);
        let gone = id.projects().get(&w.p).await;
        assert!(gone.is_err_and(|e| e.is_not_found()), "deleting the domain deletes its projects");
    }
    eprintln!("identity end to end: {:?}", started.elapsed());
    assert!(outcome.is_empty(), "{} phase(s) failed:\n{}", outcome.len(), outcome.join("\n"));
}
