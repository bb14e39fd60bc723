// (a) The body's value is not of the declared return type.
fn run() -> Result<u32, String> {
    let n = 40 + 2;
    n
}
