//! JSON Web Tokens as client assertions use them (RFC 7519, compact form): reading one's header and
//! claims (no signature check: that is the token service's), and writing the signing input of a new one.
//! Signing and verifying RS256 are in [`super::sign`] (feature `certificate`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

use crate::error::{Error, Result};

/// base64url without padding, as JWTs write every part.
pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Reads base64url (padding tolerated).
///
/// # Errors
/// `invalid_argument` when it is not base64url.
pub fn from_b64url(text: &str) -> Result<Vec<u8>> {
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| Error::invalid_argument("a JWT part is not base64url"))
}

/// A JWT split into its parts, header and claims decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Jwt {
    /// The header (`alg`, `kid`, `x5t#S256`, …).
    pub header: Value,
    /// The claims (`iss`, `sub`, `aud`, `exp`, …).
    pub claims: Value,
    /// `header.claims`, the bytes the signature covers.
    pub signing_input: String,
    /// The signature's bytes.
    pub signature: Vec<u8>,
}

impl Jwt {
    /// Splits and decodes a compact JWT.
    ///
    /// # Errors
    /// `invalid_argument` when it does not have three base64url parts or its header and claims are not
    /// JSON objects.
    pub fn parse(token: &str) -> Result<Jwt> {
        let parts: Vec<&str> = token.trim().split('.').collect();
        let [h, c, s] = parts.as_slice() else {
            return Err(Error::invalid_argument("a JWT has three parts separated by dots"));
        };
        let object = |part: &str, what: &str| -> Result<Value> {
            let v: Value = serde_json::from_slice(&from_b64url(part)?)
                .map_err(|_| Error::invalid_argument(format!("the JWT's {what} is not JSON")))?;
            if !v.is_object() {
                return Err(Error::invalid_argument(format!("the JWT's {what} is not a JSON object")));
            }
            Ok(v)
        };
        Ok(Jwt {
            header: object(h, "header")?,
            claims: object(c, "claims")?,
            signing_input: format!("{h}.{c}"),
            signature: from_b64url(s)?,
        })
    }

    /// A string claim.
    pub fn claim(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }

    /// A numeric claim (`exp`, `nbf`, `iat`), unix seconds.
    pub fn time(&self, name: &str) -> Option<u64> {
        self.claims.get(name).and_then(Value::as_u64)
    }

    /// The audiences: `aud` as a string or a list of strings.
    pub fn audiences(&self) -> Vec<&str> {
        match self.claims.get("aud") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

/// The signing input (`base64url(header).base64url(claims)`) of a new JWT.
pub fn signing_input(header: &Value, claims: &Value) -> String {
    format!("{}.{}", b64url(header.to_string().as_bytes()), b64url(claims.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parts_are_read_and_mistakes_named() {
        let input = signing_input(&json!({"alg": "RS256"}), &json!({"sub": "s", "aud": ["a", "b"], "exp": 5}));
        let jwt = Jwt::parse(&format!("{input}.{}", b64url(b"sig"))).unwrap();
        assert_eq!(jwt.header["alg"], "RS256");
        assert_eq!(jwt.claim("sub"), Some("s"));
        assert_eq!(jwt.audiences(), ["a", "b"]);
        assert_eq!(jwt.time("exp"), Some(5));
        assert_eq!(jwt.signing_input, input);
        assert_eq!(jwt.signature, b"sig");
        assert!(Jwt::parse("a.b").unwrap_err().message().contains("three parts"));
        assert!(Jwt::parse("not json.e30.").unwrap_err().message().contains("base64url"));
        assert!(Jwt::parse(&format!("{}.e30.", b64url(b"[1]"))).unwrap_err().message().contains("header"));
    }
}
