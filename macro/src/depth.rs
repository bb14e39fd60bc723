//! A guard before syn parses: its parsers recurse once per level of nesting, and a signature or
//! option nested a few hundred levels deep overflowed rustc's stack (found by the fuzz harness,
//! see `fuzz_tests::regressions`). Nobody nests a signature 64 levels deep on purpose, so past
//! that the input is reported instead of parsed. The body is never parsed, so it is not limited.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};

/// Levels of brackets, generics and prefix operators that syn is asked to parse, at most.
pub(crate) const MAX_DEPTH: usize = 64;

/// The first token of the item (its top-level trees), outside its body, that is nested deeper
/// than `MAX_DEPTH`.
pub(crate) fn item_too_deep(trees: &[TokenTree]) -> Option<Span> {
    let body = trees
        .iter()
        .rposition(|tree| matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace));
    let signature = trees
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != body)
        .map(|(_, tree)| tree.clone());
    too_deep(signature, 0)
}

/// The first token of the attribute's arguments nested deeper than `MAX_DEPTH`.
pub(crate) fn args_too_deep(args: &TokenStream) -> Option<Span> {
    too_deep(args.clone().into_iter(), 0)
}

/// Counts groups, `<` generics and runs of prefix operators (`&&&&x`, `!!!!x`, `*const *const`)
/// together; any of them makes syn recurse.
fn too_deep(trees: impl Iterator<Item = TokenTree>, outer: usize) -> Option<Span> {
    let mut angles = 0usize;
    let mut prefix_run = 0usize;
    let mut previous: Option<char> = None;
    for tree in trees {
        let depth = outer + angles + prefix_run;
        if depth > MAX_DEPTH {
            return Some(tree.span());
        }
        match &tree {
            TokenTree::Group(group) => {
                if let Some(span) = too_deep(group.stream().into_iter(), depth + 1) {
                    return Some(span);
                }
                prefix_run = 0;
                previous = None;
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                match c {
                    '<' => angles += 1,
                    '>' if !matches!(previous, Some('-' | '=')) => {
                        angles = angles.saturating_sub(1)
                    }
                    '&' | '*' | '!' | '-' => prefix_run += 1,
                    _ => prefix_run = 0,
                }
                previous = Some(c);
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                prefix_run = 0;
                previous = None;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trees(item: &TokenStream) -> Vec<TokenTree> {
        item.clone().into_iter().collect()
    }

    fn nested(levels: usize, open: &str, inner: &str, close: &str) -> String {
        format!("{}{inner}{}", open.repeat(levels), close.repeat(levels))
    }

    #[test]
    fn ordinary_signatures_pass() {
        let item: TokenStream = "pub async fn f<T: Iterator<Item = Vec<Option<u8>>>>(x: &&T) -> Result<(), Box<dyn std::error::Error>> { ((((((1)))))) }"
            .parse()
            .unwrap();
        assert!(item_too_deep(&trees(&item)).is_none());
    }

    #[test]
    fn a_deep_body_is_not_counted() {
        let item: TokenStream = format!("async fn f() {{ {} }}", nested(500, "(", "1", ")"))
            .parse()
            .unwrap();
        assert!(item_too_deep(&trees(&item)).is_none());
    }

    #[test]
    fn the_limit_is_max_depth_levels() {
        let return_type = |levels| {
            let item: TokenStream = format!(
                "async fn f() -> {} {{}}",
                nested(levels, "Option<", "u8", ">")
            )
            .parse()
            .unwrap();
            item_too_deep(&trees(&item))
        };
        assert!(return_type(MAX_DEPTH).is_none());
        assert!(return_type(MAX_DEPTH + 1).is_some());
    }

    #[test]
    fn a_closed_generic_is_no_level_deeper() {
        // A hundred generics side by side are one level each, not a hundred.
        let arguments: Vec<String> = (0..100).map(|i| format!("x{i}: Option<u8>")).collect();
        let item: TokenStream = format!("async fn f({}) {{}}", arguments.join(", "))
            .parse()
            .unwrap();
        assert!(item_too_deep(&trees(&item)).is_none());
    }

    #[test]
    fn an_arrow_closes_no_generic() {
        // `->` is no `>`: a hundred `Box<dyn Fn() -> ..>` are a hundred levels.
        let item: TokenStream = format!(
            "async fn f() -> {} {{}}",
            nested(100, "Box<dyn Fn() -> ", "u8", ">")
        )
        .parse()
        .unwrap();
        assert!(item_too_deep(&trees(&item)).is_some());
    }

    #[test]
    fn deep_signatures_and_options_are_caught() {
        for item in [
            format!("async fn f() -> {} {{}}", nested(100, "(", "()", ",)")),
            format!("async fn f() -> {} {{}}", nested(100, "Option<", "u8", ">")),
            format!("async fn f(x: {}u8) {{}}", "&".repeat(100)),
            format!(
                "#[doc = {}] async fn f() {{}}",
                nested(100, "(", "\"d\"", ")")
            ),
        ] {
            let item: TokenStream = item.parse().unwrap();
            assert!(item_too_deep(&trees(&item)).is_some(), "{item}");
        }
        let args: TokenStream = format!("name = {}", nested(100, "(", "\"x\"", ")"))
            .parse()
            .unwrap();
        assert!(args_too_deep(&args).is_some());
        let args: TokenStream = format!("name = {}x", "!".repeat(100)).parse().unwrap();
        assert!(args_too_deep(&args).is_some());
    }
}
