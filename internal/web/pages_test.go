package web

import (
	"encoding/json"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
	"wirewatch/internal/store"
)

// parseHTML checks that a page is well-formed enough for a parser and returns it.
func parseHTML(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse html: %v", err)
	}
	return doc
}

// find returns the nodes for which ok is true.
func find(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, tag, class string) bool {
	if n.Type != html.ElementNode || n.Data != tag {
		return false
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var sb strings.Builder
	for _, d := range find(n, func(m *html.Node) bool { return m.Type == html.TextNode }) {
		sb.WriteString(d.Data)
	}
	return sb.String()
}

func TestPages(t *testing.T) {
	fx := newFixture(t)
	c := decode[store.ClaimRecord](t, mustGet(t, fx, "/api/v1/claims/"+fx.claimID))
	tests := []struct {
		path string
		code int
		want []string // text that a reader must see
	}{
		{"/", 200, []string{"Latest items", "Most active actors", "Recent disputes", "Oekraïense generale staf"}},
		{"/search", 200, []string{"Type a word"}},
		{"/search?q=gevechten", 200, []string{"Items matching", "Kiev: 120 Russische militairen gedood bij Charkiv", "Export claims"}},
		{"/search?q=gevechten&stance=deny", 200, []string{"stance: deny"}},
		{"/search?q=qqqxxyz", 200, []string{"Nothing found"}},
		{"/search?place=Charkiv", 200, []string{"Items matching the filters", "Kiev: 120 Russische militairen gedood bij Charkiv", "place: Charkiv"}},
		{"/search?q=x&stance=nope", 400, []string{"stance"}},
		{"/items/" + fx.itemID, 200, []string{"2 claims", "Russisch ministerie van Defensie", "Disputed by:", "Denies:", "Seen on 1 page"}},
		{"/items/nope", 404, []string{"nothing at this address"}},
		{"/actors", 200, []string{"Oekraïense generale staf", "Claims"}},
		{"/actors/" + c.ActorID, 200, []string{"Oekraïense generale staf", "Claimed figures over time", "Ledger", "200 Russische militairen"}},
		{"/actors/" + c.ActorID + "?category=killed", 200, []string{"Only killed", "all figures"}},
		{"/actors/" + c.ActorID + "?category=bogus", 400, nil},
		{"/actors/nope", 404, nil},
		{"/disputes", 200, []string{"Russisch ministerie van Defensie", "Oekraïense generale staf", "vs"}},
		{"/disputes?country=RU", 200, nil},
		{"/pages/" + fx.pageID, 200, []string{"https://nieuws.example/buitenland/charkiv", "Split into 1 item", "Raw text as stored"}},
		{"/pages/nope", 404, nil},
		{"/no/such/page", 404, []string{"404"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := fx.get(t, tt.path)
			if res.StatusCode != tt.code {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.code)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			doc := parseHTML(t, body)
			txt := strings.Join(strings.Fields(textOf(doc)), " ")
			for _, w := range tt.want {
				if !strings.Contains(txt, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			// Accessibility basics on every page.
			if len(find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "main" })) != 1 {
				t.Error("no single <main> landmark")
			}
			if len(find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "h1" })) < 1 {
				t.Error("no <h1>")
			}
			for _, in := range find(doc, func(n *html.Node) bool {
				return n.Type == html.ElementNode && n.Data == "input" && attr(n, "type") != "hidden"
			}) {
				id := attr(in, "id")
				if id == "" || len(find(doc, func(n *html.Node) bool { return n.Data == "label" && attr(n, "for") == id })) == 0 {
					t.Errorf("input %q has no label", attr(in, "name"))
				}
			}
			if len(find(doc, func(n *html.Node) bool {
				return n.Type == html.ElementNode && n.Data == "script" && attr(n, "src") == "" && attr(n, "type") != "application/json"
			})) > 0 {
				t.Error("inline script: the CSP forbids it")
			}
		})
	}
}

