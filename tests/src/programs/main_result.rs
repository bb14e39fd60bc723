// With the argument `fail`, returns an error through `?`; otherwise `Ok(())`.
{
    use std::error::Error;
    use std::fmt;

    #[derive(Debug)]
    struct ChildFailure {
        stage: &'static str,
        code: u32,
    }

    impl fmt::Display for ChildFailure {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "stage {} failed with code {}", self.stage, self.code)
        }
    }

    impl Error for ChildFailure {}

    async fn step(fail: bool) -> Result<u32, ChildFailure> {
        tokio::task::yield_now().await;
        if fail {
            Err(ChildFailure {
                stage: "load",
                code: 7,
            })
        } else {
            Ok(7)
        }
    }

    let fail = std::env::args().nth(1).as_deref() == Some("fail");
    let value = step(fail).await?;
    println!("step returned {value}");
    Ok(())
}
