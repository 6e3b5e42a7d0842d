//! Models sent inside requests carry no invented values: a field is `Option` exactly where
//! Stytch's API lets it be left out, so an unset field never goes out as `""`, `0` or `false`.
//!
//! The set of such models comes from `../shared/api/stytch-api.json` (every type reachable
//! from a request); a non-`Option` field always serializes, an unset `Option` never does, so
//! the keys of a default value are the fields the SDK treats as required.

use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The keys a default value of `T` puts on the wire: its non-`Option` fields.
fn always_sent<T: Default + Serialize>() -> BTreeSet<String> {
    match serde_json::to_value(T::default()).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("a model serializes to an object, not {other}"),
    }
}

/// Where Stytch's docs and the spec disagree, the docs win: (spec type, field, why).
const DOCUMENTED_OPTIONAL: &[(&str, &str, &str)] = &[(
    "consumer::passwords::PBKDF2Config",
    "algorithm",
    "the password migration docs say the digest defaults to sha256",
)];

/// Spec types that never go on the wire: (spec type, why).
const NOT_SENT: &[(&str, &str)] = &[(
    "consumer::m2m::AuthorizationCheckParams",
    "the arguments of a local check (M2M `authenticate_token`), not a request body",
)];

/// The SDK's type for each spec type (several spec types share one Rust type).
fn declared() -> BTreeMap<&'static str, BTreeSet<String>> {
    use stytch::b2b::{organizations, rbac, scim, sessions as b2b_sessions, sso};
    use stytch::consumer::{crypto_wallets, fraud, magic_links, sessions, users};
    use stytch::models;
    BTreeMap::from([
        (
            "b2b::organizations::EmailImplicitRoleAssignment",
            always_sent::<organizations::EmailImplicitRoleAssignment>(),
        ),
        (
            "b2b::organizations::SearchQuery",
            always_sent::<models::SearchQuery>(),
        ),
        (
            "b2b::rbac::OrgPolicy",
            always_sent::<rbac::organizations::OrgPolicy>(),
        ),
        ("b2b::rbac::PolicyRole", always_sent::<models::PolicyRole>()),
        (
            "b2b::rbac::PolicyRolePermission",
            always_sent::<models::PolicyRolePermission>(),
        ),
        (
            "b2b::scim::SCIMGroupImplicitRoleAssignments",
            always_sent::<scim::ScimGroupImplicitRoleAssignment>(),
        ),
        (
            "b2b::sessions::AuthorizationCheck",
            always_sent::<b2b_sessions::AuthorizationCheck>(),
        ),
        (
            "b2b::sso::ConnectionImplicitRoleAssignment",
            always_sent::<sso::ConnectionImplicitRoleAssignment>(),
        ),
        (
            "b2b::sso::GroupImplicitRoleAssignment",
            always_sent::<sso::GroupImplicitRoleAssignment>(),
        ),
        (
            "b2b::sso::SAMLConnectionImplicitRoleAssignment",
            always_sent::<sso::ConnectionImplicitRoleAssignment>(),
        ),
        (
            "b2b::sso::SAMLGroupImplicitRoleAssignment",
            always_sent::<sso::GroupImplicitRoleAssignment>(),
        ),
        (
            "consumer::attribute::Attributes",
            always_sent::<models::Attributes>(),
        ),
        (
            "consumer::crypto_wallets::SIWEParams",
            always_sent::<crypto_wallets::SiweParams>(),
        ),
        (
            "consumer::fraud::Metadata",
            always_sent::<fraud::Metadata>(),
        ),
        (
            "consumer::m2m::M2MSearchQuery",
            always_sent::<models::SearchQuery>(),
        ),
        (
            "consumer::magic_links::Options",
            always_sent::<magic_links::Options>(),
        ),
        (
            "consumer::passwords::Argon2Config",
            always_sent::<models::Argon2Config>(),
        ),
        (
            "consumer::passwords::MD5Config",
            always_sent::<models::SaltConfig>(),
        ),
        (
            "consumer::passwords::PBKDF2Config",
            always_sent::<models::Pbkdf2Config>(),
        ),
        (
            "consumer::passwords::SHA1Config",
            always_sent::<models::SaltConfig>(),
        ),
        (
            "consumer::passwords::SHA512Config",
            always_sent::<models::SaltConfig>(),
        ),
        (
            "consumer::passwords::ScryptConfig",
            always_sent::<models::ScryptConfig>(),
        ),
        (
            "consumer::sessions::AuthorizationCheck",
            always_sent::<sessions::AuthorizationCheck>(),
        ),
        ("consumer::users::Name", always_sent::<users::Name>()),
        (
            "consumer::users::SearchUsersQuery",
            always_sent::<models::SearchQuery>(),
        ),
    ])
}

