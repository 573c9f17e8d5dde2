package web

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"wirewatch/internal/store"
)

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
	return v
}

func TestAPIStatusCodes(t *testing.T) {
	fx := newFixture(t)
	tests := []struct {
		method, path string
		want         int
		wantErr      string // substring of the JSON error, for error statuses
	}{
		{"GET", "/api/v1/claims", 200, ""},
		{"GET", "/api/v1/claims?limit=1", 200, ""},
		{"GET", "/api/v1/claims?limit=100000", 200, ""},
		{"GET", "/api/v1/claims/" + fx.claimID, 200, ""},
		{"GET", "/api/v1/claims/nope", 404, "not found"},
		{"GET", "/api/v1/claims?stance=maybe", 400, "stance"},
		{"GET", "/api/v1/claims?category=hats", 400, "category"},
		{"GET", "/api/v1/claims?type=alien", 400, "type"},
		{"GET", "/api/v1/claims?country=%3Cscript%3E", 400, "country"},
		{"GET", "/api/v1/claims?from=yesterday", 400, "from"},
		{"GET", "/api/v1/claims?from=2026-03-05&to=2026-03-01", 400, "before"},
		{"GET", "/api/v1/claims?limit=0", 400, "limit"},
		{"GET", "/api/v1/claims?limit=abc", 400, "limit"},
		{"GET", "/api/v1/claims?stance=deny&stance=assert", 400, "given 2 times"},
		{"GET", "/api/v1/claims?cursor=garbage!!", 400, "cursor"},
		{"GET", "/api/v1/items", 200, ""},
		{"GET", "/api/v1/items/" + fx.itemID, 200, ""},
		{"GET", "/api/v1/items/nope", 404, "not found"},
		{"GET", "/api/v1/actors", 200, ""},
		{"GET", "/api/v1/actors/nope", 404, "not found"},
		{"GET", "/api/v1/disputes", 200, ""},
		{"GET", "/api/v1/search?q=Charkiv", 200, ""},
		{"GET", "/api/v1/search", 400, "q is required"},
		{"GET", "/api/v1/timeline", 200, ""},
		{"GET", "/api/v1/stats", 200, ""},
		{"GET", "/api/v1/openapi.json", 200, ""},
		{"GET", "/api/v1/export?format=csv", 200, ""},
		{"GET", "/api/v1/export?format=xml", 400, "format"},
		{"GET", "/api/v1/export?what=pages", 400, "what"},
		{"GET", "/api/v1/nothing", 404, "no such endpoint"},
		{"POST", "/api/v1/claims", 405, "not allowed"},
		{"DELETE", "/api/v1/items/" + fx.itemID, 405, "not allowed"},
		{"GET", "/api/v1/ingest", 405, "not allowed"},
		{"POST", "/api/v1/ingest", 403, "token"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res, body := fx.do(t, tt.method, tt.path, "", nil)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d\n%s", res.StatusCode, tt.want, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") && !strings.HasPrefix(ct, "text/csv") {
				t.Errorf("Content-Type %q", ct)
			}
			if tt.wantErr != "" {
				e := decode[errorBody](t, body)
				if !strings.Contains(e.Error, tt.wantErr) {
					t.Errorf("error %q, want it to mention %q", e.Error, tt.wantErr)
				}
			}
			if tt.want == 405 && res.Header.Get("Allow") == "" {
				t.Error("405 without Allow header")
			}
		})
	}
}

