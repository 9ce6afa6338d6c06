//! Package globs: a small matcher (`*`, `?`, `[a-z]`, `[!x]` within a path segment, `**` for any number
//! of folders) and a walk of the project folder that lists only the folders a glob can reach, bounded by
//! [`crate::data::limits::PROJECT_WALK_MAX_ENTRIES`] entries and [`crate::data::limits::PROJECT_WALK_MAX_DEPTH`] levels.

use std::collections::BTreeMap;

use super::files::{join, ProjectFiles};
use crate::data::limits::{PROJECT_WALK_MAX_DEPTH, PROJECT_WALK_MAX_ENTRIES};

/// A parsed glob: `/`-separated segments relative to the project folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Glob {
    segments: Vec<String>,
}

impl Glob {
    /// Parses a glob (`\` is read as `/`, a leading `./` dropped).
    ///
    /// # Errors
    /// The rule it breaks: empty, absolute, a `..` segment, an unclosed `[`.
    pub fn parse(pattern: &str) -> Result<Glob, String> {
        let p = pattern.trim().replace('\\', "/");
        let mut p = p.as_str();
        while let Some(rest) = p.strip_prefix("./") {
            p = rest;
        }
        if p.is_empty() {
            return Err("is empty".into());
        }
        if p.starts_with('/') || p.as_bytes().get(1) == Some(&b':') {
            return Err("is absolute; globs are relative to the project folder".into());
        }
        let segments: Vec<String> = p.split('/').filter(|s| !s.is_empty() && *s != ".").map(String::from).collect();
        if segments.iter().any(|s| s == "..") {
            return Err("has a `..` segment; globs stay inside the project folder".into());
        }
        for s in &segments {
            let mut rest = s.as_str();
            while let Some(i) = rest.find('[') {
                match rest[i + 1..].find(']') {
                    Some(j) => rest = &rest[i + 1 + j + 1..],
                    None => return Err("has an unclosed `[`".into()),
                }
            }
        }
        Ok(Glob { segments })
    }

    /// Whether the `/`-separated relative path matches.
    pub fn matches(&self, path: &str) -> bool {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match_from(&self.segments, &parts)
    }

    /// The files under `files` that match, sorted, with their sizes, and whether the walk stopped at the
    /// limit. `budget` is the number of entries the walk may still list (shared by the globs of one
    /// project); it is decreased.
    ///
    /// # Errors
    /// The reason a folder could not be listed.
    pub fn walk(&self, files: &dyn ProjectFiles, budget: &mut usize) -> Result<(Vec<(String, u64)>, bool), String> {
        let mut found = BTreeMap::new();
        let mut hit = false;
        walk(files, &self.segments, "", 0, budget, &mut found, &mut hit)?;
        Ok((found.into_iter().collect(), hit))
    }
}

fn match_from(segs: &[String], parts: &[&str]) -> bool {
    wildcard(segs, parts, |s| s == "**", |s, p| segment_matches(s, p))
}

/// Wildcard matching in linear passes (the classic greedy match with one backtrack point, no recursion):
/// `star` tokens match any run of items, every other token matches one item when `one` says so. At most
/// `pattern.len() × items.len()` steps, whatever the pattern: a hostile glob (`*a*a*a…*b`) cannot stall a
/// run.
fn wildcard<P, T: ?Sized, I: AsRef<T>>(
    pattern: &[P],
    items: &[I],
    star: impl Fn(&P) -> bool,
    one: impl Fn(&P, &T) -> bool,
) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut last_star, mut mark) = (None::<usize>, 0usize);
    while ti < items.len() {
        if pi < pattern.len() && star(&pattern[pi]) {
            last_star = Some(pi);
            mark = ti;
            pi += 1;
        } else if pi < pattern.len() && one(&pattern[pi], items[ti].as_ref()) {
            pi += 1;
            ti += 1;
        } else if let Some(s) = last_star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < pattern.len() && star(&pattern[pi]) {
        pi += 1;
    }
    pi == pattern.len()
}

fn is_literal(seg: &str) -> bool {
    !seg.contains(['*', '?', '['])
}

/// One token of a glob segment.
#[derive(Debug)]
enum Tok {
    /// `*`: any run of characters.
    Star,
    /// `?`: one character.
    Any,
    /// `[a-z]`, `[!x]`: one character in (or, negated, not in) the set.
    Class { negate: bool, set: Vec<char> },
    /// A character as it is (an unclosed `[` too).
    Lit(char),
}

impl Tok {
    fn one(&self, c: &char) -> bool {
        match self {
            Tok::Star => true,
            Tok::Any => true,
            Tok::Lit(l) => l == c,
            Tok::Class { negate, set } => {
                let mut hit = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        hit |= (set[i]..=set[i + 2]).contains(c);
                        i += 3;
                    } else {
                        hit |= set[i] == *c;
                        i += 1;
                    }
                }
                hit != *negate
            }
        }
    }
}

