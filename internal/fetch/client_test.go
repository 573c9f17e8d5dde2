package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/temoto/robotstxt"
)

// recorder is a test server's memory of what it was asked.
type recorder struct {
	mu   sync.Mutex
	hits map[string][]time.Time
	reqs []*http.Request
}

func (r *recorder) record(req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.hits == nil {
		r.hits = map[string][]time.Time{}
	}
	r.hits[req.URL.Path] = append(r.hits[req.URL.Path], time.Now())
	r.reqs = append(r.reqs, req.Clone(context.Background()))
}

func (r *recorder) count(path string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.hits[path])
}

func (r *recorder) times(path string) []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.hits[path]...)
}

func (r *recorder) last(path string) *http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.reqs) - 1; i >= 0; i-- {
		if r.reqs[i].URL.Path == path {
			return r.reqs[i]
		}
	}
	return nil
}

// serve starts a recording test server; robots.txt is 404 unless mux handles it.
func serve(t *testing.T, mux *http.ServeMux) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.record(r)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

// testConfig allows exactly the given test servers (they listen on loopback) and
// keeps waits short.
func testConfig(srvs ...*httptest.Server) Config {
	cfg := Config{Contact: "ops@example.org", Rate: 200, Timeout: 5 * time.Second,
		BaseBackoff: 10 * time.Millisecond, MaxBackoff: 3 * time.Second}
	for _, s := range srvs {
		cfg.AllowAddrs = append(cfg.AllowAddrs, netip.MustParseAddrPort(s.Listener.Addr().String()))
	}
	return cfg
}

func TestUserAgentAndBody(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "hallo") })
	srv, rec := serve(t, mux)
	c := New(testConfig(srv))
	resp, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/a"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "hallo" || resp.Status != 200 {
		t.Errorf("got %d %q", resp.Status, resp.Body)
	}
	ua := rec.last("/a").Header.Get("User-Agent")
	if !strings.Contains(ua, "wirewatch/") || !strings.Contains(ua, "ops@example.org") {
		t.Errorf("User-Agent %q does not name wirewatch and the contact", ua)
	}
	if rec.count("/robots.txt") != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", rec.count("/robots.txt"))
	}
	// robots.txt is cached per host.
	if _, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/a"}); err != nil {
		t.Fatal(err)
	}
	if rec.count("/robots.txt") != 1 {
		t.Errorf("robots.txt fetched %d times after two pages, want 1 (cached)", rec.count("/robots.txt"))
	}
}

func TestRobots(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		body        string
		path        string
		wantAllowed bool
	}{
		{"disallowed path", 200, "User-agent: *\nDisallow: /prive/\n", "/prive/stuk", false},
		{"allowed path", 200, "User-agent: *\nDisallow: /prive/\n", "/open/stuk", true},
		{"our group wins", 200, "User-agent: *\nDisallow:\n\nUser-agent: wirewatch\nDisallow: /\n", "/open", false},
		{"other bot only", 200, "User-agent: otherbot\nDisallow: /\n", "/open", true},
		{"query matched", 200, "User-agent: *\nDisallow: /zoek?q=\n", "/zoek?q=oorlog", false},
		{"bad line ignored", 200, "Disallow: /x\nUser-agent: *\nCrawl-delay: soon\nDisallow: /prive\n", "/prive", false},
		{"404 allows all", 404, "", "/prive/stuk", true},
		{"410 allows all", 410, "", "/prive/stuk", true},
		{"500 disallows for now", 500, "", "/open", false},
		{"503 disallows for now", 503, "", "/open", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
				fmt.Fprint(w, tt.body)
			})
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "pagina") })
			srv, rec := serve(t, mux)
			c := New(testConfig(srv))
			_, err := c.Fetch(t.Context(), Request{URL: srv.URL + tt.path})
			pagePath := strings.SplitN(tt.path, "?", 2)[0]
			if tt.wantAllowed {
				if err != nil {
					t.Fatalf("Fetch: %v", err)
				}
				if rec.count(pagePath) != 1 {
					t.Errorf("page requested %d times, want 1", rec.count(pagePath))
				}
				return
			}
			if !errors.Is(err, ErrDisallowed) {
				t.Fatalf("err = %v, want ErrDisallowed", err)
			}
			if (tt.status >= 500) != errors.Is(err, ErrRobotsUnavailable) {
				t.Errorf("err = %v: ErrRobotsUnavailable should be set only for a failing robots.txt", err)
			}
			if n := rec.count(pagePath); n != 0 {
				t.Errorf("disallowed page was requested %d times", n)
			}
		})
	}
}

