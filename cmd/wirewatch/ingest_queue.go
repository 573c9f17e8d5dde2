package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
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
// instead of analysing them here; workers store them. Directories are walked
// recursively and "-" is standard input. A page already queued within the
// dedupe window is dropped by JetStream and counted as a repeat.
func ingestToQueue(ctx context.Context, e *env, url string, paths []string, capturedAt *time.Time) error {
	addr, cfg := queueConfig(url)
	q, err := queue.Connect(ctx, addr, cfg)
	if err != nil {
		return err
	}
	defer q.Close()
	files, err := queueFiles(paths)
	if err != nil {
		return err
	}
	var queued, repeats int
	start := time.Now()
	for _, path := range files {
		var raw []byte
		if path == "-" {
			raw, err = io.ReadAll(e.stdin)
		} else {
			raw, err = os.ReadFile(path)
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		dup, err := q.Publish(ctx, queue.Job{Raw: raw, Source: path, CapturedAt: capturedAt})
		if err != nil {
			return err
		}
		if dup {
			repeats++
		} else {
			queued++
		}
	}
	fmt.Fprintf(e.stderr, "wirewatch ingest: queued %d pages on %s (%d repeats dropped) in %s\n",
		queued, cfg.Stream, repeats, time.Since(start).Round(time.Millisecond))
	return nil
}

// queueFiles keeps files and "-" as given and replaces a directory by the
// regular files under it, sorted.
func queueFiles(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if arg == "-" || err != nil || !fi.IsDir() {
			out = append(out, arg)
			continue
		}
		var files []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", arg, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}
