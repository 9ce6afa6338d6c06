//! RS256 for client assertions (feature `certificate`, with ring: the crate TLS already brings): a
//! certificate's signed JWT client assertion (`x5t#S256` names the certificate by its SHA-256
//! thumbprint), and the checks the emulator's token service makes of one.
//!
//! The assertion's claims are Azure AD's for certificate credentials: `aud` the token endpoint, `iss` and
//! `sub` the client id, `jti` a random GUID, `nbf`/`iat` now and `exp` ten minutes later
//! ([`ASSERTION_LIFETIME_SECS`]). A PEM file's key is read unencrypted: a `PRIVATE KEY` (PKCS #8) or
//! `RSA PRIVATE KEY` (PKCS #1) beside its `CERTIFICATE`; a PFX file with its password ([`super::pfx`]).

use ring::rand::{SecureRandom, SystemRandom};
pub use ring::signature::RsaKeyPair;
use ring::signature::{self, RsaPublicKeyComponents};
use serde_json::{json, Value};

use super::der::{certificate_public_key, pem_blocks};
use super::jwt::{b64url, signing_input, Jwt};
use crate::error::{Error, ErrorKind, Result};
use crate::secret::Secret;

/// How long a certificate's client assertion is valid (Azure AD accepts up to a day; MSAL uses ten minutes).
pub const ASSERTION_LIFETIME_SECS: u64 = 600;

/// The SHA-256 thumbprint of a DER certificate, base64url: the `x5t#S256` header.
pub fn thumbprint_s256(cert_der: &[u8]) -> String {
    b64url(ring::digest::digest(&ring::digest::SHA256, cert_der).as_ref())
}

/// An RSA private key read from PEM (PKCS #8 or PKCS #1).
///
/// # Errors
/// `invalid_argument` naming the rule: no key, an encrypted key, not an RSA key.
pub fn rsa_key(pem: &[u8]) -> Result<RsaKeyPair> {
    let text = std::str::from_utf8(pem).map_err(|_| Error::invalid_argument("not PEM text"))?;
    let blocks = pem_blocks(text)?;
    for b in &blocks {
        let key = match b.label.as_str() {
            "PRIVATE KEY" => RsaKeyPair::from_pkcs8(&b.der),
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&b.der),
            "ENCRYPTED PRIVATE KEY" => return Err(Error::invalid_argument(
                "the private key is encrypted: give an unencrypted PEM key (openssl pkey -in key.pem -out plain.pem)",
            )),
            _ => continue,
        };
        return key.map_err(|e| Error::invalid_argument(format!("the private key is not a usable RSA key ({e})")));
    }
    Err(Error::invalid_argument("no private key (a PEM `PRIVATE KEY` or `RSA PRIVATE KEY` block)"))
}

/// Signs `header.claims` with RS256; answers the compact JWT.
///
/// # Errors
/// `auth` when ring cannot sign (it does not happen with a valid key).
pub fn sign_rs256(key: &RsaKeyPair, header: &Value, claims: &Value) -> Result<String> {
    let input = signing_input(header, claims);
    let mut sig = vec![0; key.public().modulus_len()];
    key.sign(&signature::RSA_PKCS1_SHA256, &SystemRandom::new(), input.as_bytes(), &mut sig)
        .map_err(|_| Error::new(ErrorKind::Auth, "RS256 signing failed"))?;
    Ok(format!("{input}.{}", b64url(&sig)))
}

/// The public key's `n` and `e` (big-endian, no leading zeros), base64url: a JWKS entry's values.
pub fn public_components(key: &RsaKeyPair) -> (String, String) {
    let c: RsaPublicKeyComponents<Vec<u8>> = key.public().into();
    (b64url(&c.n), b64url(&c.e))
}

/// Whether `jwt` is RS256-signed by the key `(n, e)` (base64url, as a JWKS gives them).
pub fn verify_with_components(jwt: &Jwt, n: &str, e: &str) -> bool {
    let (Ok(n), Ok(e)) = (super::jwt::from_b64url(n), super::jwt::from_b64url(e)) else { return false };
    jwt.header.get("alg").and_then(Value::as_str) == Some("RS256")
        && RsaPublicKeyComponents { n, e }
            .verify(&signature::RSA_PKCS1_2048_8192_SHA256, jwt.signing_input.as_bytes(), &jwt.signature)
            .is_ok()
}

/// Whether `jwt` is RS256-signed by the key of the DER certificate `cert`.
pub fn verify_with_certificate(jwt: &Jwt, cert: &[u8]) -> bool {
    let Ok(key) = certificate_public_key(cert) else { return false };
    jwt.header.get("alg").and_then(Value::as_str) == Some("RS256")
        && signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, key)
            .verify(jwt.signing_input.as_bytes(), &jwt.signature)
            .is_ok()
}

/// A random GUID (a `jti`).
pub fn guid() -> Result<String> {
    let mut b = [0u8; 16];
    SystemRandom::new().fill(&mut b).map_err(|_| Error::new(ErrorKind::Auth, "no randomness for a jti"))?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..]))
}

/// A certificate and its private key, read from one PEM file.
pub struct CertificateKey {
    key: RsaKeyPair,
    thumbprint: String,
}

impl std::fmt::Debug for CertificateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateKey").field("x5t#S256", &self.thumbprint).finish_non_exhaustive()
    }
}

