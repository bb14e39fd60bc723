//! Stage 3: a valid `Config` and the parsed function to the expansion. Nothing is checked here.

use crate::parse::ItemFn;
use crate::validate::{
    Arg, Case, Config, Driver, Enable, Flavor, Knob, Plan, Start, UnhandledPanic,
};
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::{
    FnArg, GenericParam, Pat, PatIdent, PatType, ReturnType, Safety, Signature, Token, Type,
};

/// Choices made before codegen that are not part of the runtime's configuration.
pub(crate) struct Emit {
    /// Add `#[::core::prelude::v1::test]` (not when the user already wrote a test attribute).
    pub(crate) test_attr: bool,
    /// `main` was given arguments (an error already reported): emit `fn main()` without them.
    pub(crate) drop_inputs: bool,
    /// The function is `main` or a test, whose value only matters as `Termination`.
    pub(crate) terminates: bool,
}

// Input:  #[attrs] pub async fn name<G>(x: T) -> R where W { body }
// Output: #[attrs] #[test]? pub fn name<G>(x: T) -> R where W {
//             async fn name<G>(x: T) -> R where W { body }
//             __private::block_on(<builder>.build(), name::<G>(x))
//         }
//
// Why a nested `async fn` rather than tokio's `async { body }` block: an async block infers its
// output from the body, so `?`, early `return` and coercions to the declared type (`Box<dyn Error>`,
// `Box<dyn Fn()>`, `&dyn Debug`) are checked against the wrong type and report "async block"
// errors at the attribute. A nested fn carrying the user's own signature is type-checked exactly
// as the plain fn would be, and its errors land on the user's tokens. Sharing the outer name keeps
// `cargo expand` readable and makes a call to `name()` inside the body what it is in an async fn:
// a future.
//
// A nested fn cannot name `Self`, so methods (and anything whose signature or body mentions
// `Self`) block on `async move { body }` instead, as tokio does.
pub(crate) fn function(item: ItemFn, plan: &Plan, emit: &Emit) -> TokenStream {
    let cases: Vec<&Case> = plan.cases.iter().collect();
    match cases.as_slice() {
        [Case { name: None, config }] => one_runtime(item, config, emit),
        _ => flavor_matrix(item, &cases),
    }
}

