fn main() {
    ::mainspring::__private::block_on(
        ::mainspring::__private::Builder::new_current_thread()
            .enable_all()
            .build_local(::core::default::Default::default()),
        async move {
            if false {
                return;
            }
            {
                tokio::task::spawn_local(async {}).await.unwrap();
            }
        },
    )
}
