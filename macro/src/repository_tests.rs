//! House rules that a reviewer would otherwise have to check by eye: the macro's modules use
//! each other one way only, and no file of the repository names a local checkout's path.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The modules of `macro/src` that the macro is built from (not the tests' own), each with the
/// modules of the crate it names (`crate::<module>`).
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let test_only = |name: &str| {
        name.ends_with("_tests") || ["snapshots", "test_support", "generated"].contains(&name)
    };
    let mut uses = BTreeMap::new();
    for entry in fs::read_dir(&src).expect("macro/src") {
        let path = entry.expect("an entry").path();
        let Some(name) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|ext| ext != "rs") || test_only(name) || name == "lib" {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a module");
        // The module's own tests (`#[cfg(test)] mod tests`) may use anything.
        let text = text
            .split("#[cfg(test)]\nmod tests")
            .next()
            .unwrap_or_default();
        let named: BTreeSet<String> = text
            .match_indices("crate::")
            .map(|(at, _)| {
                text[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect::<String>()
            })
            .filter(|module| !module.is_empty() && module != name && !test_only(module))
            .collect();
        uses.insert(name.to_owned(), named);
    }
    uses
}

/// A loop of modules each using the next, if there is one.
fn a_loop(uses: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        uses: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|on| on == module) {
            let mut found = path[at..].to_vec();
            found.push(module.to_owned());
            return Some(found);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in uses.get(module).into_iter().flatten() {
            if let Some(found) = visit(next, uses, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    uses.keys()
        .find_map(|module| visit(module, uses, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_use_each_other_one_way() {
    let uses = uses();
    assert!(uses.contains_key("expand") && uses["expand"].contains("model"));
    if let Some(found) = a_loop(&uses) {
        panic!("modules that use each other: {}", found.join(" -> "));
    }
}

#[test]
fn a_loop_is_found() {
    let uses: BTreeMap<String, BTreeSet<String>> = [("a", "b"), ("b", "c"), ("c", "a")]
        .iter()
        .map(|(from, to)| ((*from).to_owned(), BTreeSet::from([(*to).to_owned()])))
        .collect();
    assert_eq!(a_loop(&uses).map(|found| found.len()), Some(4));
}

/// The files of the repository that are ours to check: everything but build output, git's own
/// files and the copy of tokio's suite under `compat/`.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("a directory") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default();
        if name == ".git" {
            continue;
        }
        if path.is_dir() {
            if !["target", "tokio"].contains(&name) {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

#[test]
fn no_file_names_a_local_checkout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut all = Vec::new();
    files(&root, &mut all);
    assert!(all.len() > 100, "{} files", all.len());
    // A path of the machine a file was written on: a home or the checkout's own directory
    // (spelled in two parts, so that this file does not name them).
    let local: Vec<String> = [
        ("/wo", "rk/"),
        ("/ro", "ot/"),
        ("/ho", "me/"),
        ("/Us", "ers/"),
    ]
    .iter()
    .map(|(head, tail)| format!("{head}{tail}"))
    .collect();
    let mut found = Vec::new();
    for path in all {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        for (number, line) in text.lines().enumerate() {
            if local.iter().any(|pattern| line.contains(pattern)) {
                found.push(format!("{}:{}: {line}", path.display(), number + 1));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
