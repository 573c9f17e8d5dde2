package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/corpus"
	"wirewatch/internal/store"
)

// benchPages is the page count of BenchmarkSave (env WIREWATCH_BENCH_PAGES overrides).
func benchEnv(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

var benchBase = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// BenchmarkSave stores 10,000 generated pages (analysis done beforehand) into
// a fresh database and reports pages/s, items and bytes per item.
func BenchmarkSave(b *testing.B) { benchSave(b, true, 1) }

// BenchmarkSaveBatch is BenchmarkSave with SaveBatch, 200 pages per transaction (as `wirewatch ingest`).
func BenchmarkSaveBatch(b *testing.B) { benchSave(b, true, 200) }

// BenchmarkSaveNoCrossLinks is BenchmarkSave without cross-page dispute
// linking, to show what that costs.
func BenchmarkSaveNoCrossLinks(b *testing.B) { benchSave(b, false, 1) }

func benchSave(b *testing.B, crossLinks bool, batch int) {
	n := benchEnv("WIREWATCH_BENCH_PAGES", 10000)
	g := corpus.New(1, benchBase)
	docs := make([]corpus.Doc, n)
	for i := range docs {
		docs[i] = g.Page(i)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "bench.db")
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		s.skipCrossLinks = !crossLinks
		b.StartTimer()
		start := time.Now()
		if batch <= 1 {
			for _, d := range docs {
				if _, err := s.Save(ctx, d.Result); err != nil {
					b.Fatal(err)
				}
			}
		} else {
			rs := make([]analyze.Result, 0, batch)
			for i, d := range docs {
				rs = append(rs, d.Result)
				if len(rs) == batch || i == len(docs)-1 {
					if _, err := s.SaveBatch(ctx, rs); err != nil {
						b.Fatal(err)
					}
					rs = rs[:0]
				}
			}
		}
		el := time.Since(start)
		b.StopTimer()
		st, err := s.Stats(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
		s.Close()
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/el.Seconds(), "pages/s")
		b.ReportMetric(float64(st.Items), "items")
		b.ReportMetric(float64(st.Claims), "claims")
		b.ReportMetric(float64(fi.Size())/float64(st.Items), "bytes/item")
		b.StartTimer()
	}
}

// BenchmarkSearch builds a database of about 100,000 items (env
// WIREWATCH_BENCH_ITEMS) and reports search latency percentiles over a mix of
// one- and two-word queries, with and without filters. With
// WIREWATCH_BENCH_DB=path the database is built there once and reused by
// later runs (delete the file to rebuild).
func BenchmarkSearch(b *testing.B) {
	want := benchEnv("WIREWATCH_BENCH_ITEMS", 100000)
	ctx := context.Background()
	path := os.Getenv("WIREWATCH_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "search.db")
	}
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	items := st.Items
	if items < want {
		g := corpus.New(2, benchBase)
		// Fewer shared briefs so the item count grows fast.
		g.BriefsPerPage = 6
		build := time.Now()
		for i := st.Pages; items < want; i += 50 {
			rs := make([]analyze.Result, 50)
			for j := range rs {
				rs[j] = g.Page(i + j).Result
			}
			ss, err := s.SaveBatch(ctx, rs)
			if err != nil {
				b.Fatal(err)
			}
			for _, x := range ss {
				items += x.NewItems
			}
		}
		if _, err := s.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %d items in %v", items, time.Since(build).Round(time.Second))
	}
	fi, _ := os.Stat(path)
	queries := []store.Filter{
		{Q: "aanval"}, {Q: "soldaten gedood"}, {Q: "vluchtelingen"}, {Q: "raketaanval"},
		{Q: "drones", Country: "RU"}, {Q: "burgers omgekomen", Category: "killed"},
		{Q: "Charkov"}, {Q: "wapenstilstand"}, {Q: "gewonden", Place: "GAZA"},
		{Q: "gevangengenomen", Stance: "deny"}, {Q: "humanitaire ramp"}, {Q: "bombardement", Section: "Politiek"},
	}
	var lat []time.Duration
	worst := make([]time.Duration, len(queries))
	hits := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		t0 := time.Now()
		hs, _, err := s.Search(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(t0)
		lat = append(lat, d)
		worst[i%len(queries)] = max(worst[i%len(queries)], d)
		hits += len(hs)
	}
	b.StopTimer()
	for i, q := range queries {
		b.Logf("slowest %v: %+v", worst[i].Round(time.Microsecond), q)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(float64(items), "items")
	b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
	b.ReportMetric(float64(fi.Size())/float64(items), "bytes/item")
	b.Logf("%d items, %d queries", items, len(lat))
}
