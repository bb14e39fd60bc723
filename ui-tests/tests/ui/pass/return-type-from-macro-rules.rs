//! Return types spliced by `macro_rules!` as `$ret:ty` (invisible groups), including `!` and `impl Trait`.
macro_rules! annotated {
    ($name:ident -> $ret:ty $body:block) => {
        #[mainspring::main(flavor = "current_thread")]
        async fn $name() -> $ret $body
    };
}

annotated!(answer -> Result<u32, Box<dyn std::error::Error>> {
    let n: u32 = "41".parse()?;
    if n > 100 {
        return Err(Box::new(std::fmt::Error));
    }
    Ok(n + 1)
});

annotated!(shown -> impl std::fmt::Display {
    tokio::task::yield_now().await;
    "shown"
});

annotated!(never_returns -> ! {
    std::process::exit(0)
});

fn main() {
    assert_eq!(answer().unwrap(), 42);
    assert_eq!(shown().to_string(), "shown");
    never_returns();
}
