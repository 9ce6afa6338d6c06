//! The rule-writing toolkit: where a value is (JSON pointer + a readable label for messages), and
//! typed accessors that report `field.required` / `field.type` as they go.

use serde_json::{Map, Value};

use super::codes::{self, IssueCodeInfo};
use super::formats::{char_len, is_email, is_iso8601, is_url};
use crate::issue::{Issue, Severity};
use crate::model::files::pointer_segment;

/// Where a value sits: a chain of steps from the document root, rendered into a JSON pointer and a
/// readable label (`listings[en-us].description`) only when an issue is reported there. Building one is
/// free (no allocation), which keeps a 200-listing document well inside its time budget.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

/// One step of an [`At`] chain.
#[derive(Clone, Copy, Debug)]
enum Step<'a> {
    /// The document itself.
    Root,
    /// A whole pointer given at once (file references, read-only fields); label: the pointer dotted.
    Pointer(&'a str),
    /// Object member: pointer `/key`, label `.key`.
    Key(&'a str),
    /// Array element: pointer `/i`, label `[i]`.
    Idx(usize),
    /// Map entry or array element labelled by name: pointer `/seg`, label `[name]`.
    Named { seg: Seg<'a>, name: &'a str },
    /// No pointer step, label `[name]` (a single listing object labelled by its language).
    Tag(&'a str),
}

/// A pointer segment: a member name or an index.
#[derive(Clone, Copy, Debug)]
enum Seg<'a> {
    Key(&'a str),
    Idx(usize),
}

impl<'a> At<'a> {
    /// The document itself: pointer `""`, no label (messages say "document").
    pub fn root() -> At<'static> {
        At { parent: None, step: Step::Root }
    }

    /// A location given as a whole JSON pointer (label: the pointer with `.` for `/`).
    pub fn pointer(ptr: &'a str) -> At<'a> {
        At { parent: None, step: Step::Pointer(ptr) }
    }

    fn child<'s>(&'s self, step: Step<'s>) -> At<'s> {
        At { parent: Some(self), step }
    }

    /// An object member: pointer `/key`, label `parent.key`.
    pub fn key<'s>(&'s self, key: &'s str) -> At<'s> {
        self.child(Step::Key(key))
    }

    /// An array element: pointer `/i`, label `parent[i]`.
    pub fn idx(&self, i: usize) -> At<'_> {
        self.child(Step::Idx(i))
    }

    /// A map entry labelled by name: pointer `/seg`, label `parent[name]`.
    pub fn named<'s>(&'s self, seg: &'s str, name: &'s str) -> At<'s> {
        self.child(Step::Named { seg: Seg::Key(seg), name })
    }

    /// An array element labelled by name: pointer `/i`, label `parent[name]`.
    pub fn idx_named<'s>(&'s self, i: usize, name: &'s str) -> At<'s> {
        self.child(Step::Named { seg: Seg::Idx(i), name })
    }

    /// The same pointer, labelled `parent[name]`.
    pub fn tagged<'s>(&'s self, name: &'s str) -> At<'s> {
        self.child(Step::Tag(name))
    }

    /// The steps from the root to here.
    fn steps(&self) -> Vec<Step<'a>> {
        let mut steps = vec![self.step];
        let mut at = self.parent;
        while let Some(p) = at {
            steps.push(p.step);
            at = p.parent;
        }
        steps.reverse();
        steps
    }

    /// The JSON pointer (RFC 6901) into the checked document.
    pub fn ptr(&self) -> String {
        let mut out = String::new();
        for step in self.steps() {
            match step {
                Step::Root | Step::Tag(_) => {}
                Step::Pointer(p) => out.push_str(p),
                Step::Key(k) | Step::Named { seg: Seg::Key(k), .. } => {
                    out.push('/');
                    out.push_str(&pointer_segment(k));
                }
                Step::Idx(i) | Step::Named { seg: Seg::Idx(i), .. } => {
                    out.push('/');
                    out.push_str(&i.to_string());
                }
            }
        }
        out
    }

    /// The readable location for messages; empty for the document itself.
    pub fn label(&self) -> String {
        let mut out = String::new();
        for step in self.steps() {
            match step {
                Step::Root => {}
                Step::Pointer(p) => {
                    // `/listings/en-us/images/0/fileName` → `listings.en-us.images[0].fileName`.
                    for seg in p.split('/').skip(1) {
                        let seg = seg.replace("~1", "/").replace("~0", "~");
                        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
                            out.push('[');
                            out.push_str(&seg);
                            out.push(']');
                        } else {
                            if !out.is_empty() {
                                out.push('.');
                            }
                            out.push_str(&seg);
                        }
                    }
                }
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Idx(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Step::Named { name, .. } | Step::Tag(name) => {
                    out.push('[');
                    out.push_str(name);
                    out.push(']');
                }
            }
        }
        out
    }

    /// The label, or "document" for the document itself.
    pub fn name(&self) -> String {
        let label = self.label();
        if label.is_empty() {
            "document".to_string()
        } else {
            label
        }
    }
}

