// (c) A semicolon after the tail expression of a fn that returns a value.
fn run() -> u32 {
    let n = 40;
    n + 2;
}
