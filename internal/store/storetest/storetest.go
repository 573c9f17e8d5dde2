// Package storetest is the conformance suite every store.Store backend must
// pass: idempotent saves, sightings, search with Dutch stemming, filters,
// keyset pagination, disputes within and across pages, actors, timeline,
// stats, feed state and raw pages. Fixtures are analyze.Result values built
// by hand, so the suite pins store semantics independent of the analysis.
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
	"wirewatch/internal/store"
)

// Run runs the suite. open must return a new, empty store for each call; Run
// closes it.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"SaveIdempotent", testSaveIdempotent},
		{"Sightings", testSightings},
		{"ItemRoundTrip", testItemRoundTrip},
		{"ResaveReplacesClaims", testResaveReplacesClaims},
		{"ErrorPage", testErrorPage},
		{"NotFound", testNotFound},
		{"SearchStemming", testSearchStemming},
		{"SearchRankAndFilter", testSearchRankAndFilter},
		{"ClaimFilters", testClaimFilters},
		{"ItemFilters", testItemFilters},
		{"Pagination", testPagination},
		{"DisputesWithinPage", testDisputesWithinPage},
		{"RepeatedDenialLinksEachPage", testRepeatedDenialLinksEachPage},
		{"DisputesAcrossPages", testDisputesAcrossPages},
		{"DisputesDenialFirst", testDisputesDenialFirst},
		{"Actors", testActors},
		{"Timeline", testTimeline},
		{"Stats", testStats},
		{"Feeds", testFeeds},
		{"HasSource", testHasSource},
		{"RawPages", testRawPages},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

// base is the fixtures' reference time.
var base = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func day(n int) time.Time { return base.Add(time.Duration(n) * 24 * time.Hour) }

func ptr[T any](v T) *T { return &v }

// mkPage builds a text page whose id is the hash of its raw bytes.
func mkPage(source string, at time.Time, items ...analyze.Item) analyze.Result {
	var raw strings.Builder
	for _, it := range items {
		if it.Headline != nil {
			raw.WriteString(*it.Headline + "\n")
		}
		raw.WriteString(it.Text + "\n")
	}
	raw.WriteString(source)
	sum := sha256.Sum256([]byte(raw.String()))
	for i := range items {
		items[i].N = i
	}
	return analyze.Result{
		Page:  page.Page{ID: hex.EncodeToString(sum[:]), Source: source, Format: page.FormatText, CapturedAt: ptr(at), Raw: []byte(raw.String())},
		Items: items,
	}
}

type itemOpt func(*analyze.Item)

func published(t time.Time) itemOpt { return func(it *analyze.Item) { it.PublishedAt = ptr(t) } }
func section(s string) itemOpt      { return func(it *analyze.Item) { it.Section = s } }
func claims(cs ...claim.Claim) itemOpt {
	return func(it *analyze.Item) { it.Claims = cs }
}

// mkItem builds an item; id should be unique per test.
func mkItem(id, headline, place, text string, opts ...itemOpt) analyze.Item {
	it := analyze.Item{
		Item: page.Item{
			ID: id, Kind: page.KindArticle, Dateline: &page.Dateline{Places: []string{place}, Agencies: []string{"ANP"}},
			Subheadings: []string{}, Text: text,
		},
		Entities:   []ner.Entity{},
		Quantities: []quantity.Quantity{},
		Claims:     []claim.Claim{},
	}
	if headline != "" {
		it.Headline = ptr(headline)
	} else {
		it.Kind = page.KindBrief
	}
	for _, o := range opts {
		o(&it)
	}
	return it
}

type claimOpt func(*claim.Claim)

func deny(target string, disputes ...string) claimOpt {
	return func(c *claim.Claim) { c.Stance = "deny"; c.Target = target; c.Disputes = disputes }
}
func qty(cat string, v float64) claimOpt {
	return func(c *claim.Claim) {
		c.Quantities = append(c.Quantities, quantity.Quantity{Text: "x", Value: ptr(v), Category: cat, Start: 0, End: 1})
	}
}
func rng(cat string, lo, hi float64) claimOpt {
	return func(c *claim.Claim) {
		c.Quantities = append(c.Quantities, quantity.Quantity{Text: "x", Low: ptr(lo), High: ptr(hi), Category: cat})
	}
}
func places(p ...string) claimOpt { return func(c *claim.Claim) { c.Places = p } }
func speaker(s string) claimOpt   { return func(c *claim.Claim) { c.Speaker = s } }
func roles(r ...string) claimOpt  { return func(c *claim.Claim) { c.Actor.Roles = r } }

