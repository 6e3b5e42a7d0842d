//! Every declared endpoint, called as an application calls it (the client method's positional
//! arguments, then a setter for each optional field) with a distinct value per field derived
//! from the field's name: each value must arrive under its own wire key and in its own place
//! (path segment, query, JSON or form body, header).
//!
//! Tests that compare key sets cannot see two fields swapped; this one can. The expected name
//! of each positional argument comes from the spec's order of required fields
//! (`../shared/api/stytch-api.json`), so a declaration that lists two required fields in the
//! wrong order, and so sends each caller's argument under the other's key, is caught as well.
//! Models get every member the spec lists, each with a value of its own, and must arrive with
//! each under its own member. Strings (and open enums, which keep any string) are
//! `{field}-value`, or `{field}.{member}` inside a model; numbers are distinct; booleans can
//! only be `true`.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use stytch::__private::{probe_entries, ProbeEntry, ProbeSlot};
use stytch::catalogue::{BodyFormat, EndpointInfo, FieldLocation, Method};
use stytch_tests::{MockServer, Recorded, PROJECT_ID};

/// The spec's endpoints and types.
struct Spec {
    endpoints: Vec<Value>,
    /// Types (requests and models) by their `ref`, e.g. `consumer::users::Name`.
    types: BTreeMap<String, Value>,
}

impl Spec {
    fn load() -> Spec {
        let spec = stytch_tests::api_spec();
        let types = spec["types"]
            .as_array()
            .expect("types")
            .iter()
            .map(|t| (t["ref"].as_str().unwrap().to_owned(), t.clone()))
            .collect();
        Spec {
            endpoints: spec["endpoints"].as_array().expect("endpoints").clone(),
            types,
        }
    }

    /// The spec's entry for a declared endpoint, found by its accessor chain and method name.
    fn endpoint(&self, info: &EndpointInfo) -> Option<&Value> {
        let chain: Vec<&str> = info.service_chain().collect();
        self.endpoints.iter().find(|e| {
            e["vertical"] == info.vertical()
                && e["method"] == info.name
                && e["service"].as_array().is_some_and(|s| s == &chain)
        })
    }

    /// A JSON object for the model type of `field`, every member the spec lists set to a value
    /// of its own (`{field}.{member}` for strings and enums, distinct numbers, `true`), or
    /// `None` when the spec does not name a type for the field.
    fn model_object(&self, endpoint: &Value, field: &str) -> Option<Value> {
        let request = self.types.get(endpoint["request_type_ref"].as_str()?)?;
        let member = request["fields"]
            .as_array()?
            .iter()
            .find(|f| f["name"] == field)?;
        let model = self.types.get(member["type_refs"][0].as_str()?)?;
        Some(self.fill(model, field, &mut 2001))
    }

    fn fill(&self, model: &Value, path: &str, numbers: &mut u64) -> Value {
        let mut object = Map::new();
        for member in model["fields"].as_array().into_iter().flatten() {
            let wire = member["wire_name"]
                .as_str()
                .or(member["name"].as_str())
                .unwrap_or_default();
            let marker = json!(format!("{path}.{wire}"));
            let nested = member["type_refs"][0]
                .as_str()
                .and_then(|r| self.types.get(r));
            let rust_type = member["rust_type"].as_str().unwrap_or_default();
            let inner = rust_type
                .strip_prefix("std::option::Option<")
                .and_then(|t| t.strip_suffix('>'))
                .unwrap_or(rust_type);
            let value = match (inner, nested) {
                (_, Some(model)) if inner.starts_with("std::vec::Vec<") => {
                    json!([self.fill(model, &format!("{path}.{wire}"), numbers)])
                }
                (_, Some(model)) => self.fill(model, &format!("{path}.{wire}"), numbers),
                ("bool", _) => json!(true),
                ("i32" | "i64" | "u32" | "u64", _) => {
                    *numbers += 1;
                    json!(*numbers)
                }
                ("std::vec::Vec<String>" | "std::vec::Vec<serde_json::Value>", _) => {
                    json!([marker])
                }
                // Timestamps and other types: left out, so they arrive as defaults.
                (t, _) if t.contains("DateTime") => continue,
                // Strings, and enums (whose `Unknown` variant keeps any string).
                _ => marker,
            };
            object.insert(wire.to_owned(), value);
        }
        Value::Object(object)
    }
}

