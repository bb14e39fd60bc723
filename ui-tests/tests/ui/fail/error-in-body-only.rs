// Option errors and body errors are reported together, each at its own place.
#[mainspring::main(flavour = "current_thread")]
async fn main() {
    let n: u32 = "one";
    println!("{n}");
}
