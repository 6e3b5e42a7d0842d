//! Search endpoints' shared parts: the `query` (`operator` AND or OR over
//! `{filter_name, filter_value}` operands), and cursor pagination with `results_metadata`.
//!
//! Each search names its filters and the kind of value each takes; an unknown filter or a
//! value of the wrong kind is refused before anything is matched.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::errors::ApiError;
use crate::render;

/// The kind of value a filter takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A list of strings, any of which may match.
    Strings,
    /// One string.
    Text,
    Bool,
    /// An RFC 3339 timestamp.
    Time,
    /// `{"greater_than": time, "less_than": time}`.
    Range,
}

/// A search's filters and its error types.
pub struct Filters {
    pub filters: &'static [(&'static str, Kind)],
    pub unknown_filter: &'static str,
    pub invalid_cursor: &'static str,
    pub invalid_limit: &'static str,
}

/// One checked operand.
pub struct Operand {
    pub name: &'static str,
    pub value: Value,
}

impl Operand {
    pub fn strings(&self) -> Vec<&str> {
        self.value
            .as_array()
            .map(|items| items.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    pub fn text(&self) -> &str {
        self.value.as_str().unwrap_or("")
    }

    pub fn bool(&self) -> bool {
        self.value.as_bool().unwrap_or(false)
    }

    /// For `Time` filters the instant; for `Range` filters `(after, before)`.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        parse_time(&self.value)
    }

    pub fn range(&self) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        (
            self.value.get("greater_than").and_then(parse_time),
            self.value.get("less_than").and_then(parse_time),
        )
    }

    /// Whether any of the filter's strings equals `value` (case-insensitively).
    pub fn any_equals(&self, value: &str) -> bool {
        self.strings().iter().any(|s| s.eq_ignore_ascii_case(value))
    }

    /// Whether `value` contains the filter's text (case-insensitively).
    pub fn contained_in(&self, value: &str) -> bool {
        value.to_lowercase().contains(&self.text().to_lowercase())
    }
}

fn parse_time(value: &Value) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value.as_str()?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A checked query.
pub struct Query {
    any: bool,
    operands: Vec<Operand>,
}

impl Query {
    /// The operand with this filter name, if the query has one.
    pub fn operand(&self, name: &str) -> Option<&Operand> {
        self.operands.iter().find(|op| op.name == name)
    }

    /// Whether an object matches, given how it matches one operand.
    pub fn matches(&self, test: impl Fn(&Operand) -> bool) -> bool {
        if self.operands.is_empty() {
            return true;
        }
        if self.any {
            self.operands.iter().any(test)
        } else {
            self.operands.iter().all(test)
        }
    }
}