/// What should arrive for one field: under `key`, at `location`.
#[derive(Clone, Debug)]
struct Expected {
    key: String,
    location: FieldLocation,
    value: Value,
    /// The value was read into a `#[model]` struct, which sends defaults for the members it
    /// was not given: see [`model_problem`].
    model: bool,
}

/// Offers each field of one endpoint a value derived from the name it should arrive under,
/// and remembers what it offered.
struct Source<'a> {
    spec: &'a Spec,
    spec_endpoint: Option<&'a Value>,
    info: &'static EndpointInfo,
    /// The spec's required fields, in order: the client method's arguments.
    arguments: Vec<String>,
    /// Every value offered: the slot, the name the value stands for, the value.
    offered: Vec<(ProbeSlot, String, Value)>,
    problems: Vec<String>,
}

impl<'a> Source<'a> {
    fn new(spec: &'a Spec, info: &'static EndpointInfo) -> Source<'a> {
        let spec_endpoint = spec.endpoint(info);
        let arguments = spec_endpoint
            .and_then(|e| e["fields"].as_array())
            .map(|fields| {
                fields
                    .iter()
                    .filter(|f| f["required"] == true && f["in"] != "local")
                    .map(|f| f["name"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let mut problems = Vec::new();
        if spec_endpoint.is_none() {
            problems.push("not in the spec: no argument order to hold it to".to_owned());
        }
        Source {
            spec,
            spec_endpoint,
            info,
            arguments,
            offered: Vec::new(),
            problems,
        }
    }

    fn offer(&mut self, slot: ProbeSlot) -> Option<Value> {
        let name = match slot.argument {
            Some(position) => match self.arguments.get(position) {
                Some(name) => {
                    if slot.attempt == 0 && name != slot.field {
                        self.problems.push(format!(
                            "argument {position} is declared as `{}`; the spec's is `{name}`",
                            slot.field
                        ));
                    }
                    name.clone()
                }
                None => {
                    if slot.attempt == 0 {
                        self.problems.push(format!(
                            "argument {position} (`{}`) is not a required field in the spec",
                            slot.field
                        ));
                    }
                    slot.field.to_owned()
                }
            },
            None => slot.field.to_owned(),
        };
        let value = self
            .candidates(&name, slot.rust_type)
            .into_iter()
            .nth(slot.attempt as usize)?;
        self.offered.push((slot, name, value.clone()));
        Some(value)
    }

    /// Values for the field that should arrive as `name`, most specific first; the probe
    /// takes the first one its type accepts.
    fn candidates(&self, name: &str, rust_type: &str) -> Vec<Value> {
        let text = format!("{name}-value");
        if rust_type == std::any::type_name::<Value>() {
            return vec![json!({ "probe": text })];
        }
        let number = 1001
            + self
                .info
                .fields
                .iter()
                .position(|f| f.name == name)
                .unwrap_or(99);
        // For a model: the spec's members, or all but one of them where the SDK types one
        // more precisely than the spec (search operands are filters, not any JSON).
        let full = self
            .spec_endpoint
            .and_then(|e| self.spec.model_object(e, name))
            .unwrap_or_else(|| json!({}));
        let mut models = vec![full.clone()];
        for left_out in full.as_object().into_iter().flat_map(|m| m.keys()) {
            let mut fewer = full.clone();
            fewer.as_object_mut().unwrap().remove(left_out);
            models.push(fewer);
        }
        models.push(json!({}));
        let mut candidates = vec![
            json!(text),
            json!(number),
            json!(true),
            json!([format!("{text}-1"), format!("{text}-2")]),
        ];
        candidates.extend(models.iter().cloned());
        candidates.extend(models.into_iter().map(|model| json!([model])));
        candidates
    }

    /// What each field should carry, once the call is built: the last value offered for a
    /// field is the one its type took.
    fn expected(&mut self) -> Vec<Expected> {
        let mut expected = Vec::new();
        for field in self.info.fields {
            let Some((slot, name, value)) = self
                .offered
                .iter()
                .rev()
                .find(|(s, ..)| s.field == field.name)
            else {
                // Only the client fills a field itself: the project id.
                if field.name == "project_id" && field.required {
                    expected.push(Expected {
                        key: field.name.to_owned(),
                        location: field.location,
                        value: json!(PROJECT_ID),
                        model: false,
                    });
                } else {
                    self.problems
                        .push(format!("`{}` was never asked for a value", field.name));
                }
                continue;
            };
            let Some(target) = self.info.fields.iter().find(|f| f.name == name.as_str()) else {
                self.problems.push(format!(
                    "`{name}` (given to `{}`) is not a declared field",
                    field.name
                ));
                continue;
            };
            // Read into a `#[model]` struct (a `serde_json::Value` keeps any JSON as it is).
            let model = slot.rust_type != std::any::type_name::<Value>()
                && match value {
                    Value::Object(_) => true,
                    Value::Array(items) => items.first().is_some_and(Value::is_object),
                    _ => false,
                };
            expected.push(Expected {
                key: name.clone(),
                location: target.location,
                value: value.clone(),
                model,
            });
        }
        self.problems.extend(duplicate_texts(&expected));
        expected
    }
}

/// Two fields given the same text could be swapped unseen.
fn duplicate_texts(expected: &[Expected]) -> Vec<String> {
    let mut seen = BTreeMap::new();
    let mut problems = Vec::new();
    for e in expected {
        let mut texts = Vec::new();
        string_leaves(&e.value, &mut texts);
        for text in texts {
            if let Some(other) = seen.insert(text.clone(), e.key.clone()) {
                problems.push(format!(
                    "`{other}` and `{}` were both given {text:?}",
                    e.key
                ));
            }
        }
    }
    problems
}

fn string_leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if !s.is_empty() => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| string_leaves(v, out)),
        Value::Object(members) => members.values().for_each(|v| string_leaves(v, out)),
        _ => {}
    }
}

