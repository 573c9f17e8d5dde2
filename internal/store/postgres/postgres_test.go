package postgres_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
	"wirewatch/internal/queue/queuetest"
	"wirewatch/internal/store"
	"wirewatch/internal/store/postgres"
	"wirewatch/internal/store/postgres/pgtest"
)

func open(t *testing.T) *postgres.DB {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	db, err := postgres.OpenDB(ctx, pgtest.DSN(t, "wirewatch-store-test"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func ptr[T any](v T) *T { return &v }

type claimSpec struct {
	speaker, actor, stance, target, content, category string
	value                                             float64
}

// result builds an analysis by hand so the store is tested apart from the analyser.
func result(raw string, at time.Time, items ...[]claimSpec) analyze.Result {
	p := page.Page{ID: hash(raw), Source: "mem:" + raw[:8], Format: page.FormatText, CapturedAt: &at, Raw: []byte(raw)}
	r := analyze.Result{Page: p}
	for n, specs := range items {
		text := fmt.Sprintf("Bericht %d van pagina %q: de troepen rukken op bij de grens. ", n, raw)
		for _, s := range specs {
			text += s.content + " "
		}
		id := hash("item" + text)[:32]
		if n > 0 && len(specs) > 0 && specs[0].speaker == "shared" {
			id = "shareditem0000000000000000000001"
		}
		it := analyze.Item{Item: page.Item{ID: id, N: n, Kind: page.KindBrief, Text: text,
			Dateline: &page.Dateline{Places: []string{"Kyiv"}, Agencies: []string{"ANP"}}, Subheadings: []string{},
			Paragraphs: []string{text}, Section: "Buitenland"}}
		if n == 0 {
			it.Kind = page.KindArticle
			it.Headline = ptr("Zware gevechten in het oosten")
		}
		for k, s := range specs {
			c := claim.Claim{ID: fmt.Sprintf("%s-%d", id[:12], k), Sentence: s.content, Content: s.content,
				Speaker: s.speaker, Actor: claim.Actor{Name: s.actor, Type: "government", Country: ptr("RU")},
				Mode: "indirect", Cue: "zegt", Stance: s.stance, Target: s.target, Places: []string{"Kyiv"}, Start: 0, End: len(s.content)}
			if s.category != "" {
				c.Quantities = []quantity.Quantity{{Text: fmt.Sprint(s.value), Value: ptr(s.value), Category: s.category, Unit: "doden"}}
			}
			it.Claims = append(it.Claims, c)
			it.Quantities = append(it.Quantities, c.Quantities...)
		}
		r.Items = append(r.Items, it)
	}
	return r
}

func TestSaveIdempotent(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	r := result("pagina een met inhoud", at,
		[]claimSpec{{speaker: "het Russische ministerie", actor: "Ministerie van Defensie Rusland", stance: "assert",
			content: "dat 120 Oekraïense soldaten zijn gedood bij Bachmoet", category: "killed", value: 120}},
		[]claimSpec{{speaker: "Zelensky", actor: "Volodymyr Zelensky", stance: "assert", content: "dat de aanval is afgeslagen"}})
	st, err := db.Save(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if !st.NewPage || st.NewItems != 2 || st.SeenItems != 0 || st.Claims != 2 {
		t.Fatalf("first save: %+v", st)
	}
	st, err = db.Save(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if st.NewPage || st.NewItems != 0 || st.SeenItems != 2 || st.Claims != 2 {
		t.Fatalf("second save: %+v", st)
	}
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Pages != 1 || s.Items != 2 || s.Claims != 2 || s.Actors != 2 {
		t.Fatalf("stats after repeat: %+v", s)
	}
	pr, err := db.Page(ctx, r.Page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(pr.Raw) != "pagina een met inhoud" || len(pr.ItemIDs) != 2 || pr.ItemIDs[0] != r.Items[0].ID {
		t.Fatalf("page record: %+v", pr)
	}
	it, err := db.Item(ctx, r.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Claims) != 1 || len(it.Sightings) != 1 || it.Headline == nil || *it.Headline != "Zware gevechten in het oosten" ||
		!it.Time.Equal(at) || it.AnalysisVersion != analyze.Version {
		t.Fatalf("item record: %+v", it)
	}
	if _, err := db.Item(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown item: %v", err)
	}
	if _, err := db.Claim(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown claim: %v", err)
	}
}

func TestSightingsAcrossPages(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	shared := []claimSpec{{speaker: "shared", actor: "Kremlin", stance: "assert", content: "dat de brug is vernietigd"}}
	a := result("pagina a", at, nil, shared)
	b := result("pagina b", at.Add(time.Hour), nil, shared)
	if _, err := db.Save(ctx, a); err != nil {
		t.Fatal(err)
	}
	st, err := db.Save(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if !st.NewPage || st.SeenItems != 1 || st.NewItems != 1 {
		t.Fatalf("stats: %+v", st)
	}
	it, err := db.Item(ctx, "shareditem0000000000000000000001")
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Sightings) != 2 || it.Sightings[0].PageID != a.Page.ID || !it.Time.Equal(at) {
		t.Fatalf("sightings: %+v time %v", it.Sightings, it.Time)
	}
	c, err := db.Claim(ctx, it.Claims[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.PageIDs) != 2 || c.ActorID != "kremlin" {
		t.Fatalf("claim provenance: %+v", c)
	}
}

func TestCrossPageDisputes(t *testing.T) {
	tests := []struct {
		name    string
		gap     time.Duration
		denial  claimSpec
		want    int
		reverse bool // save the denial first
	}{
		{"shared category", 24 * time.Hour, claimSpec{speaker: "Kyiv", actor: "Oekraïne", stance: "deny", target: "het Russische ministerie",
			content: "dat er 300 soldaten zijn gedood", category: "killed", value: 300}, 1, false},
		{"shared category denial first", 24 * time.Hour, claimSpec{speaker: "Kyiv", actor: "Oekraïne", stance: "deny", target: "Ministerie van Defensie Rusland",
			content: "dat er 300 soldaten zijn gedood", category: "killed", value: 300}, 1, true},
		{"too late", 9 * 24 * time.Hour, claimSpec{speaker: "Kyiv", actor: "Oekraïne", stance: "deny", target: "het Russische ministerie",
			content: "dat er soldaten zijn gedood", category: "killed", value: 1}, 0, false},
		{"other actor", time.Hour, claimSpec{speaker: "Kyiv", actor: "Oekraïne", stance: "deny", target: "Wit-Rusland",
			content: "dat er soldaten zijn gedood", category: "killed", value: 1}, 0, false},
		{"nothing shared", time.Hour, claimSpec{speaker: "Kyiv", actor: "Oekraïne", stance: "deny", target: "het Russische ministerie",
			content: "dat de graanexport stillag", category: "money", value: 5}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := open(t)
			ctx := context.Background()
			at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			claimPage := result("claim "+tc.name, at, []claimSpec{{speaker: "het Russische ministerie", actor: "Ministerie van Defensie Rusland",
				stance: "assert", content: "dat 120 Oekraïense soldaten zijn gedood bij Bachmoet", category: "killed", value: 120}})
			denyPage := result("deny "+tc.name, at.Add(tc.gap), []claimSpec{tc.denial})
			order := []analyze.Result{claimPage, denyPage}
			if tc.reverse {
				order = []analyze.Result{denyPage, claimPage}
			}
			for _, r := range order {
				if _, err := db.Save(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			ds, _, err := db.Disputes(ctx, store.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != tc.want {
				t.Fatalf("disputes = %d, want %d", len(ds), tc.want)
			}
			if tc.want > 0 {
				if ds[0].Denial.Stance != "deny" || ds[0].Claim.Stance != "assert" || len(ds[0].Claim.DisputedBy) != 1 ||
					len(ds[0].Denial.Disputes) != 1 {
					t.Fatalf("dispute: %+v", ds[0])
				}
			}
		})
	}
}

func TestSearchDutchStemmingAndEscaping(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	r := result("zoekpagina", at, nil)
	r.Items = []analyze.Item{{Item: page.Item{ID: "zoek1", Kind: page.KindBrief, Subheadings: []string{},
		Text: "De ministers verklaarden dat <script>alert(1)</script> & de raketaanvallen op Odesa doorgingen."}}, {Item: page.Item{ID: "zoek2", N: 1,
		Kind: page.KindBrief, Subheadings: []string{}, Text: "Het weer in Lviv was koud."}}}
	if _, err := db.Save(ctx, r); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
		mark string
	}{
		{"minister", []string{"zoek1"}, "<mark>ministers</mark>"},
		{"soldaat", nil, ""},
		{"Raketaanvallen", []string{"zoek1"}, "<mark>raketaanvallen</mark>"},
		{"koude -odesa", []string{"zoek2"}, "<mark>koud</mark>"},
		{`"weer in Lviv"`, []string{"zoek2"}, "<mark>Lviv</mark>"},
		{"tanks", nil, ""},
	}
	for _, tc := range tests {
		hits, _, err := db.Search(ctx, store.Filter{Q: tc.q})
		if err != nil {
			t.Fatalf("%q: %v", tc.q, err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, h.ItemID)
			if strings.Contains(h.Snippet, "<script>") {
				t.Errorf("%q: snippet not escaped: %s", tc.q, h.Snippet)
			}
			if h.Rank <= 0 {
				t.Errorf("%q: rank %v", tc.q, h.Rank)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%q: hits %v, want %v", tc.q, got, tc.want)
		}
		if tc.mark != "" && (len(hits) == 0 || !strings.Contains(hits[0].Snippet, tc.mark)) {
			t.Errorf("%q: snippet %v lacks %s", tc.q, hits, tc.mark)
		}
	}
}

func TestFiltersCursorsTimelineFeeds(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 7; i++ {
		r := result(fmt.Sprintf("reeks pagina %d", i), at.Add(time.Duration(i)*time.Hour),
			[]claimSpec{{speaker: "het leger", actor: "Oekraïense leger", stance: "assert",
				content: fmt.Sprintf("dat %d drones zijn neergeschoten boven dorp %d", 10+i, i), category: "count", value: float64(10 + i)}})
		if _, err := db.Save(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	var all []store.ClaimRecord
	cur := ""
	for {
		cs, next, err := db.Claims(ctx, store.Filter{Limit: 3, Cursor: cur, Actor: "oekraiense-leger"})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cs...)
		if next == "" {
			break
		}
		cur = next
	}
	if len(all) != 7 || !all[0].Time.After(all[6].Time) {
		t.Fatalf("paged claims: %d", len(all))
	}
	from := at.Add(2 * time.Hour)
	items, _, err := db.Items(ctx, store.Filter{From: &from, Category: "count"})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 5 {
		t.Fatalf("items from %v: %d", from, len(items))
	}
	pts, err := db.Timeline(ctx, store.Filter{Actor: "oekraiense-leger", Category: "count"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 7 || *pts[0].Value != 10 || *pts[6].Value != 16 {
		t.Fatalf("timeline: %+v", pts)
	}
	acts, err := db.Actors(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 || acts[0].Claims != 7 || acts[0].First == nil || !acts[0].First.Equal(at) {
		t.Fatalf("actors: %+v", acts)
	}
	now := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	f := store.FeedState{URL: "https://example.org/rss", Title: "Buitenland", ETag: `"x"`, LastFetch: &now, Status: 200, Items: 3}
	if err := db.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	f.Status = 304
	if err := db.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	fs, err := db.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Status != 304 || !fs[0].LastFetch.Equal(now) {
		t.Fatalf("feeds: %+v", fs)
	}
	n := 0
	if err := db.RawPages(ctx, func(p page.Page) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if n != 7 {
		t.Fatalf("raw pages: %d", n)
	}
}

// Concurrent saves of overlapping pages must neither deadlock nor duplicate.
func TestConcurrentSaves(t *testing.T) {
	db := open(t)
	ctx := context.Background()
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	shared := []claimSpec{{speaker: "shared", actor: "Kremlin", stance: "assert", content: "dat de brug is vernietigd"}}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := result(fmt.Sprintf("parallel %d", i%20), at, []claimSpec{{speaker: "Peskov", actor: "Dmitri Peskov",
				stance: "assert", content: fmt.Sprintf("dat gesprek %d geen zin heeft", i%20)}}, shared)
			_, err := db.Save(ctx, r)
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Pages != 20 || s.Items != 21 || s.Claims != 21 {
		t.Fatalf("stats: %+v", s)
	}
}

func TestStemQueryAndSnippet(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"aanvallen", "aanval"},
		{`"havens in Odesa" -Aanvallen`, `"hav in odesa" -aanval`},
		{"soldaten OR raketten", "soldat OR raket"},
	} {
		if got := postgres.StemQuery(tc.in); got != tc.want {
			t.Errorf("StemQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if s := postgres.Snippet("a <b> & \x01c\x02"); s != "a &lt;b&gt; &amp; <mark>c</mark>" {
		t.Errorf("Snippet = %q", s)
	}
}

// FuzzStemQuery: rewriting keeps every non-word byte (the query syntax) and
// yields one stem per word.
func FuzzStemQuery(f *testing.F) {
	for _, s := range []string{"aanvallen", `"havens in Odesa" -drones`, "soldaten OR raketten", "", "Ïë-ü 12,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		out := postgres.StemQuery(q)
		if got, want := len(store.Words(out)), len(store.Words(q)); got > want {
			t.Errorf("StemQuery(%q) = %q: %d words from %d", q, out, got, want)
		}
		strip := func(s string) string {
			var b strings.Builder
			pos := 0
			for _, w := range store.Words(s) {
				b.WriteString(s[pos:w.Start])
				pos = w.End
			}
			b.WriteString(s[pos:])
			return b.String()
		}
		if strip(out) != strip(strings.ToValidUTF8(q, " ")) {
			t.Errorf("StemQuery(%q) = %q changed the syntax", q, out)
		}
	})
}

// Pages reach concurrent workers in any order: the dispute links must come
// out the same whichever order the pages were saved in.
func TestDisputeLinksIndependentOfOrder(t *testing.T) {
	an, err := analyze.New()
	if err != nil {
		t.Fatal(err)
	}
	g := queuetest.NewGenerator(21)
	base := time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	var results []analyze.Result
	for i := 0; i < 60; i++ {
		at := base.Add(time.Duration(i) * 3 * time.Hour)
		r, err := an.Page(fmt.Sprintf("gen/%02d.txt", i), g.Page(i), &at)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	links := func(order []int) []string {
		db := open(t)
		ctx := context.Background()
		for _, i := range order {
			if _, err := db.Save(ctx, results[i]); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := db.Pool().Query(ctx, `SELECT denial_id || '>' || claim_id FROM disputes ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		out, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	fwd, rev, mixed := make([]int, 60), make([]int, 60), make([]int, 60)
	for i := range fwd {
		fwd[i], rev[i], mixed[i] = i, 59-i, (i*37)%60
	}
	a, b, c := links(fwd), links(rev), links(mixed)
	if len(a) == 0 {
		t.Skip("the analyser found no disputes in the generated pages")
	}
	if fmt.Sprint(a) != fmt.Sprint(b) || fmt.Sprint(a) != fmt.Sprint(c) {
		t.Errorf("links differ by save order: forward %d, reverse %d, mixed %d", len(a), len(b), len(c))
	}
	t.Logf("%d dispute links, same in three orders", len(a))
}
