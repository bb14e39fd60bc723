//! Stage 3: a valid `Plan` and the parsed function to the expansion. Nothing is checked here.

use crate::ide::Keys;
use crate::model::{
    Arg, Case, Config, Driver, Enable, Flavor, FnShape, Knob, Leaks, Plan, Start, UnhandledPanic,
    Wrap,
};
use crate::parse::{ItemFn, Output, Sig};
use crate::private::{Private, private_item};
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::{FnArg, Type};

// Input:  #[attrs] pub async fn name<G>(x: T) -> R where W { body }
// Output: #[attrs] #[test]? pub fn name<G>(x: T) -> R where W {
//             __private::block_on(<builder>.build(), async move {
//                 if false { return __private::output::<R>(); }
//                 { body }
//             })
//         }
//
// tokio's `async move { body }` block infers its output from the body, so `?`, an early
// `return` and coercions to the declared type (`Box<dyn Error>`, `Box<dyn Fn()>`) are checked
// against the wrong type and reported as "async block" errors at the attribute. The `if false`
// line is a `return` of the declared type that rustc checks first: from then on the block's
// output is `R`, and the body's returns, `?` and tail are checked and coerced against it as in
// the fn (the table in `ui-tests/type-errors/RESULTS.md`). It adds nothing at run time.
//
// A nested `async fn` with the user's signature gives the same errors but costs rustc more per
// fn in `cargo check` (its opaque `impl Future` type), which a test suite pays thousands of
// times; the block was chosen on `bench/` figures, and `bench/RESULTS.md` has what it costs.
pub(crate) fn function(item: ItemFn, plan: &Plan, shape: &FnShape, keys: &Keys) -> TokenStream {
    let mut item = item;
    item.attrs = std::mem::take(&mut item.attrs)
        .into_iter()
        .enumerate()
        .filter(|(index, _)| !shape.dropped_attrs.contains(index))
        .map(|(_, attr)| attr)
        .collect();
    let cases: Vec<&Case> = plan.cases.iter().collect();
    let keys = keys.statement(plan.krate());
    match cases.as_slice() {
        [Case { name: None, config }] => one_runtime(item, config, shape, keys),
        _ => flavor_matrix(item, &cases, keys),
    }
}

