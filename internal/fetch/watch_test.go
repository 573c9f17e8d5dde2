package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/netip"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/store"
	"wirewatch/internal/store/sqlite"
)

// Pages written for these tests, in the style of short Dutch wire reports.
const articleUTF8 = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Dijk bij Terneuzen versterkt</title></head>
<body><article><h1>Dijk bij Terneuzen versterkt</h1>
<p>TERNEUZEN (ANP) - Het waterschap heeft de dijk bij Terneuzen over een lengte van 2,5 kilometer versterkt, zei een woordvoerder woensdag.</p>
<p>Volgens de woordvoerder kostte het werk ongeveer 14 miljoen euro. Een café aan de dijk bleef open.</p></article></body></html>`

const articleLatin1 = `<!DOCTYPE html><html lang="nl"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Veerpont vaart weer</title></head>
<body><article><h1>Veerpont vaart weer</h1>
<p>VLISSINGEN (ANP) - De veerpont tussen Vlissingen en Breskens vaart weer, meldde de vervoerder dinsdag. Een reünie van schippers werd uitgesteld.</p>
<p>Ongeveer 300 reizigers moesten twee dagen omrijden, aldus de vervoerder.</p></article></body></html>`

const articleThird = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Markt in Goes verplaatst</title></head>
<body><article><h1>Markt in Goes verplaatst</h1>
<p>GOES (ANP) - De weekmarkt in Goes verhuist tijdelijk naar de Grote Markt, heeft de gemeente maandag laten weten.</p></article></body></html>`

// site is a small news site: feeds, articles, a robots.txt, and request counts.
type site struct {
	t     *testing.T
	url   string
	rec   *recorder
	date  time.Time // sent as the Date header of every article
	pages map[string][]byte
	mu    sync.Mutex
	broke bool // /kapot.xml is malformed while true
}

