// (f) `return 1; ;` in a fn returning `i32`: rustc accepts it and warns about the extra `;`.
fn run() -> i32 {
    return 1; ;
}