func TestAPIClaimsFiltersAndPagination(t *testing.T) {
	fx := newFixture(t)
	all := decode[claimsBody](t, mustGet(t, fx, "/api/v1/claims?limit=500"))
	if len(all.Claims) < 4 {
		t.Fatalf("only %d claims in the fixture", len(all.Claims))
	}
	byID := map[string]store.ClaimRecord{}
	for _, c := range all.Claims {
		byID[c.ID] = c
	}
	c, ok := byID[fx.claimID]
	if !ok {
		t.Fatalf("curated claim %s missing from listing", fx.claimID)
	}
	if c.ActorID == "" || c.ItemID != fx.itemID || c.Actor.Name != "Oekraïense generale staf" {
		t.Errorf("claim provenance wrong: actor_id=%q item_id=%q actor=%q", c.ActorID, c.ItemID, c.Actor.Name)
	}
	if !contains(c.DisputedBy, fx.denialID) {
		t.Errorf("claim.disputed_by = %v, want the denial %s", c.DisputedBy, fx.denialID)
	}

	// Filters: each result must satisfy the filter, and the known claim must be in or out.
	filters := []struct {
		query string
		ok    func(store.ClaimRecord) bool
		has   string // a claim id that must be present
		lacks string // a claim id that must be absent
	}{
		{"stance=deny", func(c store.ClaimRecord) bool { return c.Stance == "deny" }, fx.denialID, fx.claimID},
		{"stance=assert", func(c store.ClaimRecord) bool { return c.Stance == "assert" }, fx.claimID, fx.denialID},
		{"actor=" + c.ActorID, func(c2 store.ClaimRecord) bool { return c2.ActorID == c.ActorID }, fx.laterID, fx.denialID},
		{"country=RU", func(c store.ClaimRecord) bool { return c.Actor.Country != nil && *c.Actor.Country == "RU" }, fx.denialID, fx.claimID},
		{"type=military", func(c store.ClaimRecord) bool { return c.Actor.Type == "military" }, fx.claimID, fx.denialID},
		{"category=killed", func(c store.ClaimRecord) bool {
			for _, q := range c.Quantities {
				if q.Category == "killed" {
					return true
				}
			}
			return false
		}, fx.claimID, fx.denialID},
		{"from=2026-03-07", func(c store.ClaimRecord) bool { return c.Time.Format("2006-01-02") >= "2026-03-07" }, fx.laterID, fx.claimID},
		{"to=2026-03-05", func(c store.ClaimRecord) bool { return c.Time.Format("2006-01-02") <= "2026-03-05" }, fx.claimID, fx.laterID},
	}
	for _, tt := range filters {
		t.Run(tt.query, func(t *testing.T) {
			got := decode[claimsBody](t, mustGet(t, fx, "/api/v1/claims?limit=500&"+tt.query))
			ids := map[string]bool{}
			for _, c := range got.Claims {
				ids[c.ID] = true
				if !tt.ok(c) {
					t.Errorf("claim %s (%s, %s, %v) does not satisfy %s", c.ID, c.Actor.Name, c.Stance, c.Time, tt.query)
				}
			}
			if tt.has != "" && !ids[tt.has] {
				t.Errorf("%s: claim %s missing", tt.query, tt.has)
			}
			if tt.lacks != "" && ids[tt.lacks] {
				t.Errorf("%s: claim %s should be filtered out", tt.query, tt.lacks)
			}
		})
	}

	// Pagination: limit=1 pages walk every claim exactly once.
	seen := map[string]int{}
	path := "/api/v1/claims?limit=1"
	for pages := 0; ; pages++ {
		if pages > len(all.Claims)+2 {
			t.Fatal("pagination does not end")
		}
		p := decode[claimsBody](t, mustGet(t, fx, path))
		if len(p.Claims) > 1 {
			t.Fatalf("limit=1 returned %d claims", len(p.Claims))
		}
		for _, c := range p.Claims {
			seen[c.ID]++
		}
		if p.Next == "" {
			break
		}
		path = "/api/v1/claims?limit=1&cursor=" + url.QueryEscape(p.Next)
	}
	if len(seen) != len(all.Claims) {
		t.Errorf("paging saw %d claims, listing has %d", len(seen), len(all.Claims))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("claim %s seen %d times", id, n)
		}
	}
}

func mustGet(t *testing.T, fx *fixture, path string) string {
	t.Helper()
	res, body := fx.get(t, path)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, res.StatusCode, body)
	}
	return body
}

