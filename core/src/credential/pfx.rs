//! A PFX (PKCS #12) file's certificate and private key, for certificate credentials (feature
//! `certificate`): the walk of RFC 7292's structures with [`super::der`], and PBES2 decryption (PBKDF2
//! with HMAC-SHA-256, AES-128/256-CBC), what OpenSSL 3 and Windows' AES export write. The legacy
//! PKCS #12 ciphers (3DES, RC2) and BER's indefinite lengths are refused with a message saying how to
//! convert the file. The MAC is not checked: a wrong password shows as a decryption that fails.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};

use super::der::element;
use crate::error::{Error, Result};

const DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const ENCRYPTED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
const PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
const PBKDF2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c];
const HMAC_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09];
const AES128_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02];
const AES256_CBC: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2a];
const KEY_BAG: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01];
const SHROUDED_KEY_BAG: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02];
const CERT_BAG: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03];

/// The message of a PFX this reader does not take, with the way out.
fn unsupported(what: &str) -> Error {
    Error::invalid_argument(format!(
        "the PFX file {what}: convert it to PEM (`openssl pkcs12 -in cert.pfx -nodes -out cert.pem`) or export it \
         with AES-256 encryption"
    ))
}

/// The elements of a SEQUENCE's (or SET's) contents, in order.
fn children(mut contents: &[u8]) -> Result<Vec<(u8, &[u8])>> {
    let mut out = Vec::new();
    while !contents.is_empty() {
        let (tag, value, rest) = element(contents).map_err(|_| unsupported("is not DER"))?;
        out.push((tag, value));
        contents = rest;
    }
    Ok(out)
}

/// The contents of the element at the start of `input`, which must have `tag`.
fn expect(tag: u8, input: &[u8]) -> Result<&[u8]> {
    match element(input).map_err(|_| unsupported("is not DER"))? {
        (t, contents, _) if t == tag => Ok(contents),
        _ => Err(unsupported("is not a PKCS #12 file")),
    }
}

/// The certificate (DER) and the private key (PKCS #8 DER) of a PFX file.
///
/// # Errors
/// `invalid_argument` naming what is not supported, or a wrong password.
pub fn certificate_and_key(pfx: &[u8], password: &str) -> Result<(Vec<u8>, Vec<u8>)> {
    let top = children(expect(0x30, pfx)?)?;
    let auth_safe = top.get(1).filter(|(t, _)| *t == 0x30).ok_or_else(|| unsupported("is not a PKCS #12 file"))?;
    let safes = content_data(auth_safe.1)?;
    let (mut cert, mut key) = (None, None);
    for (tag, info) in children(expect(0x30, &safes)?)? {
        if tag != 0x30 {
            continue;
        }
        let parts = children(info)?;
        let oid = parts.first().map(|p| p.1).unwrap_or_default();
        let contents = if oid == DATA {
            content_data(info)?
        } else if oid == ENCRYPTED_DATA {
            // [0] EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }
            let encrypted = children(expect(0x30, parts.get(1).map(|p| p.1).unwrap_or_default())?)?;
            let info = children(encrypted.get(1).map(|p| p.1).unwrap_or_default())?;
            let (Some(alg), Some(data)) = (info.get(1), info.get(2)) else { return Err(unsupported("is damaged")) };
            decrypt(alg.1, data.1, password)?
        } else {
            continue;
        };
        for (_, bag) in children(expect(0x30, &contents)?)? {
            let bag = children(bag)?;
            let (Some(id), Some(value)) = (bag.first(), bag.get(1)) else { continue };
            let value = value.1;
            if id.1 == CERT_BAG && cert.is_none() {
                let parts = children(expect(0x30, value)?)?;
                let der = parts.get(1).map(|p| p.1).unwrap_or_default();
                cert = Some(expect(0x04, der)?.to_vec());
            } else if id.1 == KEY_BAG && key.is_none() {
                key = Some(value.to_vec());
            } else if id.1 == SHROUDED_KEY_BAG && key.is_none() {
                let parts = children(expect(0x30, value)?)?;
                let (Some(alg), Some(data)) = (parts.first(), parts.get(1)) else {
                    return Err(unsupported("is damaged"));
                };
                key = Some(decrypt(alg.1, data.1, password)?);
            }
        }
    }
    match (cert, key) {
        (Some(c), Some(k)) => Ok((c, k)),
        (None, _) => Err(Error::invalid_argument("the PFX file holds no certificate")),
        (_, None) => Err(Error::invalid_argument("the PFX file holds no private key")),
    }
}