// `keys`, the statement that names the option keys for editors (see `ide.rs`), is the first of
// the generated fn's body.
fn one_runtime(item: ItemFn, config: &Config, shape: &FnShape, keys: TokenStream) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        sig,
        body,
        body_source,
    } = item;
    let attrs = attrs.iter().map(|attr| &attr.tokens);
    let test_attr = shape
        .test_attr
        .then(|| quote!(#[::core::prelude::v1::test]));
    let one_line = if shape.drop_inputs {
        None
    } else {
        one_line(&body, body_source.as_deref())
    };
    let (inner_attrs, contents) = match one_line {
        Some((inner_attrs, stmts)) => (inner_attrs, stmts),
        None => (Vec::new(), body.to_token_stream()),
    };
    let ending = ending(config, &sig, shape.terminates);
    let output = if ending.report {
        quote!(-> ::std::process::ExitCode)
    } else {
        declared_output(&sig)
    };
    let (inputs, block) = if shape.drop_inputs {
        let none = Group::new(Delimiter::Parenthesis, TokenStream::new());
        (none, discarded_body(&sig, &body, keys))
    } else {
        let future = future(config, &sig, &body, contents);
        let run = run_body(config, future, &ending);
        (sig.inputs.clone(), user_braces(&body, quote!(#keys #run)))
    };
    let Sig {
        constness,
        head,
        where_clause,
        ..
    } = &sig;
    quote! {
        #(#attrs)*
        #(#inner_attrs)*
        #test_attr
        #vis #constness #head #inputs #output #where_clause #block
    }
}

/// A body written on one line, as `(inner attributes, statements)`, or `None`.
///
/// Such a body is spliced into the `async` block without its braces: `{ 40 + 2 }` as the tail
/// of the block would trip rustc's `unused_braces` (tokio issue #3403), a lint that looks at
/// one-line blocks only, so a body over several lines keeps its braces and its tokens are not
/// looked into: only its source text is read, in `parse`, which costs far less than converting
/// its tokens (`bench/RESULTS.md`, "One attribute on a 10-line vs a 500-line body"). Its inner
/// attributes
/// (`#![allow(..)]`), which cannot follow the block's first line, become outer attributes of
/// the fn, where they mean the same.
fn one_line(body: &Group, source: Option<&str>) -> Option<(Vec<TokenStream>, TokenStream)> {
    if source?.contains('\n') {
        return None;
    }
    let trees: Vec<TokenTree> = body.stream().into_iter().collect();
    let (inner_attrs, rest) = inner_attributes(&trees);
    Some((inner_attrs, rest.iter().cloned().collect()))
}

/// A body's leading `#![..]`s, each as the outer `#[..]` it becomes, and the trees after them.
pub(crate) fn inner_attributes(trees: &[TokenTree]) -> (Vec<TokenStream>, &[TokenTree]) {
    let mut inner_attrs = Vec::new();
    let mut rest = trees;
    while let [
        TokenTree::Punct(pound),
        TokenTree::Punct(bang),
        TokenTree::Group(brackets),
        after @ ..,
    ] = rest
    {
        if pound.as_char() != '#'
            || bang.as_char() != '!'
            || brackets.delimiter() != Delimiter::Bracket
        {
            break;
        }
        inner_attrs.push(quote!(#pound #brackets));
        rest = after;
    }
    (inner_attrs, rest)
}

/// The span of the first token, which rustc shows for tokens whose spans do not join on
/// stable (a type, a path).
fn first_span(tokens: &TokenStream) -> Span {
    tokens
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |tree| tree.span())
}

/// `-> R` as written, or nothing.
fn declared_output(sig: &Sig) -> TokenStream {
    match &sig.output {
        Some(Output { arrow, tokens, .. }) => quote!(#arrow #tokens),
        None => TokenStream::new(),
    }
}

/// `async move { body }` whose output is the declared return type; the `async` token is the
/// user's, so a diagnostic about the block spans the function, not the attribute. `contents`
/// is the body as a braced group, or a one-line body's statements.
fn future(config: &Config, sig: &Sig, body: &Group, contents: TokenStream) -> TokenStream {
    let span = sig.asyncness.unwrap_or_else(Span::call_site);
    let keywords = quote_spanned!(span=> async move);
    // The `return` carries the return type's span (or that of `()` in `fn name()`), so rustc's
    // "return type inferred to be `R` here" points at the signature.
    let pin = match &sig.output {
        None => {
            let span = sig.inputs.span_close();
            quote_spanned!(span=> return;)
        }
        Some(Output { ty, tokens, .. }) if pinnable(ty, tokens) => {
            let span = first_span(tokens);
            let output = respan(item(config, Private::Output), span);
            quote_spanned!(span=> return #output::<#tokens>();)
        }
        // `!` and `impl Trait` cannot be named in a turbofish: the body alone decides. (A braced
        // body stays in a block of its own: syn does not parse inner attributes in an async
        // block.)
        Some(_) => {
            let block = user_braces(body, contents);
            return quote!(#keywords #block);
        }
    };
    let block = user_braces(
        body,
        quote! {
            if false {
                #pin
            }
            #contents
        },
    );
    quote!(#keywords #block)
}

/// Whether the type may be written as `output::<R>()`: not `!` (unstable there) and nothing
/// containing `impl Trait` (not allowed there).
fn pinnable(ty: &Type, tokens: &TokenStream) -> bool {
    !is_never(ty) && !contains_ident(tokens.clone(), "impl")
}

fn is_never(ty: &Type) -> bool {
    match ty {
        // `$ty` from a `macro_rules!` arrives as an invisible group.
        Type::Group(group) => is_never(&group.elem),
        Type::Paren(paren) => is_never(&paren.elem),
        Type::Never(_) => true,
        _ => false,
    }
}

// `main` was given arguments (an error already reported), so it is emitted without them. The
// body is kept type-checked, with the arguments in scope, and nothing rustc would flag is added:
// Output: fn main() -> R { keys; let _ = async move |x: T| -> R { body }; ::core::unreachable!() }
fn discarded_body(sig: &Sig, body: &Group, keys: TokenStream) -> TokenStream {
    // A receiver cannot be a closure parameter; `main` has no business with one anyway.
    let has_receiver = matches!(sig.args.first(), Some(FnArg::Receiver(_)));
    let closure = if has_receiver {
        TokenStream::new()
    } else {
        let inputs = sig.inputs.stream();
        let output = match &sig.output {
            Some(Output { ty, .. }) if is_never(ty) => TokenStream::new(),
            _ => declared_output(sig),
        };
        quote!(let _ = async move |#inputs| #output #body;)
    };
    user_braces(
        body,
        quote! {
            #keys
            #closure
            ::core::unreachable!()
        },
    )
}

// Input:  #[attrs] async fn name() -> R { body }, with `flavor = ["current_thread", "multi_thread"]`
// Output: #[cfg(test)] async fn name() -> R { body }
//         #[cfg(test)] mod name {
//             use super::*;
//             #[attrs] #[test] fn current_thread() -> R {
//                 __private::block_on(<current_thread builder>.build(), super::name())
//             }
//             #[attrs] #[test] fn multi_thread() -> R { /* the same, multi_thread */ }
//         }
// A fn and a module may share a name, so the tests are listed as `name::current_thread`, and
// the body stays where the user wrote it, in its own module's scope.
fn flavor_matrix(item: ItemFn, cases: &[&Case], keys: TokenStream) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        sig,
        body,
        ..
    } = item;
    let async_token = Ident::new("async", sig.asyncness.unwrap_or_else(Span::call_site));
    let name = &sig.ident;
    let lint_levels = attrs
        .iter()
        .filter(|attr| {
            ["allow", "warn", "deny", "forbid"]
                .iter()
                .any(|level| attr.attr.path().is_ident(level))
        })
        .map(|attr| &attr.tokens);
    let attrs: Vec<&TokenStream> = attrs.iter().map(|attr| &attr.tokens).collect();
    // The keys are named once, in the first case.
    let mut keys = Some(keys);
    let tests = cases.iter().map(|case| {
        let keys = keys.take();
        let case_name = Ident::new(case.name.unwrap_or("runtime"), Span::call_site());
        let ending = ending(&case.config, &sig, true);
        let output = if ending.report {
            quote!(-> ::std::process::ExitCode)
        } else {
            declared_output(&sig)
        };
        let run = run_body(&case.config, quote!(super::#name()), &ending);
        quote! {
            #(#attrs)*
            #[::core::prelude::v1::test]
            fn #case_name() #output {
                #keys
                #run
            }
        }
    });
    let Sig {
        constness,
        head,
        inputs,
        where_clause,
        ..
    } = &sig;
    let output = declared_output(&sig);
    quote! {
        #[cfg(test)]
        #(#lint_levels)*
        #vis #constness #async_token #head #inputs #output #where_clause #body

        #[cfg(test)]
        mod #name {
            #[allow(unused_imports)]
            use super::*;

            #(#tests)*
        }
    }
}

/// How the body's value becomes the fn's.
struct Ending {
    /// The fn returns an `ExitCode`: `main` or a test returning a value, which the shim reports
    /// as returning it would (its exit code tells a failure for the cleanups and checks, and
    /// the value need not be `Send` to come back from `stack_size`'s thread); see the shim.
    report: bool,
    /// For a fn that returns a value whose type can be named, whether the value is a failure
    /// (an `Err`): a fn `fn(&R) -> bool` of the shim, where the return type is `R`. A cleanup or
    /// a check that fails after a failure is written after it; after a success it fails the fn.
    judge: Option<TokenStream>,
}

// The judge, for a fn that returns a value and is neither `main` nor a test, is named with the
// declared type, whether it is a `Result` or not: `__private::Judge::<R>::of().failed()`; none
// for `()` and a type that cannot be named. (Judging the type there costs rustc about 0.7 M
// instructions a fn in `cargo check`; the report, nothing: `bench/RESULTS.md`.)
fn ending(config: &Config, sig: &Sig, terminates: bool) -> Ending {
    // A fn that never returns (`-> !`) has no value to report or judge.
    let never = matches!(&sig.output, Some(Output { ty, .. }) if is_never(ty));
    let value = !returns_unit(sig) && !never;
    let report = terminates && value;
    let judge = match &sig.output {
        Some(Output { ty, tokens, .. }) if value && !report && pinnable(ty, tokens) => {
            let judge = item(config, Private::Judge);
            Some(quote!(#judge::<#tokens>::of().failed()))
        }
        _ => None,
    };
    Ending { report, judge }
}

// Input:  a valid config and the future to run (`async move { body }` or `super::name()`)
// Output: the statements that run it, ending in the fn's value:
//             __private::block_on(<builder>.build(), future)
//         or with the options that change how it runs:
//             __private::with_stack_size(bytes, move || {
//                 let watch = __private::Watch::new().task_panics().leaks();
//                 let threads = __private::Threads::new();
//                 watch.conclude(                       // or `.conclude_report(..)`
//                     watch.run(
//                         __private::shutdown_timeout(limit, &threads,
//                             <builder>.on_thread_start(threads.start_hook())..build()),
//                         __private::timeout(limit, "5s", future),
//                     ),
//                     <judge>,
//                 )
//             })
//         (the leak check under `--cfg tokio_unstable`: `.located_leaks()`, and the builder
//         gets `.on_task_spawn(watch.spawn_hook())`..)
// The shim boxes the future to a `dyn Future` inside an always-inlined generic fn, so tokio's
// `block_on` is compiled once per output type rather than once per test (tokio pins to
// `dyn Future` on the stack for the same reason); see `block_on` in the shim.
fn run_body(config: &Config, future: TokenStream, ending: &Ending) -> TokenStream {
    let mut future = future;
    if let Some((limit, text)) = &config.run.timeout {
        let limit = arg_tokens(config, limit);
        let timeout = match config.start {
            Start::Shared(_) => item(config, Private::TimeoutOnShared),
            _ => item(config, Private::Timeout),
        };
        future = quote!(#timeout(#limit, #text, #future));
    }
    if let Some(limit) = &config.run.cleanup_timeout {
        let limit = arg_tokens(config, limit);
        let cleanup_timeout = item(config, Private::CleanupTimeout);
        future = quote!(#cleanup_timeout(#limit, #future));
    }
    let builder = item(config, Private::Builder);
    let start = match &config.start {
        Start::New(Flavor::MultiThread) => quote!(#builder::new_multi_thread()),
        Start::New(Flavor::CurrentThread | Flavor::Local) => {
            quote!(#builder::new_current_thread())
        }
        // Through a typed fn, so a wrong fn is reported at the user's path, not at `.build()`.
        Start::UserBuilder(path) => {
            let check = item(config, Private::CheckBuilder);
            quote!(#check(#path))
        }
        Start::Shared(path) => return shared(config, path.as_ref(), future, ending),
    };
    let mut locals = TokenStream::new();
    let watch = local("watch");
    if config.run.watched() {
        let mut checks = item(config, Private::Watch);
        checks.extend(quote!(::new()));
        if config.run.fail_on_task_panic {
            checks.extend(quote!(.task_panics()));
        }
        match config.run.fail_on_leaked_tasks {
            None => {}
            Some(Leaks::Counted) => checks.extend(quote!(.leaks())),
            Some(Leaks::Located) => checks.extend(quote!(.located_leaks())),
        }
        let blocking = [
            ("fail_on_blocking", &config.run.fail_on_blocking),
            ("warn_on_blocking", &config.run.warn_on_blocking),
        ];
        for (method, limit) in blocking {
            if let Some((limit, text)) = limit {
                let method = Ident::new(method, Span::call_site());
                let limit = arg_tokens(config, limit);
                checks.extend(quote!(.#method(#limit, #text)));
            }
        }
        locals.extend(quote!(let #watch = #checks;));
    }
    let mut runtime = runtime(config, start);
    if let Some(limit) = &config.run.shutdown_timeout {
        let limit = arg_tokens(config, limit);
        let shutdown_timeout = item(config, Private::ShutdownTimeout);
        // On `current_thread` and `local` the runtime's threads are counted (see the shim).
        if counts_threads(config) {
            let new = item(config, Private::Threads);
            let count_threads = item(config, Private::CountThreads);
            let threads = local("threads");
            locals.extend(quote!(let #threads = #new::new();));
            runtime = quote!(#count_threads(&#threads, #runtime));
        }
        runtime = quote!(#shutdown_timeout(#limit, #runtime));
    }
    // With a check, the `Watch` judges the value; without, `block_on` does, for its cleanups.
    let run = if config.run.watched() {
        let run = quote!(#watch.run(#runtime, #future));
        if ending.report {
            quote!(#watch.conclude_report(#run))
        } else {
            let judge = ending
                .judge
                .clone()
                .unwrap_or_else(|| item(config, Private::NeverFailed));
            quote!(#watch.conclude(#run, #judge))
        }
    } else if ending.report {
        let block_on = item(config, Private::BlockOnReport);
        quote!(#block_on(#runtime, #future))
    } else if let Some(judge) = &ending.judge {
        let block_on = item(config, Private::BlockOnValue);
        quote!(#block_on(#runtime, #future, #judge))
    } else {
        let block_on = item(config, Private::BlockOn);
        quote!(#block_on(#runtime, #future))
    };
    let run = quote!(#locals #run);
    let Some((bytes, span)) = &config.run.stack_size else {
        return run;
    };
    let bytes = arg_tokens(config, bytes);
    let with_stack_size = item(config, Private::WithStackSize);
    let body = if !locals.is_empty() {
        quote!({ #run })
    } else {
        run
    };
    // At the key: "`Rc<T>` cannot be sent between threads" then points at `stack_size`.
    quote_spanned!(*span=> #with_stack_size(#bytes, move || #body))
}

/// Whether the bounded shutdown counts the runtime's threads: a `current_thread` or `local`
/// runtime's, built by the expansion.
fn counts_threads(config: &Config) -> bool {
    config.run.shutdown_timeout.is_some()
        && matches!(
            config.start,
            Start::New(Flavor::CurrentThread | Flavor::Local)
        )
}

/// A local of the expansion's own (`watch`, `threads`): mixed-site, so the user's tokens
/// cannot see it.
fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// The path of an item of the shim's hidden module: `::mainspring::__private::<name>`, or
/// under the `crate = ..` path.
fn item(config: &Config, item: Private) -> TokenStream {
    private_item(config.krate.as_ref(), item)
}

// Input:  `shared` or `shared = NAME`, and the future to run
// Output: __private::block_on_shared(&__private::SHARED, future), or (&NAME, future)
// `&NAME` carries the path's span, so a path to anything but a `SharedRuntime` is reported
// there ("expected `&SharedRuntime`, found `&..`").
fn shared(
    config: &Config,
    path: Option<&TokenStream>,
    future: TokenStream,
    ending: &Ending,
) -> TokenStream {
    let runtime = match path {
        Some(path) => {
            let span = first_span(path);
            quote_spanned!(span=> &#path)
        }
        None => {
            let shared = item(config, Private::Shared);
            quote!(&#shared)
        }
    };
    match &ending.judge {
        _ if ending.report => {
            let block_on_shared = item(config, Private::BlockOnSharedReport);
            quote!(#block_on_shared(#runtime, #future))
        }
        Some(judge) => {
            let block_on_shared = item(config, Private::BlockOnSharedValue);
            quote!(#block_on_shared(#runtime, #future, #judge))
        }
        None => {
            let block_on_shared = item(config, Private::BlockOnShared);
            quote!(#block_on_shared(#runtime, #future))
        }
    }
}

// Input:  a valid config and where its builder starts (`Builder::new_multi_thread()`)
// Output: ::mainspring::__private::Builder::new_multi_thread()
//             .worker_threads(4).thread_name("w").enable_all().build()
fn runtime(config: &Config, start: TokenStream) -> TokenStream {
    let mut builder = start;
    for Knob { method, wrap, arg } in &config.knobs {
        let mut arg = arg_tokens(config, arg);
        match wrap {
            None => {}
            Some(Wrap::Private(wrap)) => {
                let wrap = item(config, *wrap);
                arg = quote!(#wrap(#arg));
            }
            Some(Wrap::Record { record, method }) => {
                let record = local(record);
                let method = Ident::new(method, Span::call_site());
                arg = quote!(#record.#method(#arg));
            }
        }
        builder.extend(quote!(.#method(#arg)));
    }
    match &config.enable {
        Enable::All => builder.extend(quote!(.enable_all())),
        Enable::Only(drivers) => {
            for driver in drivers {
                builder.extend(match driver {
                    Driver::Io => quote!(.enable_io()),
                    Driver::Time => quote!(.enable_time()),
                });
            }
        }
        Enable::AsBuilt => {}
    }
    let build = match config.start {
        Start::New(Flavor::Local) => quote!(build_local(::core::default::Default::default())),
        Start::New(_) | Start::UserBuilder(_) | Start::Shared(_) => quote!(build()),
    };
    quote!(#builder.#build)
}

fn arg_tokens(config: &Config, arg: &Arg) -> TokenStream {
    match arg {
        Arg::Checked(tokens) => tokens.clone(),
        Arg::Expr(expr) => expr.clone(),
        Arg::RunTimeCheck {
            check,
            option,
            expr,
        } => {
            let check = item(config, *check);
            quote!(#check(#option, #expr))
        }
        Arg::UnhandledPanic(behaviour) => {
            let unhandled_panic = item(config, Private::UnhandledPanic);
            match behaviour {
                UnhandledPanic::Ignore => quote!(#unhandled_panic::Ignore),
                UnhandledPanic::ShutdownRuntime => quote!(#unhandled_panic::ShutdownRuntime),
            }
        }
    }
}

/// `{ stmts }` with the braces of the user's body. rustc takes an item's span from its tokens,
/// and lints such as `dead_code`, `unreachable_pub` and `missing_docs` stay silent on items
/// that look made by another crate's macro; with the user's braces the emitted fn is the user's.
fn user_braces(body: &Group, stmts: TokenStream) -> TokenStream {
    let mut block = Group::new(Delimiter::Brace, stmts);
    block.set_span(body.span());
    block.into_token_stream()
}

/// `tokens` with every span set to `span`: the `::mainspring::__private` path in the
/// `return __private::output::<R>()` line, so the whole call sits on the return type.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tree| {
            if let TokenTree::Group(group) = &tree {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                tree = TokenTree::Group(inner);
            } else {
                tree.set_span(span);
            }
            tree
        })
        .collect()
}

fn returns_unit(sig: &Sig) -> bool {
    match &sig.output {
        None => true,
        Some(Output { ty, .. }) => matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty()),
    }
}

fn contains_ident(tokens: TokenStream, name: &str) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => contains_ident(group.stream(), name),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