/// A value as it reads in a path segment, query string, form body or header.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where `request` differs from what `expected` says each field should carry.
fn check(info: &EndpointInfo, expected: &[Expected], request: &Recorded) -> Vec<String> {
    let mut problems = Vec::new();
    if request.method != info.method.as_str() {
        problems.push(format!("sent as {}", request.method));
    }
    let at = |location: FieldLocation| expected.iter().filter(move |e| e.location == location);

    let template: Vec<&str> = info.path.split('/').collect();
    let segments: Vec<String> = request.path().split('/').map(percent_decode).collect();
    if template.len() == segments.len() {
        for (piece, segment) in template.iter().zip(&segments) {
            let want = match piece.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                Some(name) => match at(FieldLocation::Path).find(|e| e.key == name) {
                    Some(e) => as_text(&e.value),
                    None => format!("the value of `{name}`"),
                },
                None => (*piece).to_owned(),
            };
            if *segment != want {
                problems.push(format!("path segment {segment:?} where {want:?} belongs"));
            }
        }
    } else {
        problems.push(format!(
            "path {} does not fit {}",
            request.path(),
            info.path
        ));
    }

    let query = form_urlencoded::parse(request.query().unwrap_or_default().as_bytes())
        .into_owned()
        .collect::<Vec<_>>();
    compare_pairs("query", at(FieldLocation::Query), &query, &mut problems);

    match (info.method, info.body) {
        (Method::Get | Method::Delete, _) => {
            if !request.body.is_empty() {
                problems.push("a body on a request that has none".to_owned());
            }
        }
        (_, BodyFormat::Form) => compare_pairs(
            "form body",
            at(FieldLocation::Body),
            &request.form(),
            &mut problems,
        ),
        (_, BodyFormat::Json) => compare_json(at(FieldLocation::Body), request, &mut problems),
    }

    for e in expected {
        if let FieldLocation::Header(header) = e.location {
            let want = as_text(&e.value);
            if request.header(header) != Some(want.as_str()) {
                problems.push(format!(
                    "header {header}: {:?} where {want:?} belongs",
                    request.header(header)
                ));
            }
        }
    }
    problems
}