/// The OCTET STRING in `[0]` of a `data` ContentInfo's contents.
fn content_data(info: &[u8]) -> Result<Vec<u8>> {
    let parts = children(info)?;
    if parts.first().map(|p| p.1) != Some(DATA) {
        return Err(unsupported("is not a PKCS #12 file"));
    }
    let explicit = parts.get(1).filter(|p| p.0 == 0xa0).ok_or_else(|| unsupported("is damaged"))?;
    Ok(expect(0x04, explicit.1)?.to_vec())
}

/// Decrypts PBES2 (`algorithm` is the AlgorithmIdentifier's contents).
fn decrypt(algorithm: &[u8], data: &[u8], password: &str) -> Result<Vec<u8>> {
    let alg = children(algorithm)?;
    if alg.first().map(|p| p.1) != Some(PBES2) {
        return Err(unsupported("is encrypted with a legacy PKCS #12 cipher (3DES or RC2)"));
    }
    let params = children(alg.get(1).map(|p| p.1).unwrap_or_default())?;
    let (Some(kdf), Some(scheme)) = (params.first(), params.get(1)) else { return Err(unsupported("is damaged")) };
    let kdf = children(kdf.1)?;
    if kdf.first().map(|p| p.1) != Some(PBKDF2) {
        return Err(unsupported("uses a key derivation other than PBKDF2"));
    }
    let kdf_params = children(kdf.get(1).map(|p| p.1).unwrap_or_default())?;
    let salt = kdf_params.first().filter(|p| p.0 == 0x04).map(|p| p.1).ok_or_else(|| unsupported("is damaged"))?;
    let iterations = kdf_params
        .get(1)
        .filter(|p| p.0 == 0x02 && p.1.len() <= 4)
        .map(|p| p.1.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
        .filter(|n| (1..=10_000_000).contains(n))
        .ok_or_else(|| unsupported("is damaged"))?;
    let prf = kdf_params.iter().skip(2).find(|p| p.0 == 0x30).map(|p| children(p.1)).transpose()?;
    if prf.as_ref().and_then(|p| p.first()).is_some_and(|p| p.1 != HMAC_SHA256) || prf.is_none() {
        return Err(unsupported("uses a PBKDF2 hash other than SHA-256"));
    }
    let scheme = children(scheme.1)?;
    let iv = scheme
        .get(1)
        .filter(|p| p.0 == 0x04 && p.1.len() == 16)
        .map(|p| p.1)
        .ok_or_else(|| unsupported("is damaged"))?;
    let cipher = scheme.first().map(|p| p.1).unwrap_or_default();
    let wrong = || Error::invalid_argument("the PFX file cannot be decrypted: a wrong certificate password?");
    let mut buf = data.to_vec();
    let plain = if cipher == AES256_CBC {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), salt, iterations, &mut key);
        cbc::Decryptor::<aes::Aes256>::new(&key.into(), iv.into())
            .decrypt_padded_mut::<Pkcs7>(&mut buf)
            .map_err(|_| wrong())?
    } else if cipher == AES128_CBC {
        let mut key = [0u8; 16];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), salt, iterations, &mut key);
        cbc::Decryptor::<aes::Aes128>::new(&key.into(), iv.into())
            .decrypt_padded_mut::<Pkcs7>(&mut buf)
            .map_err(|_| wrong())?
    } else {
        return Err(unsupported("uses a cipher other than AES-CBC"));
    };
    Ok(plain.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PFX: &[u8] = include_bytes!("../../../emulator/fixtures/test-certificate.pfx");

    #[test]
    fn the_test_pfx_holds_the_pem_certificate_and_key() {
        let (cert, key) = certificate_and_key(PFX, "storesubmit-test").unwrap();
        let pem = include_str!("../../../emulator/fixtures/test-certificate.pem");
        let blocks = super::super::der::pem_blocks(pem).unwrap();
        assert_eq!(cert, blocks.iter().find(|b| b.label == "CERTIFICATE").unwrap().der);
        assert_eq!(key, blocks.iter().find(|b| b.label == "PRIVATE KEY").unwrap().der);
        let e = certificate_and_key(PFX, "wrong").unwrap_err();
        assert!(e.message().contains("wrong certificate password"), "{e}");
        let e = certificate_and_key(&PFX[..100], "x").unwrap_err();
        assert!(e.message().contains("openssl pkcs12"), "{e}");
    }
}
