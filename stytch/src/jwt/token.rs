//! Parsing and checking one JWT: structure, algorithm, signature, registered claims.
//!
//! Fail-closed throughout: anything unexpected is a [`TokenError`], never a pass.

use crate::crypto::Rs256Key;
use crate::{TokenError, TokenType};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Longer tokens are refused before any decoding work.
const MAX_TOKEN_LEN: usize = 16 * 1024;

/// A token split and decoded, its signature not yet checked.
pub(crate) struct UnverifiedJwt<'a> {
    pub(crate) kid: String,
    signing_input: &'a str,
    signature: Vec<u8>,
    payload: Vec<u8>,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    kid: Option<String>,
}

pub(crate) fn parse(token: &str) -> Result<UnverifiedJwt<'_>, TokenError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(TokenError::Malformed("too long"));
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed("not three parts"));
    };
    let header: Header = serde_json::from_slice(&decode_part(header, "header")?)
        .map_err(|_| TokenError::Malformed("header is not a JWT header"))?;
    if header.alg != "RS256" {
        return Err(TokenError::UnsupportedAlgorithm(header.alg));
    }
    let kid = header
        .kid
        .filter(|k| !k.is_empty())
        .ok_or(TokenError::Malformed("no key id"))?;
    let signature = decode_part(signature, "signature")?;
    let payload = decode_part(payload, "payload")?;
    let signing_input = token.rfind('.').map_or(token, |dot| &token[..dot]);
    Ok(UnverifiedJwt {
        kid,
        signing_input,
        signature,
        payload,
    })
}

fn decode_part(part: &str, what: &'static str) -> Result<Vec<u8>, TokenError> {
    if part.is_empty() {
        return Err(TokenError::Malformed(what));
    }
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| TokenError::Malformed(what))
}

/// An RSA public key from the JWKS, ready for verification.
pub(crate) struct RsaKey(Rs256Key);

impl RsaKey {
    /// Accepts only RSA signing keys meant for RS256.
    pub(crate) fn from_jwk(jwk: &crate::models::Jwk) -> Option<RsaKey> {
        let usable = jwk.kty == "RSA"
            && (jwk.alg.is_empty() || jwk.alg == "RS256")
            && (jwk.r#use.is_empty() || jwk.r#use == "sig");
        if !usable {
            return None;
        }
        let n = URL_SAFE_NO_PAD.decode(&jwk.n).ok()?;
        let e = URL_SAFE_NO_PAD.decode(&jwk.e).ok()?;
        Rs256Key::new(n, e).map(RsaKey)
    }
}

impl UnverifiedJwt<'_> {
    /// Checks the signature; on success the payload can be trusted.
    pub(crate) fn verify(self, key: &RsaKey) -> Result<Map<String, Value>, TokenError> {
        if !key.0.verify(self.signing_input.as_bytes(), &self.signature) {
            return Err(TokenError::BadSignature);
        }
        match serde_json::from_slice(&self.payload) {
            Ok(Value::Object(claims)) => Ok(claims),
            _ => Err(TokenError::Malformed("payload is not a JSON object")),
        }
    }
}

/// The claim that makes a token a session JWT.
pub(crate) const SESSION_CLAIM: &str = "https://stytch.com/session";
/// The organization of a B2B session JWT or connected-app access token.
pub(crate) const ORGANIZATION_CLAIM: &str = "https://stytch.com/organization";

/// Refuses a verified token of another kind than `expected`. It runs before the registered
/// claims are checked, so that a genuine token of the wrong kind fails as such, whatever its
/// age: an hour-old M2M token is never "too old" for the session path, and never reaches the
/// sessions endpoint.
///
/// - A session JWT carries the `https://stytch.com/session` claim; access tokens never do.
/// - An M2M access token has a `scope` string and no organization; its `client_id`, if it
///   carries one, is its `sub`.
/// - A connected-app access token has a `scope` string and names the connected app in
///   `client_id`, while `sub` is the user or member it acts for.
pub(crate) fn check_type(
    claims: &Map<String, Value>,
    expected: TokenType,
) -> Result<(), TokenError> {
    let session = claims.contains_key(SESSION_CLAIM);
    let scoped = matches!(claims.get("scope"), Some(Value::String(_)));
    let client_id = claims.get("client_id");
    let matches = match expected {
        TokenType::SessionJwt => session,
        TokenType::M2mAccessToken => {
            !session
                && scoped
                && !claims.contains_key(ORGANIZATION_CLAIM)
                && client_id.is_none_or(|id| Some(id) == claims.get("sub"))
        }
        TokenType::ConnectedAppAccessToken => {
            !session
                && scoped
                && client_id.and_then(Value::as_str).is_some_and(|id| {
                    !id.is_empty() && Some(id) != claims.get("sub").and_then(Value::as_str)
                })
        }
    };
    if matches {
        Ok(())
    } else {
        Err(TokenError::WrongTokenType { expected })
    }
}

