//! Contract tests of the identity (keystone v3) resources: `resource_contract!` (see
//! `tests/contract.rs` and `common::contract`) for every resource, plus the calls whose answers
//! are not a resource (tokens, implied roles, tags, EC2 credentials, limits' model).

mod common;

use common::contract::{self, TOKEN};
use ostack::identity::v3::{
    AccessRule, ApplicationCredential, CreateApplicationCredential, CreateCredential, CreateDomain, CreateEndpoint,
    CreateGroup, CreateLimit, CreateProject, CreateRegion, CreateRegisteredLimit, CreateRole, CreateService,
    CreateTrust, CreateUser, Credential, CredentialQuery, Domain, DomainQuery, Endpoint, EndpointQuery,
    FederationProtocol, FederationProtocolBody, Grant, Group, GroupQuery, IdentityProvider, IdentityProviderBody,
    Limit, LimitQuery, Mapping, MappingBody, NewAccessRule, Project, ProjectQuery, Ref, Region, RegionQuery,
    RegisteredLimit, RegisteredLimitQuery, Role, RoleAssignment, RoleAssignmentQuery, RoleQuery, Secret, Service,
    ServiceProvider, ServiceProviderBody, ServiceQuery, Trust, TrustQuery, UpdateCredential, UpdateDomain,
    UpdateEndpoint, UpdateGroup, UpdateLimit, UpdateProject, UpdateRegion, UpdateRegisteredLimit, UpdateRole,
    UpdateService, UpdateUser, User, UserQuery, ValidateOptions,
};
use serde_json::{json, Map, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SAMPLES: &str = "identity/admin";

fn map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(m) => m,
        other => panic!("not an object: {other}"),
    }
}

resource_contract!(domain: Domain, samples ["identity/admin"] at least 7,
    list(DomainQuery { name: Some("a b".into()), enabled: Some(true), ..Default::default() })
        => GET "domains?name=a+b&enabled=true" _,
    get("default") => GET "domains/default" _,
    create(CreateDomain { description: Some("Domain description".into()), enabled: Some(true), ..CreateDomain::new("myDomain") })
        => POST "domains" "identity/admin/domain-create-request.json",
    update("ID", UpdateDomain { description: Some("Owns users and projects on Identity API v2.".into()), ..Default::default() })
        => PATCH "domains/ID" "identity/admin/domain-update-request.json",
    delete("ID") => DELETE "domains/ID" _,
    action(a => a.disable("ID")) => PATCH "domains/ID" {"domain": {"enabled": false}},
);

resource_contract!(project: Project, samples ["identity/admin"] at least 18,
    list(ProjectQuery {
        domain_id: Some("d1".into()), parent_id: Some("p0".into()), tags_any: Some("a,b".into()),
        not_tags: Some("c".into()), ..Default::default()
    }) => GET "projects?domain_id=d1&parent_id=p0&tags-any=a%2Cb&not-tags=c" _,
    get("ID") => GET "projects/ID" _,
    create(CreateProject {
        description: Some("My new project".into()), domain_id: Some("default".into()), enabled: Some(true),
        is_domain: Some(false), options: Some(Map::new()), ..CreateProject::new("myNewProject")
    }) => POST "projects" "identity/admin/project-create-request.json",
    create(CreateProject {
        description: Some("My new domain".into()), enabled: Some(true), is_domain: Some(true),
        ..CreateProject::new("myNewDomain")
    }) => POST "projects" "identity/admin/project-create-domain-request.json",
    update("ID", UpdateProject {
        description: Some("My updated project".into()), name: Some("myUpdatedProject".into()), ..Default::default()
    }) => PATCH "projects/ID" "identity/admin/project-update-request.json",
    action(a => a.enable("ID")) => PATCH "projects/ID" "identity/admin/project-enable-request.json",
    delete("ID") => DELETE "projects/ID" _,
    action(a => a.set_tags("ID", &["foo".to_string(), "bar".to_string()])) => PUT "projects/ID/tags" "identity/admin/project-tags-update-request.json",
    action(a => a.add_tag("ID", "a tag")) => PUT "projects/ID/tags/a%20tag" _,
    action(a => a.has_tag("ID", "t")) => GET "projects/ID/tags/t" _,
    action(a => a.remove_tag("ID", "t")) => DELETE "projects/ID/tags/t" _,
    action(a => a.clear_tags("ID")) => DELETE "projects/ID/tags" _,
    action(a => a.parent_ids("ID")) => GET "projects/ID?parents_as_ids" _,
    action(a => a.subtree_ids("ID")) => GET "projects/ID?subtree_as_ids" _,
);

