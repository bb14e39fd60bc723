fn main() -> ! {
    let _ = async move |x: u32| { loop {} };
    ::core::unreachable!()
}
::core::compile_error! {
    "`main` cannot take arguments; read them with `std::env::args()` instead"
}