func TestCrawlDelay(t *testing.T) {
	const delay = 300 * time.Millisecond
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.3\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "x") })
	srv, rec := serve(t, mux)
	c := New(testConfig(srv)) // 200 req/s configured; Crawl-delay must lower it
	for i := range 4 {
		if _, err := c.Fetch(t.Context(), Request{URL: fmt.Sprintf("%s/p%d", srv.URL, i)}); err != nil {
			t.Fatal(err)
		}
	}
	var all []time.Time
	all = append(all, rec.times("/robots.txt")...)
	for i := range 4 {
		all = append(all, rec.times(fmt.Sprintf("/p%d", i))...)
	}
	if len(all) != 5 {
		t.Fatalf("got %d requests, want 5", len(all))
	}
	// The limiter guarantees a minimum spacing; allow some slack for clock granularity.
	for i := 2; i < len(all); i++ {
		gap := all[i].Sub(all[i-1])
		t.Logf("gap before request %d: %v", i, gap.Round(time.Millisecond))
		if gap < delay*8/10 {
			t.Errorf("request %d came %v after the previous one, want >= ~%v", i, gap, delay)
		}
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name         string
		statuses     []int  // served in turn, then 200
		retryAfter   string // on failing responses
		retries      int
		wantErr      bool
		wantRequests int
		minGap       time.Duration // between the first two requests
	}{
		{"503 then success", []int{503}, "", 3, false, 2, 0},
		{"two 5xx then success", []int{502, 500}, "", 3, false, 3, 0},
		{"429 with Retry-After seconds", []int{429}, "1", 3, false, 2, 900 * time.Millisecond},
		{"429 with Retry-After date", []int{429}, "date+2s", 3, false, 2, 900 * time.Millisecond},
		{"Retry-After over the cap", []int{429}, "3600", 3, true, 1, 0},
		{"5xx every time", []int{503, 503, 503, 503}, "", 2, true, 3, 0},
		{"404 is not retried", []int{404}, "", 3, true, 1, 0},
		{"no retries", []int{503}, "", -1, true, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			n := 0
			mux := http.NewServeMux()
			mux.HandleFunc("/p", func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				i := n
				n++
				mu.Unlock()
				if i < len(tt.statuses) {
					ra := tt.retryAfter
					if ra == "date+2s" {
						ra = time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
					}
					if ra != "" {
						w.Header().Set("Retry-After", ra)
					}
					w.WriteHeader(tt.statuses[i])
					return
				}
				fmt.Fprint(w, "ok")
			})
			srv, rec := serve(t, mux)
			cfg := testConfig(srv)
			cfg.Retries = tt.retries
			c := New(cfg)
			resp, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/p"})
			if tt.wantErr != (err != nil) {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && (string(resp.Body) != "ok" || resp.Attempts != tt.wantRequests) {
				t.Errorf("body %q after %d attempts, want ok after %d", resp.Body, resp.Attempts, tt.wantRequests)
			}
			if got := rec.count("/p"); got != tt.wantRequests {
				t.Errorf("%d requests, want %d", got, tt.wantRequests)
			}
			ts := rec.times("/p")
			if len(ts) >= 2 {
				t.Logf("first retry after %v", ts[1].Sub(ts[0]).Round(time.Millisecond))
			}
			if tt.minGap > 0 && len(ts) >= 2 && ts[1].Sub(ts[0]) < tt.minGap {
				t.Errorf("retried after %v, want >= %v (Retry-After)", ts[1].Sub(ts[0]), tt.minGap)
			}
		})
	}
}

func TestTimeout(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/traag", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv, rec := serve(t, mux)
	cfg := testConfig(srv)
	cfg.Timeout = 200 * time.Millisecond
	cfg.Retries = 1
	c := New(cfg)
	_, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/traag"})
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if !strings.Contains(err.Error(), "/traag") {
		t.Errorf("error %q does not name the URL", err)
	}
	if got := rec.count("/traag"); got != 2 {
		t.Errorf("%d requests, want 2 (a timeout is retried once)", got)
	}
}