/// Every spec type reachable from a request type, without the request types themselves
/// (whose fields the catalogue test checks), with the fields that must be sent.
fn request_side_models() -> BTreeMap<String, BTreeSet<String>> {
    let spec = stytch_tests::api_spec();
    let types: BTreeMap<&str, &Value> = spec["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["ref"].as_str().unwrap(), t))
        .collect();
    let is_request = |t: &Value| {
        t["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "request")
    };
    let mut stack: Vec<&str> = types
        .iter()
        .filter(|(_, t)| is_request(t))
        .map(|(r, _)| *r)
        .collect();
    let mut reached = BTreeSet::new();
    while let Some(r) = stack.pop() {
        for field in types[r]["fields"].as_array().unwrap() {
            for referenced in field["type_refs"].as_array().into_iter().flatten() {
                let referenced = referenced.as_str().unwrap();
                if types.contains_key(referenced) && reached.insert(referenced) {
                    stack.push(referenced);
                }
            }
        }
    }
    reached
        .into_iter()
        .filter(|r| !is_request(types[r]))
        .map(|r| {
            let required = types[r]["fields"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["optional"] == false)
                .map(|f| f["name"].as_str().unwrap().to_owned())
                .filter(|name| !documented_optional(r, name))
                .collect();
            (r.to_owned(), required)
        })
        .collect()
}

fn documented_optional(spec_type: &str, field: &str) -> bool {
    DOCUMENTED_OPTIONAL
        .iter()
        .any(|(t, f, _)| *t == spec_type && *f == field)
}

#[test]
fn request_side_model_fields_are_optional_where_stytch_allows() {
    let declared = declared();
    let mut report = Vec::new();
    for (spec_type, required) in request_side_models() {
        if NOT_SENT.iter().any(|(t, _)| *t == spec_type) {
            continue;
        }
        let Some(sent) = declared.get(spec_type.as_str()) else {
            report.push(format!(
                "{spec_type}: no SDK type is mapped to it in this test"
            ));
            continue;
        };
        for field in sent.difference(&required) {
            report.push(format!(
                "{spec_type}.{field}: always sent, but Stytch lets it be left out (make it Option)"
            ));
        }
        for field in required.difference(sent) {
            report.push(format!(
                "{spec_type}.{field}: required by Stytch, but an Option in the SDK"
            ));
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

/// The checker itself: a model with a field that should be optional is reported.
#[test]
fn an_invented_value_is_caught() {
    #[derive(Default, Serialize)]
    struct Invented {
        salt: String,
        algorithm: String,
    }
    let sent = always_sent::<Invented>();
    let required: BTreeSet<String> = ["salt".to_owned()].into();
    assert_eq!(
        sent.difference(&required).collect::<Vec<_>>(),
        ["algorithm"]
    );
}

/// The case the issue names: a PBKDF2 migration without a digest sends none.
#[test]
fn pbkdf2_without_a_digest_sends_none() {
    let mut config = stytch::models::Pbkdf2Config::default();
    config.salt = "c2FsdA==".into();
    config.iteration_amount = 100_000;
    config.key_length = 32;
    let wire = serde_json::to_value(config).unwrap();
    assert_eq!(
        wire,
        serde_json::json!({"salt": "c2FsdA==", "iteration_amount": 100000, "key_length": 32})
    );
}