fn compare_pairs<'e>(
    place: &str,
    expected: impl Iterator<Item = &'e Expected>,
    pairs: &[(String, String)],
    problems: &mut Vec<String>,
) {
    let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (key, value) in pairs {
        by_key.entry(key).or_default().push(value);
    }
    for e in expected {
        let want: Vec<String> = match &e.value {
            Value::Array(items) => items.iter().map(as_text).collect(),
            other => vec![as_text(other)],
        };
        let got = by_key.remove(e.key.as_str()).unwrap_or_default();
        if got != want {
            problems.push(format!(
                "{place} `{}`: {got:?} where {want:?} belongs",
                e.key
            ));
        }
    }
    for key in by_key.keys() {
        problems.push(format!(
            "{place} has `{key}`, which is no field of this place"
        ));
    }
}

fn compare_json<'e>(
    expected: impl Iterator<Item = &'e Expected>,
    request: &Recorded,
    problems: &mut Vec<String>,
) {
    let Ok(Value::Object(mut body)) = serde_json::from_slice::<Value>(&request.body) else {
        problems.push("the body is not a JSON object".to_owned());
        return;
    };
    for e in expected {
        let Some(got) = body.remove(&e.key) else {
            problems.push(format!("body `{}` is missing", e.key));
            continue;
        };
        if e.model {
            problems.extend(model_problem(e, &got));
        } else if got != e.value {
            problems.push(format!("body `{}`: {got} where {} belongs", e.key, e.value));
        }
    }
    for key in body.keys() {
        problems.push(format!("body has `{key}`, which is no body field"));
    }
}

/// A model arrives with defaults for the members that were not set (`0`, `false`, `""`,
/// `[]`), so it must hold every member that was sent, as sent, and no other non-empty string.
fn model_problem(e: &Expected, got: &Value) -> Option<String> {
    if !holds(&e.value, got) {
        return Some(format!("body `{}`: {got} where {} belongs", e.key, e.value));
    }
    let (mut sent, mut arrived) = (Vec::new(), Vec::new());
    string_leaves(&e.value, &mut sent);
    string_leaves(got, &mut arrived);
    arrived.retain(|s| !sent.contains(s));
    (!arrived.is_empty()).then(|| format!("body `{}` also carries {arrived:?}", e.key))
}

/// Whether `got` has every member of `sent` with the same value (arrays item by item).
fn holds(sent: &Value, got: &Value) -> bool {
    match (sent, got) {
        (Value::Object(sent), Value::Object(got)) => sent
            .iter()
            .all(|(key, value)| got.get(key).is_some_and(|g| holds(value, g))),
        (Value::Array(sent), Value::Array(got)) => {
            sent.len() == got.len() && sent.iter().zip(got).all(|(s, g)| holds(s, g))
        }
        _ => sent == got,
    }
}

/// Builds and sends one endpoint's call through `client`'s services; returns what should have
/// arrived, the request as it arrived, and the problems found before looking at it.
async fn probe(
    spec: &Spec,
    entry: &ProbeEntry,
    server: &MockServer,
) -> (Vec<Expected>, Option<Recorded>, Vec<String>) {
    let info = entry.info;
    let mut source = Source::new(spec, info);
    let sent_before = server.requests().len();
    let consumer = server.consumer_client();
    let b2b = server.b2b_client();
    let built = {
        let mut offer = |slot| source.offer(slot);
        match info.vertical() {
            "b2b" => entry.build(&b2b.sessions(), &mut offer),
            _ => entry.build(&consumer.sessions(), &mut offer),
        }
    };
    let sent = match built {
        Ok(sending) => sending.await,
        Err(error) => Err(error),
    };
    let expected = source.expected();
    let mut problems = source.problems;
    if let Err(error) = sent {
        problems.push(format!("the call failed: {error}"));
    }
    let requests = server.requests();
    let request = match &requests[sent_before..] {
        [one] => Some(one.clone()),
        other => {
            problems.push(format!("{} requests arrived, not one", other.len()));
            None
        }
    };
    (expected, request, problems)
}