impl Filters {
    /// Checks a request's `query` (absent or `null`: match everything).
    pub fn parse(&self, query: Option<&Value>) -> Result<Query, ApiError> {
        let Some(query) = query.filter(|q| !q.is_null()) else {
            return Ok(Query {
                any: false,
                operands: Vec::new(),
            });
        };
        let any = match query.get("operator").and_then(Value::as_str) {
            Some("AND") => false,
            Some("OR") => true,
            _ => return Err(ApiError::bad_request("query.operator must be AND or OR.")),
        };
        let mut operands = Vec::new();
        for operand in query
            .get("operands")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            let given = operand
                .get("filter_name")
                .and_then(Value::as_str)
                .unwrap_or("");
            let Some((name, kind)) = self.filters.iter().find(|(n, _)| *n == given) else {
                return Err(ApiError::bad(
                    self.unknown_filter,
                    format!("The search filter {given:?} is not recognized."),
                ));
            };
            let value = operand.get("filter_value").cloned().unwrap_or(Value::Null);
            let fits = match kind {
                Kind::Strings => value
                    .as_array()
                    .is_some_and(|items| items.iter().all(Value::is_string)),
                Kind::Text => value.as_str().is_some_and(|s| !s.is_empty()),
                Kind::Bool => value.is_boolean(),
                Kind::Time => parse_time(&value).is_some(),
                Kind::Range => {
                    value.is_object()
                        && value
                            .get("greater_than")
                            .is_none_or(|v| parse_time(v).is_some())
                        && value
                            .get("less_than")
                            .is_none_or(|v| parse_time(v).is_some())
                }
            };
            if !fits {
                let expected = match kind {
                    Kind::Strings => "a list of strings",
                    Kind::Text => "a non-empty string",
                    Kind::Bool => "true or false",
                    Kind::Time => "an RFC 3339 timestamp",
                    Kind::Range => "an object with greater_than and less_than timestamps",
                };
                return Err(ApiError::bad_request(format!(
                    "The filter_value of {name} must be {expected}."
                )));
            }
            operands.push(Operand { name, value });
        }
        Ok(Query { any, operands })
    }

    /// One page of `items` (already matched and in a stable order) and its
    /// `results_metadata`. The cursor is opaque to callers; limit 0 or absent means 100.
    pub fn page<T>(
        &self,
        items: Vec<T>,
        cursor: Option<&str>,
        limit: Option<i64>,
    ) -> Result<(Vec<T>, Value), ApiError> {
        let limit = match limit.unwrap_or(0) {
            0 => 100,
            n @ 1..=1000 => n as usize,
            _ => {
                return Err(ApiError::bad(
                    self.invalid_limit,
                    "limit must be from 0 to 1000.",
                ))
            }
        };
        let start = match cursor.filter(|c| !c.is_empty()) {
            None => 0,
            Some(cursor) => decode_cursor(cursor).ok_or_else(|| {
                ApiError::bad(
                    self.invalid_cursor,
                    "The cursor is not one this search gave.",
                )
            })?,
        };
        let total = items.len();
        let page: Vec<T> = items.into_iter().skip(start).take(limit).collect();
        let end = start + page.len();
        let next = (end < total).then(|| URL_SAFE_NO_PAD.encode(format!("offset:{end}")));
        Ok((page, render::results_metadata(total, next)))
    }
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    text.strip_prefix("offset:")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILTERS: Filters = Filters {
        filters: &[
            ("ids", Kind::Strings),
            ("fuzzy", Kind::Text),
            ("flag", Kind::Bool),
        ],
        unknown_filter: "x_search_filter_name_not_recognized",
        invalid_cursor: "x_search_invalid_cursor",
        invalid_limit: "x_search_invalid_limit",
    };

    #[test]
    fn queries_are_checked_then_matched() {
        let q = FILTERS
            .parse(Some(&json!({ "operator": "OR", "operands": [
                { "filter_name": "ids", "filter_value": ["a"] },
                { "filter_name": "flag", "filter_value": true },
            ]})))
            .unwrap();
        assert!(q.matches(|op| op.name == "flag" && op.bool()));
        let unknown = json!({ "operator": "AND", "operands": [{ "filter_name": "nope", "filter_value": 1 }] });
        assert_eq!(
            FILTERS.parse(Some(&unknown)).err().unwrap().error_type,
            "x_search_filter_name_not_recognized"
        );
        let wrong = json!({ "operator": "AND", "operands": [{ "filter_name": "flag", "filter_value": "yes" }] });
        assert!(FILTERS.parse(Some(&wrong)).is_err());
        assert!(FILTERS.parse(Some(&json!({ "operator": "XOR" }))).is_err());
        assert!(FILTERS.parse(None).unwrap().matches(|_| false));
    }

    #[test]
    fn pages_follow_the_cursor_to_the_end() {
        let (first, meta) = FILTERS.page((0..5).collect(), None, Some(2)).unwrap();
        assert_eq!((first, meta["total"].clone()), (vec![0, 1], json!(5)));
        let cursor = meta["next_cursor"].as_str().unwrap().to_string();
        let (second, meta) = FILTERS
            .page((0..5).collect(), Some(&cursor), Some(2))
            .unwrap();
        assert_eq!(second, vec![2, 3]);
        let cursor = meta["next_cursor"].as_str().unwrap().to_string();
        let (last, meta) = FILTERS
            .page((0..5).collect(), Some(&cursor), Some(2))
            .unwrap();
        assert_eq!((last, meta["next_cursor"].clone()), (vec![4], Value::Null));
        assert!(FILTERS.page(vec![1], Some("garbage"), None).is_err());
        assert!(FILTERS.page(vec![1], None, Some(1001)).is_err());
    }
}