impl CertificateKey {
    /// Reads a PEM file's certificate (the first `CERTIFICATE` block) and private key. The whole text is
    /// registered for redaction by value first: it holds the key.
    ///
    /// # Errors
    /// `invalid_argument` naming what is missing or unusable (never a byte of the key).
    pub fn from_pem(pem: &[u8]) -> Result<CertificateKey> {
        let text = std::str::from_utf8(pem).map_err(|_| Error::invalid_argument("not a PEM file"))?;
        for line in text.lines() {
            crate::secret::remember(line);
        }
        let cert = pem_blocks(text)?
            .into_iter()
            .find(|b| b.label == "CERTIFICATE")
            .ok_or_else(|| Error::invalid_argument("no certificate (a PEM `CERTIFICATE` block) beside the key"))?;
        CertificateKey::from_parts(&cert.der, rsa_key(pem)?)
    }

    /// Reads a certificate file: PEM (text starting with `-----BEGIN`), else PFX (PKCS #12) with `password`.
    ///
    /// # Errors
    /// As [`CertificateKey::from_pem`] and [`super::pfx::certificate_and_key`].
    pub fn from_file(bytes: &[u8], password: &str) -> Result<CertificateKey> {
        let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
        if bytes[start..].starts_with(b"-----BEGIN") {
            return CertificateKey::from_pem(bytes);
        }
        let (cert, key) = super::pfx::certificate_and_key(bytes, password)?;
        let key = RsaKeyPair::from_pkcs8(&key).map_err(|e| {
            Error::invalid_argument(format!("the PFX file's private key is not a usable RSA key ({e})"))
        })?;
        CertificateKey::from_parts(&cert, key)
    }

    /// A certificate (DER) and its key, checked to belong together.
    fn from_parts(cert: &[u8], key: RsaKeyPair) -> Result<CertificateKey> {
        let cert_key = certificate_public_key(cert)?;
        let key_der: &[u8] = key.public().as_ref();
        if cert_key != key_der {
            return Err(Error::invalid_argument("the private key is not the certificate's"));
        }
        Ok(CertificateKey { key, thumbprint: thumbprint_s256(cert) })
    }

    /// The certificate's `x5t#S256` thumbprint (base64url of its SHA-256).
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// A signed client assertion for `client_id` at the token endpoint `aud`, valid from `now`.
    ///
    /// # Errors
    /// `auth` when signing fails.
    pub fn client_assertion(&self, client_id: &str, aud: &str, now: u64) -> Result<Secret> {
        let header = json!({"alg": "RS256", "typ": "JWT", "x5t#S256": self.thumbprint});
        let claims = json!({
            "aud": aud, "iss": client_id, "sub": client_id, "jti": guid()?,
            "nbf": now, "iat": now, "exp": now + ASSERTION_LIFETIME_SECS,
        });
        Ok(Secret::new(sign_rs256(&self.key, &header, &claims)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &str = include_str!("../../../emulator/fixtures/test-certificate.pem");

    #[test]
    fn a_certificate_signs_an_assertion_its_certificate_verifies() {
        let cert = CertificateKey::from_pem(PEM.as_bytes()).unwrap();
        let token = cert.client_assertion("client-1", "https://login.example/t/oauth2/v2.0/token", 1000).unwrap();
        let jwt = Jwt::parse(token.expose()).unwrap();
        assert_eq!(jwt.header["x5t#S256"], cert.thumbprint());
        assert_eq!((jwt.claim("iss"), jwt.claim("sub")), (Some("client-1"), Some("client-1")));
        assert_eq!(jwt.time("exp"), Some(1600));
        let der = pem_blocks(PEM).unwrap().into_iter().find(|b| b.label == "CERTIFICATE").unwrap().der;
        assert!(verify_with_certificate(&jwt, &der));
        let mut tampered = jwt.clone();
        tampered.signing_input.push('x');
        assert!(!verify_with_certificate(&tampered, &der));
        assert!(!format!("{cert:?}").contains("PRIVATE"));
        assert!(crate::secret::redact_text(token.expose()).contains("<redacted>"));
    }

    #[test]
    fn unusable_files_are_named() {
        let key_only: String =
            PEM.split("-----BEGIN PRIVATE KEY-----").nth(1).map(|k| format!("-----BEGIN PRIVATE KEY-----{k}")).unwrap();
        assert!(CertificateKey::from_pem(key_only.as_bytes()).unwrap_err().message().contains("no certificate"));
        let cert_only = PEM.split("-----BEGIN PRIVATE KEY-----").next().unwrap();
        assert!(CertificateKey::from_pem(cert_only.as_bytes()).unwrap_err().message().contains("no private key"));
        let enc = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAQ==\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assert!(rsa_key(enc.as_bytes()).unwrap_err().message().contains("encrypted"));
        assert!(CertificateKey::from_file(&[0xff, 0x00], "").unwrap_err().message().contains("openssl pkcs12"));
        let pfx = include_bytes!("../../../emulator/fixtures/test-certificate.pfx");
        let from_pfx = CertificateKey::from_file(pfx, "storesubmit-test").unwrap();
        assert_eq!(from_pfx.thumbprint(), CertificateKey::from_file(PEM.as_bytes(), "").unwrap().thumbprint());
    }
}