fn entry_for(path: &str, method: Method) -> &'static ProbeEntry {
    probe_entries()
        .find(|e| e.info.path == path && e.info.method == method)
        .unwrap_or_else(|| panic!("{path} is declared"))
}

#[tokio::test]
async fn every_endpoint_sends_each_value_under_its_own_key_and_in_its_own_place() {
    let spec = Spec::load();
    let server = MockServer::confirming().await;
    let mut entries: Vec<&ProbeEntry> = probe_entries().collect();
    entries.sort_by_key(|e| (e.info.module, e.info.name));
    let mut report = Vec::new();
    for entry in &entries {
        let (expected, request, mut problems) = probe(&spec, entry, &server).await;
        if let Some(request) = request {
            problems.extend(check(entry.info, &expected, &request));
        }
        if !problems.is_empty() {
            let info = entry.info;
            report.push(format!(
                "{} {} ({}::{}):\n  {}",
                info.method.as_str(),
                info.path,
                info.module,
                info.name,
                problems.join("\n  ")
            ));
        }
    }
    assert!(
        report.is_empty(),
        "{} of {} endpoints put values in the wrong place:\n{}",
        report.len(),
        entries.len(),
        report.join("\n")
    );

    let mut catalogue: Vec<*const EndpointInfo> = stytch::catalogue::endpoints()
        .map(|e| e as *const _)
        .collect();
    let mut probed: Vec<*const EndpointInfo> = entries.iter().map(|e| e.info as *const _).collect();
    catalogue.sort();
    probed.sort();
    assert_eq!(
        probed, catalogue,
        "every catalogued endpoint is probed once"
    );
}

/// The checker itself, against the real request of an endpoint with several required strings.
mod checker {
    use super::*;

    const RESET: &str = "/v1/b2b/passwords/existing_password/reset";

    async fn reset() -> (Vec<Expected>, Recorded) {
        let server = MockServer::confirming().await;
        let (expected, request, problems) =
            probe(&Spec::load(), entry_for(RESET, Method::Post), &server).await;
        assert_eq!(problems, Vec::<String>::new());
        let request = request.expect("the reset was sent");
        assert_eq!(
            request.json()["email_address"],
            "email_address-value",
            "the first argument is the email address"
        );
        (expected, request)
    }

    fn with_body(request: &Recorded, edit: impl FnOnce(&mut Map<String, Value>)) -> Recorded {
        let mut body = request.json();
        edit(body.as_object_mut().unwrap());
        Recorded {
            body: body.to_string().into_bytes(),
            ..request.clone()
        }
    }

