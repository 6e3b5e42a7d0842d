//! The endpoint catalogue against `../shared/api/stytch-api.json`: every declared endpoint has
//! the spec's verb, path, field names, required-ness and field locations.

use std::collections::BTreeMap;
use stytch::catalogue::{EndpointInfo, FieldLocation, Host, Method};

/// One field as a comparable line, e.g. `body password required`.
type FieldLines = Vec<String>;

struct SpecEndpoint {
    /// Entries the official SDKs write by hand; declaring them is optional.
    hand_written: bool,
    vertical: String,
    chain: Vec<String>,
    method: String,
    http: String,
    path: String,
    fraud: bool,
    fields: FieldLines,
}

fn spec() -> Vec<SpecEndpoint> {
    let spec = stytch_tests::api_spec();
    spec["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .filter(|e| e["http"].is_string() && e["path"].is_string())
        .map(|e| {
            let mut fields: FieldLines = e["fields"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["in"] != "local")
                .map(|f| {
                    let required = if f["required"] == true {
                        "required"
                    } else {
                        "optional"
                    };
                    format!(
                        "{} {} {required}",
                        f["in"].as_str().unwrap(),
                        f["name"].as_str().unwrap()
                    )
                })
                .collect();
            fields.sort();
            SpecEndpoint {
                hand_written: e["hand_written"] == true,
                vertical: e["vertical"].as_str().unwrap().to_owned(),
                chain: e["service"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect(),
                method: e["method"].as_str().unwrap().to_owned(),
                http: e["http"].as_str().unwrap().to_owned(),
                path: e["path"].as_str().unwrap().to_owned(),
                fraud: e["host"].as_str().is_some_and(|h| h.starts_with("fraud")),
                fields,
            }
        })
        .collect()
}

/// Where Stytch's public docs and the spec disagree, the docs win. Each entry: the declared
/// path, the spec's path, the fields the declaration adds for it, and the reason.
const DOCUMENTED_PATHS: &[(&str, &str, &[&str], &str)] = &[(
    "/v1/public/{project_id}/oauth2/introspect",
    "/v1/oauth2/introspect",
    &["path project_id required"],
    "token introspection: `/v1/oauth2/introspect` is the custom-domain address; on Stytch's API \
     hosts the documented path is under `/v1/public/{project_id}`",
)];

/// The spec's path for a declared path, and the declared fields the spec does not list.
fn spec_path(declared: &'static str) -> (&'static str, &'static [&'static str]) {
    DOCUMENTED_PATHS
        .iter()
        .find(|(ours, ..)| *ours == declared)
        .map_or((declared, &[]), |(_, spec, extra, _)| (*spec, *extra))
}

fn declared_fields(info: &EndpointInfo) -> FieldLines {
    let (_, extra) = spec_path(info.path);
    let mut fields: FieldLines = info
        .fields
        .iter()
        .map(|f| {
            let required = if f.required { "required" } else { "optional" };
            match f.location {
                FieldLocation::Path => format!("path {} {required}", f.name),
                FieldLocation::Query => format!("query {} {required}", f.name),
                FieldLocation::Body => format!("body {} {required}", f.name),
                FieldLocation::Header(header) => format!("header {header} {required}"),
            }
        })
        .filter(|line| !extra.contains(&line.as_str()))
        .collect();
    fields.sort();
    fields
}

fn method_str(method: Method) -> &'static str {
    method.as_str()
}

/// Differences between a declaration and its spec entry, one line each.
fn differences(spec: &SpecEndpoint, info: &EndpointInfo) -> Vec<String> {
    let mut out = Vec::new();
    let chain: Vec<&str> = info.service_chain().collect();
    if info.vertical() != spec.vertical || chain != spec.chain || info.name != spec.method {
        out.push(format!(
            "  accessor: declared {}.{}.{}, spec {}.{}.{}",
            info.vertical(),
            chain.join("."),
            info.name,
            spec.vertical,
            spec.chain.join("."),
            spec.method
        ));
    }
    if (info.host == Host::Fraud) != spec.fraud {
        out.push(format!(
            "  host: declared {:?}, spec fraud={}",
            info.host, spec.fraud
        ));
    }
    let declared = declared_fields(info);
    for line in spec.fields.iter().filter(|l| !declared.contains(l)) {
        out.push(format!("  - {line}   (in the spec, not declared)"));
    }
    for line in declared.iter().filter(|l| !spec.fields.contains(l)) {
        out.push(format!("  + {line}   (declared, not in the spec)"));
    }
    out
}

