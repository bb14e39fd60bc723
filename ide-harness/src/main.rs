//! What an editor offers inside `#[mainspring::main(..)]` / `#[mainspring::test(..)]`, asked of
//! rust-analyzer's own engine (its published `ra_ap_*` crates).
//!
//! It loads `fixture/` as the language server does (`cargo metadata`, build scripts run and proc
//! macros built by the stable toolchain, macros expanded by that toolchain's
//! `rust-analyzer-proc-macro-srv`, the standard library's sources loaded), then, at every `$0`
//! of the fixture's files, runs the requests that the `//@` line above it names, and prints a
//! Markdown table on stdout. Progress goes to stderr. See README.md.

use std::collections::{BTreeMap, VecDeque};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ra_ap_ide::{
    Analysis, AnalysisHost, CallableSnippets, Cancellable, CompletionConfig,
    CompletionFieldsToResolve, CompletionItem, FileId, FilePosition, FileRange,
    GotoDefinitionConfig, HoverConfig, HoverDocFormat, MemoryLayoutHoverConfig,
    MemoryLayoutHoverRenderKind, RaFixtureConfig, Snippet, SnippetScope, SubstTyLen, TextRange,
    TextSize,
};
use ra_ap_ide_completion::AutoImportExclusionType;
use ra_ap_ide_db::imports::insert_use::{ImportGranularity, InsertUseConfig, PrefixKind};
use ra_ap_ide_db::{ChangeWithProcMacros, FxHashMap, SnippetCap};
use ra_ap_load_cargo::{LoadCargoConfig, ProcMacroServerChoice, load_workspace_at};
use ra_ap_paths::AbsPathBuf;
use ra_ap_project_model::{CargoConfig, RustLibSource, TargetDirectoryConfig};
use ra_ap_vfs::{Vfs, VfsPath};

type Res<T> = Result<T, Box<dyn Error>>;

/// The cursor marker in the fixture's files (outside comment lines).
const MARKER: &str = "$0";
/// The line that names the requests for a marker: `//@ <id> <req>[,<req>..] -- <note>`. The
/// markers after a run of such lines take them in order.
const DIRECTIVE: &str = "//@";
/// Completion lists longer than this are cut, with their length given.
const MAX_LABELS: usize = 15;
/// The option names whose presence each completion row reports.
const WATCHED: &[&str] = &["worker_threads", "flavor", "timeout"];
/// The toolchain whose proc-macro server expands the fixture's macros, unless
/// `IDE_HARNESS_TOOLCHAIN` names another.
const DEFAULT_TOOLCHAIN: &str = "stable";

/// What `cargo +TOOLCHAIN run` sets for this program and rust-analyzer would read as "use this
/// cargo / rustc": `RUSTUP_TOOLCHAIN` and `CARGO` name the toolchain that runs the harness.
const INHERITED: &[&str] = &[
    "RUSTUP_TOOLCHAIN",
    "CARGO",
    "RUSTC",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "RUSTDOC",
];

fn main() {
    for name in INHERITED {
        // SAFETY: no other thread runs yet.
        unsafe { std::env::remove_var(name) };
    }
    if let Err(error) = run() {
        eprintln!("ide-harness: {error}");
        std::process::exit(1);
    }
}

