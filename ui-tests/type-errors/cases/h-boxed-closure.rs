// (h) `Box::new(|| ..)` returned as `Box<dyn Fn()>`: valid, the box is coerced at the return.
fn run() -> Box<dyn Fn()> {
    let greeting = String::from("hello");
    Box::new(move || println!("{greeting}"))
}