/// What the registered claims must satisfy.
pub(crate) struct ClaimsPolicy<'a> {
    pub(crate) project_id: &'a str,
    /// `stytch.com/{project_id}`, and the custom base URL when one is configured.
    pub(crate) issuers: &'a [String],
    pub(crate) leeway: Duration,
    pub(crate) max_age: Option<Duration>,
    pub(crate) now: SystemTime,
}

/// The registered claims this SDK reads; they are removed from the map it is given.
pub(crate) struct Registered {
    pub(crate) sub: String,
    pub(crate) iss: String,
    pub(crate) aud: Vec<String>,
    pub(crate) iat: i64,
    pub(crate) exp: i64,
}

pub(crate) const REGISTERED_CLAIMS: [&str; 7] = ["iss", "aud", "sub", "exp", "nbf", "iat", "jti"];

impl ClaimsPolicy<'_> {
    /// Checks issuer, audience and times; `TooOld` is reported last, so that any other
    /// failure wins over it.
    pub(crate) fn check(&self, claims: &mut Map<String, Value>) -> Result<Registered, TokenError> {
        let iss = claims
            .get("iss")
            .and_then(Value::as_str)
            .ok_or(TokenError::Malformed("iss"))?;
        if !self.issuers.iter().any(|allowed| allowed == iss) {
            return Err(TokenError::WrongIssuer(iss.to_owned()));
        }
        let audience_ok = match claims.get("aud") {
            Some(Value::String(aud)) => aud == self.project_id,
            Some(Value::Array(auds)) => auds.iter().any(|a| a.as_str() == Some(self.project_id)),
            _ => false,
        };
        if !audience_ok {
            return Err(TokenError::WrongAudience);
        }
        let now = unix_seconds(self.now);
        let leeway = i64::try_from(self.leeway.as_secs()).unwrap_or(i64::MAX);
        let exp = numeric(claims, "exp")?.ok_or(TokenError::Malformed("exp"))?;
        if now >= exp.saturating_add(leeway) {
            return Err(TokenError::Expired);
        }
        if let Some(nbf) = numeric(claims, "nbf")? {
            if now.saturating_add(leeway) < nbf {
                return Err(TokenError::NotYetValid);
            }
        }
        let iat = numeric(claims, "iat")?.ok_or(TokenError::Malformed("iat"))?;
        if iat > now.saturating_add(leeway) {
            return Err(TokenError::IssuedInFuture);
        }
        let sub = claims
            .get("sub")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .ok_or(TokenError::Malformed("sub"))?
            .to_owned();
        if let Some(max_age) = self.max_age {
            let max_age = i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX);
            if now.saturating_sub(iat) > max_age {
                return Err(TokenError::TooOld);
            }
        }
        let aud = match claims.get("aud") {
            Some(Value::Array(auds)) => auds
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            Some(Value::String(aud)) => vec![aud.clone()],
            _ => Vec::new(),
        };
        let iss = iss.to_owned();
        for name in REGISTERED_CLAIMS {
            claims.remove(name);
        }
        Ok(Registered {
            sub,
            iss,
            aud,
            iat,
            exp,
        })
    }
}

/// A NumericDate claim as whole seconds; fractions are dropped, absurd values refused.
fn numeric(claims: &Map<String, Value>, name: &'static str) -> Result<Option<i64>, TokenError> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => {
            let seconds = n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 1e15)
                    .map(|f| f.floor() as i64)
            });
            seconds.map(Some).ok_or(TokenError::Malformed(name))
        }
        Some(_) => Err(TokenError::Malformed(name)),
    }
}

