// (e) `?` in a fn that returns `()`.
fn run() {
    let n: u32 = "42".parse()?;
    println!("{n}");
}
