// (d) `?` on an `Option` in a fn returning `Option`: valid, must compile.
fn run() -> Option<u32> {
    let numbers = [40_u32, 2];
    let first = numbers.first()?;
    Some(first + 2)
}