pub(crate) fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn policy(now: i64) -> (Vec<String>, SystemTime) {
        (
            vec!["stytch.com/project-test-1".to_owned()],
            if now >= 0 {
                UNIX_EPOCH + Duration::from_secs(now as u64)
            } else {
                UNIX_EPOCH - Duration::from_secs(now.unsigned_abs())
            },
        )
    }

    fn check(claims: Value, now: i64, max_age: Option<u64>) -> Result<Registered, TokenError> {
        let (issuers, now) = policy(now);
        let policy = ClaimsPolicy {
            project_id: "project-test-1",
            issuers: &issuers,
            leeway: Duration::from_secs(10),
            max_age: max_age.map(Duration::from_secs),
            now,
        };
        let Value::Object(mut map) = claims else {
            unreachable!()
        };
        policy.check(&mut map)
    }

    fn good() -> Value {
        json!({"iss": "stytch.com/project-test-1", "aud": ["project-test-1"], "sub": "user-test-1",
               "iat": 1_000, "nbf": 1_000, "exp": 1_300})
    }

    /// The registered claims of an accepted token, as `(sub, aud, iat, exp)`.
    fn accepted(claims: Value, now: i64, max_age: Option<u64>) -> (String, Vec<String>, i64, i64) {
        let claims = check(claims, now, max_age).expect("accepted");
        (claims.sub, claims.aud, claims.iat, claims.exp)
    }

    fn good_accepted() -> (String, Vec<String>, i64, i64) {
        (
            "user-test-1".into(),
            vec!["project-test-1".into()],
            1_000,
            1_300,
        )
    }

    #[test]
    fn times_are_checked_with_leeway() {
        assert_eq!(accepted(good(), 1_100, None), good_accepted());
        assert_eq!(
            accepted(good(), 1_305, None),
            good_accepted(),
            "within leeway after exp"
        );
        assert_eq!(check(good(), 1_310, None).err(), Some(TokenError::Expired));
        assert_eq!(
            check(good(), 980, None).err(),
            Some(TokenError::NotYetValid)
        );
        let mut future = good();
        future["nbf"] = json!(null);
        assert_eq!(
            check(future, 980, None).err(),
            Some(TokenError::IssuedInFuture)
        );
    }

    #[test]
    fn extreme_values_do_not_overflow() {
        let mut claims = good();
        claims["exp"] = json!(i64::MAX);
        claims["iat"] = json!(i64::MIN);
        claims["nbf"] = json!(i64::MIN);
        assert_eq!(
            check(claims.clone(), 1_100, Some(300)).err(),
            Some(TokenError::TooOld)
        );
        let (_, _, iat, exp) = accepted(claims, 1_100, None);
        assert_eq!((iat, exp), (i64::MIN, i64::MAX));
        let mut far = good();
        far["exp"] = json!(1e300);
        assert_eq!(
            check(far, 1_100, None).err(),
            Some(TokenError::Malformed("exp"))
        );
        assert_eq!(
            check(good(), -(1 << 40), None).err(),
            Some(TokenError::NotYetValid)
        );
    }

    #[test]
    fn issuer_and_audience_must_match() {
        let mut claims = good();
        claims["iss"] = json!("stytch.com/project-test-2");
        assert!(matches!(
            check(claims, 1_100, None),
            Err(TokenError::WrongIssuer(_))
        ));
        let mut claims = good();
        claims["aud"] = json!("project-test-1");
        assert_eq!(
            accepted(claims, 1_100, None),
            good_accepted(),
            "a single string audience"
        );
        let mut claims = good();
        claims["aud"] = json!(["project-test-2"]);
        assert_eq!(
            check(claims, 1_100, None).err(),
            Some(TokenError::WrongAudience)
        );
        let mut claims = good();
        claims.as_object_mut().unwrap().remove("aud");
        assert_eq!(
            check(claims, 1_100, None).err(),
            Some(TokenError::WrongAudience)
        );
    }

    #[test]
    fn max_age_applies_to_iat() {
        assert_eq!(accepted(good(), 1_200, Some(300)), good_accepted());
        assert_eq!(
            check(good(), 1_200, Some(60)).err(),
            Some(TokenError::TooOld)
        );
    }

    #[test]
    fn malformed_tokens_are_refused() {
        for token in ["", "a.b", "a.b.c.d", "..", "e30.e30.", "!!!.e30.c2ln"] {
            assert!(
                matches!(parse(token), Err(TokenError::Malformed(_))),
                "{token:?}"
            );
        }
        let none = format!(
            "{}.e30.c2ln",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"k"}"#)
        );
        assert!(matches!(parse(&none), Err(TokenError::UnsupportedAlgorithm(a)) if a == "none"));
        let no_kid = format!("{}.e30.c2ln", URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256"}"#));
        assert!(matches!(
            parse(&no_kid),
            Err(TokenError::Malformed("no key id"))
        ));
        assert!(matches!(
            parse(&"a".repeat(MAX_TOKEN_LEN + 1)),
            Err(TokenError::Malformed("too long"))
        ));
    }

    /// The signing and verifying sides of the crypto backend agree (run under each backend).
    #[cfg(feature = "testing")]
    #[test]
    fn signatures_round_trip_through_the_crypto_backend() {
        use crate::testing::{TestKey, TestKeys};
        let keys = TestKeys::new();
        let primary = RsaKey::from_jwk(&keys.jwks()[0]).expect("the test key is an RS256 key");
        let token = keys.session("project-test-1", "user-test-1").sign();

        let claims = parse(&token).and_then(|jwt| jwt.verify(&primary));
        assert_eq!(claims.expect("a valid signature")["sub"], "user-test-1");

        let header = json!({"alg": "RS256", "kid": TestKey::Primary.kid()});
        let other_key = keys.sign_raw(TestKey::Rotated, &header, &good());
        let verdict = parse(&other_key).and_then(|jwt| jwt.verify(&primary));
        assert_eq!(verdict.err(), Some(TokenError::BadSignature));

        let (signed, _) = token.rsplit_once('.').expect("three parts");
        let forged = format!("{signed}.{}", URL_SAFE_NO_PAD.encode([7u8; 256]));
        let verdict = parse(&forged).and_then(|jwt| jwt.verify(&primary));
        assert_eq!(verdict.err(), Some(TokenError::BadSignature));
    }
}
