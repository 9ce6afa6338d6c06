//! Reading blob responses: the block list (resume) and the XML helpers the error mapping shares.

use super::errors::check_response;
use crate::error::Result;
use crate::http::HttpResponse;

fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of the first `<tag>…</tag>` in `xml`.
pub(super) fn xml_text<'a>(xml: &'a str, tag: &str) -> Option<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = xml[start..].find(&close)? + start;
    Some(&xml[start..end])
}

// ---------------------------------------------------------------------------------------------------
// Responses

/// One block of a block list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// Block id (base64, as sent).
    pub id: String,
    /// Size in bytes.
    pub size: u64,
}

/// A blob's block list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockList {
    /// Blocks of the committed content.
    pub committed: Vec<Block>,
    /// Blocks staged but not committed yet.
    pub uncommitted: Vec<Block>,
}

fn parse_blocks(section: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rest = section;
    while let Some(start) = rest.find("<Block>") {
        let after = &rest[start + 7..];
        let end = after.find("</Block>").unwrap_or(after.len());
        let block = &after[..end];
        if let Some(name) = xml_text(block, "Name") {
            let size = xml_text(block, "Size").and_then(|s| s.trim().parse().ok()).unwrap_or(0);
            out.push(Block { id: xml_unescape(name.trim()), size });
        }
        rest = &after[end..];
    }
    out
}

/// Parses a Get Block List response. A 404 (`BlobNotFound`: nothing committed or staged yet) is an empty
/// list.
///
/// # Errors
/// The typed error of a failed response ([`error_from_response`]).
pub fn parse_block_list(resp: &HttpResponse) -> Result<BlockList> {
    if resp.status == 404 {
        return Ok(BlockList::default());
    }
    check_response(resp)?;
    let xml = String::from_utf8_lossy(&resp.body);
    let section = |name: &str| -> Vec<Block> {
        let open = format!("<{name}>");
        match xml.find(&open) {
            Some(s) => {
                let body = &xml[s + open.len()..];
                let end = body.find(&format!("</{name}>")).unwrap_or(body.len());
                parse_blocks(&body[..end])
            }
            None => Vec::new(),
        }
    };
    Ok(BlockList { committed: section("CommittedBlocks"), uncommitted: section("UncommittedBlocks") })
}