/// Collects issues while the rules walk a document.
#[derive(Default)]
pub(crate) struct Ck {
    /// The issues so far, in the order the rules found them.
    pub issues: Vec<Issue>,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// " (did you mean `x`?)" for the value of `values` closest to `s` (letter case aside: " (values are
/// case-sensitive: …)"), or nothing when none is close.
pub(crate) fn did_you_mean(s: &str, values: &[&str]) -> String {
    if let Some(v) = values.iter().find(|v| v.eq_ignore_ascii_case(s)) {
        return format!(" (values are case-sensitive: did you mean `{v}`?)");
    }
    super::fields::suggestion(s, values).map(|v| format!(" (did you mean `{v}`?)")).unwrap_or_default()
}

/// Quoted list of allowed values for messages.
pub(crate) fn one_of(values: &[&str]) -> String {
    values.join(", ")
}

impl Ck {
    /// Records one issue of `code` at `at`; the severity comes from the catalogue.
    pub fn push(&mut self, code: IssueCodeInfo, at: &At, message: String) {
        // Values quoted from the document reach terminals: control characters are shown escaped.
        let message = super::files::shown(&message);
        let issue = Issue::new(code.code, at.ptr(), message, code.severity);
        debug_assert!(issue.severity == Severity::Error || issue.severity == Severity::Warning);
        self.issues.push(issue);
    }

    /// `field.required` for the missing member `at`.
    pub fn required(&mut self, at: &At) {
        self.push(codes::FIELD_REQUIRED, at, format!("{}: required field is missing", at.name()));
    }

    /// `field.type`: `v` is not of the `expected` JSON type.
    pub fn wrong_type(&mut self, at: &At, expected: &str, v: &Value) {
        self.push(codes::FIELD_TYPE, at, format!("{}: expected {expected}, found {}", at.name(), type_name(v)));
    }