func TestAPIShapes(t *testing.T) {
	fx := newFixture(t)

	it := decode[store.ItemRecord](t, mustGet(t, fx, "/api/v1/items/"+fx.itemID))
	if it.Text == "" || len(it.Claims) != 2 || len(it.Quantities) != 1 || len(it.Entities) != 1 || len(it.Sightings) != 1 {
		t.Errorf("item: text=%d claims=%d quantities=%d entities=%d sightings=%d", len(it.Text), len(it.Claims), len(it.Quantities), len(it.Entities), len(it.Sightings))
	}
	if q := it.Quantities[0]; it.Text[q.Start:q.End] != q.Text {
		t.Errorf("quantity span %d:%d = %q, want %q", q.Start, q.End, it.Text[q.Start:q.End], q.Text)
	}

	// Raw JSON keys of list envelopes: clients rely on them.
	for path, keys := range map[string][]string{
		"/api/v1/claims":          {"claims", "next"},
		"/api/v1/items":           {"items", "next"},
		"/api/v1/actors":          {"actors"},
		"/api/v1/disputes":        {"disputes", "next"},
		"/api/v1/search?q=leger":  {"items", "next"},
		"/api/v1/timeline":        {"points"},
		"/api/v1/stats":           {"pages", "items", "claims", "actors", "denials", "disputes", "latest"},
		"/api/v1/claims?limit=1":  {"claims", "next"},
		"/api/v1/search?q=zzzzzz": {"items", "next"},
	} {
		m := decode[map[string]json.RawMessage](t, mustGet(t, fx, path))
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: key %q missing in %v", path, k, keysOf(m))
			}
		}
		for _, k := range []string{"claims", "items", "actors", "disputes", "points"} {
			if v, ok := m[k]; ok && string(v) == "null" {
				t.Errorf("%s: %s is null, want []", path, k)
			}
		}
	}

	cl := decode[store.ClaimRecord](t, mustGet(t, fx, "/api/v1/claims/"+fx.claimID))
	ab := decode[actorBody](t, mustGet(t, fx, "/api/v1/actors/"+cl.ActorID))
	if ab.Actor.ID != cl.ActorID || ab.Actor.Name != "Oekraïense generale staf" {
		t.Errorf("actor = %+v", ab.Actor)
	}
	if len(ab.Claims) < 2 || len(ab.Timeline) < 2 {
		t.Errorf("actor has %d claims and %d timeline points, want ≥2 each", len(ab.Claims), len(ab.Timeline))
	}
	var vals []float64
	for _, p := range ab.Timeline {
		if p.Category == "killed" && p.Value != nil {
			vals = append(vals, *p.Value)
		}
	}
	sort.Float64s(vals)
	if !(contains64(vals, 120) && contains64(vals, 200)) {
		t.Errorf("timeline values %v, want 120 and 200", vals)
	}
	tl := decode[timelineBody](t, mustGet(t, fx, "/api/v1/timeline?actor="+cl.ActorID+"&category=killed"))
	for _, p := range tl.Points {
		if p.ActorID != cl.ActorID || p.Category != "killed" {
			t.Errorf("timeline filter leaked point %+v", p)
		}
	}
	if len(tl.Points) < 2 {
		t.Errorf("timeline has %d points, want ≥2", len(tl.Points))
	}

	ds := decode[disputesBody](t, mustGet(t, fx, "/api/v1/disputes"))
	found := false
	for _, d := range ds.Disputes {
		if d.Claim.ID == fx.claimID && d.Denial.ID == fx.denialID {
			found = true
		}
		if d.Denial.Stance != "deny" {
			t.Errorf("dispute denial %s has stance %q", d.Denial.ID, d.Denial.Stance)
		}
	}
	if !found {
		t.Errorf("dispute %s ↔ %s not listed (%d disputes)", fx.claimID, fx.denialID, len(ds.Disputes))
	}

	sr := decode[searchBody](t, mustGet(t, fx, "/api/v1/search?q=gevechten"))
	hit := false
	for _, h := range sr.Items {
		if h.ItemID == fx.itemID {
			hit = true
			if !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("snippet without <mark>: %q", h.Snippet)
			}
		}
	}
	if !hit {
		t.Errorf("search for gevechten did not find item %s: %+v", fx.itemID, sr.Items)
	}

	st := decode[store.Stats](t, mustGet(t, fx, "/api/v1/stats"))
	if st.Pages < 5 || st.Claims < 4 || st.Disputes < 1 || st.Latest == nil {
		t.Errorf("stats %+v", st)
	}
}

