fn main() {
    let _ = (::mainspring::__private::options::worker_threads,);
    let _ = async move |x: u32| {};
    ::core::unreachable!()
}
::core::compile_error! {
    "`main` cannot take arguments; read them with `std::env::args()` instead"
}
