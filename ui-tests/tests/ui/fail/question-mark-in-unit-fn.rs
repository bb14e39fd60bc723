// `?` in a fn returning `()`: rustc's message for a plain fn, not the async-block one.
#[mainspring::main(flavor = "current_thread")]
async fn main() {
    let n: u32 = "1".parse()?;
    println!("{n}");
}