func TestItemPageMarksClaims(t *testing.T) {
	fx := newFixture(t)
	_, body := fx.get(t, "/items/"+fx.itemID)
	doc := parseHTML(t, body)
	marks := find(doc, func(n *html.Node) bool { return hasClass(n, "mark", "claim") && attr(n, "id") != "" })
	if len(marks) != 2 {
		t.Fatalf("%d claim marks, want 2", len(marks))
	}
	first := textOf(marks[0])
	if !strings.HasPrefix(first, "Het Oekraïense leger heeft bij gevechten") {
		t.Errorf("first mark = %q", first)
	}
	check := func(tag, class, want string) {
		t.Helper()
		var got []string
		for _, n := range find(marks[0], func(n *html.Node) bool { return hasClass(n, tag, class) }) {
			got = append(got, textOf(n))
		}
		if !contains(got, want) {
			t.Errorf("%s.%s in first claim = %q, want %q", tag, class, got, want)
		}
	}
	check("strong", "speaker", "de Oekraïense generale staf")
	check("em", "cue", "zegt")
	check("span", "num", "120 Russische militairen")
	check("span", "place", "Charkiv")
	if !hasClass(marks[1], "mark", "deny") {
		t.Errorf("denial mark lacks class deny: %q", attr(marks[1], "class"))
	}
	// Each claim in the list links to its actor and to the other side of its dispute.
	c := decode[store.ClaimRecord](t, mustGet(t, fx, "/api/v1/claims/"+fx.claimID))
	links := map[string]bool{}
	for _, a := range find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "a" }) {
		links[attr(a, "href")] = true
	}
	for _, want := range []string{"/actors/" + url.PathEscape(c.ActorID), "/items/" + fx.itemID + "#c-" + fx.denialID, "/items/" + fx.itemID + "#c-" + fx.claimID} {
		if !links[want] {
			t.Errorf("no link to %s", want)
		}
	}
}

func TestActorPageChartData(t *testing.T) {
	fx := newFixture(t)
	c := decode[store.ClaimRecord](t, mustGet(t, fx, "/api/v1/claims/"+fx.claimID))
	_, body := fx.get(t, "/actors/"+c.ActorID)
	doc := parseHTML(t, body)
	blocks := find(doc, func(n *html.Node) bool { return n.Data == "script" && attr(n, "id") == "timeline-data" })
	if len(blocks) != 1 {
		t.Fatalf("%d timeline data blocks", len(blocks))
	}
	if attr(blocks[0], "type") != "application/json" {
		t.Errorf("data block type %q", attr(blocks[0], "type"))
	}
	var cd chartData
	if err := json.Unmarshal([]byte(textOf(blocks[0])), &cd); err != nil {
		t.Fatalf("chart JSON: %v\n%s", err, textOf(blocks[0]))
	}
	var killed *chartSeries
	for i := range cd.Series {
		if cd.Series[i].Category == "killed" {
			killed = &cd.Series[i]
		}
	}
	if killed == nil || len(killed.Points) < 2 {
		t.Fatalf("chart series %+v, want killed with ≥2 points", cd.Series)
	}
	if len(find(doc, func(n *html.Node) bool { return attr(n, "id") == "timeline-chart" })) != 1 {
		t.Error("no chart container")
	}
}

func TestLayoutText(t *testing.T) {
	text := "Één zin met 5 doden in Kyiv, zegt Jan.\nTweede alinea."
	s, e := 0, strings.Index(text, "\n")
	n1 := strings.Index(text, "5 doden")
	k := strings.Index(text, "Kyiv")
	cv := &claimView{Claim: claim.Claim{ID: "c1", Start: s, End: e, Speaker: "Jan", Cue: "zegt", Places: []string{"Kyiv"}}, N: 1}
	bad := &claimView{Claim: claim.Claim{ID: "c2", Start: 1, End: 3}, N: 2} // inside "É": not a rune boundary
	it := analyze.Item{Item: page.Item{Text: text}}
	it.Quantities = append(it.Quantities, quantity.Quantity{Text: "5 doden", Start: n1, End: n1 + len("5 doden")})
	paras := layoutText(it, []*claimView{cv, bad})
	if len(paras) != 2 {
		t.Fatalf("%d paragraphs", len(paras))
	}
	var got []string
	for _, r := range paras[0].Runs {
		if r.Claim != cv {
			t.Errorf("run outside the claim: %+v", r)
		}
		for _, sg := range r.Segs {
			switch {
			case sg.Speaker:
				got = append(got, "S:"+sg.Text)
			case sg.Cue:
				got = append(got, "C:"+sg.Text)
			case sg.Num:
				got = append(got, "N:"+sg.Text)
			case sg.Place:
				got = append(got, "P:"+sg.Text)
			}
		}
	}
	want := []string{"N:5 doden", "P:Kyiv", "C:zegt", "S:Jan"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("marks %v, want %v", got, want)
	}
	if !cv.Marked || bad.Marked {
		t.Errorf("marked: good claim %v, claim with bad offsets %v", cv.Marked, bad.Marked)
	}
	if k < 0 || paras[1].Runs[0].Claim != nil || paras[1].Runs[0].Segs[0].Text != "Tweede alinea." {
		t.Errorf("second paragraph %+v", paras[1])
	}
}