/// One cursor position of the fixture and what to ask there.
struct Position {
    id: String,
    requests: Vec<Request>,
    note: String,
    /// The fixture file, relative to `fixture/`.
    file: String,
    /// Offset of the cursor in the file's text without markers.
    offset: TextSize,
    /// The cursor's line, markers removed, the cursor shown as `|`.
    line: String,
    /// The identifier characters just before the cursor: what the user has typed of a name.
    typed: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Request {
    Complete,
    Hover,
    Goto,
    Expand,
}

impl Request {
    fn parse(word: &str) -> Option<Request> {
        Some(match word {
            "complete" => Request::Complete,
            "hover" => Request::Hover,
            "goto" => Request::Goto,
            "expand" => Request::Expand,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Request::Complete => "completion",
            Request::Hover => "hover",
            Request::Goto => "go to definition",
            Request::Expand => "expand macro",
        }
    }
}

/// A fixture file: its text as the editor holds it (no markers) and its positions.
struct FixtureFile {
    path: PathBuf,
    text: String,
    positions: Vec<Position>,
}

fn run() -> Res<()> {
    let harness = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Another copy of the fixture (in a copy of the repository) may be named; paths are shown
    // relative to the repository two levels above the fixture.
    let fixture = match std::env::var_os("IDE_HARNESS_FIXTURE") {
        Some(dir) => std::fs::canonicalize(dir)?,
        None => harness.join("fixture"),
    };
    let repo = fixture
        .parent()
        .and_then(Path::parent)
        .ok_or("the fixture is not two levels below a repository")?
        .to_path_buf();

    let toolchain =
        std::env::var("IDE_HARNESS_TOOLCHAIN").unwrap_or_else(|_| DEFAULT_TOOLCHAIN.to_owned());
    let sysroot = toolchain_sysroot(&toolchain)?;
    let rustc_version = toolchain_output(&toolchain, "rustc", &["--version"])?;
    let srv = sysroot.join("libexec/rust-analyzer-proc-macro-srv");
    if !srv.exists() {
        return Err(format!("no proc-macro server at {}", srv.display()).into());
    }
    let (std_src, std_src_from) = std_sources(&sysroot)?;
    eprintln!("toolchain: {rustc_version} at {}", sysroot.display());
    eprintln!("std sources: {} ({std_src_from})", std_src.display());

    // The cargo and rustc that rust-analyzer runs are the chosen toolchain's, whatever toolchain
    // runs this program: `run` took out what `cargo +nightly run` hands it, and this names the
    // toolchain to rustup's proxies as rust-analyzer itself does.
    let mut extra_env: FxHashMap<String, Option<String>> = FxHashMap::default();
    extra_env.insert("RUSTUP_TOOLCHAIN".to_owned(), Some(path_string(&sysroot)?));
    let cargo_config = CargoConfig {
        all_targets: true,
        sysroot: Some(RustLibSource::Path(abs(&sysroot)?)),
        sysroot_src: Some(abs(&std_src)?),
        extra_env,
        target_dir_config: TargetDirectoryConfig::Directory(
            harness
                .join("target/fixture")
                .try_into()
                .map_err(|_| "non-UTF-8 target path")?,
        ),
        set_test: true,
        ..CargoConfig::default()
    };
    let load_config = LoadCargoConfig {
        load_out_dirs_from_check: true,
        with_proc_macro_server: ProcMacroServerChoice::Sysroot,
        prefill_caches: false,
        num_worker_threads: 1,
        proc_macro_processes: 1,
    };

    let started = Instant::now();
    eprintln!(
        "loading {} (cargo metadata, build scripts, proc macros)...",
        fixture.display()
    );
    let (db, vfs, proc_macro_client) =
        load_workspace_at(&fixture, &cargo_config, &load_config, &|message| {
            eprintln!("  {message}")
        })?;
    let server = match &proc_macro_client {
        Some(client) => client.server_path().to_string(),
        None => return Err("rust-analyzer started no proc-macro server".into()),
    };
    eprintln!(
        "loaded in {:.1}s; proc-macro server {server}",
        started.elapsed().as_secs_f64()
    );

    let mut host = AnalysisHost::with_database(db);
    let files = fixture_files(&fixture)?;
    let mut ids = BTreeMap::new();
    let mut change = ChangeWithProcMacros::default();
    for file in &files {
        let file_id = file_id(&vfs, &file.path)?;
        change.change_file(file_id, Some(file.text.clone()));
        ids.insert(file.path.clone(), file_id);
    }
    host.apply_change(change);

    // Every position, in the order of their ids.
    let mut positions: Vec<(FileId, &Position)> = files
        .iter()
        .flat_map(|file| {
            file.positions
                .iter()
                .map(|position| (ids[&file.path], position))
        })
        .collect();
    positions.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    if let Some(pair) = positions
        .windows(2)
        .find(|pair| pair[0].1.id == pair[1].1.id)
    {
        return Err(format!("two positions have the id {}", pair[0].1.id).into());
    }

    let asker = Asker {
        analysis: host.analysis(),
        vfs: &vfs,
        repo: &repo,
        completion: completion_config(),
        hover: hover_config(),
        goto: GotoDefinitionConfig {
            ra_fixture: RaFixtureConfig::default(),
        },
    };
    let mut rows = Vec::new();
    for &(file_id, position) in &positions {
        let at = FilePosition {
            file_id,
            offset: position.offset,
        };
        for &request in &position.requests {
            let result = asker
                .ask(request, at, &position.typed)
                .unwrap_or_else(|_| "cancelled".to_owned());
            let where_ = format!(
                "**{}** {}<br>`{}`<br>({})",
                position.id, position.note, position.line, position.file
            );
            rows.push((where_, request.name(), result));
        }
    }
    eprintln!("{} requests answered", rows.len());
    if rows
        .iter()
        .any(|(_, request, result)| *request == Request::Expand.name() && result == "nothing")
    {
        eprintln!("warning: an `expand` position expanded nothing: are the proc macros loaded?");
    }

    let mut out = String::new();
    writeln!(
        out,
        "# What rust-analyzer offers inside mainspring's attribute arguments"
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "rust-analyzer's engine `ra_ap_ide` 0.0.349; fixture `ide-harness/fixture` on the \
         repository's working tree ({}); macros expanded by `{}`'s \
         `rust-analyzer-proc-macro-srv` ({}); std sources from {}. Written by `ide-harness` (see \
         its README).",
        head_commit(&repo),
        toolchain,
        rustc_version.trim(),
        std_src_from
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "Completion: rust-analyzer's list as it sends it (no trigger character, default config), \
         then the items an editor keeps for what was typed before the cursor (its first \
         character starts the item's filter text, the rest follow in order), in \
         rust-analyzer's order (relevance, then label); `+doc` marks an item with documentation. \
         The last part says which of {} the whole list offers.",
        WATCHED
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(out)?;
    writeln!(out, "| position | request | result |")?;
    writeln!(out, "|---|---|---|")?;
    for (position, request, result) in rows {
        writeln!(
            out,
            "| {} | {} | {} |",
            cell(&position),
            request,
            cell(&result)
        )?;
    }
    print!("{out}");
    Ok(())
}

/// Asks rust-analyzer's analysis what an editor would, and says what came back.
struct Asker<'a> {
    analysis: Analysis,
    vfs: &'a Vfs,
    repo: &'a Path,
    completion: CompletionConfig<'static>,
    hover: HoverConfig<'static>,
    goto: GotoDefinitionConfig<'static>,
}

impl Asker<'_> {
    fn ask(&self, request: Request, at: FilePosition, typed: &str) -> Cancellable<String> {
        let analysis = &self.analysis;
        Ok(match request {
            // No trigger character: what an editor asks while a name is typed.
            Request::Complete => {
                describe_completions(analysis.completions(&self.completion, at, None)?, typed)
            }
            Request::Hover => {
                let range = FileRange {
                    file_id: at.file_id,
                    range: TextRange::empty(at.offset),
                };
                match analysis.hover(&self.hover, range)? {
                    Some(info) => describe_hover(info.info.markup.as_str()),
                    None => "nothing".to_owned(),
                }
            }
            Request::Goto => match analysis.goto_definition(at, &self.goto)? {
                Some(info) if !info.info.is_empty() => {
                    let mut targets = Vec::new();
                    for target in &info.info {
                        let range = target.focus_range.unwrap_or(target.full_range);
                        let line = analysis
                            .file_line_index(target.file_id)?
                            .line_col(range.start());
                        targets.push(format!(
                            "`{}:{}` `{}`",
                            display_path(self.vfs, target.file_id, self.repo),
                            line.line + 1,
                            target.name.as_str()
                        ));
                    }
                    targets.join("; ")
                }
                _ => "nothing".to_owned(),
            },
            Request::Expand => match analysis.expand_macro(at)? {
                Some(expanded) => describe_expansion(&expanded.name, &expanded.expansion),
                None => "nothing".to_owned(),
            },
        })
    }
}

/// The repository's HEAD, read-only (`git rev-parse`), for the table's header.
fn head_commit(repo: &Path) -> String {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|output| output.status.success())
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .map_or_else(
            || "HEAD unknown".to_owned(),
            |hash| format!("HEAD `{}`, with any uncommitted changes", hash.trim()),
        )
}