func keysOf(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func contains64(xs []float64, x float64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestAPIExport(t *testing.T) {
	fx := newFixture(t)
	all := decode[claimsBody](t, mustGet(t, fx, "/api/v1/claims?limit=500&stance=assert"))

	res, body := fx.get(t, "/api/v1/export?format=csv&what=claims&stance=assert")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv export: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if !strings.Contains(res.Header.Get("Content-Disposition"), "wirewatch-claims.csv") {
		t.Errorf("Content-Disposition %q", res.Header.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	if len(rows)-1 != len(all.Claims) {
		t.Errorf("csv has %d rows, API lists %d claims", len(rows)-1, len(all.Claims))
	}
	col := -1
	for i, h := range rows[0] {
		if h == "stance" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no stance column in %v", rows[0])
	}
	for _, r := range rows[1:] {
		if r[col] != "assert" {
			t.Errorf("filtered export has stance %q", r[col])
		}
	}

	for _, what := range []string{"claims", "items", "actors"} {
		res, body := fx.get(t, "/api/v1/export?format=jsonl&what="+what)
		if res.StatusCode != 200 {
			t.Fatalf("jsonl %s: %d", what, res.StatusCode)
		}
		sc := bufio.NewScanner(strings.NewReader(body))
		sc.Buffer(nil, 1<<20)
		n := 0
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatalf("%s line %d: %v", what, n+1, err)
			}
			if m["id"] == nil || m["id"] == "" {
				t.Errorf("%s line %d has no id", what, n+1)
			}
			n++
		}
		if n == 0 {
			t.Errorf("jsonl %s export is empty", what)
		}
	}
}

func TestIngestAuth(t *testing.T) {
	fx := newFixture(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "frontlinie.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// A new page: change the bytes so its id is new.
	body := string(raw) + "\nNagekomen bericht.\n"
	bearer := func(tok string) http.Header { return http.Header{"Authorization": {"Bearer " + tok}} }
	tests := []struct {
		name  string
		query string
		hdr   http.Header
		body  string
		want  int
	}{
		{"no header", "", nil, body, 403},
		{"wrong token", "", bearer("wrong"), body, 403},
		{"basic auth", "", http.Header{"Authorization": {"Basic " + testToken}}, body, 403},
		{"bad time", "?captured_at=gisteren", bearer(testToken), body, 400},
		{"empty", "", bearer(testToken), "   ", 400},
		{"ok", "?source=upload.txt&captured_at=2026-03-08T10:00:00Z", bearer(testToken), body, 201},
		{"again", "?source=upload.txt&captured_at=2026-03-08T10:00:00Z", bearer(testToken), body, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, out := fx.do(t, "POST", "/api/v1/ingest"+tt.query, tt.body, tt.hdr)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.want, out)
			}
			if tt.want/100 == 2 {
				ib := decode[ingestBody](t, out)
				if ib.Page == "" || ib.Items == 0 {
					t.Errorf("ingest answer %+v", ib)
				}
				if _, err := fx.st.Page(t.Context(), ib.Page); err != nil {
					t.Errorf("ingested page not stored: %v", err)
				}
			}
		})
	}

	// Without a token the endpoint refuses even a request that sends one.
	open, err := New(Config{Store: fx.st, Analyzer: nil})
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", "/api/v1/ingest", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer ")
	rec := httptest.NewRecorder()
	open.ServeHTTP(rec, req)
	if rec.Code != 403 {
		t.Errorf("read-only server answered ingest with %d", rec.Code)
	}
}

func TestRequestLimits(t *testing.T) {
	fx := newFixture(t)
	big := strings.Repeat("a", maxIngestBytes+10)
	res, out := fx.do(t, "POST", "/api/v1/ingest", big, http.Header{"Authorization": {"Bearer " + testToken}})
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized ingest: %d %s", res.StatusCode, out)
	}
	res, _ = fx.get(t, "/api/v1/claims?q="+strings.Repeat("x", 600))
	if res.StatusCode != 400 {
		t.Errorf("long q: %d", res.StatusCode)
	}
}

func TestSecurityHeadersAndMetrics(t *testing.T) {
	fx := newFixture(t)
	for _, p := range []string{"/", "/api/v1/stats", "/static/style.css", "/nope"} {
		res, _ := fx.get(t, p)
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP %q", p, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", p, res.Header)
		}
	}
	for p, want := range map[string]int{"/static/app.js": 200, "/static/vendor/htmx.min.js": 200, "/static/vendor/": 404, "/static/": 404, "/static/nope.js": 404} {
		if res, _ := fx.get(t, p); res.StatusCode != want {
			t.Errorf("%s: %d, want %d", p, res.StatusCode, want)
		}
	}
	_, body := fx.get(t, "/metrics")
	for _, want := range []string{
		`wirewatch_http_requests_total{code="200",method="GET",route="GET /api/v1/stats"}`,
		`wirewatch_http_request_duration_seconds_bucket{method="GET",route="GET /{$}"`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestOpenAPIDocumentsEveryRoute keeps the hand-written description and the mux in step.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	fx := newFixture(t)
	doc := decode[struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}](t, mustGet(t, fx, "/api/v1/openapi.json"))
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	routes := map[string]bool{}
	for _, r := range fx.srv.APIRoutes() {
		routes[r] = true
		if !documented[r] {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for d := range documented {
		if !routes[d] {
			t.Errorf("openapi.json documents %s, which the server does not serve", d)
		}
	}
}
