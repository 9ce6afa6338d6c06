//! The core's modules form layers: no import cycle between its top-level modules (`api`, `flow`,
//! `task`, `wire`, …). A cycle is how a layer leaks (a workflow reaching into the JSON wrapper, the
//! request builders reaching into the options), so this test reads every source file of `core/src` (test
//! code aside), collects the `crate::<module>` paths each one uses, and fails naming the arrows of any
//! cycle it finds. Run it alone with `cargo test -p storesubmit --test module_graph`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The files that hold only test code: those a `#[cfg(test)] mod name;` declares.
fn test_only(all: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    for f in all {
        let text = std::fs::read_to_string(f).unwrap();
        let dir = if f.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs") {
            f.parent().unwrap().to_path_buf()
        } else {
            f.with_extension("")
        };
        let mut lines = text.lines().map(str::trim);
        while let Some(line) = lines.next() {
            if line != "#[cfg(test)]" {
                continue;
            }
            let Some(next) = lines.next() else { break };
            let decl = next.trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            if let Some(name) = decl.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
                out.insert(dir.join(format!("{name}.rs")));
                out.insert(dir.join(name).join("mod.rs"));
                // a test module's own folder (`upload/tests/…`) is test code too
                let sub = dir.join(name);
                if sub.is_dir() {
                    let mut inner = Vec::new();
                    files(&sub, &mut inner);
                    out.extend(inner);
                }
            }
        }
    }
    out
}

/// The code of a file without its comments and without an inline `#[cfg(test)] mod … { … }` (which
/// the core keeps last in a file).
fn code(text: &str) -> String {
    let mut kept = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim();
        if t == "#[cfg(test)]" {
            if let Some(next) = lines.peek() {
                let n = next.trim();
                if (n.starts_with("mod ") || n.starts_with("pub(crate) mod ")) && n.ends_with('{') {
                    break;
                }
            }
        }
        if t.starts_with("//") {
            continue;
        }
        kept.push(line);
    }
    kept.join("\n")
}

fn top_module(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!["lib", "main", "bin"].contains(&name.as_str())).then_some(name)
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        let g = t.g;
        for w in g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn the_core_modules_have_no_import_cycle() {
    let mut all = Vec::new();
    files(&src(), &mut all);
    let tests = test_only(&all);
    let modules: BTreeSet<String> = all.iter().filter_map(|f| top_module(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    let mut why: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for f in all.iter().filter(|f| !tests.contains(*f)) {
        let Some(from) = top_module(f) else { continue };
        let text = code(&std::fs::read_to_string(f).unwrap());
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let to: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if to != from && modules.contains(&to) {
                graph.get_mut(&from).unwrap().insert(to.clone());
                let rel = f.strip_prefix(src()).unwrap().display().to_string();
                why.entry((from.clone(), to)).or_default().insert(rel);
            }
        }
    }
    let found = cycles(&graph);
    let mut report = String::new();
    for c in &found {
        report.push_str(&format!("cycle between {}:\n", c.join(", ")));
        for ((a, b), files) in &why {
            if c.contains(a) && c.contains(b) {
                report.push_str(&format!("  {a} -> {b} ({})\n", files.iter().cloned().collect::<Vec<_>>().join(", ")));
            }
        }
    }
    assert!(found.is_empty(), "{report}");
    assert!(modules.len() > 20, "the walk found the modules: {modules:?}");
}

#[test]
fn a_cycle_is_found() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), ["a".to_string()].into());
    g.insert("d".into(), ["a".to_string()].into());
    assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]]);
}