func TestMaxBody(t *testing.T) {
	const limit = 1000
	tests := []struct {
		name    string
		size    int
		chunked bool
		gzip    bool
		wantErr bool
	}{
		{"at the limit", limit, false, false, false},
		{"over, with Content-Length", limit + 1, false, false, true},
		{"huge, chunked", 50 << 20, true, false, true},
		{"small gzip, huge inflated", 50 << 20, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := http.NewServeMux()
			mux.HandleFunc("/groot", func(w http.ResponseWriter, r *http.Request) {
				if tt.gzip {
					w.Header().Set("Content-Encoding", "gzip")
					zw := gzip.NewWriter(w)
					zero := make([]byte, 1<<20)
					for left := tt.size; left > 0; left -= len(zero) {
						if _, err := zw.Write(zero); err != nil {
							return
						}
					}
					zw.Close()
					return
				}
				if !tt.chunked {
					w.Header().Set("Content-Length", fmt.Sprint(tt.size))
				}
				chunk := []byte(strings.Repeat("a", 4096))
				for left := tt.size; left > 0; left -= len(chunk) {
					if _, err := w.Write(chunk[:min(left, len(chunk))]); err != nil {
						return // the client hung up: good
					}
				}
			})
			srv, _ := serve(t, mux)
			cfg := testConfig(srv)
			cfg.MaxBody = limit
			c := New(cfg)
			resp, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/groot"})
			if !tt.wantErr {
				if err != nil || len(resp.Body) != tt.size {
					t.Fatalf("err = %v, want the whole body", err)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), srv.URL+"/groot") || !strings.Contains(err.Error(), "1000 bytes") {
				t.Errorf("error %q should name the URL and the limit", err)
			}
		})
	}
}

func TestPrivateAddressesRefused(t *testing.T) {
	target, targetRec := serve(t, http.NewServeMux())
	mux := http.NewServeMux()
	mux.HandleFunc("/naar-lokaal", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/geheim", http.StatusFound)
	})
	mux.HandleFunc("/naar-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/naar-localhost", func(w http.ResponseWriter, r *http.Request) {
		_, p, _ := net.SplitHostPort(target.Listener.Addr().String())
		http.Redirect(w, r, "http://localhost:"+p+"/geheim", http.StatusFound)
	})
	mux.HandleFunc("/naar-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.org/x", http.StatusFound)
	})
	front, _ := serve(t, mux)
	_, port, _ := net.SplitHostPort(target.Listener.Addr().String())

	tests := []struct {
		name    string
		url     string
		wantErr error
	}{
		{"loopback literal", target.URL + "/geheim", ErrPrivateAddress},
		{"localhost name (checked at dial)", "http://localhost:" + port + "/geheim", ErrPrivateAddress},
		{"IPv6 loopback", "http://[::1]:" + port + "/geheim", ErrPrivateAddress},
		{"IPv4-mapped loopback", "http://[::ffff:127.0.0.1]:" + port + "/geheim", ErrPrivateAddress},
		{"private range", "http://10.1.2.3/", ErrPrivateAddress},
		{"unspecified", "http://0.0.0.0:" + port + "/", ErrPrivateAddress},
		{"redirect to loopback", front.URL + "/naar-lokaal", ErrPrivateAddress},
		{"redirect to localhost", front.URL + "/naar-localhost", ErrPrivateAddress},
		{"redirect to link-local metadata", front.URL + "/naar-metadata", ErrPrivateAddress},
		{"redirect to ftp", front.URL + "/naar-ftp", ErrScheme},
		{"file scheme", "file:///etc/passwd", ErrScheme},
	}
	// Only the front server is allowed; the target is a loopback service it must not reach.
	c := New(testConfig(front))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Fetch(t.Context(), Request{URL: tt.url})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
		})
	}
	if n := len(targetRec.reqs); n != 0 {
		t.Errorf("the private target got %d requests", n)
	}
	// With AllowPrivate the same loopback URL is fetched.
	cfg := testConfig()
	cfg.AllowPrivate = true
	if _, err := New(cfg).Fetch(t.Context(), Request{URL: front.URL + "/naar-lokaal"}); err == nil {
		t.Error("target has no /geheim handler: want a 404 error")
	} else if errors.Is(err, ErrPrivateAddress) {
		t.Errorf("AllowPrivate: %v", err)
	}
	if targetRec.count("/geheim") != 1 {
		t.Errorf("with AllowPrivate the target got %d requests, want 1", targetRec.count("/geheim"))
	}
}

