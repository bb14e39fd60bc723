use std::time::Duration;

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_blocking = "50ms")]
async fn bip() {
    tokio::spawn(async {
        tokio::task::block_in_place(|| std::thread::sleep(Duration::from_millis(150)));
    })
    .await
    .unwrap();
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_blocking = "50ms")]
async fn sb() {
    tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(150)))
        .await
        .unwrap();
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_blocking = "50ms")]
async fn sl() {
    tokio::time::sleep(Duration::from_millis(120)).await;
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_blocking = "50ms")]
async fn chan() {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<u64>(1);
    let producer = tokio::spawn(async move {
        for n in 0..2000 {
            tx.send(n).await.unwrap();
        }
    });
    let mut sum = 0;
    while let Some(n) = rx.recv().await {
        sum += n;
    }
    producer.await.unwrap();
    assert!(sum > 0);
}

#[mainspring::test(flavor = "multi_thread", worker_threads = 2, fail_on_blocking = "50ms")]
async fn spin() {
    let busy: Vec<_> = (0..8)
        .map(|_| {
            tokio::spawn(async {
                for _ in 0..150 {
                    let start = std::time::Instant::now();
                    while start.elapsed() < Duration::from_micros(200) {
                        std::hint::spin_loop();
                    }
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    for task in busy {
        task.await.unwrap();
    }
}
