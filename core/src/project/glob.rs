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
    match segs.split_first() {
        None => parts.is_empty(),
        Some((s, rest)) if s == "**" => (0..=parts.len()).any(|k| match_from(rest, &parts[k..])),
        Some((s, rest)) => match parts.split_first() {
            Some((p, more)) => segment_matches(s, p) && match_from(rest, more),
            None => false,
        },
    }
}

fn is_literal(seg: &str) -> bool {
    !seg.contains(['*', '?', '['])
}

/// Whether one path segment matches one glob segment.
pub(crate) fn segment_matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    seg(&p, &n)
}

fn seg(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|k| seg(&p[1..], &n[k..])),
        Some('?') => !n.is_empty() && seg(&p[1..], &n[1..]),
        Some('[') => {
            let Some(close) = p.iter().skip(2).position(|c| *c == ']').map(|i| i + 2) else {
                return n.first() == Some(&'[') && seg(&p[1..], &n[1..]);
            };
            let Some(c) = n.first() else { return false };
            let (negate, set) = match p[1] {
                '!' | '^' => (true, &p[2..close]),
                _ => (false, &p[1..close]),
            };
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
            hit != negate && seg(&p[close + 1..], &n[1..])
        }
        Some(ch) => n.first() == Some(ch) && seg(&p[1..], &n[1..]),
    }
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
