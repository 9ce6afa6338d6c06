//! The little of PEM and DER a certificate credential needs: PEM blocks, and the walk from an X.509
//! certificate to its RSA public key (`RSAPublicKey`, what ring verifies with). Nothing else of ASN.1.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::error::{Error, Result};

/// One PEM block: its label (`CERTIFICATE`, `PRIVATE KEY`, …) and its DER bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct Pem {
    /// The label between `BEGIN ` and the dashes.
    pub label: String,
    /// The decoded bytes.
    pub der: Vec<u8>,
}

impl std::fmt::Debug for Pem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pem({}, {} bytes)", self.label, self.der.len())
    }
}

/// Every PEM block of `text`, in order.
///
/// # Errors
/// `invalid_argument` for a block without its END line or whose body is not base64.
pub fn pem_blocks(text: &str) -> Result<Vec<Pem>> {
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line.strip_prefix("-----BEGIN ").and_then(|l| l.strip_suffix("-----")) else { continue };
        let end = format!("-----END {label}-----");
        let mut body = String::new();
        let mut closed = false;
        for l in lines.by_ref() {
            if l == end {
                closed = true;
                break;
            }
            if !l.contains(':') {
                body.push_str(l);
            }
        }
        if !closed {
            return Err(Error::invalid_argument(format!("the PEM block {label} has no END line")));
        }
        let der = STANDARD
            .decode(body.as_bytes())
            .map_err(|_| Error::invalid_argument(format!("the PEM block {label} is not base64")))?;
        out.push(Pem { label: label.to_string(), der });
    }
    Ok(out)
}

/// One DER element: its tag, its contents, and what follows it.
pub(crate) fn element(input: &[u8]) -> Result<(u8, &[u8], &[u8])> {
    let bad = || Error::invalid_argument("the certificate is not valid DER");
    let (&tag, rest) = input.split_first().ok_or_else(bad)?;
    let (&first, rest) = rest.split_first().ok_or_else(bad)?;
    let (len, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return Err(bad());
        }
        let len = rest[..n].iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(bad());
    }
    Ok((tag, &rest[..len], &rest[len..]))
}

/// The contents of the SEQUENCE at the start of `input`.
fn sequence(input: &[u8]) -> Result<&[u8]> {
    match element(input)? {
        (0x30, contents, _) => Ok(contents),
        _ => Err(Error::invalid_argument("the certificate is not an X.509 certificate (a SEQUENCE)")),
    }
}

/// The `RSAPublicKey` (PKCS #1 DER) of an X.509 certificate's subject public key.
///
/// # Errors
/// `invalid_argument` when the certificate is not DER, or its key is not a bit string.
pub fn certificate_public_key(cert: &[u8]) -> Result<&[u8]> {
    let tbs = sequence(sequence(cert)?)?;
    let mut rest = tbs;
    // [0] version (optional), serialNumber, signature, issuer, validity, subject, then the key info
    if rest.first() == Some(&0xa0) {
        rest = element(rest)?.2;
    }
    for _ in 0..5 {
        rest = element(rest)?.2;
    }
    let spki = sequence(rest)?;
    let after_algorithm = element(spki)?.2;
    match element(after_algorithm)? {
        (0x03, bits, _) if bits.first() == Some(&0) => Ok(&bits[1..]),
        _ => Err(Error::invalid_argument("the certificate's public key is not a bit string")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_blocks_and_der_lengths() {
        let text = "junk\n-----BEGIN A B-----\nAAEC\n-----END A B-----\n-----BEGIN X-----\nAQ==\n-----END X-----\n";
        let blocks = pem_blocks(text).unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!((blocks[0].label.as_str(), blocks[0].der.as_slice()), ("A B", &[0u8, 1, 2][..]));
        assert!(pem_blocks("-----BEGIN X-----\nAQ==\n").unwrap_err().message().contains("no END line"));
        assert!(pem_blocks("-----BEGIN X-----\n!!\n-----END X-----").unwrap_err().message().contains("base64"));
        let long: Vec<u8> = [0x04, 0x81, 0x80].into_iter().chain(std::iter::repeat_n(7, 0x80)).collect();
        let (tag, contents, rest) = element(&long).unwrap();
        assert_eq!((tag, contents.len(), rest.len()), (4, 0x80, 0));
        assert!(element(&[0x30, 0x05, 1]).is_err());
        assert!(certificate_public_key(&[0x02, 0x01, 0x00]).is_err());
    }
}