resource_contract!(user: User, samples ["identity/admin"] at least 16,
    list(UserQuery { name: Some("jsmith".into()), domain_id: Some("d".into()), enabled: Some(false), ..Default::default() })
        => GET "users?name=jsmith&domain_id=d&enabled=false" _,
    get("ID") => GET "users/ID" _,
    create(CreateUser {
        default_project_id: Some("263fd9".into()), domain_id: Some("1789d1".into()), enabled: Some(true),
        federated: Some(vec![json!({"idp_id": "efbab5a6acad4d108fec6c63d9609d83",
            "protocols": [{"protocol_id": "mapped", "unique_id": "test@example.com"}]})]),
        password: Some(Secret::new("secretsecret")), description: Some("James Doe user".into()),
        email: Some("jdoe@example.com".into()), options: Some(map(json!({"ignore_password_expiry": true}))),
        ..CreateUser::new("James Doe")
    }) => POST "users" "identity/admin/user-create-request.json",
    update("ID", UpdateUser {
        default_project_id: Some("263fd9".into()), enabled: Some(true),
        options: Some(map(json!({"ignore_lockout_failure_attempts": true}))), ..Default::default()
    }) => PATCH "users/ID" "identity/admin/user-update-request.json",
    delete("ID") => DELETE "users/ID" _,
    action(a => a.change_password("ID", &Secret::new("secretsecret"), &Secret::new("new_secretsecret")))
        => POST "users/ID/password" "identity/admin/user-password-update-request.json",
);

resource_contract!(group: Group, samples ["identity/admin"] at least 7,
    list(GroupQuery { name: Some("g".into()), domain_id: Some("default".into()), ..Default::default() })
        => GET "groups?name=g&domain_id=default" _,
    get("ID") => GET "groups/ID" _,
    create(CreateGroup { description: Some("Contract developers".into()), domain_id: Some("default".into()), ..CreateGroup::new("Contract developers") })
        => POST "groups" "identity/admin/group-create-request.json",
    update("ID", UpdateGroup { description: Some("Contract developers 2016".into()), name: Some("Contract developers 2016".into()), ..Default::default() })
        => PATCH "groups/ID" "identity/admin/group-update-request.json",
    delete("ID") => DELETE "groups/ID" _,
    action(a => a.add_user("G", "U")) => PUT "groups/G/users/U" _,
    action(a => a.has_user("G", "U")) => HEAD "groups/G/users/U" _,
    action(a => a.remove_user("G", "U")) => DELETE "groups/G/users/U" _,
);

resource_contract!(role: Role, samples ["identity/admin"] at least 22,
    list(RoleQuery { domain_id: Some("d1".into()), ..Default::default() }) => GET "roles?domain_id=d1" _,
    get("ID") => GET "roles/ID" _,
    create(CreateRole { description: Some("My new role".into()), ..CreateRole::new("developer") })
        => POST "roles" "identity/admin/role-create-request.json",
    create(CreateRole { domain_id: Some("d1".into()), ..CreateRole::new("dev") })
        => POST "roles" {"role": {"name": "dev", "domain_id": "d1"}},
    update("ID", UpdateRole { description: Some("My new role".into()), name: Some("Developer".into()), ..Default::default() })
        => PATCH "roles/ID" "identity/admin/role-update-request.json",
    delete("ID") => DELETE "roles/ID" _,
    action(a => a.implies("P", "I")) => HEAD "roles/P/implies/I" _,
    action(a => a.unimply("P", "I")) => DELETE "roles/P/implies/I" _,
    action(a => a.grant("R", &Grant::user("U").on_project("P"))) => PUT "projects/P/users/U/roles/R" _,
    action(a => a.grant("R", &Grant::group("G").on_domain("D"))) => PUT "domains/D/groups/G/roles/R" _,
    action(a => a.grant("R", &Grant::user("U").on_system())) => PUT "system/users/U/roles/R" _,
    action(a => a.grant("R", &Grant::group("G").on_system())) => PUT "system/groups/G/roles/R" _,
    action(a => a.grant("R", &Grant::user("U").on_project("P").inherited()))
        => PUT "OS-INHERIT/projects/P/users/U/roles/R/inherited_to_projects" _,
    action(a => a.grant("R", &Grant::group("G").on_domain("D").inherited()))
        => PUT "OS-INHERIT/domains/D/groups/G/roles/R/inherited_to_projects" _,
    action(a => a.is_granted("R", &Grant::user("U").on_domain("D"))) => HEAD "domains/D/users/U/roles/R" _,
    action(a => a.is_granted("R", &Grant::user("U").on_domain("D").inherited()))
        => HEAD "OS-INHERIT/domains/D/users/U/roles/R/inherited_to_projects" _,
    action(a => a.revoke("R", &Grant::group("G").on_project("P"))) => DELETE "projects/P/groups/G/roles/R" _,
    action(a => a.revoke("R", &Grant::user("U").on_system())) => DELETE "system/users/U/roles/R" _,
    action(a => a.granted(&Grant::user("U").on_project("P")).unwrap().collect_all()) => GET "projects/P/users/U/roles" _,
    action(a => a.granted(&Grant::group("G").on_domain("D").inherited()).unwrap().collect_all())
        => GET "OS-INHERIT/domains/D/groups/G/roles/inherited_to_projects" _,
);

