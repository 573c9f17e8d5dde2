package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/examples"
	"wirewatch/internal/analyze"
	"wirewatch/internal/corpus"
	"wirewatch/internal/store"
)

// newBenchCmd measures the analysis and the embedded store on this machine and
// prints the figures; nothing is asserted, so it can run anywhere.
func newBenchCmd(e *env) *cobra.Command {
	var pages, workers int
	var dir, corpusDir string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure analysis and SQLite ingest/search speed on this machine",
		Long: "bench analyses the bundled example pages (or --pages-dir) on one core and on all cores,\n" +
			"then writes --pages generated pages to files, ingests them into a fresh SQLite file\n" +
			"as `wirewatch ingest` does, and times searches.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), e, dir, corpusDir, pages, workers)
		},
	}
	cmd.Flags().IntVar(&pages, "pages", 2000, "generated pages to ingest into SQLite")
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "analysis goroutines for the parallel run")
	cmd.Flags().StringVar(&dir, "pages-dir", "", "analyse these text pages instead of the bundled examples")
	cmd.Flags().StringVar(&corpusDir, "corpus", "", "write the generated pages here and keep them (default: a temporary directory)")
	return cmd
}

func runBench(ctx context.Context, e *env, dir, corpusDir string, n, workers int) error {
	a, err := analyze.New()
	if err != nil {
		return err
	}
	// The same pages over and over: measure analysis, not the item cache.
	a = a.WithoutCache()
	type doc struct {
		name string
		raw  []byte
	}
	var docs []doc
	if dir == "" {
		for _, name := range examples.Names() {
			b, err := examples.Read(name)
			if err != nil {
				return fmt.Errorf("read example %s: %w", name, err)
			}
			docs = append(docs, doc{name, b})
		}
	} else {
		paths, err := filepath.Glob(filepath.Join(dir, "*"))
		if err != nil {
			return fmt.Errorf("list %s: %w", dir, err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return fmt.Errorf("read %s: %w", p, err)
			}
			docs = append(docs, doc{p, b})
		}
	}
	if len(docs) == 0 {
		return fmt.Errorf("bench: no pages to analyse")
	}
	var size int
	for _, d := range docs {
		size += len(d.raw)
	}
	// Analysis: repeat the set until about two seconds have passed.
	for _, w := range []int{1, workers} {
		var done, bytes int
		start := time.Now()
		for time.Since(start) < 2*time.Second {
			var wg sync.WaitGroup
			ch := make(chan doc)
			for range w {
				wg.Go(func() {
					for d := range ch {
						a.Page(d.name, d.raw, nil) //nolint:errcheck // bad pages still cost time; figures only
					}
				})
			}
			for _, d := range docs {
				ch <- d
			}
			close(ch)
			wg.Wait()
			done += len(docs)
			bytes += size
		}
		el := time.Since(start).Seconds()
		fmt.Fprintf(e.stdout, "analyse  %d goroutine(s): %8.0f pages/s  %6.2f MB/s  (%d pages, avg %d bytes)\n",
			w, float64(done)/el, float64(bytes)/el/1e6, done, size/len(docs))
	}
	if n <= 0 {
		return nil
	}
	tmp, err := os.MkdirTemp("", "wirewatch-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if corpusDir == "" {
		corpusDir = filepath.Join(tmp, "pages")
	}
	if err := writeBenchCorpus(corpusDir, n); err != nil {
		return err
	}
	// The real ingest path (files read, analysed by the worker pool, written
	// in batches) into a fresh file.
	dbPath := filepath.Join(tmp, "bench.db")
	var summary strings.Builder
	ie := *e
	ie.stderr = &summary
	start := time.Now()
	if err := runIngest(ctx, &ie, ingestOpts{db: dbPath, workers: workers}, []string{corpusDir}); err != nil {
		return fmt.Errorf("ingest: %w: %s", err, summary.String())
	}
	el := time.Since(start).Seconds()
	st, err := openStore(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	items := stats.Items
	var disk int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(dbPath + suffix); err == nil {
			disk += fi.Size()
		}
	}
	fmt.Fprintf(e.stdout, "ingest   SQLite: %8.0f pages/s  (%d pages, %d items, %d claims, %.0f bytes/item on disk)\n",
		float64(n)/el, n, items, stats.Claims, float64(disk)/float64(max(items, 1)))
	queries := []string{"aanval", "doden", "ontkent", "militairen", "Kremlin", "raketaanval op", "burgers gevlucht", "wapenstilstand"}
	var lat []time.Duration
	for round := 0; round < 10; round++ {
		for _, q := range queries {
			t0 := time.Now()
			if _, _, err := st.Search(ctx, store.Filter{Q: q, Limit: 20}); err != nil {
				return fmt.Errorf("search %q: %w", q, err)
			}
			lat = append(lat, time.Since(t0))
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	fmt.Fprintf(e.stdout, "search   SQLite: p50 %v  p95 %v  (%d queries: %s)\n",
		lat[len(lat)/2].Round(time.Microsecond), lat[len(lat)*95/100].Round(time.Microsecond), len(lat), strings.Join(queries, ", "))
	return nil
}

// writeBenchCorpus writes n generated pages (seed 1) to dir, each file's
// modification time set to its capture time, which ingest takes as default.
func writeBenchCorpus(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	gen := corpus.New(1, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i := range n {
		d := gen.Page(i)
		path := filepath.Join(dir, fmt.Sprintf("page-%06d.txt", i))
		if err := os.WriteFile(path, d.Raw, 0o644); err != nil {
			return fmt.Errorf("write corpus: %w", err)
		}
		if err := os.Chtimes(path, d.CapturedAt, d.CapturedAt); err != nil {
			return fmt.Errorf("write corpus: %w", err)
		}
	}
	return nil
}