fn tokens(pattern: &str) -> Vec<Tok> {
    let p: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '*' => out.push(Tok::Star),
            '?' => out.push(Tok::Any),
            '[' => match p.iter().skip(i + 2).position(|c| *c == ']').map(|k| k + i + 2) {
                Some(close) => {
                    let (negate, from) = if matches!(p[i + 1], '!' | '^') { (true, i + 2) } else { (false, i + 1) };
                    out.push(Tok::Class { negate, set: p[from..close].to_vec() });
                    i = close;
                }
                None => out.push(Tok::Lit('[')),
            },
            c => out.push(Tok::Lit(c)),
        }
        i += 1;
    }
    out
}

/// Whether one path segment matches one glob segment.
pub(crate) fn segment_matches(pattern: &str, name: &str) -> bool {
    let chars: Vec<[char; 1]> = name.chars().map(|c| [c]).collect();
    wildcard(&tokens(pattern), &chars, |t| matches!(t, Tok::Star), |t, c: &[char]| t.one(&c[0]))
}

fn walk(
    files: &dyn ProjectFiles,
    segs: &[String],
    dir: &str,
    depth: usize,
    budget: &mut usize,
    found: &mut BTreeMap<String, u64>,
    hit: &mut bool,
) -> Result<(), String> {
    let Some((s, rest)) = segs.split_first() else { return Ok(()) };
    if depth > PROJECT_WALK_MAX_DEPTH || *hit {
        *hit |= depth > PROJECT_WALK_MAX_DEPTH;
        return Ok(());
    }
    if s != "**" && is_literal(s) && !rest.is_empty() {
        // a literal folder: go straight in, listing nothing
        return walk(files, rest, &join(dir, s), depth + 1, budget, found, hit);
    }
    let Some(entries) = files.list(dir)? else { return Ok(()) };
    if entries.len() > *budget {
        *budget = 0;
        *hit = true;
        return Ok(());
    }
    *budget -= entries.len();
    if s == "**" {
        if rest.is_empty() {
            // a trailing `**`: every file below
            for e in entries.iter().filter(|e| !e.dir) {
                found.insert(join(dir, &e.name), e.size);
            }
        } else {
            walk(files, rest, dir, depth, budget, found, hit)?;
        }
        for e in entries.iter().filter(|e| e.dir) {
            walk(files, segs, &join(dir, &e.name), depth + 1, budget, found, hit)?;
        }
        return Ok(());
    }
    for e in &entries {
        if !segment_matches(s, &e.name) {
            continue;
        }
        if rest.is_empty() {
            if !e.dir {
                found.insert(join(dir, &e.name), e.size);
            }
        } else if e.dir {
            walk(files, rest, &join(dir, &e.name), depth + 1, budget, found, hit)?;
        }
    }
    Ok(())
}

/// A budget for one project's walks.
pub(crate) fn budget() -> usize {
    PROJECT_WALK_MAX_ENTRIES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hostile_glob_is_matched_in_bounded_steps() {
        let pattern = format!("{}b", "*a".repeat(40));
        let name = "a".repeat(200);
        let toks = tokens(&pattern);
        let chars: Vec<[char; 1]> = name.chars().map(|c| [c]).collect();
        let steps = std::cell::Cell::new(0usize);
        let hit = wildcard(
            &toks,
            &chars,
            |t| matches!(t, Tok::Star),
            |t, c: &[char]| {
                steps.set(steps.get() + 1);
                t.one(&c[0])
            },
        );
        assert!(!hit);
        assert!(steps.get() <= toks.len() * chars.len(), "{} steps", steps.get());
        assert!(!segment_matches(&pattern, &name));
        // `**` across many folders, the same way
        let segs: Vec<String> = std::iter::repeat_n("**".to_string(), 30).chain(["x".to_string()]).collect();
        let parts: Vec<&str> = std::iter::repeat_n("a", 60).collect();
        assert!(!match_from(&segs, &parts));
    }

    #[test]
    fn globs_still_match_what_they_matched() {
        for (p, n, want) in [
            ("*.msix*", "App_1.0_x64.msixupload", true),
            ("App_?.msix", "App_1.msix", true),
            ("App_[0-9].msix", "App_7.msix", true),
            ("App_[!0-9].msix", "App_7.msix", false),
            ("[x", "[x", true),
            ("*", "", true),
            ("a*b*c", "acxb", false),
            ("a*b*c", "aXbYc", true),
        ] {
            assert_eq!(segment_matches(p, n), want, "{p} vs {n}");
        }
        let g = Glob::parse("out/**/*.msixupload").unwrap();
        assert!(g.matches("out/x64/release/App.msixupload"));
        assert!(g.matches("out/App.msixupload"));
        assert!(!g.matches("other/App.msixupload"));
    }
}