/// Checks every declared endpoint of `vertical`, and, when `complete`, that none is missing.
fn check(vertical: &str, complete: bool) {
    let spec = spec();
    let by_key: BTreeMap<(String, String), &SpecEndpoint> = spec
        .iter()
        .filter(|e| e.vertical == vertical)
        .map(|e| ((e.http.clone(), e.path.clone()), e))
        .collect();
    let declared: Vec<&EndpointInfo> = stytch::catalogue::endpoints()
        .filter(|e| e.vertical() == vertical)
        .collect();
    let mut report = Vec::new();
    for info in &declared {
        let key = (
            method_str(info.method).to_owned(),
            spec_path(info.path).0.to_owned(),
        );
        match by_key.get(&key) {
            None => report.push(format!(
                "{} {} ({}): not in the spec",
                key.0, key.1, info.request
            )),
            Some(spec) => {
                let diff = differences(spec, info);
                if !diff.is_empty() {
                    report.push(format!("{} {}:\n{}", key.0, key.1, diff.join("\n")));
                }
            }
        }
    }
    if complete {
        for endpoint in spec
            .iter()
            .filter(|e| e.vertical == vertical && !e.hand_written)
        {
            let found = declared.iter().any(|i| {
                method_str(i.method) == endpoint.http && spec_path(i.path).0 == endpoint.path
            });
            if !found {
                report.push(format!(
                    "{} {} ({}.{}): in the spec, not declared",
                    endpoint.http,
                    endpoint.path,
                    endpoint.chain.join("."),
                    endpoint.method
                ));
            }
        }
    }
    assert!(
        report.is_empty(),
        "{vertical} endpoints differ from the spec:\n{}",
        report.join("\n")
    );
}

#[test]
fn declared_consumer_endpoints_match_the_spec() {
    check("consumer", false);
}

#[test]
fn declared_b2b_endpoints_match_the_spec() {
    check("b2b", false);
}

#[test]
fn every_b2b_endpoint_is_declared() {
    check("b2b", true);
}

#[test]
fn the_password_reset_slice_is_declared() {
    let declared: Vec<(&str, &str)> = stytch::catalogue::endpoints()
        .map(|e| (e.module, e.name))
        .collect();
    for (module, name) in [
        ("stytch::consumer::passwords::email", "reset_start"),
        ("stytch::consumer::passwords::email", "reset"),
        ("stytch::consumer::passwords::existing_password", "reset"),
        ("stytch::consumer::passwords::sessions", "reset"),
        ("stytch::b2b::passwords::email", "reset_start"),
        ("stytch::b2b::passwords::email", "reset"),
        ("stytch::b2b::passwords::existing_password", "reset"),
        ("stytch::b2b::passwords::sessions", "reset"),
        ("stytch::b2b::rbac", "policy"),
    ] {
        assert!(
            declared.contains(&(module, name)),
            "{module}::{name} is not declared"
        );
    }
}

#[test]
fn a_mismatch_is_reported() {
    // The checker itself: a declaration compared with a spec entry that differs in one field.
    let info = stytch::catalogue::endpoints()
        .find(|e| e.path == "/v1/passwords/session/reset")
        .unwrap();
    let mut spec = spec()
        .into_iter()
        .find(|e| e.path == "/v1/passwords/session/reset")
        .unwrap();
    assert!(differences(&spec, info).is_empty());
    spec.fields.retain(|f| f != "body password required");
    spec.fields.push("query password required".into());
    let diff = differences(&spec, info);
    assert_eq!(diff.len(), 2, "{diff:?}");
}

#[test]
fn every_consumer_endpoint_is_declared() {
    check("consumer", true);
}
