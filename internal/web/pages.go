package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"wirewatch/internal/store"
)

var funcs = template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return "unknown time"
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"whenp": func(t *time.Time) string {
		if t == nil || t.IsZero() {
			return "unknown time"
		}
		return t.UTC().Format("2 Jan 2006 15:04 UTC")
	},
	"iso":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"deref": deref,
	"join":  strings.Join,
	"add":   func(a, b int) int { return a + b },
	"href": func(p string, q url.Values, kv ...string) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = append([]string(nil), vs...)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				v.Del(kv[i])
			} else {
				v.Set(kv[i], kv[i+1])
			}
		}
		if e := v.Encode(); e != "" {
			return p + "?" + e
		}
		return p
	},
	"esc":   url.PathEscape,
	"title": itemTitle,
	"exportArgs": func(q url.Values, what string) map[string]any {
		return map[string]any{"Query": q, "What": what}
	},
	"derefT": func(t *time.Time) time.Time {
		if t == nil {
			return time.Time{}
		}
		return *t
	},
	"snippet": safeSnippet,
	"num": func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	},
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + many
	},
	"stance": func(s string) string {
		if s == "deny" {
			return "denial"
		}
		return "claim"
	},
}

// page files that each get the shared layout.
var pageNames = []string{"home", "search", "item", "actors", "actor", "disputes", "page", "error"}

func parseTemplates() (map[string]*template.Template, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	out := map[string]*template.Template{}
	for _, n := range pageNames {
		b, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout: %w", err)
		}
		src, err := fs.ReadFile(templateFS, "templates/"+n+".html")
		if err != nil {
			return nil, fmt.Errorf("read template %s: %w", n, err)
		}
		if out[n], err = b.New(n + ".html").Parse(string(src)); err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
	}
	return out, nil
}

