fn main() {
    async fn main(x: u32) {}
    let _ = main;
    ::core::unreachable!()
}
::core::compile_error! {
    "`main` cannot take arguments; read them with `std::env::args()` instead"
}