    fn info() -> &'static EndpointInfo {
        entry_for(RESET, Method::Post).info
    }

    #[tokio::test]
    async fn the_real_request_passes() {
        let (expected, request) = reset().await;
        assert_eq!(check(info(), &expected, &request), Vec::<String>::new());
    }

    #[tokio::test]
    async fn two_string_values_swapped_are_reported() {
        let (expected, request) = reset().await;
        let swapped = with_body(&request, |body| {
            let email = body["email_address"].take();
            body["email_address"] = body["existing_password"].take();
            body["existing_password"] = email;
        });
        let problems = check(info(), &expected, &swapped);
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].starts_with("body `email_address`"),
            "{problems:#?}"
        );
        assert!(
            problems[1].starts_with("body `existing_password`"),
            "{problems:#?}"
        );
    }

    /// What the probe sees of a declaration that lists `existing_password` before
    /// `email_address`: the spec's first argument lands in the wrong field.
    #[test]
    fn a_declaration_with_its_arguments_swapped_is_reported() {
        let spec = Spec::load();
        let mut source = Source::new(&spec, info());
        let first = ProbeSlot {
            field: "existing_password",
            argument: Some(0),
            rust_type: std::any::type_name::<String>(),
            attempt: 0,
        };
        let second = ProbeSlot {
            field: "email_address",
            argument: Some(1),
            ..first
        };
        let to_existing_password = source.offer(first).unwrap();
        let to_email_address = source.offer(second).unwrap();
        assert_eq!(to_existing_password, "email_address-value");
        assert_eq!(to_email_address, "existing_password-value");
        assert_eq!(
            source.problems,
            [
                "argument 0 is declared as `existing_password`; the spec's is `email_address`",
                "argument 1 is declared as `email_address`; the spec's is `existing_password`",
            ]
        );

        // On the wire, each field carries the value the declaration gave it.
        let expected: Vec<Expected> = source
            .offered
            .iter()
            .map(|(_, name, value)| Expected {
                key: name.clone(),
                location: FieldLocation::Body,
                value: value.clone(),
                model: false,
            })
            .collect();
        let swapped = Recorded {
            method: "POST".into(),
            target: RESET.into(),
            headers: Vec::new(),
            body: json!({
                "existing_password": to_existing_password,
                "email_address": to_email_address,
            })
            .to_string()
            .into_bytes(),
        };
        let problems = check(info(), &expected, &swapped);
        assert_eq!(problems.len(), 2, "{problems:#?}");
    }

    #[tokio::test]
    async fn a_value_in_another_place_is_reported() {
        let server = MockServer::confirming().await;
        let delete = entry_for(
            "/v1/b2b/organizations/{organization_id}/members/{member_id}",
            Method::Delete,
        );
        let (expected, request, problems) = probe(&Spec::load(), delete, &server).await;
        assert_eq!(problems, Vec::<String>::new());
        let request = request.unwrap();
        assert_eq!(
            check(delete.info, &expected, &request),
            Vec::<String>::new()
        );

        // The member id in the query instead of the path, the session header in the body.
        let moved = Recorded {
            target:
                "/v1/b2b/organizations/organization_id-value/members/x?member_id=member_id-value"
                    .into(),
            headers: request
                .headers
                .iter()
                .filter(|(name, _)| !name.eq_ignore_ascii_case("x-stytch-member-session"))
                .cloned()
                .collect(),
            ..request.clone()
        };
        let problems = check(delete.info, &expected, &moved);
        assert_eq!(
            problems,
            [
                "path segment \"x\" where \"member_id-value\" belongs",
                "query has `member_id`, which is no field of this place",
                "header X-Stytch-Member-Session: None where \"member_session_token-value\" belongs",
            ]
        );
    }

    #[test]
    fn a_model_with_values_lost_or_moved_is_reported() {
        let e = Expected {
            key: "attributes".into(),
            location: FieldLocation::Body,
            value: json!({"ip_address": "attributes.ip_address", "user_agent": "attributes.user_agent", "count": 2002}),
            model: true,
        };
        let with_defaults = json!({"ip_address": "attributes.ip_address",
            "user_agent": "attributes.user_agent", "count": 2002, "unset": "", "flag": false});
        assert_eq!(model_problem(&e, &with_defaults), None);
        for wrong in [
            json!({"ip_address": "attributes.ip_address", "user_agent": "", "count": 2002}),
            json!({"ip_address": "attributes.user_agent", "user_agent": "attributes.ip_address", "count": 2002}),
            json!({"ip_address": "attributes.ip_address", "user_agent": "attributes.user_agent", "count": 0}),
        ] {
            assert!(model_problem(&e, &wrong).is_some(), "{wrong}");
        }
        let foreign = json!({"ip_address": "attributes.ip_address",
            "user_agent": "attributes.user_agent", "count": 2002, "other": "options.other"});
        assert_eq!(
            model_problem(&e, &foreign),
            Some(r#"body `attributes` also carries ["options.other"]"#.into())
        );
    }
}