resource_contract!(role_assignment: RoleAssignment, samples ["identity/admin"] at least 6,
    list(RoleAssignmentQuery { user_id: Some("U".into()), project_id: Some("P".into()), effective: Some(true), include_names: Some(true), ..Default::default() })
        => GET "role_assignments?user.id=U&scope.project.id=P&effective=true&include_names=true" _,
    list(RoleAssignmentQuery { group_id: Some("G".into()), role_id: Some("R".into()), domain_id: Some("D".into()),
        inherited_to: Some("projects".into()), ..Default::default() })
        => GET "role_assignments?group.id=G&role.id=R&scope.domain.id=D&scope.OS-INHERIT%3Ainherited_to=projects" _,
    list(RoleAssignmentQuery { system: Some("all".into()), ..Default::default() }) => GET "role_assignments?scope.system=all" _,
    list(RoleAssignmentQuery { project_id: Some("P".into()), include_subtree: Some(true), effective: Some(false), ..Default::default() })
        => GET "role_assignments?scope.project.id=P&effective=0&include_subtree=true" _,
);

resource_contract!(service: Service, samples ["identity/admin"] at least 12,
    list(ServiceQuery { service_type: Some("compute".into()), ..Default::default() }) => GET "services?type=compute" _,
    get("ID") => GET "services/ID" _,
    create(CreateService { name: Some("compute2".into()), description: Some("Compute service 2".into()), ..CreateService::new("compute") })
        => POST "services" "identity/admin/service-create-request.json",
    update("ID", UpdateService { description: Some("Block Storage Service V2".into()), ..Default::default() })
        => PATCH "services/ID" "identity/admin/service-update-request.json",
    delete("ID") => DELETE "services/ID" _,
);

resource_contract!(endpoint: Endpoint, samples ["identity/admin"] at least 30,
    list(EndpointQuery { interface: Some("public".into()), service_id: Some("S".into()), region_id: Some("R".into()) })
        => GET "endpoints?interface=public&service_id=S&region_id=R" _,
    get("ID") => GET "endpoints/ID" _,
    create(CreateEndpoint {
        interface: "public".into(), region_id: Some("RegionOne".into()),
        url: "http://example.com/identity/v3/endpoints/828384".into(),
        service_id: "9242e05f0c23467bbd1cf1f7a6e5e596".into(), ..Default::default()
    }) => POST "endpoints" "identity/admin/endpoint-create-request.json",
    update("ID", UpdateEndpoint {
        interface: Some("public".into()), region_id: Some("north".into()),
        url: Some("http://example.com/identity/v3/endpoints/828384".into()), service_id: Some("345678".into()),
        ..Default::default()
    }) => PATCH "endpoints/ID" "identity/admin/endpoint-update-request.json",
    delete("ID") => DELETE "endpoints/ID" _,
    action(a => a.add_to_project("E", "P")) => PUT "OS-EP-FILTER/projects/P/endpoints/E" _,
    action(a => a.is_in_project("E", "P")) => HEAD "OS-EP-FILTER/projects/P/endpoints/E" _,
    action(a => a.remove_from_project("E", "P")) => DELETE "OS-EP-FILTER/projects/P/endpoints/E" _,
    action(a => a.of_project("P").unwrap().collect_all()) => GET "OS-EP-FILTER/projects/P/endpoints" _,
);

