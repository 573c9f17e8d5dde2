package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
	"wirewatch/internal/store"
	"wirewatch/internal/store/sqlite"
)

// fixture is a real SQLite store filled two ways: the analyser over the pages
// in testdata (whatever it finds), and hand-made analyses whose claims, figures
// and disputes are known, so tests can check exact output.
type fixture struct {
	st   store.Store
	srv  *Server
	http *httptest.Server
	// Known records of the hand-made analyses.
	claimID, denialID, laterID string
	itemID, denialItemID       string
	pageID                     string
	hostileItemID              string
	hostilePageID              string
}

const testToken = "s3cret-token"

func f64(v float64) *float64 { return &v }
func str(s string) *string   { return &s }

func hexID(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

// span finds sub in text and returns its byte offsets.
func span(t testing.TB, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	return i, i + len(sub)
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	an, err := analyze.New()
	if err != nil {
		t.Fatalf("analyzer: %v", err)
	}
	fx := &fixture{st: st}

	// 1. Pages through the real analyser.
	base := time.Date(2026, 3, 4, 12, 0, 0, 0, time.UTC)
	for i, name := range []string{"frontlinie.txt", "koersk.txt", "hostile.txt"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		at := base.Add(time.Duration(i) * time.Hour)
		res, err := an.Page("testdata/"+name, raw, &at)
		if err != nil {
			t.Fatalf("analyse %s: %v", name, err)
		}
		if _, err := st.Save(ctx, res); err != nil {
			t.Fatalf("save %s: %v", name, err)
		}
	}

	// 2. Hand-made analyses with known claims.
	fx.saveCurated(t, ctx)
	fx.saveHostile(t, ctx)

	srv, err := New(Config{
		Store: st, Analyzer: an, Token: testToken,
		Logger: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	fx.srv = srv
	fx.http = httptest.NewServer(srv)
	t.Cleanup(fx.http.Close)
	return fx
}

// testWriter sends log lines to t.Log.
type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func rawPage(source string, raw string, at time.Time) page.Page {
	h := sha256.Sum256([]byte(raw))
	return page.Page{ID: hex.EncodeToString(h[:]), Source: source, Format: page.FormatText, CapturedAt: &at, Raw: []byte(raw)}
}

func (fx *fixture) saveCurated(t testing.TB, ctx context.Context) {
	t.Helper()
	ua, ru := "UA", "RU"
	staf := claim.Actor{Name: "Oekraïense generale staf", Type: "military", Country: &ua}
	mod := claim.Actor{Name: "Russisch ministerie van Defensie", Type: "government", Country: &ru}

	// Day one: a claim and its denial in one article.
	headline := "Kiev: 120 Russische militairen gedood bij Charkiv"
	p1 := "Het Oekraïense leger heeft bij gevechten rond Charkiv 120 Russische militairen gedood, zegt de Oekraïense generale staf."
	p2 := "Het Russische ministerie van Defensie ontkent dat er militairen zijn omgekomen bij Charkiv."
	text := p1 + "\n" + p2
	at := time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)
	raw := headline + "\nCHARKIV (ANP) - " + text + "\n"
	pg := rawPage("https://nieuws.example/buitenland/charkiv", raw, at)
	fx.pageID = pg.ID
	fx.itemID = hexID("curated item charkiv")
	fx.claimID = hexID("curated claim staf 120")
	fx.denialID = hexID("curated denial ministerie")

	qs, qe := span(t, text, "120 Russische militairen")
	killed := quantity.Quantity{Text: "120 Russische militairen", Value: f64(120), Unit: "militairen", Category: "killed", Start: qs, End: qe}
	cs, ce := span(t, text, "Charkiv")
	c1 := claim.Claim{
		ID: fx.claimID, Sentence: p1, Content: "Het Oekraïense leger heeft bij gevechten rond Charkiv 120 Russische militairen gedood",
		Speaker: "de Oekraïense generale staf", Actor: staf, Mode: "indirect", Cue: "zegt", Stance: "assert",
		Disputes: []string{}, Quantities: []quantity.Quantity{killed}, Places: []string{"Charkiv"}, Start: 0, End: len(p1),
	}
	ds, de := span(t, text, p2)
	c2 := claim.Claim{
		ID: fx.denialID, Sentence: p2, Content: "er militairen zijn omgekomen bij Charkiv",
		Speaker: "Het Russische ministerie van Defensie", Actor: mod, Mode: "indirect", Cue: "ontkent", Stance: "deny",
		Disputes: []string{fx.claimID}, Target: "Oekraïense generale staf", Quantities: []quantity.Quantity{}, Places: []string{"Charkiv"},
		Start: ds, End: de,
	}
	item := analyze.Item{
		Item: page.Item{ID: fx.itemID, N: 0, Kind: page.KindArticle, Headline: &headline,
			Dateline: &page.Dateline{Places: []string{"CHARKIV"}, Agencies: []string{"ANP"}}, Section: "Buitenland",
			Subheadings: []string{}, Paragraphs: []string{p1, p2}, Text: text},
		Entities:   []ner.Entity{{Text: "Charkiv", Type: "LOC", Start: cs, End: ce}},
		Quantities: []quantity.Quantity{killed},
		Claims:     []claim.Claim{c1, c2},
	}
	fx.denialItemID = fx.itemID
	if _, err := fx.st.Save(ctx, analyze.Result{Page: pg, Items: []analyze.Item{item}}); err != nil {
		t.Fatalf("save curated: %v", err)
	}

	// Two days later: the same actor claims a higher figure, for the timeline.
	text2 := "Bij Charkiv zijn inmiddels 200 Russische militairen gedood, meldt de Oekraïense generale staf."
	at2 := at.Add(48 * time.Hour)
	pg2 := rawPage("https://nieuws.example/buitenland/charkiv-2", "BRIEF\nCHARKIV (ANP) - "+text2+"\n", at2)
	fx.laterID = hexID("curated claim staf 200")
	qs2, qe2 := span(t, text2, "200 Russische militairen")
	k2 := quantity.Quantity{Text: "200 Russische militairen", Value: f64(200), Unit: "militairen", Category: "killed", Start: qs2, End: qe2}
	item2 := analyze.Item{
		Item: page.Item{ID: hexID("curated item charkiv 2"), N: 1, Kind: page.KindBrief,
			Dateline: &page.Dateline{Places: []string{"CHARKIV"}, Agencies: []string{"ANP"}}, Section: "Buitenland",
			Subheadings: []string{}, Paragraphs: []string{text2}, Text: text2, PublishedAt: &at2},
		Entities:   []ner.Entity{},
		Quantities: []quantity.Quantity{k2},
		Claims: []claim.Claim{{ID: fx.laterID, Sentence: text2, Content: "Bij Charkiv zijn inmiddels 200 Russische militairen gedood",
			Speaker: "de Oekraïense generale staf", Actor: staf, Mode: "indirect", Cue: "meldt", Stance: "assert",
			Disputes: []string{}, Quantities: []quantity.Quantity{k2}, Places: []string{"Charkiv"}, Start: 0, End: len(text2)}},
	}
	if _, err := fx.st.Save(ctx, analyze.Result{Page: pg2, Items: []analyze.Item{item2}}); err != nil {
		t.Fatalf("save curated 2: %v", err)
	}
}

// Hostile strings put in every field a page can reach.
var hostile = []string{
	`<script>alert("x")</script>`,
	`"><img src=x onerror=alert(1)>`,
	`<b onmouseover="alert(2)">`,
	`javascript:alert(3)`,
	`' onfocus='alert(5)`,
}

// unescapedMarkers must never appear in HTML output: each would be live markup.
var unescapedMarkers = []string{
	`<script>alert`, `<img src=x`, `<b onmouseover`, `<iframe`, `href="javascript:`, `src="javascript:`,
	`' onfocus='`, `<script>document`,
}

func (fx *fixture) saveHostile(t testing.TB, ctx context.Context) {
	t.Helper()
	h := strings.Join(hostile, " ")
	text := "Bij een aanval zijn 50 mensen gedood, zegt " + h + " volgens bronnen."
	at := time.Date(2026, 3, 6, 8, 0, 0, 0, time.UTC)
	pg := rawPage(`javascript:alert(6)//<script>alert("bron")</script>`, h+"\nKIEV (ANP) - "+text+"\n", at)
	fx.hostilePageID = pg.ID
	fx.hostileItemID = hexID("hostile item")
	qs, qe := span(t, text, "50 mensen")
	q := quantity.Quantity{Text: "50 mensen", Value: f64(50), Unit: h, Category: "killed", Start: qs, End: qe}
	country := `"><script>alert(7)</script>`
	c := claim.Claim{ID: hexID("hostile claim"), Sentence: text, Content: h, Speaker: h,
		Actor: claim.Actor{Name: `<script>alert("actor")</script> onmouseover=alert(8)`, Type: "person", Country: &country, Roles: []string{h}},
		Mode:  "indirect", Cue: "zegt", Stance: "assert", Disputes: []string{}, Quantities: []quantity.Quantity{q},
		Places: []string{h}, Start: 0, End: len(text)}
	d := claim.Claim{ID: hexID("hostile denial"), Sentence: text, Content: h, Speaker: h,
		Actor: claim.Actor{Name: "Ministerie " + h, Type: "government"}, Mode: "direct", Cue: h, Stance: "deny",
		Disputes: []string{c.ID}, Target: c.Actor.Name, Quantities: []quantity.Quantity{}, Places: []string{}, Start: 0, End: len(text)}
	age := h
	item := analyze.Item{
		Item: page.Item{ID: fx.hostileItemID, Kind: page.KindArticle, Headline: &h, Age: &age,
			Dateline: &page.Dateline{Places: []string{h}, Agencies: []string{h}}, Section: h,
			Subheadings: []string{h}, Paragraphs: []string{text}, Text: text},
		Entities:   []ner.Entity{{Text: "x", Type: "LOC", Start: 0, End: 3}},
		Quantities: []quantity.Quantity{q},
		Claims:     []claim.Claim{c, d},
	}
	if _, err := fx.st.Save(ctx, analyze.Result{Page: pg, Items: []analyze.Item{item}}); err != nil {
		t.Fatalf("save hostile: %v", err)
	}
}

// get fetches path from the test server.
func (fx *fixture) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	return fx.do(t, http.MethodGet, path, "", nil)
}

func (fx *fixture) do(t testing.TB, method, path, body string, hdr http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, fx.http.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	res, err := fx.http.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var sb strings.Builder
	if _, err := io.Copy(&sb, res.Body); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return res, sb.String()
}