func TestSafeSnippet(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"a <mark>b</mark> c", "a <mark>b</mark> c"},
		{"x &amp; y &lt;z&gt; <mark>w</mark>", "x &amp; y &lt;z&gt; <mark>w</mark>"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<mark>open", "open"},
		{"a <mark onclick=x>b</mark>", "a &lt;mark onclick=x&gt;b"},
		{`say "hi"`, "say &#34;hi&#34;"},
		{"&foo; <mark>x</mark>", "&amp;foo; x"},
	}
	for _, tt := range tests {
		if got := string(safeSnippet(tt.in)); got != tt.want {
			t.Errorf("safeSnippet(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var _ template.HTML = safeSnippet("")
}

var snippetRE = regexp.MustCompile(`^(?:[^<>&"']|&(?:amp|lt|gt|quot|#34|#39|apos);|<mark>|</mark>)*$`)

func FuzzSafeSnippet(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark>", "<script>", "&amp;<mark>", "</mark><mark>", `"'<>&`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(safeSnippet(s))
		if !snippetRE.MatchString(out) {
			t.Fatalf("safeSnippet(%q) = %q: markup beyond <mark>", s, out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced marks in %q", out)
		}
	})
}

func FuzzParseFilter(f *testing.F) {
	f.Add("stance=deny&limit=5&from=2026-01-02")
	f.Add("country=UA&to=2026-03-04T10:00:00Z&cursor=abc")
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := parseFilter(q)
		if err != nil {
			return
		}
		if fl.Limit < 1 || fl.Limit > maxLimit {
			t.Fatalf("limit %d out of range", fl.Limit)
		}
		if fl.From != nil && fl.To != nil && fl.To.Before(*fl.From) {
			t.Fatal("to before from accepted")
		}
	})
}

func TestSearchFacets(t *testing.T) {
	fx := newFixture(t)
	q := url.Values{"q": {"gevechten"}}
	f, err := parseFilter(q)
	if err != nil {
		t.Fatal(err)
	}
	groups, err := fx.srv.facets(t.Context(), f, q)
	if err != nil {
		t.Fatal(err)
	}
	get := func(gs []facetGroup, param string) map[string]int {
		m := map[string]int{}
		for _, g := range gs {
			if g.Param == param {
				for _, v := range g.Values {
					m[v.Value] = v.Count
					if !strings.Contains(v.URL, param+"="+url.QueryEscape(v.Value)) || !strings.Contains(v.URL, "q=gevechten") {
						t.Errorf("facet link %q does not keep q and add %s", v.URL, param)
					}
				}
			}
		}
		return m
	}
	c := decode[store.ClaimRecord](t, mustGet(t, fx, "/api/v1/claims/"+fx.claimID))
	if get(groups, "actor")[c.ActorID] < 1 {
		t.Errorf("actor facets %v lack %s", get(groups, "actor"), c.ActorID)
	}
	st := get(groups, "stance")
	if st["assert"] < 1 || st["deny"] < 1 {
		t.Errorf("stance facets %v, want both", st)
	}
	if get(groups, "category")["killed"] < 1 || get(groups, "country")["RU"] < 1 {
		t.Errorf("category %v, country %v", get(groups, "category"), get(groups, "country"))
	}
	// The whole ledger has more claims than the items found: facets must count only the found ones.
	all := decode[claimsBody](t, mustGet(t, fx, "/api/v1/claims?limit=500"))
	if st["assert"]+st["deny"] >= len(all.Claims) {
		t.Errorf("facets count %d claims, the whole ledger has %d: not narrowed by q", st["assert"]+st["deny"], len(all.Claims))
	}

	// With a filter in force, the facets only count claims that pass it.
	q.Set("stance", "deny")
	f, _ = parseFilter(q)
	groups, err = fx.srv.facets(t.Context(), f, q)
	if err != nil {
		t.Fatal(err)
	}
	if st := get(groups, "stance"); st["assert"] != 0 || st["deny"] < 1 {
		t.Errorf("stance facets under stance=deny: %v", st)
	}
}