resource_contract!(region: Region, samples ["identity/admin"] at least 4,
    list(RegionQuery { parent_region_id: Some("RegionOne".into()) }) => GET "regions?parent_region_id=RegionOne" _,
    get("RegionOne") => GET "regions/RegionOne" _,
    create(CreateRegion { description: Some("My subregion".into()), parent_region_id: Some("RegionOne".into()), ..CreateRegion::new("RegionOneSubRegion") })
        => POST "regions" "identity/admin/region-create-request.json",
    update("ID", UpdateRegion { description: Some("My subregion 3".into()), ..Default::default() })
        => PATCH "regions/ID" "identity/admin/region-update-request.json",
    delete("ID") => DELETE "regions/ID" _,
);

resource_contract!(application_credential: ApplicationCredential, samples ["identity/admin"] at least 4,
    action(a => a.connection().identity().application_credentials("u 1").list(&Default::default()).collect_all())
        => GET "users/u%201/application_credentials" _,
    action(a => a.connection().identity().application_credentials("U").get("AC"))
        => GET "users/U/application_credentials/AC" _,
    action(a => a.connection().identity().application_credentials("U").create(&CreateApplicationCredential {
        secret: Some(Secret::new("rEaqvJka48mpv")), description: Some("Application credential for monitoring.".into()),
        expires_at: Some("2018-02-27T18:30:59Z".into()), roles: Some(vec![Ref::by_name("Reader")]),
        access_rules: Some(vec![NewAccessRule::new("monitoring", "GET", "/v2.0/metrics")]), unrestricted: Some(false),
        ..CreateApplicationCredential::new("monitoring")
    })) => POST "users/U/application_credentials" "identity/admin/application-credential-create-request.json",
    action(a => a.connection().identity().application_credentials("U").delete("AC"))
        => DELETE "users/U/application_credentials/AC" _,
);

resource_contract!(access_rule: AccessRule, samples ["identity/admin"] at least 2,
    action(a => a.connection().identity().access_rules("U").list(&Default::default()).collect_all())
        => GET "users/U/access_rules" _,
    action(a => a.connection().identity().access_rules("U").get("R")) => GET "users/U/access_rules/R" _,
    action(a => a.connection().identity().access_rules("U").delete("R")) => DELETE "users/U/access_rules/R" _,
);

