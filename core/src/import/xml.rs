//! A small element tree read from XML text with `quick-xml`, bounded for untrusted input: the text's
//! size is checked by the caller, nesting is capped at [`XML_MAX_DEPTH`], the element count at
//! [`XML_MAX_ELEMENTS`], and a `<!DOCTYPE>` is refused (no entity beyond XML's five predefined ones and
//! character references is ever expanded). Only what the StoreBroker importer needs is kept: each
//! element's local name, namespace (the default `xmlns` in scope), attributes, text and line.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::data::limits::{IMPORT_XML_MAX_DEPTH as XML_MAX_DEPTH, IMPORT_XML_MAX_ELEMENTS as XML_MAX_ELEMENTS};

/// One element: local name, default namespace in scope, attributes (local names, values unescaped),
/// its own text (character data, CDATA and references, comments left out) and the line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Element {
    pub name: String,
    pub namespace: Option<String>,
    pub attributes: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Element>,
    pub line: usize,
}

impl Element {
    /// The value of attribute `name` (matched case-sensitively, as XML does).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The text, trimmed (as StoreBroker reads every PDP value).
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }
}

/// Why XML could not be read: the 1-based line, the element being read (if any) and the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub line: usize,
    pub element: Option<String>,
    pub message: String,
}

fn line_at(text: &str, pos: u64) -> usize {
    let end = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..end].iter().filter(|b| **b == b'\n').count() + 1
}

/// The local part of a qualified name (`schemaLocation` of `xsi:schemaLocation`).
fn local(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    match s.split_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

/// Parses `text` into its root element.
pub(crate) fn parse(text: &str) -> Result<Element, XmlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    let fail = |line: usize, stack: &[Element], message: String| XmlError {
        line,
        element: stack.last().map(|e| e.name.clone()),
        message,
    };
    loop {
        let before = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let line = line_at(text, reader.error_position());
                return Err(fail(line, &stack, e.to_string()));
            }
        };
        let line = line_at(text, before);
        match event {
            Event::Start(s) | Event::Empty(s) if root.is_some() => {
                let _ = s;
                return Err(fail(line, &stack, "a second root element; a document has one".into()));
            }
            Event::Start(s) => {
                if stack.len() >= XML_MAX_DEPTH {
                    return Err(fail(line, &stack, format!("elements nested deeper than {XML_MAX_DEPTH} levels")));
                }
                count += 1;
                if count > XML_MAX_ELEMENTS {
                    return Err(fail(line, &stack, format!("more than {XML_MAX_ELEMENTS} elements")));
                }
                let el = start(&s, stack.last(), line).map_err(|m| fail(line, &stack, m))?;
                stack.push(el);
            }
            Event::Empty(s) => {
                count += 1;
                if count > XML_MAX_ELEMENTS {
                    return Err(fail(line, &stack, format!("more than {XML_MAX_ELEMENTS} elements")));
                }
                let el = start(&s, stack.last(), line).map_err(|m| fail(line, &stack, m))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(fail(line, &stack, "an end tag without its start tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| fail(line, &stack, e.to_string()))?;
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&s),
                    None if s.trim().is_empty() => {}
                    None => return Err(fail(line, &stack, "text outside the root element".into())),
                }
            }
            Event::CData(c) => {
                let s = c.xml10_content().map_err(|e| fail(line, &stack, e.to_string()))?;
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&s),
                    None => return Err(fail(line, &stack, "CDATA outside the root element".into())),
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| fail(line, &stack, e.to_string()))?.into_owned();
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => s.to_string(),
                        None => return Err(fail(line, &stack, format!("`&{name};` is not a predefined XML entity"))),
                    },
                    Err(e) => return Err(fail(line, &stack, e.to_string())),
                };
                match stack.last_mut() {
                    Some(el) => el.text.push_str(&ch),
                    None => return Err(fail(line, &stack, "a reference outside the root element".into())),
                }
            }
            Event::DocType(_) => {
                return Err(fail(line, &stack, "a <!DOCTYPE> declaration (not part of a PDP file; refused)".into()));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError {
            line: line_at(text, text.len() as u64),
            element: Some(open.name.clone()),
            message: format!("the document ends before </{}> (opened on line {})", open.name, open.line),
        });
    }
    root.ok_or(XmlError { line: 1, element: None, message: "no root element".into() })
}

fn start(s: &BytesStart<'_>, parent: Option<&Element>, line: usize) -> Result<Element, String> {
    let name = local(s.name().as_ref());
    let mut attributes = Vec::new();
    let mut namespace = parent.and_then(|p| p.namespace.clone());
    for a in s.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|e| e.to_string())?.into_owned();
        if key == "xmlns" {
            namespace = Some(value);
            continue;
        }
        if key.starts_with("xmlns:") {
            continue;
        }
        attributes.push((local(key.as_bytes()), value));
    }
    Ok(Element { name, namespace, attributes, text: String::new(), children: Vec::new(), line })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_text_and_lines() {
        let x = "\u{feff}<?xml version=\"1.0\"?>\n<R xmlns=\"urn:a\" language=\"en-us\">\n  <A k=\"1 &amp; 2\"><!-- c -->x &lt; y&#x21;</A>\n  <B/><![CDATA[<raw>]]></R>";
        let r = parse(x).unwrap();
        assert_eq!(r.name, "R");
        assert_eq!(r.namespace.as_deref(), Some("urn:a"));
        assert_eq!(r.attr("language"), Some("en-us"));
        assert_eq!(r.children.len(), 2);
        let a = &r.children[0];
        assert_eq!((a.name.as_str(), a.line, a.attr("k")), ("A", 3, Some("1 & 2")));
        assert_eq!(a.trimmed(), "x < y!");
        assert_eq!(a.namespace.as_deref(), Some("urn:a"));
        assert_eq!(r.children[1].line, 4);
        assert!(r.text.contains("<raw>"));
    }

    #[test]
    fn malformed_documents_name_line_and_element() {
        let e = parse("<R>\n<A>\n</B>\n</R>").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert_eq!(e.element.as_deref(), Some("A"));
        let e = parse("<R>\n<A>text").unwrap_err();
        assert_eq!(e.element.as_deref(), Some("A"));
        assert!(e.message.contains("</A>"), "{e:?}");
        let e = parse("<R>&nbsp;</R>").unwrap_err();
        assert!(e.message.contains("nbsp"), "{e:?}");
        let e = parse("<!DOCTYPE R [<!ENTITY x \"y\">]><R>&x;</R>").unwrap_err();
        assert!(e.message.contains("DOCTYPE"), "{e:?}");
        assert!(parse("").is_err());
        assert!(parse("<R/><S/>").is_err());
    }

    #[test]
    fn depth_and_count_are_bounded() {
        let deep = "<a>".repeat(XML_MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.contains("deeper"));
        let many = format!("<r>{}</r>", "<b/>".repeat(XML_MAX_ELEMENTS + 1));
        assert!(parse(&many).unwrap_err().message.contains("elements"));
    }
}
