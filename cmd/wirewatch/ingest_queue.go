package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"wirewatch/internal/queue"
)

// queueConfig splits an optional "?stream=NAME" off a NATS URL (list), so
// ingest and worker can share a non-default stream (tests, staging).
func queueConfig(rawURL string) (string, queue.Config) {
	cfg := queue.DefaultConfig()
	base, query, ok := strings.Cut(rawURL, "?")
	if !ok {
		return rawURL, cfg
	}
	for _, kv := range strings.Split(query, "&") {
		k, v, _ := strings.Cut(kv, "=")
		if k == "stream" && v != "" {
			cfg = queue.ConfigFor(v)
		}
	}
	return base, cfg
}

// ingestToQueue publishes the pages at paths to the NATS JetStream queue at url
// instead of analysing them here; workers store them. Inputs are read exactly
// as a local ingest reads them (listInputs, readInput: directories
// recursively, "-" for stdin, URLs fetched, capture time from --captured-at,
// else the file mtime or the fetch time). A page already queued within the
// dedupe window is dropped by JetStream and counted as a repeat.
func ingestToQueue(ctx context.Context, e *env, url string, paths []string, capturedAt *time.Time) error {
	addr, cfg := queueConfig(url)
	q, err := queue.Connect(ctx, addr, cfg)
	if err != nil {
		return err
	}
	defer q.Close()
	var queued, repeats, failed int
	start := time.Now()
	for _, j := range listInputs(paths) {
		if err := ctx.Err(); err != nil {
			return err
		}
		if j.err != nil {
			failed++
			fmt.Fprintf(e.stderr, "wirewatch ingest: %s: %v\n", j.name, j.err)
			continue
		}
		raw, at, err := readInput(ctx, e, j.name, capturedAt)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "wirewatch ingest: %s: %v\n", j.name, err)
			continue
		}
		dup, err := q.Publish(ctx, queue.Job{Raw: raw, Source: j.name, CapturedAt: &at})
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			failed++
			fmt.Fprintf(e.stderr, "wirewatch ingest: %v\n", err)
			continue
		}
		if dup {
			repeats++
		} else {
			queued++
		}
	}
	fmt.Fprintf(e.stderr, "wirewatch ingest: queued %d pages on %s (%d repeats dropped, %d failed) in %s\n",
		queued, cfg.Stream, repeats, failed, time.Since(start).Round(time.Millisecond))
	if failed > 0 {
		return exitError{1}
	}
	return nil
}