resource_contract!(credential: Credential, samples ["identity/admin"] at least 13,
    list(CredentialQuery { user_id: Some("U".into()), credential_type: Some("totp".into()) })
        => GET "credentials?user_id=U&type=totp" _,
    get("ID") => GET "credentials/ID" _,
    create(CreateCredential {
        project_id: Some("731fc6f265cd486d900f16e84c5cb594".into()),
        ..CreateCredential::new("ec2", "bb5476fd12884539b41d5a88f838d773", Secret::new(r#"{"access":"181920","secret":"secretKey"}"#))
    }) => POST "credentials" "identity/admin/credential-create-request.json",
    update("ID", UpdateCredential {
        blob: Some(Secret::new(r#"{"access":"181920","secret":"secretKey"}"#)),
        project_id: Some("731fc6f265cd486d900f16e84c5cb594".into()), credential_type: Some("ec2".into()),
        user_id: Some("bb5476fd12884539b41d5a88f838d773".into()), ..Default::default()
    }) => PATCH "credentials/ID" "identity/admin/credential-update-request.json",
    delete("ID") => DELETE "credentials/ID" _,
);

resource_contract!(limit: Limit, samples ["identity/admin"] at least 6,
    list(LimitQuery { project_id: Some("P".into()), resource_name: Some("cores".into()), ..Default::default() })
        => GET "limits?resource_name=cores&project_id=P" _,
    get("ID") => GET "limits/ID" _,
    action(a => a.create_many(&[
        CreateLimit { service_id: "9408080f1970482aa0e38bc2d4ea34b7".into(), project_id: Some("3a705b9f56bb439381b43c4fe59dccce".into()),
            region_id: Some("RegionOne".into()), resource_name: "snapshot".into(), resource_limit: 5, ..Default::default() },
        CreateLimit { service_id: "9408080f1970482aa0e38bc2d4ea34b7".into(), domain_id: Some("edbafc92be354ffa977c58aa79c7bdb2".into()),
            resource_name: "volume".into(), resource_limit: 10,
            description: Some("Number of volumes for project 3a705b9f56bb439381b43c4fe59dccce".into()), ..Default::default() },
    ])) => POST "limits" "identity/admin/limits-create-request.json",
    update("ID", UpdateLimit { resource_limit: Some(5), description: Some("Number of snapshots for project 3a705b9f56bb439381b43c4fe59dccce".into()) })
        => PATCH "limits/ID" "identity/admin/limits-update-request.json",
    delete("ID") => DELETE "limits/ID" _,
);

resource_contract!(registered_limit: RegisteredLimit, samples ["identity/admin"] at least 6,
    list(RegisteredLimitQuery { service_id: Some("S".into()), region_id: Some("R".into()), ..Default::default() })
        => GET "registered_limits?service_id=S&region_id=R" _,
    get("ID") => GET "registered_limits/ID" _,
    action(a => a.create_many(&[
        CreateRegisteredLimit { service_id: "9408080f1970482aa0e38bc2d4ea34b7".into(), region_id: Some("RegionOne".into()),
            resource_name: "snapshot".into(), default_limit: 5, ..Default::default() },
        CreateRegisteredLimit { service_id: "9408080f1970482aa0e38bc2d4ea34b7".into(), resource_name: "volume".into(),
            default_limit: 10, description: Some("Number of volumes".into()), ..Default::default() },
    ])) => POST "registered_limits" "identity/admin/registered-limits-create-request.json",
    update("ID", UpdateRegisteredLimit {
        service_id: Some("9408080f1970482aa0e38bc2d4ea34b7".into()), region_id: Some("RegionOne".into()),
        resource_name: Some("snapshot".into()), default_limit: Some(5), description: Some("Number of snapshots".into()),
    }) => PATCH "registered_limits/ID" "identity/admin/registered-limits-update-request.json",
    delete("ID") => DELETE "registered_limits/ID" _,
);

resource_contract!(trust: Trust, no samples,
    list(TrustQuery { trustee_user_id: Some("T".into()), ..Default::default() }) => GET "OS-TRUST/trusts?trustee_user_id=T" _,
    get("ID") => GET "OS-TRUST/trusts/ID" _,
    create(CreateTrust {
        trustor_user_id: "A".into(), trustee_user_id: "B".into(), project_id: Some("P".into()), impersonation: false,
        roles: Some(vec![Ref::by_name("member"), Ref::by_id("r2")]), expires_at: Some("2030-01-01T00:00:00Z".into()),
        ..Default::default()
    }) => POST "OS-TRUST/trusts" {"trust": {"trustor_user_id": "A", "trustee_user_id": "B", "project_id": "P",
        "impersonation": false, "roles": [{"name": "member"}, {"id": "r2"}], "expires_at": "2030-01-01T00:00:00Z"}},
    delete("ID") => DELETE "OS-TRUST/trusts/ID" _,
    action(a => a.has_role("ID", "R")) => HEAD "OS-TRUST/trusts/ID/roles/R" _,
);

resource_contract!(identity_provider: IdentityProvider, no samples,
    list(Default::default()) => GET "OS-FEDERATION/identity_providers" _,
    get("idp") => GET "OS-FEDERATION/identity_providers/idp" _,
    action(a => a.create("my idp", &IdentityProviderBody {
        remote_ids: Some(vec!["https://idp.example.com/saml".into()]), enabled: Some(true), ..Default::default()
    })) => PUT "OS-FEDERATION/identity_providers/my%20idp"
        {"identity_provider": {"remote_ids": ["https://idp.example.com/saml"], "enabled": true}},
    update("idp", IdentityProviderBody { enabled: Some(false), ..Default::default() })
        => PATCH "OS-FEDERATION/identity_providers/idp" {"identity_provider": {"enabled": false}},
    delete("idp") => DELETE "OS-FEDERATION/identity_providers/idp" _,
);

resource_contract!(mapping: Mapping, no samples,
    list(()) => GET "OS-FEDERATION/mappings" _,
    get("m") => GET "OS-FEDERATION/mappings/m" _,
    action(a => a.create("m", &MappingBody { rules: json!([{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]), schema_version: None }))
        => PUT "OS-FEDERATION/mappings/m"
        {"mapping": {"rules": [{"local": [{"user": {"name": "{0}"}}], "remote": [{"type": "REMOTE_USER"}]}]}},
    update("m", MappingBody { rules: json!([]), schema_version: Some("2.0".into()) })
        => PATCH "OS-FEDERATION/mappings/m" {"mapping": {"rules": [], "schema_version": "2.0"}},
    delete("m") => DELETE "OS-FEDERATION/mappings/m" _,
);

resource_contract!(federation_protocol: FederationProtocol, no samples,
    action(a => a.connection().identity().federation_protocols("idp").list(&()).collect_all())
        => GET "OS-FEDERATION/identity_providers/idp/protocols" _,
    action(a => a.connection().identity().federation_protocols("idp").create("saml2",
        &FederationProtocolBody { mapping_id: "m".into(), remote_id_attribute: None }))
        => PUT "OS-FEDERATION/identity_providers/idp/protocols/saml2" {"protocol": {"mapping_id": "m"}},
    action(a => a.connection().identity().federation_protocols("idp").update("saml2",
        &FederationProtocolBody { mapping_id: "m2".into(), remote_id_attribute: Some("X".into()) }))
        => PATCH "OS-FEDERATION/identity_providers/idp/protocols/saml2" {"protocol": {"mapping_id": "m2", "remote_id_attribute": "X"}},
    action(a => a.connection().identity().federation_protocols("idp").delete("saml2"))
        => DELETE "OS-FEDERATION/identity_providers/idp/protocols/saml2" _,
);

resource_contract!(service_provider: ServiceProvider, no samples,
    list(()) => GET "OS-FEDERATION/service_providers" _,
    action(a => a.create("sp", &ServiceProviderBody {
        auth_url: Some("https://sp/v3/OS-FEDERATION/identity_providers/acme/protocols/saml2/auth".into()),
        sp_url: Some("https://sp/Shibboleth.sso/SAML2/ECP".into()), ..Default::default()
    })) => PUT "OS-FEDERATION/service_providers/sp" {"service_provider": {
        "auth_url": "https://sp/v3/OS-FEDERATION/identity_providers/acme/protocols/saml2/auth",
        "sp_url": "https://sp/Shibboleth.sso/SAML2/ECP"}},
    update("sp", ServiceProviderBody { enabled: Some(false), ..Default::default() })
        => PATCH "OS-FEDERATION/service_providers/sp" {"service_provider": {"enabled": false}},
    delete("sp") => DELETE "OS-FEDERATION/service_providers/sp" _,
);

/// A mock keystone at `/identity/v3` and a connection to it.
async fn keystone() -> (MockServer, ostack::Connection) {
    let server = MockServer::start().await;
    let conn = contract::connection(&server).await;
    (server, conn)
}

fn sample(file: &str) -> Value {
    let root = contract::samples_dir().expect("checked by the caller");
    let text = std::fs::read_to_string(root.join(file)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn token_validate_check_revoke_send_the_subject_token() {
    let Some(_) = contract::samples_dir() else { return };
    let (server, conn) = keystone().await;
    let body = sample("identity/auth/responses/project-scoped-password.json");
    Mock::given(method("GET"))
        .and(path("/identity/v3/auth/tokens"))
        .and(header("x-subject-token", "their-token"))
        .and(header("x-auth-token", TOKEN))
        .and(query_param("nocatalog", "true"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path("/identity/v3/auth/tokens"))
        .and(header("x-subject-token", "their-token"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("HEAD"))
        .and(path("/identity/v3/auth/tokens"))
        .and(header("x-subject-token", "revoked"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/identity/v3/auth/tokens"))
        .and(header("x-subject-token", "their-token"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let identity = conn.identity();
    let info = identity
        .validate_token_with("their-token", &ValidateOptions { nocatalog: Some(true), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(info.methods, ["password"]);
    assert_eq!(info.project.and_then(|p| p.name).as_deref(), Some("admin"));
    assert_eq!(info.roles.unwrap()[0].name.as_deref(), Some("admin"));
    assert_eq!(info.audit_ids, ["3T2dc1CGQxyJsHdDu1xkcw"]);
    assert!(identity.check_token("their-token").await.unwrap());
    assert!(!identity.check_token("revoked").await.unwrap());
    identity.revoke_token("their-token").await.unwrap();
    let err = identity.validate_token("unknown").await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err}");
    assert!(!format!("{err:?}").contains("their-token"));
}

#[tokio::test]
async fn every_token_sample_decodes() {
    let Some(root) = contract::samples_dir() else { return };
    let dir = root.join("identity/auth/responses");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().path();
        let body: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let Some(token) = body.get("token") else { continue };
        let info: ostack::identity::v3::TokenInfo = serde_json::from_value(token.clone()).unwrap();
        contract::assert_kept(token, &serde_json::to_value(&info).unwrap(), "", &file);
        checked += 1;
    }
    assert!(checked >= 7, "{checked}");
}

#[tokio::test]
async fn auth_catalog_projects_domains_system() {
    let Some(_) = contract::samples_dir() else { return };
    let (server, conn) = keystone().await;
    for (p, file) in [
        ("/identity/v3/auth/catalog", "get-service-catalog-response.json"),
        ("/identity/v3/auth/projects", "get-available-project-scopes-response.json"),
        ("/identity/v3/auth/domains", "get-available-domain-scopes-response.json"),
        ("/identity/v3/auth/system", "get-available-system-scopes-response.json"),
    ] {
        let body = sample(&format!("{SAMPLES}/{file}"));
        Mock::given(method("GET"))
            .and(path(p))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    let identity = conn.identity();
    let catalog = identity.auth_catalog().await.unwrap();
    assert!(catalog.services.iter().any(|s| s.service_type == "identity"));
    let projects = identity.auth_projects().await.unwrap();
    assert!(!projects.is_empty() && projects.iter().all(|p| !p.id.is_empty()));
    let domains = identity.auth_domains().await.unwrap();
    assert!(!domains.is_empty());
    assert_eq!(identity.auth_system().await.unwrap()[0]["all"], true);
}

#[tokio::test]
async fn implied_roles_decode_one_and_many() {
    let Some(_) = contract::samples_dir() else { return };
    let (server, conn) = keystone().await;
    let created = sample(&format!("{SAMPLES}/create-role-inferences-response.json"));
    let listed = sample(&format!("{SAMPLES}/list-implied-roles-for-role-response.json"));
    let all = sample(&format!("{SAMPLES}/role-inferences-response.json"));
    Mock::given(method("PUT"))
        .and(path("/identity/v3/roles/P/implies/I"))
        .respond_with(ResponseTemplate::new(201).set_body_json(created))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/roles/P/implies"))
        .respond_with(ResponseTemplate::new(200).set_body_json(listed))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/role_inferences"))
        .respond_with(ResponseTemplate::new(200).set_body_json(all))
        .mount(&server)
        .await;
    let roles = conn.identity().roles();
    let one = roles.imply("P", "I").await.unwrap();
    assert_eq!((one.prior_role.name.as_deref(), one.implies.len()), (Some("prior role name"), 1));
    let many = roles.implied_by("P").await.unwrap();
    assert_eq!(many.implies.len(), 2);
    let every = roles.inferences().await.unwrap();
    assert_eq!(every.len(), 2);
    assert_eq!(every[1].implies[0].name.as_deref(), Some("implied role1 name"));
}

#[tokio::test]
async fn project_parents_subtree_and_tags() {
    let Some(_) = contract::samples_dir() else { return };
    let (server, conn) = keystone().await;
    let parents = sample(&format!("{SAMPLES}/project-show-parents-response.json"));
    let subtree = sample(&format!("{SAMPLES}/project-show-subtree-response.json"));
    Mock::given(method("GET"))
        .and(path("/identity/v3/projects/263fd9"))
        .and(query_param("parents_as_list", ""))
        .respond_with(ResponseTemplate::new(200).set_body_json(parents))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/projects/263fd9"))
        .and(query_param("subtree_as_list", ""))
        .respond_with(ResponseTemplate::new(200).set_body_json(subtree))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/projects/263fd9/tags"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(sample(&format!("{SAMPLES}/project-tags-list-response.json"))),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/projects/263fd9/tags/nope"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let projects = conn.identity().projects();
    let up = projects.parents("263fd9").await.unwrap();
    assert_eq!(up.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["183ab2"]);
    let down = projects.subtree("263fd9").await.unwrap();
    assert_eq!(down.len(), 3);
    assert_eq!(down[2].parent_id.as_deref(), Some("4b6aa1"));
    assert_eq!(projects.tags("263fd9").await.unwrap(), ["foo", "bar"]);
    assert!(!projects.has_tag("263fd9", "nope").await.unwrap());
}

#[tokio::test]
async fn limit_model() {
    let Some(_) = contract::samples_dir() else { return };
    let (server, conn) = keystone().await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/limits/model"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(sample(&format!("{SAMPLES}/limit-flat-model-response.json"))),
        )
        .mount(&server)
        .await;
    assert_eq!(conn.identity().limits().model().await.unwrap().name, "flat");
}

#[tokio::test]
async fn ec2_credentials_are_nested_under_the_user_and_keyed_by_access() {
    let (server, conn) = keystone().await;
    let cred = json!({"access": "AK", "secret": "SK", "user_id": "U", "tenant_id": "P", "trust_id": null,
        "links": {"self": "http://x/v3/users/U/credentials/OS-EC2/AK"}});
    Mock::given(method("POST"))
        .and(path("/identity/v3/users/U/credentials/OS-EC2"))
        .and(wiremock::matchers::body_json(json!({"tenant_id": "P"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"credential": cred})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/users/U/credentials/OS-EC2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"credentials": [cred], "links": {"next": null}})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/identity/v3/users/U/credentials/OS-EC2/AK"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let ec2 = conn.identity().ec2_credentials("U");
    let made = ec2.create_for_project("P").await.unwrap();
    assert_eq!((made.id.as_str(), made.secret.as_ref().map(|s| s.expose())), ("AK", Some("SK")));
    assert!(!format!("{made:?}").contains("SK"), "the secret shows in Debug: {made:?}");
    let all = ec2.list(&()).collect_all().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(serde_json::to_value(&all[0]).unwrap()["access"], "AK");
    ec2.delete("AK").await.unwrap();
}

#[tokio::test]
async fn keystone_lists_follow_links_next() {
    let (server, conn) = keystone().await;
    let base = server.uri();
    Mock::given(method("GET"))
        .and(path("/identity/v3/users"))
        .and(query_param("marker", "u2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "users": [{"id": "u3", "name": "c"}],
            "links": {"self": "x", "next": null, "previous": null}})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/identity/v3/users"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "users": [{"id": "u1", "name": "a"}, {"id": "u2", "name": "b"}],
            "links": {"self": "x", "next": format!("{base}/identity/v3/users?limit=2&marker=u2"), "previous": null},
            "truncated": true})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let users = conn.identity().users().list(&UserQuery { limit: Some(2), ..Default::default() }).collect_all().await;
    let ids: Vec<String> = users.unwrap().into_iter().map(|u| u.id).collect();
    assert_eq!(ids, ["u1", "u2", "u3"]);
}

#[tokio::test]
async fn lists_of_one_resource_under_another() {
    let (server, conn) = keystone().await;
    let item = json!([{"id": "X", "name": "X"}]);
    let body = json!({"users": item, "groups": item, "projects": item, "roles": item, "links": {"next": null}});
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let identity = conn.identity();
    let users = identity.users();
    assert_eq!(users.groups("u 1").unwrap().collect_all().await.unwrap()[0].id, "X");
    assert_eq!(users.projects("u1").unwrap().collect_all().await.unwrap()[0].id, "X");
    let enabled = UserQuery { enabled: Some(true), ..Default::default() };
    assert_eq!(identity.groups().users("G", &enabled).unwrap().collect_all().await.unwrap()[0].id, "X");
    assert_eq!(identity.endpoints().projects("E").unwrap().collect_all().await.unwrap()[0].id, "X");
    assert_eq!(identity.trusts().roles("T").unwrap().collect_all().await.unwrap()[0].id, "X");
    let seen: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{}{}", r.url.path(), r.url.query().map(|q| format!("?{q}")).unwrap_or_default()))
        .collect();
    assert_eq!(
        seen,
        [
            "/identity/v3/users/u%201/groups",
            "/identity/v3/users/u1/projects",
            "/identity/v3/groups/G/users?enabled=true",
            "/identity/v3/OS-EP-FILTER/endpoints/E/projects",
            "/identity/v3/OS-TRUST/trusts/T/roles",
        ]
    );
}

#[test]
fn secrets_never_show_in_debug() {
    let user = CreateUser { password: Some(Secret::new("hunter2-pw")), ..CreateUser::new("alice") };
    let cred = ApplicationCredential {
        id: "a".into(),
        name: "n".into(),
        description: None,
        user_id: None,
        project_id: None,
        roles: None,
        expires_at: None,
        unrestricted: None,
        access_rules: None,
        secret: Some(Secret::new("app-secret-xyz")),
        extra: Map::new(),
    };
    let text = format!("{user:?} {cred:?}");
    assert!(!text.contains("hunter2-pw") && !text.contains("app-secret-xyz"), "{text}");
    // ... but a request body carries them
    assert_eq!(serde_json::to_value(&user).unwrap()["password"], "hunter2-pw");
}

#[test]
fn a_system_grant_cannot_be_inherited() {
    let err = Grant::user("u").on_system().inherited().path("r").unwrap_err();
    assert!(err.to_string().contains("cannot be inherited"), "{err}");
}