/// `rustc --print sysroot` of a rustup toolchain.
fn toolchain_sysroot(toolchain: &str) -> Res<PathBuf> {
    Ok(PathBuf::from(
        toolchain_output(toolchain, "rustc", &["--print", "sysroot"])?.trim(),
    ))
}

/// A rustup toolchain's tool's stdout, whatever toolchain this program runs under.
fn toolchain_output(toolchain: &str, tool: &str, args: &[&str]) -> Res<String> {
    let output = Command::new(tool)
        .arg(format!("+{toolchain}"))
        .args(args)
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC")
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "`{tool} +{toolchain} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(String::from_utf8(output.stdout)?)
}

/// Where the standard library's sources are: `RUST_SRC_PATH` if it is set, else the toolchain's
/// `rust-src` component, else Debian's `rust-web-src` (`/usr/lib/rustlib/src/rust/library`).
fn std_sources(sysroot: &Path) -> Res<(PathBuf, String)> {
    let has_core = |dir: &Path| dir.join("core/src/lib.rs").is_file();
    if let Some(dir) = std::env::var_os("RUST_SRC_PATH").map(PathBuf::from) {
        if has_core(&dir) {
            return Ok((dir, "`RUST_SRC_PATH`".to_owned()));
        }
        return Err(format!("RUST_SRC_PATH={} has no core/src/lib.rs", dir.display()).into());
    }
    let component = sysroot.join("lib/rustlib/src/rust/library");
    if has_core(&component) {
        return Ok((component, "the toolchain's `rust-src` component".to_owned()));
    }
    let debian = PathBuf::from("/usr/lib/rustlib/src/rust/library");
    if has_core(&debian) {
        // The package's own version, from where the symlink points (`/usr/src/rustc-1.96.0`).
        let version = std::fs::canonicalize(&debian)
            .ok()
            .and_then(|real| {
                real.parent()?
                    .file_name()?
                    .to_str()?
                    .strip_prefix("rustc-")
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "unknown".to_owned());
        return Ok((debian, format!("Debian's `rust-web-src` ({version})")));
    }
    Err("no standard library sources: set RUST_SRC_PATH, or `apt-get install rust-web-src`".into())
}

/// Every `.rs` file under `fixture/src`, sorted, with its markers taken out.
fn fixture_files(fixture: &Path) -> Res<Vec<FixtureFile>> {
    let mut paths = Vec::new();
    let mut dirs = vec![fixture.join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let raw = std::fs::read_to_string(&path)?;
        let relative = path.strip_prefix(fixture)?.to_string_lossy().into_owned();
        let (text, positions) = parse_fixture(&raw, &relative)?;
        files.push(FixtureFile {
            path,
            text,
            positions,
        });
    }
    Ok(files)
}

/// A file's text without markers, and the positions its markers and directives make.
fn parse_fixture(raw: &str, file: &str) -> Res<(String, Vec<Position>)> {
    let mut text = String::with_capacity(raw.len());
    let mut positions = Vec::new();
    // Directives waiting for their markers: the first marker after them takes the first.
    let mut pending: VecDeque<(String, Vec<Request>, String)> = VecDeque::new();
    for (number, raw_line) in raw.split_inclusive('\n').enumerate() {
        let trimmed = raw_line.trim();
        if let Some(rest) = trimmed.strip_prefix(DIRECTIVE) {
            let (head, note) = rest.split_once("--").unwrap_or((rest, ""));
            let mut words = head.split_whitespace();
            let id = words
                .next()
                .ok_or(format!("{file}:{}: directive without id", number + 1))?;
            let requests = words
                .next()
                .unwrap_or("")
                .split(',')
                .map(|word| {
                    Request::parse(word)
                        .ok_or(format!("{file}:{}: unknown request `{word}`", number + 1))
                })
                .collect::<Result<Vec<_>, _>>()?;
            pending.push_back((id.to_owned(), requests, note.trim().to_owned()));
        }
        let line_start = text.len();
        let mut rest = raw_line;
        let mut cursors = Vec::new();
        // Comment lines (this directive, the files' docs) hold no cursor.
        while let Some(at) = rest.find(MARKER).filter(|_| !trimmed.starts_with("//")) {
            text.push_str(&rest[..at]);
            cursors.push(text.len());
            rest = &rest[at + MARKER.len()..];
        }
        text.push_str(rest);
        for cursor in cursors {
            let (id, requests, note) = pending.pop_front().ok_or(format!(
                "{file}:{}: a `$0` with no `//@` line above it",
                number + 1
            ))?;
            let line_text = text[line_start..].trim_end_matches('\n');
            let column = cursor - line_start;
            let shown = format!("{}|{}", &line_text[..column], &line_text[column..]);
            let before = &text[..cursor];
            let typed_start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
                .last()
                .map_or(cursor, |(index, _)| index);
            positions.push(Position {
                id,
                requests,
                note,
                file: file.to_owned(),
                offset: TextSize::from(u32::try_from(cursor)?),
                line: shown.trim().to_owned(),
                typed: before[typed_start..].to_owned(),
            });
        }
    }
    if let Some((id, ..)) = pending.front() {
        return Err(format!("{file}: directive `{id}` has no `$0` after it").into());
    }
    Ok((text, positions))
}

fn file_id(vfs: &Vfs, path: &Path) -> Res<FileId> {
    let vfs_path = VfsPath::from(abs(path)?);
    vfs.file_id(&vfs_path)
        .map(|(id, _)| id)
        .ok_or_else(|| format!("{} is not in rust-analyzer's file set", path.display()).into())
}

fn abs(path: &Path) -> Res<AbsPathBuf> {
    let path = path_string(path)?;
    AbsPathBuf::try_from(path.as_str()).map_err(|path| format!("{path} is not absolute").into())
}

fn path_string(path: &Path) -> Res<String> {
    Ok(path
        .to_str()
        .ok_or_else(|| format!("{} is not UTF-8", path.display()))?
        .to_owned())
}

/// A file of rust-analyzer's, shown the same way on every machine: relative to the repository,
/// to the cargo registry (`registry:`) or to the std sources (`std-src:`).
fn display_path(vfs: &Vfs, file_id: FileId, repo: &Path) -> String {
    let path = vfs.file_path(file_id).to_string();
    if let Ok(relative) = Path::new(&path).strip_prefix(repo) {
        return relative.to_string_lossy().into_owned();
    }
    if let Some(at) = path.find("/registry/src/") {
        let rest = &path[at + "/registry/src/".len()..];
        let rest = rest.split_once('/').map_or(rest, |(_index, rest)| rest);
        return format!("registry:{rest}");
    }
    if let Some(at) = path.find("/library/") {
        return format!("std-src:{}", &path[at + "/library/".len()..]);
    }
    path
}

/// The completion list: its length, the items an editor keeps for what was typed, and which
/// watched option names the list has.
fn describe_completions(items: Option<Vec<CompletionItem>>, typed: &str) -> String {
    let Some(mut items) = items else {
        return "nothing (no completion context)".to_owned();
    };
    items.sort_by(|a, b| {
        b.relevance
            .score()
            .cmp(&a.relevance.score())
            .then_with(|| a.label.primary.cmp(&b.label.primary))
            .then_with(|| a.lookup().cmp(b.lookup()))
    });
    let watched = WATCHED
        .iter()
        .map(|name| {
            let offered = items
                .iter()
                .any(|item| item.label.primary.as_str() == *name);
            format!("`{name}` {}", if offered { "yes" } else { "no" })
        })
        .collect::<Vec<_>>()
        .join(", ");
    if items.is_empty() {
        return format!("nothing (empty list); {watched}");
    }
    let kept: Vec<&CompletionItem> = items
        .iter()
        .filter(|item| editor_keeps(item.lookup(), typed))
        .collect();
    let filter = if typed.is_empty() {
        "nothing typed, all kept".to_owned()
    } else {
        format!("{} kept for `{typed}`", kept.len())
    };
    // With none kept, the list itself says what rust-analyzer took the position for.
    let (what, shown) = if kept.is_empty() {
        ("none kept; the list", items.iter().collect::<Vec<_>>())
    } else {
        ("kept", kept)
    };
    let labels = shown
        .iter()
        .take(MAX_LABELS)
        .map(|item| {
            let doc = if item.documentation.is_some() {
                ", +doc"
            } else {
                ""
            };
            format!("`{}` ({}{doc})", item.label.primary, kind_name(item))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let cut = if shown.len() > MAX_LABELS {
        format!(" (first {MAX_LABELS})")
    } else {
        String::new()
    };
    format!(
        "{} items ({filter}): {what}{cut}: {labels}; {watched}",
        items.len()
    )
}

/// The editor's filter, simplified from VS Code's: the typed text's first character starts the
/// filter text and the rest appear in it in order, case-insensitively.
fn editor_keeps(filter_text: &str, typed: &str) -> bool {
    let filter_text = filter_text.to_lowercase();
    let typed = typed.to_lowercase();
    let mut typed_chars = typed.chars();
    let Some(first) = typed_chars.next() else {
        return true;
    };
    if !filter_text.starts_with(first) {
        return false;
    }
    let mut rest = filter_text.chars().skip(1);
    typed_chars.all(|wanted| rest.any(|c| c == wanted))
}

fn kind_name(item: &CompletionItem) -> String {
    let debug = format!("{:?}", item.kind);
    let name = debug
        .strip_prefix("SymbolKind(")
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(&debug);
    name.to_lowercase()
}

/// The hover's first lines of text (code fences and rules left out), at most three.
fn describe_hover(markup: &str) -> String {
    let lines: Vec<&str> = markup
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("```") && *line != "---")
        .collect();
    if lines.is_empty() {
        return "nothing (empty hover)".to_owned();
    }
    let mut shown = lines
        .iter()
        .take(3)
        .map(|line| format!("`{line}`"))
        .collect::<Vec<_>>();
    if lines.len() > 3 {
        shown.push(format!("(+{} lines)", lines.len() - 3));
    }
    shown.join(" / ")
}

/// The macro's name, the expansion's length, whether it has a `compile_error!`, and its start.
fn describe_expansion(name: &str, expansion: &str) -> String {
    let flat = expansion.split_whitespace().collect::<Vec<_>>().join(" ");
    let errors = flat.matches("compile_error").count();
    let start: String = flat.chars().take(160).collect();
    let more = if flat.chars().count() > 160 {
        " …"
    } else {
        ""
    };
    format!(
        "`{name}` expands ({} chars, {errors} `compile_error!`): `{start}{more}`",
        flat.len()
    )
}

/// A table cell: no pipes or newlines that would end it.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// rust-analyzer's completion settings as the language server has them by default (its
/// `completion.*` settings left alone; a client that takes snippets).
fn completion_config() -> CompletionConfig<'static> {
    let snippet =
        |prefix: &str, postfix: &str, body: &str, description: &str, requires: &str, scope| {
            let list = |s: &str| {
                if s.is_empty() {
                    vec![]
                } else {
                    vec![s.to_owned()]
                }
            };
            Snippet::new(
                &list(prefix),
                &list(postfix),
                &[body.to_owned()],
                description,
                &list(requires),
                scope,
            )
        };
    let snippets = [
        snippet(
            "",
            "arc",
            "Arc::new(${receiver})",
            "Put the expression into an `Arc`",
            "std::sync::Arc",
            SnippetScope::Expr,
        ),
        snippet(
            "",
            "rc",
            "Rc::new(${receiver})",
            "Put the expression into an `Rc`",
            "std::rc::Rc",
            SnippetScope::Expr,
        ),
        snippet(
            "",
            "pinbox",
            "Box::pin(${receiver})",
            "Put the expression into a pinned `Box`",
            "std::boxed::Box",
            SnippetScope::Expr,
        ),
        snippet(
            "",
            "ok",
            "Ok(${receiver})",
            "Wrap the expression in a `Result::Ok`",
            "",
            SnippetScope::Expr,
        ),
        snippet(
            "",
            "err",
            "Err(${receiver})",
            "Wrap the expression in a `Result::Err`",
            "",
            SnippetScope::Expr,
        ),
        snippet(
            "",
            "some",
            "Some(${receiver})",
            "Wrap the expression in an `Option::Some`",
            "",
            SnippetScope::Expr,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    CompletionConfig {
        enable_postfix_completions: true,
        enable_imports_on_the_fly: true,
        enable_self_on_the_fly: true,
        enable_auto_iter: true,
        enable_auto_await: true,
        enable_private_editable: false,
        enable_term_search: false,
        term_search_fuel: 1000,
        full_function_signatures: false,
        callable: Some(CallableSnippets::FillArguments),
        add_colons_to_module: true,
        add_semicolon_to_unit: true,
        snippet_cap: SnippetCap::new(true),
        insert_use: InsertUseConfig {
            granularity: ImportGranularity::Crate,
            enforce_granularity: false,
            prefix_kind: PrefixKind::Plain,
            group: true,
            skip_glob_imports: true,
        },
        prefer_no_std: false,
        prefer_prelude: true,
        prefer_absolute: false,
        snippets,
        limit: None,
        fields_to_resolve: CompletionFieldsToResolve::empty(),
        exclude_flyimport: vec![
            (
                "core::borrow::Borrow".to_owned(),
                AutoImportExclusionType::Methods,
            ),
            (
                "core::borrow::BorrowMut".to_owned(),
                AutoImportExclusionType::Methods,
            ),
        ],
        exclude_traits: &[],
        ra_fixture: RaFixtureConfig::default(),
    }
}

/// rust-analyzer's hover settings as the language server has them by default, for a client that
/// shows Markdown.
fn hover_config() -> HoverConfig<'static> {
    HoverConfig {
        links_in_hover: true,
        memory_layout: Some(MemoryLayoutHoverConfig {
            size: Some(MemoryLayoutHoverRenderKind::Both),
            offset: Some(MemoryLayoutHoverRenderKind::Hexadecimal),
            alignment: Some(MemoryLayoutHoverRenderKind::Hexadecimal),
            padding: None,
            niches: false,
        }),
        documentation: true,
        keywords: true,
        format: HoverDocFormat::Markdown,
        max_trait_assoc_items_count: None,
        max_fields_count: Some(5),
        max_enum_variants_count: Some(5),
        max_subst_ty_len: SubstTyLen::LimitTo(20),
        show_drop_glue: true,
        ra_fixture: RaFixtureConfig::default(),
    }
}
