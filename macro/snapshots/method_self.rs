fn run(&self, n: u32) -> u32 {
    ::mainspring::__private::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("failed to build the tokio runtime")
        .block_on(async move { self.0 + n })
}