func TestPublicAddr(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"10.0.0.1", false},
		{"172.16.5.4", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false},
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"::1", false},
		{"::", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"ff02::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
		{"::ffff:93.184.216.34", true},
		{"64:ff9b::7f00:1", false},
		{"2002:7f00:1::", false},
		{"2002:5db8:d822::", true},
	}
	for _, tt := range tests {
		if got := publicAddr(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("publicAddr(%s) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}

func TestRedirectLimit(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/r/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		if n == 0 {
			fmt.Fprint(w, "eind")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
	})
	srv, _ := serve(t, mux)
	c := New(testConfig(srv))
	if resp, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/r/5"}); err != nil || !strings.HasSuffix(resp.URL, "/r/0") {
		t.Fatalf("5 redirects: %v", err)
	}
	if _, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/r/6"}); !errors.Is(err, errTooManyRedirects) {
		t.Fatalf("6 redirects: err = %v, want too many redirects", err)
	}
}

func TestConditionalGET(t *testing.T) {
	const etag = `"v1"`
	lm := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC).Format(http.TimeFormat)
	mux := http.NewServeMux()
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lm)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "inhoud")
	})
	srv, rec := serve(t, mux)
	c := New(testConfig(srv))
	first, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/feed"})
	if err != nil || first.NotModified || first.ETag != etag || first.LastModified != lm {
		t.Fatalf("first fetch: %+v, %v", first, err)
	}
	second, err := c.Fetch(t.Context(), Request{URL: srv.URL + "/feed", ETag: first.ETag, LastModified: first.LastModified})
	if err != nil || !second.NotModified || second.Status != 304 || len(second.Body) != 0 {
		t.Fatalf("second fetch: %+v, %v", second, err)
	}
	r := rec.last("/feed")
	if r.Header.Get("If-None-Match") != etag || r.Header.Get("If-Modified-Since") != lm {
		t.Errorf("conditional headers not sent: %v", r.Header)
	}
}

func TestCaptureTime(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		date string
		want time.Time
	}{
		{now.Add(-10 * time.Minute).Format(http.TimeFormat), now.Add(-10 * time.Minute)},
		{now.Add(time.Minute).Format(http.TimeFormat), now.Add(time.Minute)},
		{now.Add(-48 * time.Hour).Format(http.TimeFormat), now}, // stale server clock
		{now.Add(time.Hour).Format(http.TimeFormat), now},       // future
		{"gisteren", now},
		{"", now},
	}
	for _, tt := range tests {
		if got := captureTime(tt.date, now); !got.Equal(tt.want) {
			t.Errorf("captureTime(%q) = %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"7", 7 * time.Second},
		{" 12 ", 12 * time.Second},
		{"-3", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"morgen", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.v, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	c := New(Config{BaseBackoff: 100 * time.Millisecond, MaxBackoff: time.Second})
	for attempt := range 40 {
		want := min(100*time.Millisecond<<min(attempt, 20), time.Second)
		for range 20 {
			if d := c.backoff(attempt); d < want/2 || d > want {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", attempt, d, want/2, want)
			}
		}
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /prive/\nCrawl-delay: 2\n"))
	f.Add([]byte("Disallow: /x\nUser-agent: wirewatch\nCrawl-delay: soon\nAllow: /\n"))
	f.Add([]byte("User-agent: *\nCrawl-delay: 1e400\nDisallow: /*.pdf$\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		r := parseRobots(body)
		if r.crawlDelay < 0 {
			t.Fatalf("negative crawl delay %v", r.crawlDelay)
		}
		// For a file robotstxt accepts, our reduction to one group must agree with it.
		data, err := robotstxt.FromBytes(body)
		for _, p := range []string{"/", "/a/b", "/a/b?q=1", "/prive/x", "/x.pdf"} {
			u, _ := url.Parse(p)
			got := r.allowed(u)
			if err == nil && got != data.TestAgent(p, robotsAgent) {
				t.Fatalf("allowed(%q) = %v, robotstxt says %v", p, got, !got)
			}
		}
	})
}

// BenchmarkFetch measures the client's own overhead (robots cache, limiter, address
// check, body limit) against a local server with the rate limit out of the way.
func BenchmarkFetch(b *testing.B) {
	body := []byte(strings.Repeat("<p>Nieuws uit Zeeland.</p>\n", 400))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(body) }))
	defer srv.Close()
	cfg := Config{Rate: 1e9, AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(srv.Listener.Addr().String())}}
	c := New(cfg)
	defer c.Close()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := c.Fetch(context.Background(), Request{URL: srv.URL + "/p"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
