//! Finding the token in a request: `Authorization: Bearer` or a cookie. Anything odd about
//! either (two `Authorization` headers, bytes that are not text, an oversized cookie header,
//! two different values for the cookie) is a refusal, never a guess.

use http::header::{AUTHORIZATION, COOKIE};
use http::HeaderMap;

/// The most cookie text read from a request; more is refused.
pub(crate) const MAX_COOKIE_BYTES: usize = 16 * 1024;

/// The request carries something that cannot be read as a token.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Unreadable;

/// The bearer token, if the request has one. Another scheme (`Basic`, say) is not ours and
/// reads as none.
pub(crate) fn bearer(headers: &HeaderMap) -> Result<Option<&str>, Unreadable> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(Unreadable);
    }
    let value = value.to_str().map_err(|_| Unreadable)?;
    let Some((scheme, token)) = value.trim().split_once(' ') else {
        return if value.trim().eq_ignore_ascii_case("bearer") {
            Err(Unreadable)
        } else {
            Ok(None)
        };
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Ok(None);
    }
    let token = token.trim();
    if token.is_empty() || token.contains(' ') {
        return Err(Unreadable);
    }
    Ok(Some(token))
}

/// The value of the cookie `name`, if the request has it.
pub(crate) fn cookie<'h>(
    headers: &'h HeaderMap,
    name: &str,
) -> Result<Option<&'h str>, Unreadable> {
    let mut total = 0;
    let mut found: Option<&str> = None;
    for header in headers.get_all(COOKIE) {
        total += header.len();
        if total > MAX_COOKIE_BYTES {
            return Err(Unreadable);
        }
        let header = header.to_str().map_err(|_| Unreadable)?;
        for pair in header.split(';') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            if key.trim() != name {
                continue;
            }
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            match found {
                Some(earlier) if earlier != value => return Err(Unreadable),
                _ => found = Some(value),
            }
        }
    }
    Ok(found.filter(|v| !v.is_empty()))
}

/// A session JWT: the bearer token when allowed and present, else the cookie.
pub(crate) fn session_jwt<'h>(
    headers: &'h HeaderMap,
    cookie_name: &str,
    read_bearer: bool,
) -> Result<Option<&'h str>, Unreadable> {
    if read_bearer {
        if let Some(token) = bearer(headers)? {
            return Ok(Some(token));
        }
    }
    cookie(headers, cookie_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&str, &[u8])]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_bytes(value).unwrap(),
            );
        }
        map
    }

    #[test]
    fn bearer_tokens() {
        assert_eq!(bearer(&headers(&[])), Ok(None));
        assert_eq!(
            bearer(&headers(&[("authorization", b"Bearer abc")])),
            Ok(Some("abc"))
        );
        assert_eq!(
            bearer(&headers(&[("authorization", b"bearer  abc ")])),
            Ok(Some("abc"))
        );
        assert_eq!(
            bearer(&headers(&[("authorization", b"Basic dXNlcg==")])),
            Ok(None)
        );
        assert_eq!(
            bearer(&headers(&[("authorization", b"Bearer")])),
            Err(Unreadable)
        );
        assert_eq!(
            bearer(&headers(&[("authorization", b"Bearer a b")])),
            Err(Unreadable)
        );
        assert_eq!(
            bearer(&headers(&[
                ("authorization", b"Bearer a"),
                ("authorization", b"Bearer a")
            ])),
            Err(Unreadable),
            "two Authorization headers"
        );
        assert_eq!(
            bearer(&headers(&[("authorization", b"Bearer \xff\xfe")])),
            Err(Unreadable),
            "not text"
        );
    }

    #[test]
    fn cookies() {
        let name = "stytch_session_jwt";
        assert_eq!(cookie(&headers(&[]), name), Ok(None));
        assert_eq!(
            cookie(
                &headers(&[("cookie", b"a=1; stytch_session_jwt=jwt; b=2")]),
                name
            ),
            Ok(Some("jwt"))
        );
        assert_eq!(
            cookie(&headers(&[("cookie", b"stytch_session_jwt=\"jwt\"")]), name),
            Ok(Some("jwt"))
        );
        assert_eq!(
            cookie(&headers(&[("cookie", b"x_stytch_session_jwt=jwt")]), name),
            Ok(None)
        );
        assert_eq!(
            cookie(
                &headers(&[
                    ("cookie", b"stytch_session_jwt=a"),
                    ("cookie", b"stytch_session_jwt=a")
                ]),
                name
            ),
            Ok(Some("a")),
            "the same value twice is the same cookie"
        );
        assert_eq!(
            cookie(
                &headers(&[("cookie", b"stytch_session_jwt=a; stytch_session_jwt=b")]),
                name
            ),
            Err(Unreadable)
        );
        let big = format!("stytch_session_jwt={}", "a".repeat(MAX_COOKIE_BYTES));
        assert_eq!(
            cookie(&headers(&[("cookie", big.as_bytes())]), name),
            Err(Unreadable)
        );
        assert_eq!(
            cookie(&headers(&[("cookie", b"stytch_session_jwt=\xff")]), name),
            Err(Unreadable)
        );
    }

    #[test]
    fn the_bearer_token_comes_first() {
        let both = headers(&[
            ("authorization", b"Bearer header"),
            ("cookie", b"stytch_session_jwt=cookie"),
        ]);
        assert_eq!(
            session_jwt(&both, "stytch_session_jwt", true),
            Ok(Some("header"))
        );
        assert_eq!(
            session_jwt(&both, "stytch_session_jwt", false),
            Ok(Some("cookie"))
        );
    }
}