    /// The member `key` of `obj` unless absent or null; reports `field.required` when `required`.
    pub fn member<'v>(&mut self, obj: &'v Map<String, Value>, at: &At, key: &str, required: bool) -> Option<&'v Value> {
        match obj.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.required(&at.key(key));
                }
                None
            }
            Some(v) => Some(v),
        }
    }

    /// A string member (absent/null → `None`, `field.required` when `required`; other types → `field.type`).
    pub fn str<'v>(&mut self, obj: &'v Map<String, Value>, at: &At, key: &str, required: bool) -> Option<&'v str> {
        let v = self.member(obj, at, key, required)?;
        match v.as_str() {
            Some(s) => Some(s),
            None => {
                self.wrong_type(&at.key(key), "a string", v);
                None
            }
        }
    }

    /// A string that must also be non-empty when required.
    pub fn text<'v>(&mut self, obj: &'v Map<String, Value>, at: &At, key: &str, required: bool) -> Option<&'v str> {
        let s = self.str(obj, at, key, required)?;
        if required && s.trim().is_empty() {
            let a = at.key(key);
            self.push(codes::FIELD_EMPTY, &a, format!("{}: required text is empty", a.name()));
        }
        Some(s)
    }

    /// A boolean member, reported like [`Ck::str`].
    pub fn bool(&mut self, obj: &Map<String, Value>, at: &At, key: &str, required: bool) -> Option<bool> {
        let v = self.member(obj, at, key, required)?;
        match v.as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(&at.key(key), "a boolean", v);
                None
            }
        }
    }

    /// A number member, reported like [`Ck::str`].
    pub fn number(&mut self, obj: &Map<String, Value>, at: &At, key: &str, required: bool) -> Option<f64> {
        let v = self.member(obj, at, key, required)?;
        match v.as_f64() {
            Some(n) => Some(n),
            None => {
                self.wrong_type(&at.key(key), "a number", v);
                None
            }
        }
    }

    /// An array member, reported like [`Ck::str`].
    pub fn array<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        at: &At,
        key: &str,
        required: bool,
    ) -> Option<&'v Vec<Value>> {
        let v = self.member(obj, at, key, required)?;
        match v.as_array() {
            Some(a) => Some(a),
            None => {
                self.wrong_type(&at.key(key), "an array", v);
                None
            }
        }
    }

    /// An object member, reported like [`Ck::str`].
    pub fn object<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        at: &At,
        key: &str,
        required: bool,
    ) -> Option<&'v Map<String, Value>> {
        let v = self.member(obj, at, key, required)?;
        self.as_object(v, &at.key(key))
    }

    /// `v` as an object, or `field.type` (`document.not_object` at the root).
    pub fn as_object<'v>(&mut self, v: &'v Value, at: &At) -> Option<&'v Map<String, Value>> {
        match v.as_object() {
            Some(o) => Some(o),
            None if matches!(at.step, Step::Root) => {
                self.push(
                    codes::DOCUMENT_NOT_OBJECT,
                    at,
                    format!("document: expected a JSON object, found {}", type_name(v)),
                );
                None
            }
            None => {
                self.wrong_type(at, "an object", v);
                None
            }
        }
    }

    /// Array elements that are strings, with their location; reports `field.type` for the others.
    pub fn strings<'v>(&mut self, items: &'v [Value], at: &At) -> Vec<(usize, &'v str)> {
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            match v.as_str() {
                Some(s) => out.push((i, s)),
                None => self.wrong_type(&at.idx(i), "a string", v),
            }
        }
        out
    }

    /// Reports `code` when `s` has more than `max` characters, counted as the Store counts
    /// ([`crate::data::limits`]): Unicode scalar values, leading and trailing white space left out.
    pub fn max_chars(&mut self, code: IssueCodeInfo, at: &At, s: &str, max: usize) {
        // Cheap pre-check: a string of at most `max` bytes has at most `max` characters.
        if s.len() <= max {
            return;
        }
        let n = char_len(s.trim());
        if n > max {
            self.push(code, at, format!("{}: {n} characters, limit {max}", at.name()));
        }
    }

    /// A text member with a character limit.
    pub fn limited_text(
        &mut self,
        obj: &Map<String, Value>,
        at: &At,
        key: &str,
        required: bool,
        code: IssueCodeInfo,
        max: usize,
    ) {
        if let Some(s) = self.str(obj, at, key, required) {
            self.max_chars(code, &at.key(key), s, max);
        }
    }

    /// A plain-text member with a character limit: also `text.markdown` when it holds Markdown.
    pub fn plain_text(&mut self, obj: &Map<String, Value>, at: &At, key: &str, code: IssueCodeInfo, max: usize) {
        if let Some(s) = self.str(obj, at, key, false) {
            let a = at.key(key);
            self.max_chars(code, &a, s, max);
            super::text::markdown(self, &a, s);
        }
    }

    /// Reports `code` when an array has more than `max` items.
    pub fn max_items(&mut self, code: IssueCodeInfo, at: &At, n: usize, max: usize, what: &str) {
        if n > max {
            self.push(code, at, format!("{}: {n} {what}, limit {max}", at.name()));
        }
    }

    /// Reports `code` unless `s` is one of `values` (exact match; a case-only difference or a near miss
    /// gets a "did you mean").
    pub fn one_of(&mut self, code: IssueCodeInfo, at: &At, s: &str, values: &[&str]) -> bool {
        if values.contains(&s) {
            return true;
        }
        let hint = did_you_mean(s, values);
        self.push(code, at, format!("{}: `{s}` is not allowed; expected one of {}{hint}", at.name(), one_of(values)));
        false
    }

    /// An enum member: optional string checked against `values`.
    pub fn enum_member<'v>(
        &mut self,
        obj: &'v Map<String, Value>,
        at: &At,
        key: &str,
        required: bool,
        code: IssueCodeInfo,
        values: &[&str],
    ) -> Option<&'v str> {
        let s = self.str(obj, at, key, required)?;
        self.one_of(code, &at.key(key), s, values);
        Some(s)
    }

    /// A URL member: when present and non-empty, must be an absolute http(s) URL.
    pub fn url(&mut self, obj: &Map<String, Value>, at: &At, key: &str, required: bool) -> Option<()> {
        let s = self.text(obj, at, key, required)?;
        if !s.is_empty() && !is_url(s) {
            let a = at.key(key);
            self.push(codes::FORMAT_URL, &a, format!("{}: `{}` is not an absolute http(s) URL", a.name(), clip(s)));
        }
        Some(())
    }

    /// A URL-or-e-mail member.
    pub fn url_or_email(&mut self, obj: &Map<String, Value>, at: &At, key: &str) {
        if let Some(s) = self.str(obj, at, key, false) {
            if !s.is_empty() && !is_url(s) && !is_email(s) {
                let a = at.key(key);
                self.push(
                    codes::FORMAT_URL_OR_EMAIL,
                    &a,
                    format!("{}: `{}` is neither an absolute http(s) URL nor an e-mail address", a.name(), clip(s)),
                );
            }
        }
    }

    /// A date member: when present and non-empty, must be ISO 8601.
    pub fn date(&mut self, obj: &Map<String, Value>, at: &At, key: &str) {
        if let Some(s) = self.str(obj, at, key, false) {
            if !s.is_empty() && !is_iso8601(s) {
                let a = at.key(key);
                self.push(
                    codes::FORMAT_DATE,
                    &a,
                    format!("{}: `{}` is not an ISO 8601 date-time (e.g. 2024-05-01T00:00:00Z)", a.name(), clip(s)),
                );
            }
        }
    }

    /// Warns about a read-only field present in an update.
    pub fn read_only(&mut self, doc: &Value, pointers: &[&str]) {
        for p in pointers {
            if matches!(doc.pointer(p), Some(v) if !v.is_null()) {
                let at = At::pointer(p);
                let msg = format!("{}: read-only field set by Partner Center; the Store ignores it in an update (storesubmit strips it before sending)", at.label());
                self.push(codes::FIELD_READ_ONLY, &at, msg);
            }
        }
    }
}