func newSite(t *testing.T) *site {
	s := &site{t: t, date: time.Now().Add(-10 * time.Minute).UTC().Truncate(time.Second), broke: true}
	s.pages = map[string][]byte{
		"/artikel/dijk":  []byte(articleUTF8),
		"/artikel/veer":  latin1(t, articleLatin1),
		"/artikel/markt": []byte(articleThird),
		"/artikel/haven": []byte(strings.NewReplacer("Markt in Goes verplaatst", "Haven van Vlissingen uitgebreid",
			"GOES", "VLISSINGEN", "De weekmarkt in Goes verhuist tijdelijk naar de Grote Markt", "De haven krijgt een nieuwe kade").Replace(articleThird)),
	}
	old := time.Now().Add(-3 * time.Hour).UTC().Format(time.RFC1123Z)
	feedUTF8 := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Zeeuws nieuws</title>
<item><title>Dijk bij Terneuzen versterkt</title><link>/artikel/dijk</link><pubDate>` + old + `</pubDate></item>
<item><title>Verboden stuk</title><link>/verboden/geheim</link><pubDate>` + old + `</pubDate></item>
<item><title>Markt in Goes verplaatst</title><link>/artikel/markt</link><pubDate>` + old + `</pubDate></item>
</channel></rss>`
	feedLatin1 := latin1(t, `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Scheepvaart & veren</title>
<item><title>Veerpont vaart weer na reünie-uitstel</title><link>/artikel/veer</link><pubDate>`+old+`</pubDate></item>
</channel></rss>`)
	feedHoles := `<?xml version="1.0"?><rss version="2.0"><channel><title>Met gaten</title>
<item><title>Weg</title><link>/artikel/weg</link></item>
<item><title>Markt</title><link>/artikel/markt</link></item>
</channel></rss>`
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /verboden/\n")
	})
	mux.HandleFunc("/feed-utf8.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"zeeuws-1"`)
		if r.Header.Get("If-None-Match") == `"zeeuws-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, feedUTF8)
	})
	mux.HandleFunc("/feed-latin1.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml") // charset only in the XML declaration
		w.Write(feedLatin1)
	})
	mux.HandleFunc("/feed-gaten.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, feedHoles) })
	mux.HandleFunc("/kapot.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		broke := s.broke
		s.mu.Unlock()
		if broke {
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Kapot</title><item><title>half`)
			return
		}
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Hersteld</title>
<item><title>Haven</title><link>/artikel/haven</link></item><item><title>Markt</title><link>/artikel/markt</link></item></channel></rss>`)
	})
	mux.HandleFunc("/artikel/", func(w http.ResponseWriter, r *http.Request) {
		b, ok := s.pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Date", s.date.Format(http.TimeFormat))
		w.Header().Set("Content-Type", "text/html")
		w.Write(b)
	})
	mux.HandleFunc("/verboden/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "geheim") })
	srv, rec := serve(t, mux)
	s.url, s.rec = srv.URL, rec
	return s
}

func (s *site) articleRequests() int {
	n := 0
	for _, p := range []string{"/artikel/dijk", "/artikel/veer", "/artikel/markt", "/artikel/weg", "/artikel/haven"} {
		n += s.rec.count(p)
	}
	return n
}

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newTestWatcher(t *testing.T, s *site, st Saver) *Watcher {
	t.Helper()
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.AllowPrivate = true // the site under test listens on loopback
	return NewWatcher(New(cfg), st, an, WatchConfig{})
}

func feedStates(t *testing.T, st Saver) map[string]store.FeedState {
	t.Helper()
	fs, err := st.Feeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]store.FeedState{}
	for _, f := range fs {
		m[f.URL] = f
	}
	return m
}

func pageCount(t *testing.T, st store.Store) int {
	t.Helper()
	stats, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return stats.Pages
}

// saverOnly hides the store's HasSource: a Saver that cannot look up sources.
type saverOnly struct{ Saver }

func TestWatchPoll(t *testing.T) {
	t.Run("saver without HasSource", func(t *testing.T) { testWatchPoll(t, false) })
	t.Run("store", func(t *testing.T) { testWatchPoll(t, true) })
}

func testWatchPoll(t *testing.T, indexed bool) {
	s := newSite(t)
	real := openStore(t)
	var sv Saver = real
	if !indexed {
		sv = saverOnly{real}
	}
	feeds := []string{s.url + "/feed-utf8.xml", s.url + "/kapot.xml", s.url + "/feed-latin1.xml"}

	// Poll 1: everything new; the broken feed fails alone.
	w := newTestWatcher(t, s, sv)
	res, err := w.Poll(t.Context(), feeds)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Fatalf("%d results", len(res))
	}
	if r := res[0]; r.Status != 200 || r.Entries != 3 || r.Fetched != 2 || r.Skipped != 1 || r.Failed != 0 {
		t.Errorf("utf-8 feed: %+v, want 3 entries, 2 fetched, 1 skipped (robots)", r)
	}
	if r := res[1]; !strings.Contains(r.Error, "parse feed") {
		t.Errorf("broken feed: %+v, want a parse error", r)
	}
	if r := res[2]; r.Status != 200 || r.Fetched != 1 || r.Error != "" {
		t.Errorf("latin-1 feed: %+v, want 1 fetched, no error", r)
	}
	if n := s.rec.count("/verboden/geheim"); n != 0 {
		t.Errorf("robots-disallowed page requested %d times", n)
	}
	states := feedStates(t, real)
	if f := states[feeds[0]]; f.ETag != `"zeeuws-1"` || f.Title != "Zeeuws nieuws" || f.Items != 3 || f.Status != 200 || f.LastFetch == nil || f.LastError != "" {
		t.Errorf("utf-8 feed state: %+v", f)
	}
	if f := states[feeds[1]]; f.Status != 200 || !strings.Contains(f.LastError, "parse feed") || f.LastFetch == nil || f.ETag != "" {
		t.Errorf("broken feed state: %+v, want the parse error recorded", f)
	}
	if f := states[feeds[2]]; f.Title != "Scheepvaart & veren" || f.Items != 1 {
		t.Errorf("latin-1 feed state: %+v", f)
	}
	// Stored raw bytes are the served ones, captured at the server's Date.
	for path, body := range s.pages {
		if path == "/artikel/haven" {
			continue // only linked once the broken feed is repaired
		}
		sum := sha256.Sum256(body)
		p, err := real.Page(t.Context(), hex.EncodeToString(sum[:]))
		if err != nil {
			t.Errorf("%s not stored: %v", path, err)
			continue
		}
		if p.Source != s.url+path {
			t.Errorf("%s stored as source %q", path, p.Source)
		}
		if p.CapturedAt == nil || !p.CapturedAt.Equal(s.date) {
			t.Errorf("%s captured at %v, want the Date header %v", path, p.CapturedAt, s.date)
		}
	}
	pages := pageCount(t, real)
	if pages != 5 { // 2 feeds + 3 articles
		t.Errorf("%d pages stored, want 5", pages)
	}
	articles := s.articleRequests()

	// Poll 2: the ETag feed answers 304; nothing is fetched or stored again.
	res, err = w.Poll(t.Context(), feeds)
	if err != nil {
		t.Fatal(err)
	}
	if h := s.rec.last("/feed-utf8.xml").Header.Get("If-None-Match"); h != `"zeeuws-1"` {
		t.Errorf("second poll sent If-None-Match %q", h)
	}
	if !res[0].NotModified || res[0].NewPages != 0 {
		t.Errorf("second poll of the ETag feed: %+v, want 304", res[0])
	}
	if res[2].Fetched != 0 || res[2].Skipped != 1 {
		t.Errorf("second poll of the latin-1 feed: %+v, want its article skipped", res[2])
	}
	if got := s.articleRequests(); got != articles {
		t.Errorf("second poll fetched %d article pages again", got-articles)
	}
	if got := pageCount(t, real); got != pages {
		t.Errorf("pages %d after the second poll, want %d", got, pages)
	}
	if f := feedStates(t, real)[feeds[0]]; f.Status != 304 || f.ETag != `"zeeuws-1"` || f.Items != 3 {
		t.Errorf("state after 304: %+v", f)
	}

	// Restart: a new watcher on the same store remembers ETags and what was stored.
	s.mu.Lock()
	s.broke = false
	s.mu.Unlock()
	w2 := newTestWatcher(t, s, sv)
	res, err = w2.Poll(t.Context(), feeds)
	if err != nil {
		t.Fatal(err)
	}
	if !res[0].NotModified {
		t.Errorf("after restart the ETag feed was not conditional: %+v", res[0])
	}
	// The repaired feed's new article is fetched. /artikel/markt, which it also links,
	// was stored before the restart from a feed that now answers 304: only a store
	// that can look up sources knows that; otherwise it is fetched again (same bytes,
	// so no new page).
	want := 1
	if !indexed {
		want = 2
	}
	if got := s.articleRequests(); got != articles+want || s.rec.count("/artikel/haven") != 1 {
		t.Errorf("after restart %d article requests, want %d", got-articles, want)
	}
	if res[1].Fetched != want || res[1].Skipped != 2-want {
		t.Errorf("repaired feed: %+v, want %d fetched", res[1], want)
	}
	if f := feedStates(t, real)[feeds[1]]; f.LastError != "" || f.Title != "Hersteld" {
		t.Errorf("repaired feed state: %+v, want the error cleared", f)
	}
	if got := pageCount(t, real); got != pages+2 { // the repaired feed and its new article
		t.Errorf("pages %d after restart, want %d", got, pages+2)
	}
}

func TestWatchArticleFailure(t *testing.T) {
	s := newSite(t)
	st := openStore(t)
	feed := s.url + "/feed-gaten.xml"
	w := newTestWatcher(t, s, st)
	res, err := w.Poll(t.Context(), []string{feed})
	if err != nil {
		t.Fatal(err)
	}
	if r := res[0]; r.Fetched != 1 || r.Failed != 1 || !strings.Contains(r.Error, "404") {
		t.Fatalf("first poll: %+v, want 1 fetched, 1 failed with 404", r)
	}
	if f := feedStates(t, st)[feed]; !strings.Contains(f.LastError, "/artikel/weg") {
		t.Errorf("feed state %+v should name the failed article", f)
	}
	// The failed article is tried again, the stored one is not.
	if _, err := w.Poll(t.Context(), []string{feed}); err != nil {
		t.Fatal(err)
	}
	if a, b := s.rec.count("/artikel/weg"), s.rec.count("/artikel/markt"); a != 2 || b != 1 {
		t.Errorf("requests: weg %d (want 2), markt %d (want 1)", a, b)
	}
}

func TestWatchRunStopsOnCancel(t *testing.T) {
	s := newSite(t)
	st := openStore(t)
	w := newTestWatcher(t, s, st)
	ctx, cancel := context.WithCancel(t.Context())
	polls := 0
	done := make(chan error, 1)
	go func() {
		done <- w.Run(ctx, []string{s.url + "/feed-utf8.xml"}, time.Hour, func([]PollResult) {
			polls++
			cancel() // as SIGTERM would, after the first round
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v, want a clean stop", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
	if polls != 1 {
		t.Errorf("%d polls, want 1", polls)
	}
	if len(feedStates(t, st)) != 1 {
		t.Error("feed state not saved before stopping")
	}
}

func TestWatchMaxArticles(t *testing.T) {
	s := newSite(t)
	st := openStore(t)
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.AllowPrivate = true
	w := NewWatcher(New(cfg), st, an, WatchConfig{MaxArticles: 1, SkipFeedPage: true})
	feed := s.url + "/feed-utf8.xml"
	for poll, want := range []int{1, 1, 0} {
		// The ETag feed would answer 304 from the second poll on; forget its validators.
		if f, ok := feedStates(t, st)[feed]; ok {
			f.ETag = ""
			if err := st.SaveFeed(t.Context(), f); err != nil {
				t.Fatal(err)
			}
		}
		res, err := w.Poll(t.Context(), []string{feed})
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Fetched != want {
			t.Errorf("poll %d fetched %d, want %d", poll+1, res[0].Fetched, want)
		}
		if left := strings.Contains(res[0].Error, "left for the next poll"); left != (poll == 0) {
			t.Errorf("poll %d error %q", poll+1, res[0].Error)
		}
	}
	if got := pageCount(t, st); got != 2 {
		t.Errorf("%d pages, want the 2 allowed articles only (SkipFeedPage)", got)
	}
}

// TestWatchFeedFailures polls one failing feed next to a good one: the failure is
// recorded in the feed's state, the good feed is processed, nothing stored is lost.
func TestWatchFeedFailures(t *testing.T) {
	s := newSite(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /verboden/\n")
	})
	mux.HandleFunc("/groot.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat("<!-- vulling -->", 1<<16)))
	})
	mux.HandleFunc("/traag.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/storing.xml", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) })
	mux.HandleFunc("/druk.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(429)
	})
	mux.HandleFunc("/kapot.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><item><title>half`)
	})
	mux.HandleFunc("/bom.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.Replace(billionLaughs(), "https://example.nl/a", s.url+"/artikel/dijk", 1))
	})
	mux.HandleFunc("/naar-prive.xml", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.0.0.1/feed.xml", http.StatusFound)
	})
	mux.HandleFunc("/verboden/feed.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "nee") })
	bad, badRec := serve(t, mux)

	tests := []struct {
		path    string
		wantErr string // in the feed's last error; "" = the feed must work
	}{
		{"/groot.xml", "exceeds the limit of 65536 bytes"},
		{"/traag.xml", "Timeout"},
		{"/storing.xml", "HTTP 503"},
		{"/druk.xml", "Retry-After 1h0m0s exceeds"},
		{"/kapot.xml", "parse feed"},
		{"/bom.xml", ""},
		{"/naar-prive.xml", "refusing non-public address"},
		{"/verboden/feed.xml", "disallowed by robots.txt"},
	}
	st := openStore(t)
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(bad)
	cfg.AllowAddrs = append(cfg.AllowAddrs, netip.MustParseAddrPort(strings.TrimPrefix(s.url, "http://")))
	cfg.Timeout, cfg.MaxBody, cfg.Retries = 300*time.Millisecond, 64<<10, 1
	w := NewWatcher(New(cfg), st, an, WatchConfig{})
	good := s.url + "/feed-latin1.xml"
	if _, err := w.Poll(t.Context(), []string{good}); err != nil {
		t.Fatal(err)
	}
	before, err := st.Stats(t.Context())
	if err != nil || before.Pages == 0 {
		t.Fatalf("stats %+v, %v", before, err)
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			feed := bad.URL + tt.path
			res, err := w.Poll(t.Context(), []string{feed, good})
			if err != nil {
				t.Fatal(err)
			}
			state := feedStates(t, st)[feed]
			if tt.wantErr == "" {
				if state.LastError != "" || res[0].Error != "" {
					t.Errorf("feed failed: %q", state.LastError)
				}
			} else if !strings.Contains(state.LastError, tt.wantErr) || state.LastFetch == nil {
				t.Errorf("last error %q, want it to contain %q", state.LastError, tt.wantErr)
			}
			if res[1].Error != "" || res[1].Status != 200 {
				t.Errorf("the good feed after it: %+v", res[1])
			}
			after, err := st.Stats(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if after.Pages < before.Pages || after.Items < before.Items || after.Claims < before.Claims {
				t.Errorf("stored data shrank: %+v -> %+v", before, after)
			}
		})
	}
	if n := badRec.count("/verboden/feed.xml"); n != 0 {
		t.Errorf("robots-disallowed feed requested %d times", n)
	}
	if n := badRec.count("/storing.xml"); n != 2 {
		t.Errorf("503 feed requested %d times, want 2 (one retry)", n)
	}
	if n := badRec.count("/druk.xml"); n != 1 {
		t.Errorf("429 feed with a long Retry-After requested %d times, want 1", n)
	}
}
