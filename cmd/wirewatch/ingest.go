package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/store"
)

type ingestOpts struct {
	db, capturedAt, actors, queue string
	workers                       int
}

func newIngestCmd(e *env) *cobra.Command {
	var o ingestOpts
	cmd := &cobra.Command{
		Use:   "ingest [flags] PATH|DIR|URL|-…",
		Short: "Analyse pages and store them in the ledger",
		Long: "Ingest reads files, directories (recursively; hidden files are skipped), URLs and stdin (-),\n" +
			"analyses each page and stores it. Storing is idempotent: ingesting a page again changes nothing.\n" +
			"A page that fails is reported and the others go on; the exit status is 1 if any failed.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIngest(cmd.Context(), e, o, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.db, "db", "", "database: SQLite file (default "+defaultDB+") or postgres:// URL")
	fl.StringVar(&o.capturedAt, "captured-at", "", "capture time of the pages (RFC 3339 or 2006-01-02; default: file mtime)")
	fl.IntVar(&o.workers, "workers", runtime.GOMAXPROCS(0), "pages analysed concurrently")
	fl.StringVar(&o.actors, "actors", "", "extra actor table (TSV, same format as the shipped actors.tsv)")
	fl.StringVar(&o.queue, "queue", "", "publish the pages to this NATS JetStream URL instead of analysing here")
	return cmd
}

// ingestJob is one page to read: a file, a URL or stdin.
type ingestJob struct {
	name string // path, URL or "-"
	err  error  // found while listing: reported, not read
}

type ingestResult struct {
	name string
	res  analyze.Result
	err  error
}

// ingestStats is the run's summary.
type ingestStats struct {
	pages, newPages, newItems, seenItems, claims, errors int
}

func loadAnalyzer(actors string) (*analyze.Analyzer, error) {
	a, err := analyze.New()
	if err != nil {
		return nil, err
	}
	if actors == "" {
		return a, nil
	}
	f, err := os.Open(actors)
	if err != nil {
		return nil, fmt.Errorf("actor table: %w", err)
	}
	defer f.Close()
	ex, err := claim.NewExtractorWithActors(f)
	if err != nil {
		return nil, fmt.Errorf("actor table %s: %w", actors, err)
	}
	return a.WithExtractor(ex), nil
}

func runIngest(ctx context.Context, e *env, o ingestOpts, args []string) error {
	at, err := parseTimeFlag("captured-at", o.capturedAt, false)
	if err != nil {
		return err
	}
	if o.queue != "" {
		return ingestToQueue(ctx, e, o.queue, args, at)
	}
	if o.workers < 1 {
		o.workers = 1
	}
	a, err := loadAnalyzer(o.actors)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()

	jobs := listInputs(args)
	start := time.Now()
	prog := newProgress(e.stderr, len(jobs))
	var sum ingestStats
	fail := func(name string, err error) {
		sum.errors++
		prog.clear()
		fmt.Fprintf(e.stderr, "wirewatch: ingest %s: %v\n", name, err)
	}

	todo := make(chan ingestJob)
	// Room for a batch being written plus the next one, so analysis goes on
	// while the store commits.
	results := make(chan ingestResult, o.workers+2*ingestBatch)
	var wg sync.WaitGroup
	for range o.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range todo {
				results <- analyzeInput(ctx, e, a, j, at)
			}
		}()
	}
	go func() {
		defer close(todo)
		for _, j := range jobs {
			select {
			case todo <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Writes are serialized here; analysis runs in the workers. Pages waiting
	// to be written go in one transaction when the store can batch, so the
	// store keeps up when analysis is faster than single commits.
	record := func(r ingestResult, ss store.SaveStats, err error) {
		switch {
		case err != nil:
			fail(r.name, err)
		case r.err != nil:
			// Stored with its error, so a later reanalyze can redo it.
			fail(r.name, r.err)
		}
		if err == nil {
			if ss.NewPage {
				sum.newPages++
			}
			sum.newItems += ss.NewItems
			sum.seenItems += ss.SeenItems
			sum.claims += ss.Claims
		}
	}
	batcher, canBatch := st.(batchSaver)
	var pending []ingestResult
	flush := func() {
		if len(pending) > 1 && canBatch {
			res := make([]analyze.Result, len(pending))
			for i, r := range pending {
				res[i] = r.res
			}
			if stats, err := batcher.SaveBatch(ctx, res); err == nil {
				for i, r := range pending {
					record(r, stats[i], nil)
				}
				pending = pending[:0]
				return
			}
			// The batch was rolled back: save page by page to find the bad one.
		}
		for _, r := range pending {
			ss, err := st.Save(ctx, r.res)
			record(r, ss, err)
		}
		pending = pending[:0]
	}
	for r := range results {
		sum.pages++
		if r.err != nil && r.res.Page.ID == "" {
			fail(r.name, r.err)
		} else {
			pending = append(pending, r)
			if len(pending) >= ingestBatch || len(results) == 0 {
				flush()
			}
		}
		prog.step(sum.pages)
	}
	flush()
	prog.clear()
	el := time.Since(start).Seconds()
	rate := 0.0
	if el > 0 {
		rate = float64(sum.pages) / el
	}
	fmt.Fprintf(e.stderr, "ingested %d pages (%d new): %d new items, %d already seen, %d claims, %d errors, %.1f pages/s\n",
		sum.pages, sum.newPages, sum.newItems, sum.seenItems, sum.claims, sum.errors, rate)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ingest interrupted after %d of %d pages: %w", sum.pages, len(jobs), err)
	}
	if sum.errors > 0 {
		return exitError{1}
	}
	return nil
}

// ingestBatch is the most pages written in one transaction.
const ingestBatch = 200

// batchSaver is a store that can write several pages in one transaction.
type batchSaver interface {
	SaveBatch(ctx context.Context, rs []analyze.Result) ([]store.SaveStats, error)
}

// listInputs expands the arguments into pages: directories recursively
// (hidden entries skipped, walk errors kept as failed jobs).
func listInputs(args []string) []ingestJob {
	var jobs []ingestJob
	for _, arg := range args {
		if arg == "-" || isURL(arg) {
			jobs = append(jobs, ingestJob{name: arg})
			continue
		}
		fi, err := os.Stat(arg)
		if err != nil {
			jobs = append(jobs, ingestJob{name: arg, err: err})
			continue
		}
		if !fi.IsDir() {
			jobs = append(jobs, ingestJob{name: arg})
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				jobs = append(jobs, ingestJob{name: p, err: err})
				if d != nil && d.IsDir() && p != arg {
					return fs.SkipDir
				}
				return nil
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() {
				jobs = append(jobs, ingestJob{name: p})
			}
			return nil
		})
		if err != nil {
			jobs = append(jobs, ingestJob{name: arg, err: err})
		}
	}
	return jobs
}

func isURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// analyzeInput reads and analyses one page. A parse failure comes back with
// the Result (page header filled) and the error.
func analyzeInput(ctx context.Context, e *env, a *analyze.Analyzer, j ingestJob, at *time.Time) ingestResult {
	r := ingestResult{name: j.name}
	if j.err != nil {
		r.err = j.err
		return r
	}
	raw, captured, err := readInput(ctx, e, j.name, at)
	if err != nil {
		r.err = err
		return r
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		r.err = errors.New("empty file")
		return r
	}
	if bytes.IndexByte(raw[:min(len(raw), 8192)], 0) >= 0 {
		r.err = errors.New("binary file, not a news page")
		return r
	}
	source := j.name
	if source == "-" {
		source = "stdin"
	}
	r.res, r.err = a.Page(source, raw, &captured)
	return r
}

// maxPageBytes bounds what one page may hold.
const maxPageBytes = 32 << 20

func readInput(ctx context.Context, e *env, name string, at *time.Time) ([]byte, time.Time, error) {
	switch {
	case name == "-":
		raw, err := io.ReadAll(io.LimitReader(e.stdin, maxPageBytes+1))
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("read stdin: %w", err)
		}
		if len(raw) > maxPageBytes {
			return nil, time.Time{}, fmt.Errorf("larger than %d bytes", maxPageBytes)
		}
		t := time.Now().UTC()
		if at != nil {
			t = *at
		}
		return raw, t, nil
	case isURL(name):
		raw, t, err := fetchURL(ctx, e, name)
		if err != nil {
			return nil, time.Time{}, err
		}
		if at != nil {
			t = *at
		}
		return raw, t.UTC(), nil
	}
	fi, err := os.Stat(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	if !fi.Mode().IsRegular() {
		// FIFOs, sockets and devices would block or never end.
		return nil, time.Time{}, fmt.Errorf("not a regular file (%s)", fi.Mode().Type())
	}
	if fi.Size() > maxPageBytes {
		return nil, time.Time{}, fmt.Errorf("larger than %d bytes", maxPageBytes)
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	t := fi.ModTime().UTC()
	if at != nil {
		t = *at
	}
	return raw, t, nil
}

// progress draws a one-line bar on a terminal, at most ten times a second.
type progress struct {
	w     io.Writer
	on    bool
	total int
	start time.Time
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, on: isTerminal(w), total: total, start: time.Now()}
}

func (p *progress) step(done int) {
	if !p.on {
		return
	}
	now := time.Now()
	if done < p.total && now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	const width = 30
	fill := width
	if p.total > 0 {
		fill = done * width / p.total
	}
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-9)
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d pages  %.1f pages/s ", strings.Repeat("#", fill), strings.Repeat(" ", width-fill), done, p.total, rate)
	p.drawn = true
}

func (p *progress) clear() {
	if p.on && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}