/// At most 80 characters of a value, for messages.
pub(crate) fn clip(s: &str) -> String {
    if s.chars().count() <= 80 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(77).collect();
        t.push_str("...");
        t
    }
}

#[cfg(test)]
mod tests {
    use super::At;

    #[test]
    fn locations_render_pointer_and_label() {
        let root = At::root();
        let listings = root.key("listings");
        let l = listings.idx_named(3, "de-de");
        let f = l.key("productFeatures");
        let i = f.idx(2);
        assert_eq!(
            (i.ptr(), i.label()),
            ("/listings/3/productFeatures/2".to_string(), "listings[de-de].productFeatures[2]".to_string())
        );
        let one = listings.tagged("en-us");
        assert_eq!(
            (one.key("description").ptr(), one.key("description").label()),
            ("/listings/description".into(), "listings[en-us].description".into())
        );
        let pricing = root.key("pricing");
        let m = pricing.key("marketSpecificPricings");
        let k = m.named("a/b~c", "a/b~c");
        assert_eq!(
            (k.ptr(), k.label()),
            ("/pricing/marketSpecificPricings/a~1b~0c".into(), "pricing.marketSpecificPricings[a/b~c]".into())
        );
        assert_eq!((root.ptr(), root.label(), root.name()), (String::new(), String::new(), "document".to_string()));
        let p = At::pointer("/listings/en-us/baseListing/images/0/fileName");
        assert_eq!(
            (p.ptr(), p.label()),
            (
                "/listings/en-us/baseListing/images/0/fileName".into(),
                "listings.en-us.baseListing.images[0].fileName".into()
            )
        );
        assert_eq!(At::pointer("/trailers/1/trailerAssets/x~1y").key("k").label(), "trailers[1].trailerAssets.x/y.k");
    }
}
