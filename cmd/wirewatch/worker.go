package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/queue"
)

// newWorkerCmd runs a scale-out worker: pull pages from JetStream, analyse,
// store, acknowledge after the commit.
func newWorkerCmd(e *env) *cobra.Command {
	var (
		queueURL, db  string
		concurrency   int
		batch         int
		replicas      int
		maxDeliver    int
		ackWait, idle time.Duration
		drain         time.Duration
	)
	cmd := &cobra.Command{
		Use:   "worker --queue nats://… --db postgres://… [--concurrency N]",
		Short: "Analyse and store pages queued by `ingest --queue`",
		Long: "worker pulls pages from the NATS JetStream work queue (stream WIREWATCH_PAGES,\n" +
			"durable consumer \"workers\"), analyses and stores them, and acknowledges each page\n" +
			"only after its write committed. Failed pages are retried with backoff; after\n" +
			"--max-deliver attempts, or at once when a page cannot be parsed, they go to the\n" +
			"dead-letter subject wirewatch.dead. SIGTERM finishes the pages in hand and exits.\n" +
			"Several NATS servers are given comma-separated; \"?stream=NAME\" picks another stream.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if queueURL == "" {
				return fmt.Errorf("--queue is required")
			}
			ctx := cmd.Context()
			log := slog.New(slog.NewTextHandler(e.stderr, nil))
			st, err := openStore(ctx, db)
			if err != nil {
				return fmt.Errorf("open store: %w", err)
			}
			defer st.Close()
			an, err := analyze.New()
			if err != nil {
				return err
			}
			addr, cfg := queueConfig(queueURL)
			cfg.Replicas = replicas
			cfg.MaxDeliver = maxDeliver
			cfg.AckWait = ackWait
			q, err := queue.Connect(ctx, addr, cfg)
			if err != nil {
				return err
			}
			defer q.Close()
			w := &queue.Worker{Queue: q, Analyzer: an, Store: st, Log: log,
				Concurrency: concurrency, Batch: batch, Drain: drain}
			runCtx := ctx
			if idle > 0 {
				var cancel context.CancelFunc
				runCtx, cancel = context.WithCancel(ctx)
				defer cancel()
				go exitWhenIdle(runCtx, cancel, w, idle)
			}
			start := time.Now()
			log.Info("worker started", "stream", cfg.Stream, "consumer", cfg.Consumer, "concurrency", concurrency)
			if err := w.Run(runCtx); err != nil {
				return err
			}
			c := w.Counts()
			secs := time.Since(start).Seconds()
			out := struct {
				queue.Counts
				Seconds float64 `json:"seconds"`
			}{c, secs}
			log.Info("worker stopped", "stored", c.Stored, "retried", c.Retried, "dead", c.Dead, "seconds", secs)
			return json.NewEncoder(e.stdout).Encode(out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&queueURL, "queue", "", "NATS URL(s) of the JetStream queue, e.g. nats://127.0.0.1:4222")
	f.StringVar(&db, "db", defaultDB, "database: postgres://… or a SQLite file")
	f.IntVar(&concurrency, "concurrency", 2, "pages analysed at once")
	f.IntVar(&batch, "batch", 4, "pages fetched per request")
	f.IntVar(&replicas, "replicas", 1, "stream replicas when creating it (3 on a cluster)")
	f.IntVar(&maxDeliver, "max-deliver", 5, "attempts before a page goes to the dead letters")
	f.DurationVar(&ackWait, "ack-wait", 30*time.Second, "redeliver a page not acknowledged within this time")
	f.DurationVar(&drain, "drain", 30*time.Second, "on SIGTERM, how long to finish the pages in hand")
	f.DurationVar(&idle, "exit-idle", 0, "exit after this long without work (0 = run until stopped)")
	return cmd
}

// exitWhenIdle stops the worker once it has stored nothing new for idle.
func exitWhenIdle(ctx context.Context, stop context.CancelFunc, w *queue.Worker, idle time.Duration) {
	last, lastChange := w.Counts(), time.Now()
	t := time.NewTicker(idle / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if c := w.Counts(); c != last {
				last, lastChange = c, time.Now()
			} else if time.Since(lastChange) >= idle {
				stop()
				return
			}
		}
	}
}