// view is what every page template gets.
type view struct {
	Title string
	Nav   string
	Query url.Values // the request's filter parameters, for links that keep them
	Q     string
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, v view) {
	if v.Query == nil {
		v.Query = filterQuery(r.URL.Query())
	}
	if v.Q == "" {
		v.Q = r.URL.Query().Get("q")
	}
	var buf bytes.Buffer
	if err := s.tmpl[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.ErrorContext(r.Context(), "render", "template", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.classify(r, err)
	if code == http.StatusNotFound {
		msg = "There is nothing at this address. The id may be mistyped, or the record is not in this ledger."
	}
	s.render(w, r, code, "error", view{Title: http.StatusText(code), Data: struct {
		Code int
		Msg  string
	}{code, msg}})
}

func (s *Server) pageNotFound(w http.ResponseWriter, r *http.Request) {
	s.pageError(w, r, store.ErrNotFound)
}

type homeData struct {
	Stats    store.Stats
	Items    []store.ItemRecord
	Actors   []store.ActorRecord
	Disputes []store.Dispute
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d homeData
	var err error
	if d.Stats, err = s.st.Stats(ctx); err != nil {
		s.pageError(w, r, err)
		return
	}
	if d.Items, _, err = s.st.Items(ctx, store.Filter{Limit: 12}); err != nil {
		s.pageError(w, r, err)
		return
	}
	if d.Actors, err = s.topActors(ctx, store.Filter{}, 10); err != nil {
		s.pageError(w, r, err)
		return
	}
	if d.Disputes, _, err = s.st.Disputes(ctx, store.Filter{Limit: 5}); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "home", view{Title: "Overview", Nav: "home", Data: d})
}

// topActors returns the actors with most statements first.
func (s *Server) topActors(ctx context.Context, f store.Filter, n int) ([]store.ActorRecord, error) {
	f.Limit = maxLimit
	as, err := s.st.Actors(ctx, f)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(as, func(i, j int) bool { return as[i].Claims+as[i].Denials > as[j].Claims+as[j].Denials })
	if n > 0 && len(as) > n {
		as = as[:n]
	}
	return as, nil
}

type searchData struct {
	Browse bool
	Hits   []store.SearchHit
	Next   string
	Facets []facetGroup
	Active []facet // filters in force, each with a link that removes it
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := parseFilter(q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var d searchData
	// A filter without words browses: the newest items that match it.
	d.Browse = f.Q == "" && len(filterQuery(q, "q", "")) > 0
	if f.Q != "" || d.Browse {
		if d.Hits, d.Next, err = s.st.Search(r.Context(), f); err != nil {
			s.pageError(w, r, err)
			return
		}
		if d.Facets, err = s.facets(r.Context(), f, q); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	for _, k := range []string{"actor", "country", "type", "stance", "category", "place", "from", "to"} {
		if v := q.Get(k); v != "" {
			d.Active = append(d.Active, facet{Value: k, Label: k + ": " + v, URL: "/search?" + filterQuery(q, k, "").Encode()})
		}
	}
	title := "Search"
	if f.Q != "" {
		title = "Search: " + f.Q
	}
	s.render(w, r, http.StatusOK, "search", view{Title: title, Nav: "search", Data: d})
}

// facets counts, over the claims in the items the search finds (first 200),
// the values a reader can narrow by; claims that fail the filters already in
// force are not counted. Each value links to the same search with it added.
func (s *Server) facets(ctx context.Context, f store.Filter, q url.Values) ([]facetGroup, error) {
	ff := f
	ff.Limit, ff.Cursor = 200, ""
	hits, _, err := s.st.Search(ctx, ff)
	if err != nil {
		return nil, err
	}
	var cs []claimFacts
	for _, h := range hits {
		it, err := s.st.Item(ctx, h.ItemID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, c := range it.Claims {
			cf := claimFacts{ActorID: store.ClaimActorID(c.Actor.Name, c.Speaker), Name: c.Actor.Name,
				Country: deref(c.Actor.Country), Type: c.Actor.Type, Stance: c.Stance, Places: c.Places}
			if it.Dateline != nil {
				cf.Places = append(append([]string(nil), cf.Places...), it.Dateline.Places...)
			}
			for _, qu := range c.Quantities {
				cf.Categories = append(cf.Categories, qu.Category)
			}
			if cf.matches(f) {
				cs = append(cs, cf)
			}
		}
	}
	counts := map[string]map[string]int{}
	labels := map[string]string{}
	inc := func(k, v string) {
		if v == "" {
			return
		}
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][v]++
	}
	for _, c := range cs {
		inc("actor", c.ActorID)
		labels[c.ActorID] = c.Name
		inc("country", c.Country)
		inc("stance", c.Stance)
		for _, v := range uniq(c.Categories) {
			inc("category", v)
		}
		for _, v := range uniq(c.Places) {
			inc("place", v)
		}
	}
	groups := []facetGroup{
		{Param: "actor", Title: "Actor"}, {Param: "country", Title: "Country"}, {Param: "stance", Title: "Stance"},
		{Param: "category", Title: "Figure"}, {Param: "place", Title: "Place"},
	}
	var out []facetGroup
	for _, g := range groups {
		g.Values = topFacets(counts[g.Param], labels, 8)
		for i := range g.Values {
			v := &g.Values[i]
			v.On = q.Get(g.Param) == v.Value
			if g.Param == "stance" {
				v.Label = map[string]string{"assert": "claims", "deny": "denials"}[v.Value]
			}
			v.URL = "/search?" + filterQuery(q, g.Param, v.Value).Encode()
		}
		if len(g.Values) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}

// claimFacts is what the facets count of one claim.
type claimFacts struct {
	ActorID, Name, Country, Type, Stance string
	Places, Categories                   []string
}

// matches applies the claim-level filters of f.
func (c claimFacts) matches(f store.Filter) bool {
	return (f.Actor == "" || c.ActorID == f.Actor) &&
		(f.Country == "" || strings.EqualFold(c.Country, f.Country)) &&
		(f.ActorType == "" || c.Type == f.ActorType) &&
		(f.Stance == "" || c.Stance == f.Stance) &&
		(f.Category == "" || slices.Contains(c.Categories, f.Category)) &&
		(f.Place == "" || slices.Contains(c.Places, f.Place))
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

type itemData struct {
	Item          store.ItemRecord
	Paras         []para
	Claims        []*claimView
	HeadlineClaim bool
}

func (s *Server) pageItem(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	it, err := s.st.Item(ctx, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := itemData{Item: it}
	for i, c := range it.Claims {
		cv := &claimView{Claim: c, N: i + 1}
		if c.Start < 0 {
			d.HeadlineClaim = true
		}
		rec, err := s.st.Claim(ctx, c.ID)
		switch {
		case err == nil:
			cv.ActorID = rec.ActorID
			cv.DisputedBy = s.disputeLinks(ctx, rec.DisputedBy)
			cv.DisputesOf = s.disputeLinks(ctx, rec.Disputes)
		case errors.Is(err, store.ErrNotFound):
			cv.DisputesOf = s.disputeLinks(ctx, c.Disputes)
		default:
			s.pageError(w, r, err)
			return
		}
		d.Claims = append(d.Claims, cv)
	}
	d.Paras = layoutText(it.Item, d.Claims)
	title := "Item"
	if it.Headline != nil {
		title = *it.Headline
	} else if it.Dateline != nil && len(it.Dateline.Places) > 0 {
		title = "Brief from " + strings.Join(it.Dateline.Places, ", ")
	}
	s.render(w, r, http.StatusOK, "item", view{Title: title, Data: d})
}

// disputeLinks resolves claim ids to links; ids the store does not know are skipped.
func (s *Server) disputeLinks(ctx context.Context, ids []string) []disputeLink {
	var out []disputeLink
	for _, id := range ids {
		c, err := s.st.Claim(ctx, id)
		if err != nil {
			continue
		}
		out = append(out, disputeLink{ClaimID: c.ID, ItemID: c.ItemID, Speaker: c.Speaker, Content: c.Content})
	}
	return out
}

func (s *Server) pageActors(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	as, err := s.topActors(r.Context(), f, 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "actors", view{Title: "Actors", Nav: "actors", Data: as})
}

// chartData is the timeline as the chart script reads it: one series per category.
type chartData struct {
	Series []chartSeries `json:"series"`
}

type chartSeries struct {
	Category string       `json:"category"`
	Points   []chartPoint `json:"points"`
}

type chartPoint struct {
	T     int64    `json:"t"` // unix seconds
	V     *float64 `json:"v"`
	Low   *float64 `json:"low,omitempty"`
	High  *float64 `json:"high,omitempty"`
	Text  string   `json:"text"`
	Claim string   `json:"claim"`
}

type actorData struct {
	actorBody
	Chart  chartData
	Points int
}

func (s *Server) pageActor(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	b, err := s.actorData(r.Context(), r.PathValue("id"), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := actorData{actorBody: b}
	bycat := map[string]int{}
	for _, p := range b.Timeline {
		v := p.Value
		if v == nil && p.Low != nil && p.High != nil {
			mid := (*p.Low + *p.High) / 2 // a range is drawn at its middle
			v = &mid
		}
		if v == nil || math.IsNaN(*v) || math.IsInf(*v, 0) {
			continue
		}
		i, ok := bycat[p.Category]
		if !ok {
			i = len(d.Chart.Series)
			bycat[p.Category] = i
			d.Chart.Series = append(d.Chart.Series, chartSeries{Category: p.Category})
		}
		d.Chart.Series[i].Points = append(d.Chart.Series[i].Points,
			chartPoint{T: p.Time.Unix(), V: v, Low: p.Low, High: p.High, Text: p.Text, Claim: p.ClaimID})
		d.Points++
	}
	s.render(w, r, http.StatusOK, "actor", view{Title: b.Actor.Name, Nav: "actors", Query: filterQuery(r.URL.Query(), "actor", b.Actor.ID), Data: d})
}

type disputesData struct {
	Disputes []store.Dispute
	Next     string
}

func (s *Server) pageDisputes(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f.Limit = min(f.Limit, 100)
	ds, next, err := s.st.Disputes(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "disputes", view{Title: "Disputes", Nav: "disputes", Data: disputesData{Disputes: ds, Next: next}})
}

type pageData struct {
	Page  store.PageRecord
	Raw   string
	Items []store.ItemRecord
}

func (s *Server) pagePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.st.Page(ctx, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d := pageData{Page: p, Raw: strings.ToValidUTF8(string(p.Raw), "\uFFFD")}
	for _, id := range p.ItemIDs {
		it, err := s.st.Item(ctx, id)
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			s.pageError(w, r, err)
			return
		}
		d.Items = append(d.Items, it)
	}
	s.render(w, r, http.StatusOK, "page", view{Title: "Page " + path.Base(p.Source), Data: d})
}

// itemTitle is a short label for an item in lists.
func itemTitle(it store.ItemRecord) string {
	if it.Headline != nil && *it.Headline != "" {
		return *it.Headline
	}
	t := it.Text
	if len(t) > 110 {
		cut := strings.LastIndexByte(t[:110], ' ')
		if cut < 60 {
			cut = 110
		}
		for cut > 0 && !runeStart(t, cut) {
			cut--
		}
		t = t[:cut] + " …"
	}
	return t
}