fn one_runtime(item: ItemFn, config: &Config, emit: &Emit) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        sig,
        body,
        mentions_self,
    } = item;
    let test_attr = emit.test_attr.then(|| quote!(#[::core::prelude::v1::test]));
    let mut outer = sig.clone();
    outer.asyncness = None;
    // `stack_size` sends the value back from another thread. `main` and tests send an exit code
    // instead, so a value that is not `Send` (`Box<dyn Error>`) still works; see the shim.
    let report = emit.terminates && config.run.stack_size.is_some() && !returns_unit(&sig.output);
    if report {
        outer.output = syn::parse_quote!(-> ::std::process::ExitCode);
    }
    // A receiver or `Self` anywhere: a nested fn could not name it.
    let (outer, block) = if mentions_self || sig.receiver().is_some() {
        let run = run_body(config, quote!(async move #body), report);
        (outer, user_braces(&body, run))
    } else {
        nested_fn(outer, sig, body, config, emit.drop_inputs, report)
    };
    quote! {
        #(#attrs)*
        #test_attr
        #vis #outer #block
    }
}

// Input:  #[attrs] async fn name() -> R { body }, with `flavor = ["current_thread", "multi_thread"]`
// Output: #[cfg(test)] async fn name() -> R { body }
//         #[cfg(test)] mod name {
//             use super::*;
//             #[attrs] #[test] fn current_thread() -> R { <current_thread runtime>.block_on(super::name()) }
//             #[attrs] #[test] fn multi_thread() -> R { <multi_thread runtime>.block_on(super::name()) }
//         }
// A fn and a module may share a name, so the tests are listed as `name::current_thread`, and
// the body stays where the user wrote it, in its own module's scope.
fn flavor_matrix(item: ItemFn, cases: &[&Case]) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        mut sig,
        body,
        ..
    } = item;
    sig.asyncness = Some(Token![async](Span::call_site()));
    let name = &sig.ident;
    let lint_levels = attrs.iter().filter(|attr| {
        ["allow", "warn", "deny", "forbid"]
            .iter()
            .any(|level| attr.path().is_ident(level))
    });
    let output = &sig.output;
    let tests = cases.iter().map(|case| {
        let case_name = Ident::new(case.name.unwrap_or("runtime"), Span::call_site());
        let report = case.config.run.stack_size.is_some() && !returns_unit(output);
        let output = if report {
            syn::parse_quote!(-> ::std::process::ExitCode)
        } else {
            output.clone()
        };
        let run = run_body(&case.config, quote!(super::#name()), report);
        quote! {
            #(#attrs)*
            #[::core::prelude::v1::test]
            fn #case_name() #output {
                #run
            }
        }
    });
    quote! {
        #[cfg(test)]
        #(#lint_levels)*
        #vis #sig #body

        #[cfg(test)]
        mod #name {
            #[allow(unused_imports)]
            use super::*;

            #(#tests)*
        }
    }
}

// Input:  fn name<G>(mut x: T, (a, b): (U, V)) -> R (outer) and the original signature
// Output: fn name<G>(x: T, __mainspring_arg1: (U, V)) -> R {
//             async fn name<G>(mut x: T, (a, b): (U, V)) -> R { body }
//             <runtime>.block_on(name::<G>(x, __mainspring_arg1))
//         }
fn nested_fn(
    mut outer: Signature,
    mut inner: Signature,
    body: Group,
    config: &Config,
    drop_inputs: bool,
    report: bool,
) -> (Signature, TokenStream) {
    inner.asyncness = Some(Token![async](Span::call_site()));
    let mut args = Vec::new();
    let mut inputs = Punctuated::new();
    for (i, input) in outer.inputs.iter().enumerate() {
        // A receiver never gets here: it mentions `Self`, so it takes the async-block path.
        let FnArg::Typed(PatType {
            attrs,
            pat,
            colon_token,
            ty,
        }) = input
        else {
            continue;
        };
        // A plain `x` or `mut x` is passed on as `x`. A pattern needs a name; so does an argument
        // named like the function, which the nested fn item would shadow in the call. The
        // generated name is long because a user `const` of that name would turn it into a
        // constant pattern (no hygiene protects against items).
        let name = match &**pat {
            Pat::Ident(PatIdent {
                by_ref: None,
                ident,
                subpat: None,
                ..
            }) if *ident != inner.ident => ident.clone(),
            _ => Ident::new(&format!("__mainspring_arg{i}"), Span::mixed_site()),
        };
        inputs.push(FnArg::Typed(PatType {
            attrs: attrs.clone(),
            pat: Box::new(Pat::Ident(PatIdent {
                attrs: Vec::new(),
                by_ref: None,
                mutability: None,
                ident: name.clone(),
                subpat: None,
            })),
            colon_token: *colon_token,
            ty: ty.clone(),
        }));
        args.push(name);
    }
    outer.inputs = inputs;
    let name = &inner.ident;
    let turbofish = turbofish(&inner);
    let mut call = quote!(#name #turbofish(#(#args),*));
    if matches!(inner.safety, Safety::Unsafe(_)) {
        call = quote!(unsafe { #call });
    }
    let block = if drop_inputs {
        outer.inputs = Punctuated::new();
        // An error was reported; keep the body type-checked and add nothing rustc would flag.
        let stmts = quote! {
            #inner #body
            let _ = #name;
            ::core::unreachable!()
        };
        user_braces(&body, stmts)
    } else {
        let run = run_body(config, call, report);
        user_braces(&body, quote!(#inner #body #run))
    };
    (outer, block)
}

// Input:  a valid config and the future to run (`name(args)` or `async move { body }`)
// Output: __private::block_on(<builder>.build(), future), or with the options that change how
//         it runs: __private::with_stack_size(bytes, move || __private::fail_on_task_panic(
//             <builder>.build(), __private::timeout(limit, "5s", future)))
// `block_on` in the shim boxes the future, so tokio's `block_on` is compiled once per output
// type rather than once per test (tokio pins to `dyn Future` for the same reason).
fn run_body(config: &Config, future: TokenStream, report: bool) -> TokenStream {
    let private = private_path(config);
    let runtime = runtime(config);
    let mut future = future;
    if let Some((limit, text)) = &config.run.timeout {
        let limit = arg_tokens(&private, "timeout", limit);
        future = quote!(#private::timeout(#limit, #text, #future));
    }
    let mut run = if config.run.fail_on_task_panic {
        quote!(#private::fail_on_task_panic(#runtime, #future))
    } else {
        quote!(#private::block_on(#runtime, #future))
    };
    if let Some((bytes, span)) = &config.run.stack_size {
        let bytes = arg_tokens(&private, "stack_size", bytes);
        // At the key: "`Rc<T>` cannot be sent between threads" then points at `stack_size`.
        run = if report {
            quote_spanned!(*span=> #private::with_stack_size_report(#bytes, move || #run))
        } else {
            quote_spanned!(*span=> #private::with_stack_size(#bytes, move || #run))
        };
    }
    run
}

fn private_path(config: &Config) -> TokenStream {
    match &config.krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::mainspring::__private),
    }
}

/// `::<T, N>` for the type and const parameters, so a parameter used only inside the body is
/// still known; omitted when an argument is `impl Trait` (no turbofish is allowed then) and the
/// parameters are inferred from the arguments instead.
fn turbofish(sig: &Signature) -> Option<TokenStream> {
    let params: Vec<&Ident> = sig
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(ty) => Some(&ty.ident),
            GenericParam::Const(c) => Some(&c.ident),
            GenericParam::Lifetime(_) => None,
        })
        .collect();
    let impl_trait_arg = sig.inputs.iter().any(|input| match input {
        FnArg::Typed(arg) => contains_ident(arg.ty.to_token_stream(), "impl"),
        FnArg::Receiver(_) => false,
    });
    (!params.is_empty() && !impl_trait_arg).then(|| quote!(::<#(#params),*>))
}

// Input:  a valid config
// Output: ::mainspring::__private::Builder::new_multi_thread()
//             .worker_threads(4).thread_name("w").enable_all().build()
fn runtime(config: &Config) -> TokenStream {
    let private = private_path(config);
    let mut builder = match &config.start {
        Start::New(Flavor::MultiThread) => quote!(#private::Builder::new_multi_thread()),
        Start::New(Flavor::CurrentThread | Flavor::Local) => {
            quote!(#private::Builder::new_current_thread())
        }
        // Through a typed fn, so a wrong fn is reported at the user's path, not at `.build()`.
        Start::UserBuilder(path) => quote!(#private::check::builder(#path)),
    };
    for Knob { method, arg } in &config.knobs {
        let arg = arg_tokens(&private, &method.to_string(), arg);
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
        Start::New(_) | Start::UserBuilder(_) => quote!(build()),
    };
    quote!(#builder.#build)
}

fn arg_tokens(private: &TokenStream, option: &str, arg: &Arg) -> TokenStream {
    match arg {
        Arg::Checked(tokens) => tokens.clone(),
        Arg::Expr(expr) => expr.to_token_stream(),
        Arg::RunTimeCheck(check, expr) => {
            let check = Ident::new(check, Span::call_site());
            quote!(#private::check::#check(#option, #expr))
        }
        Arg::UnhandledPanic(UnhandledPanic::Ignore) => quote!(#private::UnhandledPanic::Ignore),
        Arg::UnhandledPanic(UnhandledPanic::ShutdownRuntime) => {
            quote!(#private::UnhandledPanic::ShutdownRuntime)
        }
    }
}

/// `{ stmts }` with the braces of the user's body. rustc takes an item's span from its tokens,
/// and lints such as `dead_code`, `unreachable_pub` and `missing_docs` stay silent on items
/// that look made by another crate's macro; with the user's braces the outer fn is the user's.
fn user_braces(body: &Group, stmts: TokenStream) -> TokenStream {
    let mut block = Group::new(Delimiter::Brace, stmts);
    block.set_span(body.span());
    block.into_token_stream()
}

fn returns_unit(output: &ReturnType) -> bool {
    match output {
        ReturnType::Default => true,
        ReturnType::Type(_, ty) => matches!(&**ty, Type::Tuple(tuple) if tuple.elems.is_empty()),
    }
}

fn contains_ident(tokens: TokenStream, name: &str) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => contains_ident(group.stream(), name),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
