// (b) The body ends in a value, but the fn declares no return type.
fn run() {
    let n = 40;
    n + 2
}