// mkClaim builds an asserting claim by actor.
func mkClaim(id, actor, typ, country, content string, opts ...claimOpt) claim.Claim {
	c := claim.Claim{
		ID: id, Sentence: content + ", zei " + actor + ".", Content: content, Speaker: actor,
		Actor: claim.Actor{Name: actor, Type: typ}, Mode: "indirect", Cue: "zei", Stance: "assert",
		Disputes: []string{}, Quantities: []quantity.Quantity{}, Places: []string{}, Start: 0, End: len(content),
	}
	if country != "" {
		c.Actor.Country = ptr(country)
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

func save(t *testing.T, s store.Store, r analyze.Result) store.SaveStats {
	t.Helper()
	st, err := s.Save(context.Background(), r)
	if err != nil {
		t.Fatalf("Save(%s): %v", r.Page.Source, err)
	}
	return st
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func claimIDs(t *testing.T, s store.Store, f store.Filter) []string {
	t.Helper()
	var ids []string
	for {
		cs, next, err := s.Claims(context.Background(), f)
		if err != nil {
			t.Fatalf("Claims(%+v): %v", f, err)
		}
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	sort.Strings(ids)
	return ids
}

func itemIDs(t *testing.T, s store.Store, f store.Filter) []string {
	t.Helper()
	var ids []string
	for {
		its, next, err := s.Items(context.Background(), f)
		if err != nil {
			t.Fatalf("Items(%+v): %v", f, err)
		}
		for _, it := range its {
			ids = append(ids, it.ID)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	return ids
}

func sorted(s ...string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	if s == nil {
		return nil
	}
	return s
}

func equal(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return slices.Equal(a, b)
}

// twoItemPage is the common fixture: an article with two claims and a brief with one.
func twoItemPage(source string, at time.Time) analyze.Result {
	return mkPage(source, at,
		mkItem("it-a", "Kiev meldt zware verliezen", "KIEV",
			"Het Oekraïense leger zegt dat 200 Russische soldaten zijn gedood bij een aanval op Charkov.",
			published(at.Add(-time.Hour)), section("Buitenland"),
			claims(
				mkClaim("cl-a1", "Oekraïens leger", "military", "UA", "200 Russische soldaten zijn gedood", qty("killed", 200), places("Charkov")),
				mkClaim("cl-a2", "Volodymyr Zelensky", "person", "UA", "de steun moet doorgaan", roles("president")),
			)),
		mkItem("it-b", "", "MOSKOU", "Moskou ontkent dat er burgers zijn geraakt.",
			claims(mkClaim("cl-b1", "Kremlin", "government", "RU", "er zijn geen burgers geraakt", deny(""))),
		),
	)
}

func testSaveIdempotent(t *testing.T, s store.Store) {
	r := twoItemPage("page1.txt", base)
	got := save(t, s, r)
	want := store.SaveStats{NewPage: true, NewItems: 2, SeenItems: 0, Claims: 3}
	if got != want {
		t.Errorf("first Save = %+v, want %+v", got, want)
	}
	before := stats(t, s)
	got = save(t, s, r)
	want = store.SaveStats{NewPage: false, NewItems: 0, SeenItems: 2, Claims: 3}
	if got != want {
		t.Errorf("second Save = %+v, want %+v", got, want)
	}
	after := stats(t, s)
	if before != after && !(before.Pages == after.Pages && before.Items == after.Items && before.Claims == after.Claims &&
		before.Actors == after.Actors && before.Denials == after.Denials && before.Disputes == after.Disputes) {
		t.Errorf("Stats changed by a repeated Save: %+v → %+v", before, after)
	}
	it, err := s.Item(context.Background(), "it-a")
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Sightings) != 1 {
		t.Errorf("sightings after repeated Save = %d, want 1", len(it.Sightings))
	}
	if len(it.Claims) != 2 {
		t.Errorf("claims after repeated Save = %d, want 2", len(it.Claims))
	}
}

func testSightings(t *testing.T, s store.Store) {
	r1 := twoItemPage("page1.txt", base)
	save(t, s, r1)
	shared := r1.Items[1]
	r2 := mkPage("page2.txt", base.Add(2*time.Hour),
		mkItem("it-c", "Nieuw bericht", "DEN HAAG", "Het kabinet vergadert over de hulp."), shared)
	got := save(t, s, r2)
	if want := (store.SaveStats{NewPage: true, NewItems: 1, SeenItems: 1, Claims: 1}); got != want {
		t.Errorf("Save page2 = %+v, want %+v", got, want)
	}
	it, err := s.Item(context.Background(), shared.ID)
	if err != nil {
		t.Fatal(err)
	}
	var pages []string
	for _, sg := range it.Sightings {
		pages = append(pages, sg.Source)
		if sg.CapturedAt == nil {
			t.Errorf("sighting on %s without capture time", sg.Source)
		}
	}
	sort.Strings(pages)
	if !equal(pages, []string{"page1.txt", "page2.txt"}) {
		t.Errorf("sightings = %v, want page1.txt and page2.txt", pages)
	}
	// Without published_at, the item's time is its first capture.
	if !it.Time.Equal(base) {
		t.Errorf("item time = %v, want first capture %v", it.Time, base)
	}
	if st := stats(t, s); st.Items != 3 || st.Pages != 2 {
		t.Errorf("Stats = %+v, want 3 items on 2 pages", st)
	}
	p, err := s.Page(context.Background(), r2.Page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !equal(p.ItemIDs, []string{"it-c", shared.ID}) {
		t.Errorf("page2 items = %v, want [it-c %s] in page order", p.ItemIDs, shared.ID)
	}
	cl, err := s.Claim(context.Background(), "cl-b1")
	if err != nil {
		t.Fatal(err)
	}
	if srcs := sorted(cl.PageSources...); !equal(srcs, []string{"page1.txt", "page2.txt"}) {
		t.Errorf("claim page sources = %v", srcs)
	}
	if len(cl.PageIDs) != 2 {
		t.Errorf("claim page ids = %v, want 2", cl.PageIDs)
	}
}

func testItemRoundTrip(t *testing.T, s store.Store) {
	r := twoItemPage("page1.txt", base)
	r.Items[0].Entities = []ner.Entity{{Text: "Charkov", Type: "LOC", Start: 80, End: 87}}
	r.Items[0].Quantities = []quantity.Quantity{{Text: "200", Value: ptr(200.0), Category: "killed", Unit: "soldaten", Start: 30, End: 33}}
	r.Items[0].Subheadings = []string{"Verliezen"}
	save(t, s, r)
	it, err := s.Item(context.Background(), "it-a")
	if err != nil {
		t.Fatal(err)
	}
	in := r.Items[0]
	if it.Text != in.Text || *it.Headline != *in.Headline || it.Kind != in.Kind || it.Section != in.Section {
		t.Errorf("item fields differ: got %+v", it.Item.Item)
	}
	if it.Dateline == nil || !equal(it.Dateline.Places, []string{"KIEV"}) || !equal(it.Dateline.Agencies, []string{"ANP"}) {
		t.Errorf("dateline = %+v", it.Dateline)
	}
	if it.PublishedAt == nil || !it.PublishedAt.Equal(*in.PublishedAt) || !it.Time.Equal(*in.PublishedAt) {
		t.Errorf("published_at %v time %v, want %v", it.PublishedAt, it.Time, *in.PublishedAt)
	}
	if len(it.Entities) != 1 || it.Entities[0] != in.Entities[0] {
		t.Errorf("entities = %+v", it.Entities)
	}
	if len(it.Quantities) != 1 || *it.Quantities[0].Value != 200 || it.Quantities[0].Category != "killed" {
		t.Errorf("quantities = %+v", it.Quantities)
	}
	if !equal(it.Subheadings, []string{"Verliezen"}) {
		t.Errorf("subheadings = %v", it.Subheadings)
	}
	if it.AnalysisVersion == "" {
		t.Error("analysis version not recorded")
	}
	if len(it.Claims) != 2 {
		t.Fatalf("claims = %d, want 2", len(it.Claims))
	}
	c, err := s.Claim(context.Background(), "cl-a1")
	if err != nil {
		t.Fatal(err)
	}
	if c.ActorID != "oekraiens-leger" || c.ItemID != "it-a" || c.Headline == nil || *c.Headline != *in.Headline {
		t.Errorf("claim provenance = actor %q item %q headline %v", c.ActorID, c.ItemID, c.Headline)
	}
	if c.Dateline == nil || c.Dateline.Places[0] != "KIEV" || c.PublishedAt == nil || !c.Time.Equal(*in.PublishedAt) {
		t.Errorf("claim dateline %+v published %v time %v", c.Dateline, c.PublishedAt, c.Time)
	}
	if c.Content != "200 Russische soldaten zijn gedood" || c.Stance != "assert" || c.Actor.Type != "military" ||
		c.Actor.Country == nil || *c.Actor.Country != "UA" || !equal(c.Places, []string{"Charkov"}) {
		t.Errorf("claim fields = %+v", c.Claim)
	}
	if len(c.Quantities) != 1 || c.Quantities[0].Value == nil || *c.Quantities[0].Value != 200 {
		t.Errorf("claim quantities = %+v", c.Quantities)
	}
	if !equal(c.PageSources, []string{"page1.txt"}) || !equal(c.PageIDs, []string{r.Page.ID}) {
		t.Errorf("claim pages = %v %v", c.PageIDs, c.PageSources)
	}
}

func testResaveReplacesClaims(t *testing.T, s store.Store) {
	r := twoItemPage("page1.txt", base)
	save(t, s, r)
	// A re-analysis of the same page finds other claims in item it-a.
	r.Items[0].Claims = []claim.Claim{mkClaim("cl-a3", "Oekraïens leger", "military", "UA", "de aanval is afgeslagen")}
	st := save(t, s, r)
	if st.NewItems != 0 || st.Claims != 2 {
		t.Errorf("resave stats = %+v, want 0 new items, 2 claims", st)
	}
	if _, err := s.Claim(context.Background(), "cl-a1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("old claim after re-analysis: err = %v, want ErrNotFound", err)
	}
	if _, err := s.Claim(context.Background(), "cl-a3"); err != nil {
		t.Errorf("new claim: %v", err)
	}
	if got := claimIDs(t, s, store.Filter{}); !equal(got, []string{"cl-a3", "cl-b1"}) {
		t.Errorf("claims = %v, want [cl-a3 cl-b1]", got)
	}
	if got := stats(t, s).Claims; got != 2 {
		t.Errorf("Stats.Claims = %d, want 2", got)
	}
}

func testErrorPage(t *testing.T, s store.Store) {
	raw := []byte("\x00\x01binary")
	sum := sha256.Sum256(raw)
	r := analyze.Result{Page: page.Page{ID: hex.EncodeToString(sum[:]), Source: "blob.bin", Format: page.FormatText, CapturedAt: ptr(base), Raw: raw}, Error: "blob.bin: not a news page"}
	if st := save(t, s, r); !st.NewPage || st.NewItems != 0 {
		t.Errorf("Save error page = %+v", st)
	}
	p, err := s.Page(context.Background(), r.Page.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Error != r.Error || string(p.Raw) != string(raw) || p.Source != "blob.bin" || len(p.ItemIDs) != 0 {
		t.Errorf("page = %+v", p)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	save(t, s, twoItemPage("page1.txt", base))
	ctx := context.Background()
	for name, fn := range map[string]func() error{
		"Page":  func() error { _, err := s.Page(ctx, "nope"); return err },
		"Item":  func() error { _, err := s.Item(ctx, "nope"); return err },
		"Claim": func() error { _, err := s.Claim(ctx, "nope"); return err },
		"Actor": func() error { _, err := s.Actor(ctx, "nope"); return err },
	} {
		if err := fn(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s(nope) err = %v, want ErrNotFound", name, err)
		}
	}
	if _, _, err := s.Claims(ctx, store.Filter{Cursor: "%%%garbage"}); err == nil {
		t.Error("Claims with a garbage cursor: no error")
	}
}

func search(t *testing.T, s store.Store, f store.Filter) []store.SearchHit {
	t.Helper()
	hits, _, err := s.Search(context.Background(), f)
	if err != nil {
		t.Fatalf("Search(%+v): %v", f, err)
	}
	return hits
}

func testSearchStemming(t *testing.T, s store.Store) {
	save(t, s, mkPage("p.txt", base,
		mkItem("s1", "Nieuwe aanval op haven", "ODESSA", "Bij de aanval op de haven vielen drie doden & <veel> schade."),
		mkItem("s2", "Overleg in Brussel", "BRUSSEL", "De ministers spraken over de begroting."),
	))
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"aanvallen", []string{"s1"}},
		{"Aanval", []string{"s1"}},
		{"havens", []string{"s1"}},
		{"minister", []string{"s2"}},
		{"aanval begroting", nil}, // all terms must match
		{"onbekendwoord", nil},
	} {
		var got []string
		for _, h := range search(t, s, store.Filter{Q: tc.q}) {
			got = append(got, h.ItemID)
		}
		if !equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
	hits := search(t, s, store.Filter{Q: "aanvallen"})
	if len(hits) != 1 {
		t.Fatalf("want one hit")
	}
	h := hits[0]
	if !strings.Contains(h.Snippet, "<mark>aanval</mark>") {
		t.Errorf("snippet %q lacks <mark>aanval</mark>", h.Snippet)
	}
	if strings.Contains(h.Snippet, "<veel>") || strings.Contains(h.Snippet, " & ") {
		t.Errorf("snippet %q is not HTML-escaped", h.Snippet)
	}
	if h.Headline == nil || *h.Headline != "Nieuwe aanval op haven" || h.Kind != page.KindArticle || h.Dateline == nil {
		t.Errorf("hit = %+v", h)
	}
}

func testSearchRankAndFilter(t *testing.T, s store.Store) {
	save(t, s, mkPage("p.txt", base,
		mkItem("r1", "Grens", "KIEV", "De grens werd gesloten. Langs de grens staan troepen en bij de grens wachten vluchtelingen.", section("Buitenland"),
			claims(mkClaim("r1c", "Kremlin", "government", "RU", "de grens blijft dicht"))),
		mkItem("r2", "Markt", "DEN HAAG", "Op de markt was het druk, ook bij de grens van de gemeente en het plein.", section("Binnenland")),
	))
	hits := search(t, s, store.Filter{Q: "grens"})
	if len(hits) != 2 || hits[0].ItemID != "r1" {
		t.Fatalf("Search(grens) = %+v, want r1 ranked first of 2", hits)
	}
	if hits[0].Rank < hits[1].Rank {
		t.Errorf("ranks not descending: %v < %v", hits[0].Rank, hits[1].Rank)
	}
	if hits[0].Claims != 1 || hits[1].Claims != 0 {
		t.Errorf("claim counts = %d, %d; want 1, 0", hits[0].Claims, hits[1].Claims)
	}
	for _, tc := range []struct {
		f    store.Filter
		want string
	}{
		{store.Filter{Q: "grens", Section: "Binnenland"}, "r2"},
		{store.Filter{Q: "grens", Actor: "kremlin"}, "r1"},
		{store.Filter{Q: "grens", Country: "RU"}, "r1"},
		{store.Filter{Q: "grens", Place: "DEN HAAG"}, "r2"},
	} {
		hits := search(t, s, tc.f)
		if len(hits) != 1 || hits[0].ItemID != tc.want {
			t.Errorf("Search(%+v) = %v, want only %s", tc.f, hits, tc.want)
		}
	}
	// Paging through search results.
	h1, next, err := s.Search(context.Background(), store.Filter{Q: "grens", Limit: 1})
	if err != nil || len(h1) != 1 || next == "" {
		t.Fatalf("Search limit 1 = %v %q %v", h1, next, err)
	}
	h2, next2, err := s.Search(context.Background(), store.Filter{Q: "grens", Limit: 1, Cursor: next})
	if err != nil || len(h2) != 1 || h2[0].ItemID == h1[0].ItemID || next2 != "" {
		t.Errorf("Search page 2 = %v %q %v", h2, next2, err)
	}
}

// filterFixture saves pages covering every filter dimension.
func filterFixture(t *testing.T, s store.Store) {
	save(t, s, mkPage("f1.txt", day(0),
		mkItem("f-it1", "Gevechten in Donbas", "KIEV", "Tekst een.", section("Buitenland"), published(day(0)),
			claims(
				mkClaim("f-c1", "Oekraïens leger", "military", "UA", "veertig doden", qty("killed", 40), places("Bachmoet")),
				mkClaim("f-c2", "Volodymyr Zelensky", "person", "UA", "wij houden stand"),
			)),
		mkItem("f-it2", "Moskou reageert", "MOSKOU", "Tekst twee.", section("Buitenland"), published(day(2)),
			claims(
				mkClaim("f-c3", "Kremlin", "government", "RU", "geen soldaten gedood", deny("Oekraïens leger"), qty("killed", 0)),
				mkClaim("f-c4", "Kremlin", "government", "RU", "duizend gevangenen", qty("captured", 1000), places("Bachmoet")),
			)),
	))
	save(t, s, mkPage("f2.txt", day(5),
		mkItem("f-it3", "Kabinet praat over steun", "DEN HAAG", "Tekst drie.", section("Binnenland"), published(day(5)),
			claims(mkClaim("f-c5", "Mark Rutte", "person", "NL", "twee miljard steun", rng("money", 1e9, 2e9)))),
	))
}

func testClaimFilters(t *testing.T, s store.Store) {
	filterFixture(t, s)
	for _, tc := range []struct {
		name string
		f    store.Filter
		want []string
	}{
		{"none", store.Filter{}, []string{"f-c1", "f-c2", "f-c3", "f-c4", "f-c5"}},
		{"actor", store.Filter{Actor: "kremlin"}, []string{"f-c3", "f-c4"}},
		{"country", store.Filter{Country: "UA"}, []string{"f-c1", "f-c2"}},
		{"type", store.Filter{ActorType: "person"}, []string{"f-c2", "f-c5"}},
		{"stance", store.Filter{Stance: "deny"}, []string{"f-c3"}},
		{"category", store.Filter{Category: "killed"}, []string{"f-c1", "f-c3"}},
		{"claim place", store.Filter{Place: "Bachmoet"}, []string{"f-c1", "f-c4"}},
		{"dateline place", store.Filter{Place: "DEN HAAG"}, []string{"f-c5"}},
		{"place case", store.Filter{Place: "bachmoet"}, []string{"f-c1", "f-c4"}},
		{"section", store.Filter{Section: "Binnenland"}, []string{"f-c5"}},
		{"from", store.Filter{From: ptr(day(1))}, []string{"f-c3", "f-c4", "f-c5"}},
		{"to", store.Filter{To: ptr(day(1))}, []string{"f-c1", "f-c2"}},
		{"from-to", store.Filter{From: ptr(day(1)), To: ptr(day(3))}, []string{"f-c3", "f-c4"}},
		{"combined", store.Filter{Country: "RU", Category: "captured"}, []string{"f-c4"}},
		{"nothing", store.Filter{Country: "FR"}, nil},
		// Q: the claim's sentence (or its item's text) holds every word, stemmed.
		{"q sentence", store.Filter{Q: "gevangenen"}, []string{"f-c4"}},
		{"q item headline", store.Filter{Q: "Donbas"}, []string{"f-c1", "f-c2"}},
		{"q two words", store.Filter{Q: "miljard steun"}, []string{"f-c5"}},
		{"q and filter", store.Filter{Q: "Kremlin", Category: "killed"}, []string{"f-c3"}},
		{"q no match", store.Filter{Q: "pantservoertuigen"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := claimIDs(t, s, tc.f); !equal(got, tc.want) {
				t.Errorf("Claims(%+v) = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
}

func testItemFilters(t *testing.T, s store.Store) {
	filterFixture(t, s)
	for _, tc := range []struct {
		name string
		f    store.Filter
		want []string // newest first
	}{
		{"none", store.Filter{}, []string{"f-it3", "f-it2", "f-it1"}},
		{"actor", store.Filter{Actor: "kremlin"}, []string{"f-it2"}},
		{"country", store.Filter{Country: "NL"}, []string{"f-it3"}},
		{"type", store.Filter{ActorType: "military"}, []string{"f-it1"}},
		{"stance", store.Filter{Stance: "deny"}, []string{"f-it2"}},
		{"category", store.Filter{Category: "killed"}, []string{"f-it2", "f-it1"}},
		{"place", store.Filter{Place: "MOSKOU"}, []string{"f-it2"}},
		{"claim place", store.Filter{Place: "Bachmoet"}, []string{"f-it2", "f-it1"}},
		{"section", store.Filter{Section: "Buitenland"}, []string{"f-it2", "f-it1"}},
		{"from", store.Filter{From: ptr(day(1))}, []string{"f-it3", "f-it2"}},
		{"to", store.Filter{To: ptr(day(3))}, []string{"f-it2", "f-it1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := itemIDs(t, s, tc.f); !equal(got, tc.want) {
				t.Errorf("Items(%+v) = %v, want %v", tc.f, got, tc.want)
			}
		})
	}
}

func testPagination(t *testing.T, s store.Store) {
	var items []analyze.Item
	var all []string
	for i := range 7 {
		id := string(rune('a'+i)) + "-item"
		var cs []claim.Claim
		for j := range 2 {
			cid := id + "-c" + string(rune('0'+j))
			cs = append(cs, mkClaim(cid, "Kremlin", "government", "RU", "bewering nummer"))
			all = append(all, cid)
		}
		// Two items share a time so the cursor must break ties.
		items = append(items, mkItem(id, "Kop", "KIEV", "Tekst.", published(day(i/2*1)), claims(cs...)))
	}
	save(t, s, mkPage("p.txt", base, items...))
	for _, limit := range []int{1, 3, 5, 100} {
		f := store.Filter{Limit: limit}
		var got []string
		pages := 0
		var lastTime *time.Time
		for {
			its, next, err := s.Items(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			if len(its) > limit {
				t.Fatalf("limit %d: got %d items", limit, len(its))
			}
			for _, it := range its {
				if lastTime != nil && it.Time.After(*lastTime) {
					t.Errorf("limit %d: items not newest first", limit)
				}
				lastTime = ptr(it.Time)
				got = append(got, it.ID)
			}
			pages++
			if next == "" {
				break
			}
			if pages > 20 {
				t.Fatal("pagination does not end")
			}
			f.Cursor = next
		}
		if len(got) != 7 || len(sorted(got...)) != len(slices.Compact(sorted(got...))) {
			t.Errorf("limit %d: items %v, want 7 distinct", limit, got)
		}
		if want := (7 + limit - 1) / limit; pages != want {
			t.Errorf("limit %d: %d pages, want %d", limit, pages, want)
		}
		if got := claimIDs(t, s, store.Filter{Limit: limit}); !equal(got, sorted(all...)) {
			t.Errorf("limit %d: claims %v, want %v", limit, got, sorted(all...))
		}
	}
}

func disputePairs(t *testing.T, s store.Store, f store.Filter) []string {
	t.Helper()
	var out []string
	for {
		ds, next, err := s.Disputes(context.Background(), f)
		if err != nil {
			t.Fatalf("Disputes: %v", err)
		}
		for _, d := range ds {
			out = append(out, d.Claim.ID+"<"+d.Denial.ID)
		}
		if next == "" {
			break
		}
		f.Cursor = next
	}
	sort.Strings(out)
	return out
}

func testDisputesWithinPage(t *testing.T, s store.Store) {
	save(t, s, mkPage("p.txt", base,
		mkItem("d-it1", "Kop", "KIEV", "Tekst.", claims(mkClaim("d-c1", "Oekraïens leger", "military", "UA", "honderd doden", qty("killed", 100)))),
		mkItem("d-it2", "", "MOSKOU", "Tekst.", claims(mkClaim("d-c2", "Kremlin", "government", "RU", "geen doden", deny("", "d-c1")))),
	))
	if got := disputePairs(t, s, store.Filter{}); !equal(got, []string{"d-c1<d-c2"}) {
		t.Errorf("disputes = %v, want [d-c1<d-c2]", got)
	}
	c, err := s.Claim(context.Background(), "d-c1")
	if err != nil {
		t.Fatal(err)
	}
	if !equal(c.DisputedBy, []string{"d-c2"}) {
		t.Errorf("DisputedBy = %v", c.DisputedBy)
	}
	ds, _, err := s.Disputes(context.Background(), store.Filter{})
	if err != nil || len(ds) != 1 {
		t.Fatalf("Disputes = %v %v", ds, err)
	}
	if ds[0].Denial.Stance != "deny" || ds[0].Claim.ActorID != "oekraiens-leger" || ds[0].Denial.ItemID != "d-it2" {
		t.Errorf("dispute records = %+v", ds[0])
	}
	if st := stats(t, s); st.Disputes != 1 || st.Denials != 1 {
		t.Errorf("Stats = %+v, want 1 dispute and 1 denial", st)
	}
}

// A denial brief repeated on a second page (under another section's
// sidebar) keeps the in-page link of each page: it is one item whose claim
// disputes the claims it was linked to on both pages.
func testRepeatedDenialLinksEachPage(t *testing.T, s store.Store) {
	ctx := context.Background()
	denial := func(disputes string, sec string) analyze.Item {
		return mkItem("r-it-d", "", "MOSKOU", "Het Kremlin ontkent de cijfers.", section(sec),
			claims(mkClaim("r-d", "Kremlin", "government", "RU", "geen doden", deny("", disputes))))
	}
	save(t, s, mkPage("r1.txt", base,
		mkItem("r-it-a", "Kop een", "KIEV", "Tekst een.", claims(mkClaim("r-a", "Oekraïens leger", "military", "UA", "honderd doden", qty("killed", 100)))),
		denial("r-a", "Buitenland")))
	st := save(t, s, mkPage("r2.txt", base.Add(time.Hour),
		mkItem("r-it-b", "Kop twee", "KIEV", "Tekst twee.", claims(mkClaim("r-b", "Oekraïens leger", "military", "UA", "tweehonderd doden", qty("killed", 200)))),
		denial("r-b", "Politiek")))
	if st.NewItems != 1 || st.SeenItems != 1 {
		t.Errorf("second page: %d new and %d seen items, want 1 and 1", st.NewItems, st.SeenItems)
	}
	if got := disputePairs(t, s, store.Filter{}); !equal(got, []string{"r-a<r-d", "r-b<r-d"}) {
		t.Errorf("disputes = %v, want [r-a<r-d r-b<r-d]", got)
	}
	c, err := s.Claim(ctx, "r-d")
	if err != nil {
		t.Fatal(err)
	}
	if !equal(c.Disputes, []string{"r-a", "r-b"}) {
		t.Errorf("claim r-d disputes %v, want [r-a r-b]", c.Disputes)
	}
	it, err := s.Item(ctx, "r-it-d")
	if err != nil {
		t.Fatal(err)
	}
	if len(it.Claims) != 1 || !equal(it.Claims[0].Disputes, []string{"r-a", "r-b"}) {
		t.Errorf("item r-it-d claims %+v, want one disputing [r-a r-b]", it.Claims)
	}
	if len(it.Sightings) != 2 {
		t.Errorf("item r-it-d has %d sightings, want 2", len(it.Sightings))
	}
}

func testDisputesAcrossPages(t *testing.T, s store.Store) {
	actor := "Pavel Orlov"
	save(t, s, mkPage("claim.txt", day(0),
		mkItem("x-it1", "Orlov claimt doorbraak", "MOSKOU", "Tekst.", published(day(0)), claims(
			mkClaim("x-c1", actor, "person", "RU", "vijfhonderd Oekraïense soldaten gedood bij Koepjansk", qty("killed", 500)),
			mkClaim("x-c2", actor, "person", "RU", "het graan wordt verscheept vanuit de haven", speaker("minister Orlov")),
		)),
		mkItem("x-it2", "Ander nieuws", "KIEV", "Tekst.", published(day(0)), claims(
			mkClaim("x-c3", "Oekraïens leger", "military", "UA", "vijftig soldaten gedood bij Koepjansk", qty("killed", 50)),
		)),
	))
	// An old claim by the same actor, far outside the window.
	save(t, s, mkPage("old.txt", day(-30),
		mkItem("x-it0", "Oud", "MOSKOU", "Tekst.", published(day(-30)), claims(
			mkClaim("x-c0", actor, "person", "RU", "driehonderd soldaten gedood", qty("killed", 300)),
		)),
	))
	// Two days later, on another page, Kiev denies what Orlov said about the dead.
	save(t, s, mkPage("denial.txt", day(2),
		mkItem("x-it3", "Kiev ontkent", "KIEV", "Tekst.", published(day(2)), claims(
			mkClaim("x-d1", "Oekraïens leger", "military", "UA", "er zijn geen vijfhonderd soldaten gedood bij Koepjansk", deny(actor), qty("killed", 500)),
		)),
	))
	got := disputePairs(t, s, store.Filter{})
	if !equal(got, []string{"x-c1<x-d1"}) {
		t.Errorf("disputes = %v, want [x-c1<x-d1] (same actor, shared category, in window)", got)
	}
	// Saving everything again adds nothing.
	save(t, s, mkPage("denial.txt", day(2),
		mkItem("x-it3", "Kiev ontkent", "KIEV", "Tekst.", published(day(2)), claims(
			mkClaim("x-d1", "Oekraïens leger", "military", "UA", "er zijn geen vijfhonderd soldaten gedood bij Koepjansk", deny(actor), qty("killed", 500)),
		)),
	))
	if again := disputePairs(t, s, store.Filter{}); !equal(again, got) {
		t.Errorf("disputes after resave = %v, want %v", again, got)
	}
	if got := disputePairs(t, s, store.Filter{Actor: "pavel-orlov"}); !equal(got, []string{"x-c1<x-d1"}) {
		t.Errorf("disputes for actor = %v", got)
	}
	if got := disputePairs(t, s, store.Filter{Country: "NL"}); len(got) != 0 {
		t.Errorf("disputes for NL = %v, want none", got)
	}
}

func testDisputesDenialFirst(t *testing.T, s store.Store) {
	// The denial is stored first (pages arrive out of order); the claim it
	// rejects arrives later and must be linked to it.
	save(t, s, mkPage("denial.txt", day(1),
		mkItem("y-it1", "Ontkenning", "KIEV", "Tekst.", published(day(1)), claims(
			mkClaim("y-d1", "Oekraïense regering", "government", "UA", "de stuwdam is niet door ons opgeblazen", deny("Kremlin")),
		)),
	))
	save(t, s, mkPage("claim.txt", day(0),
		mkItem("y-it2", "Beschuldiging", "MOSKOU", "Tekst.", published(day(0)), claims(
			mkClaim("y-c1", "Kremlin", "government", "RU", "Oekraïne heeft de stuwdam opgeblazen"),
		)),
	))
	if got := disputePairs(t, s, store.Filter{}); !equal(got, []string{"y-c1<y-d1"}) {
		t.Errorf("disputes = %v, want [y-c1<y-d1]", got)
	}
	c, err := s.Claim(context.Background(), "y-c1")
	if err != nil {
		t.Fatal(err)
	}
	if !equal(c.DisputedBy, []string{"y-d1"}) {
		t.Errorf("DisputedBy = %v", c.DisputedBy)
	}
}

func testActors(t *testing.T, s store.Store) {
	filterFixture(t, s)
	save(t, s, mkPage("f3.txt", day(6),
		mkItem("a-it", "Rutte weer", "DEN HAAG", "Tekst.", published(day(6)),
			claims(mkClaim("a-c1", "Mark Rutte", "person", "NL", "meer steun", speaker("premier Rutte"), roles("premier")))),
	))
	a, err := s.Actor(context.Background(), "mark-rutte")
	if err != nil {
		t.Fatal(err)
	}
	if a.Name != "Mark Rutte" || a.Type != "person" || a.Country == nil || *a.Country != "NL" {
		t.Errorf("actor = %+v", a)
	}
	if a.Claims != 2 || a.Denials != 0 {
		t.Errorf("actor counts = %d claims, %d denials; want 2, 0", a.Claims, a.Denials)
	}
	if al := sorted(a.Aliases...); !equal(al, []string{"Mark Rutte", "premier Rutte"}) {
		t.Errorf("aliases = %v", al)
	}
	if !slices.Contains(a.Roles, "premier") {
		t.Errorf("roles = %v, want premier", a.Roles)
	}
	if a.First == nil || a.Last == nil || !a.First.Equal(day(5)) || !a.Last.Equal(day(6)) {
		t.Errorf("first/last = %v/%v, want %v/%v", a.First, a.Last, day(5), day(6))
	}
	k, err := s.Actor(context.Background(), "kremlin")
	if err != nil {
		t.Fatal(err)
	}
	if k.Claims != 2 || k.Denials != 1 {
		t.Errorf("kremlin counts = %d/%d, want 2/1", k.Claims, k.Denials)
	}
	for _, tc := range []struct {
		f    store.Filter
		want []string
	}{
		{store.Filter{}, []string{"kremlin", "mark-rutte", "oekraiens-leger", "volodymyr-zelensky"}},
		{store.Filter{Country: "UA"}, []string{"oekraiens-leger", "volodymyr-zelensky"}},
		{store.Filter{ActorType: "government"}, []string{"kremlin"}},
	} {
		as, err := s.Actors(context.Background(), tc.f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		if got := sorted(ids...); !equal(got, tc.want) {
			t.Errorf("Actors(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
	as, err := s.Actors(context.Background(), store.Filter{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 {
		t.Errorf("Actors limit 2 = %d", len(as))
	}
}

func testTimeline(t *testing.T, s store.Store) {
	filterFixture(t, s)
	pts, err := s.Timeline(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(pts) != 4 {
		t.Fatalf("timeline has %d points, want 4: %+v", len(pts), pts)
	}
	for i := 1; i < len(pts); i++ {
		if pts[i].Time.Before(pts[i-1].Time) {
			t.Errorf("timeline not in time order at %d", i)
		}
	}
	if p := pts[0]; p.ClaimID != "f-c1" || p.ActorID != "oekraiens-leger" || p.Actor != "Oekraïens leger" ||
		p.Category != "killed" || p.Value == nil || *p.Value != 40 || !p.Time.Equal(day(0)) {
		t.Errorf("first point = %+v", p)
	}
	last := pts[len(pts)-1]
	if last.Category != "money" || last.Low == nil || *last.Low != 1e9 || last.High == nil || *last.High != 2e9 || last.Value != nil {
		t.Errorf("range point = %+v", last)
	}
	for _, tc := range []struct {
		f    store.Filter
		want int
	}{
		{store.Filter{Category: "killed"}, 2},
		{store.Filter{Actor: "kremlin"}, 2},
		{store.Filter{Actor: "kremlin", Category: "killed"}, 1},
		{store.Filter{From: ptr(day(4))}, 1},
	} {
		pts, err := s.Timeline(context.Background(), tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(pts) != tc.want {
			t.Errorf("Timeline(%+v) = %d points, want %d", tc.f, len(pts), tc.want)
		}
	}
}

func testStats(t *testing.T, s store.Store) {
	if st := stats(t, s); st.Pages != 0 || st.Items != 0 || st.Latest != nil {
		t.Errorf("empty Stats = %+v", st)
	}
	filterFixture(t, s)
	st := stats(t, s)
	want := store.Stats{Pages: 2, Items: 3, Claims: 5, Actors: 4, Denials: 1, Disputes: 0}
	if st.Pages != want.Pages || st.Items != want.Items || st.Claims != want.Claims || st.Actors != want.Actors || st.Denials != want.Denials {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
	if st.Latest == nil || !st.Latest.Equal(day(5)) {
		t.Errorf("Stats.Latest = %v, want %v", st.Latest, day(5))
	}
}

func testHasSource(t *testing.T, s store.Store) {
	ctx := context.Background()
	src := "https://example.org/nieuws/artikel-1"
	for _, want := range []bool{false, true} {
		if want {
			save(t, s, twoItemPage(src, base))
		}
		has, err := s.HasSource(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		if has != want {
			t.Errorf("HasSource(%s) = %v, want %v", src, has, want)
		}
	}
	if has, err := s.HasSource(ctx, src+"-2"); err != nil || has {
		t.Errorf("HasSource of another URL = %v, %v; want false", has, err)
	}
}

func testFeeds(t *testing.T, s store.Store) {
	ctx := context.Background()
	f := store.FeedState{URL: "https://example.org/rss", Title: "Voorbeeld", ETag: `"abc"`, LastModified: "Mon, 02 Mar 2026 09:00:00 GMT", LastFetch: ptr(base), Status: 200, Items: 12}
	if err := s.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveFeed(ctx, store.FeedState{URL: "https://example.org/b", Status: 500, LastError: "boom"}); err != nil {
		t.Fatal(err)
	}
	f.ETag, f.Status, f.LastFetch = `"def"`, 304, ptr(day(1))
	if err := s.SaveFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	fs, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("feeds = %+v, want 2", fs)
	}
	byURL := map[string]store.FeedState{}
	for _, x := range fs {
		byURL[x.URL] = x
	}
	got := byURL[f.URL]
	if got.ETag != `"def"` || got.Status != 304 || got.Title != "Voorbeeld" || got.Items != 12 || got.LastFetch == nil || !got.LastFetch.Equal(day(1)) || got.LastModified != f.LastModified {
		t.Errorf("feed = %+v", got)
	}
	if b := byURL["https://example.org/b"]; b.LastError != "boom" || b.LastFetch != nil {
		t.Errorf("feed b = %+v", b)
	}
}

func testRawPages(t *testing.T, s store.Store) {
	r1 := twoItemPage("page1.txt", base)
	r2 := mkPage("page2.txt", day(1), mkItem("rp", "Kop", "KIEV", "Iets anders."))
	save(t, s, r1)
	save(t, s, r2)
	got := map[string]string{}
	err := s.RawPages(context.Background(), func(p page.Page) error {
		got[p.ID] = string(p.Raw)
		if p.CapturedAt == nil || p.Source == "" {
			t.Errorf("raw page %s lacks header: %+v", p.ID, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[r1.Page.ID] != string(r1.Page.Raw) || got[r2.Page.ID] != string(r2.Page.Raw) {
		t.Errorf("RawPages gave %d pages, want the 2 raw bodies", len(got))
	}
	stop := errors.New("stop")
	n := 0
	if err := s.RawPages(context.Background(), func(page.Page) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("RawPages did not stop on the callback error: err %v after %d calls", err, n)
	}
}
