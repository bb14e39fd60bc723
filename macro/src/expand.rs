//! Stage 3: a valid `Config` and the parsed function to the expansion. Nothing is checked here.

use crate::parse::ItemFn;
use crate::validate::{Arg, Config, Driver, Enable, Flavor, Knob, Start, UnhandledPanic};
use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::punctuated::Punctuated;
use syn::{FnArg, GenericParam, Pat, PatIdent, PatType, Safety, Signature, Token};

/// Choices made before codegen that are not part of the runtime's configuration.
pub(crate) struct Emit {
    /// Add `#[::core::prelude::v1::test]` (not when the user already wrote a test attribute).
    pub(crate) test_attr: bool,
    /// `main` was given arguments (an error already reported): emit `fn main()` without them.
    pub(crate) drop_inputs: bool,
}

// Input:  #[attrs] pub async fn name<G>(x: T) -> R where W { body }
// Output: #[attrs] #[test]? pub fn name<G>(x: T) -> R where W {
//             async fn name<G>(x: T) -> R where W { body }
//             <runtime>.block_on(name::<G>(x))
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
// `Self`) use the async block; see `block_on_async_block`.
pub(crate) fn function(item: ItemFn, config: &Config, emit: &Emit) -> TokenStream {
    let ItemFn {
        attrs,
        vis,
        sig,
        body,
    } = item;
    let test_attr = emit.test_attr.then(|| quote!(#[::core::prelude::v1::test]));
    let runtime = runtime(config);
    let mut outer = sig.clone();
    outer.asyncness = None;
    let (outer, block) = if mentions_self(&sig, &body) {
        let block = block_on_async_block(&runtime, &body);
        (outer, block)
    } else {
        nested_fn(outer, sig, body, &runtime, emit.drop_inputs)
    };
    quote! {
        #(#attrs)*
        #test_attr
        #vis #outer #block
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
    runtime: &TokenStream,
    drop_inputs: bool,
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
        quote!({
            #inner #body
            let _ = #name;
            ::core::unreachable!()
        })
    } else {
        quote!({
            #inner #body
            #runtime.block_on(#call)
        })
    };
    (outer, block)
}

// Input:  the body `{ stmts }` of a method or of a fn that mentions `Self`
// Output: { <runtime>.block_on(async move { stmts }) }, inner attributes lifted to the fn
fn block_on_async_block(runtime: &TokenStream, body: &Group) -> TokenStream {
    quote!({
        #runtime.block_on(async move #body)
    })
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
//             .worker_threads(4).thread_name("w").enable_all()
//             .build().expect("failed to build the tokio runtime")
fn runtime(config: &Config) -> TokenStream {
    let private = match &config.krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::mainspring::__private),
    };
    let mut builder = match &config.start {
        Start::New(Flavor::MultiThread) => quote!(#private::Builder::new_multi_thread()),
        Start::New(Flavor::CurrentThread | Flavor::Local) => {
            quote!(#private::Builder::new_current_thread())
        }
        // Through a typed fn, so a wrong fn is reported at the user's path, not at `.build()`.
        Start::UserBuilder(path) => quote!(#private::check::builder(#path)),
    };
    for Knob { method, arg } in &config.knobs {
        let arg = match arg {
            Arg::Checked(tokens) => tokens.clone(),
            Arg::Expr(expr) => expr.to_token_stream(),
            Arg::RunTimeCheck(check, expr) => {
                let check = Ident::new(check, Span::call_site());
                let option = method.to_string();
                quote!(#private::check::#check(#option, #expr))
            }
            Arg::UnhandledPanic(UnhandledPanic::Ignore) => quote!(#private::UnhandledPanic::Ignore),
            Arg::UnhandledPanic(UnhandledPanic::ShutdownRuntime) => {
                quote!(#private::UnhandledPanic::ShutdownRuntime)
            }
        };
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
    quote!(#builder.#build.expect("failed to build the tokio runtime"))
}

/// Whether the function must be expanded where `Self` is nameable: it has a receiver, or `Self`
/// appears in its signature or body. A token scan; the body is never parsed.
fn mentions_self(sig: &Signature, body: &Group) -> bool {
    sig.receiver().is_some()
        || contains_ident(sig.to_token_stream(), "Self")
        || contains_ident(body.stream(), "Self")
}

fn contains_ident(tokens: TokenStream, name: &str) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => contains_ident(group.stream(), name),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}
