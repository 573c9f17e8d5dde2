package queue_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
	"wirewatch/internal/store/postgres"
	"wirewatch/internal/store/postgres/pgtest"
	"wirewatch/internal/store/sqlite"
)

// benchPages is the corpus size of the scale-out benchmarks.
const benchPages = 400

// BenchmarkScaleOut measures pages/s through the queue into PostgreSQL with
// 1, 2 and 4 worker processes (each --concurrency 1), from publish to the
// last commit. Run: go test ./internal/queue -run '^$' -bench ScaleOut -benchtime 1x
func BenchmarkScaleOut(b *testing.B) {
	natsURL := pgtest.Skip(b, "WIREWATCH_NATS_URL", "NATS JetStream")
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			c := benchCorpus(b)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				dsn, pool, q, qurl := benchSetup(b, natsURL)
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				// Workers load their models before the clock starts: this
				// measures throughput, not start-up.
				var ws []*worker
				for k := 0; k < workers; k++ {
					ws = append(ws, startBenchWorker(b, qurl, dsn))
				}
				for _, w := range ws {
					for !strings.Contains(w.output(), "worker started") {
						if ctx.Err() != nil {
							b.Fatalf("worker did not start:\n%s", w.output())
						}
						time.Sleep(20 * time.Millisecond)
					}
				}
				b.StartTimer()
				start := time.Now()
				for j, raw := range c {
					if _, err := q.Publish(ctx, jobOf(j, raw)); err != nil {
						b.Fatal(err)
					}
				}
				for {
					n, err := count(ctx, pool)
					if err == nil && n.pages >= len(c) {
						break
					}
					if ctx.Err() != nil {
						b.Fatalf("timeout: %+v %v", n, err)
					}
					time.Sleep(20 * time.Millisecond)
				}
				el := time.Since(start)
				cancel()
				b.StopTimer()
				for _, w := range ws {
					_ = w.cmd.Process.Kill()
					<-w.done
				}
				b.ReportMetric(float64(len(c))/el.Seconds(), "pages/s")
				b.StartTimer()
			}
		})
	}
}

// BenchmarkDirect measures the same corpus analysed and saved in one process
// without a queue, into SQLite (the embedded path) and into PostgreSQL.
func BenchmarkDirect(b *testing.B) {
	an, err := analyze.New()
	if err != nil {
		b.Fatal(err)
	}
	c := benchCorpus(b)
	for _, backend := range []string{"sqlite", "postgres"} {
		b.Run(backend, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				ctx := context.Background()
				var st store.Store
				var err error
				if backend == "sqlite" {
					st, err = sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
				} else {
					st, err = postgres.Open(ctx, pgtest.DSN(b, "wirewatch-bench"))
				}
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				for j, raw := range c {
					res, err := an.Page(fmt.Sprintf("gen/%04d.txt", j), raw, nil)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := st.Save(ctx, res); err != nil {
						b.Fatal(err)
					}
				}
				el := time.Since(start)
				b.StopTimer()
				st.Close()
				b.ReportMetric(float64(len(c))/el.Seconds(), "pages/s")
				b.StartTimer()
			}
		})
	}
}
