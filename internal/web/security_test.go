package web

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestHostilePageIsEscaped stores pages with script, attribute injection and
// javascript: URLs in headline, body, speaker, actor, places and source (both
// through the analyser and as a hand-made analysis), then fetches every route
// and checks that none of it comes out as live markup.
func TestHostilePageIsEscaped(t *testing.T) {
	fx := newFixture(t)
	hc := decode[claimsBody](t, mustGet(t, fx, "/api/v1/claims?limit=500"))
	var actorIDs, claimIDs []string
	for _, c := range hc.Claims {
		if strings.Contains(c.Speaker, "<") || strings.Contains(c.Actor.Name, "<") {
			actorIDs = append(actorIDs, c.ActorID)
			claimIDs = append(claimIDs, c.ID)
		}
	}
	if len(actorIDs) == 0 {
		t.Fatal("no hostile claim in the store: the test would check nothing")
	}
	items := decode[itemsBody](t, mustGet(t, fx, "/api/v1/items?limit=500"))
	paths := []string{
		"/", "/search?q=script", "/search?q=alert", "/search?q=aanval", "/search?q=" + url.QueryEscape(`<script>`),
		"/actors", "/disputes", "/items/" + fx.hostileItemID, "/pages/" + fx.hostilePageID,
		"/search?q=aanval&place=" + url.QueryEscape(hostile[0]), "/nope/" + url.PathEscape(hostile[1]),
	}
	for _, id := range actorIDs {
		paths = append(paths, "/actors/"+url.PathEscape(id))
	}
	for _, it := range items.Items {
		paths = append(paths, "/items/"+url.PathEscape(it.ID))
		for _, s := range it.Sightings {
			paths = append(paths, "/pages/"+url.PathEscape(s.PageID))
		}
	}
	api := []string{"/api/v1/claims", "/api/v1/items", "/api/v1/actors", "/api/v1/disputes", "/api/v1/search?q=aanval",
		"/api/v1/timeline", "/api/v1/items/" + fx.hostileItemID}
	for _, id := range claimIDs {
		api = append(api, "/api/v1/claims/"+url.PathEscape(id))
	}

	sawHostile := false
	for _, p := range paths {
		res, body := fx.get(t, p)
		if res.StatusCode >= 500 {
			t.Errorf("%s: %d", p, res.StatusCode)
			continue
		}
		for _, m := range unescapedMarkers {
			if strings.Contains(body, m) {
				i := strings.Index(body, m)
				t.Errorf("%s: unescaped %q in …%s…", p, m, body[max(0, i-80):min(len(body), i+80)])
			}
		}
		if strings.Contains(body, "&lt;script&gt;") || strings.Contains(body, "&#34;&gt;&lt;img") {
			sawHostile = true
		}
		// Parse the page: no element may carry an event handler or a javascript: URL,
		// and every script must be one of ours.
		doc := parseHTML(t, body)
		for _, n := range find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=%q>", p, n.Data, a.Key, a.Val)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", p, n.Data, a.Key, a.Val)
				}
			}
			switch n.Data {
			case "script":
				if src := attr(n, "src"); src != "" && !strings.HasPrefix(src, "/static/") {
					t.Errorf("%s: foreign script %q", p, src)
				}
				if attr(n, "src") == "" && attr(n, "type") != "application/json" {
					t.Errorf("%s: inline script %q", p, textOf(n))
				}
			case "iframe", "img", "object", "embed":
				t.Errorf("%s: unexpected <%s>", p, n.Data)
			}
		}
	}
	if !sawHostile {
		t.Error("the hostile text was never shown (escaped): the pages did not render it at all")
	}
	// The store builds snippets itself; the page trusts them only after
	// safeSnippet's check, but the store must pass that check on its own.
	for _, q := range []string{"script", "alert", "aanval", "onmouseover"} {
		sr := decode[searchBody](t, mustGet(t, fx, "/api/v1/search?q="+q))
		if len(sr.Items) == 0 {
			t.Errorf("search %q found nothing", q)
		}
		for _, h := range sr.Items {
			if !snippetOK(h.Snippet) {
				t.Errorf("store snippet for %q is not escaped text + <mark>: %q", q, h.Snippet)
			}
		}
	}

	// Downloads carry raw text; they must not be renderable as a page.
	for _, p := range []string{"/api/v1/export?format=jsonl", "/api/v1/export?format=csv&what=items"} {
		res, _ := fx.get(t, p)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
			strings.Contains(res.Header.Get("Content-Type"), "html") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: %d %v", p, res.StatusCode, res.Header)
		}
	}
	for _, p := range api {
		res, body := fx.get(t, p)
		if res.StatusCode != 200 {
			t.Errorf("%s: %d", p, res.StatusCode)
			continue
		}
		// JSON is served as JSON, with < and > as \u003c so it is inert even if sniffed.
		if strings.Contains(body, "<script") || strings.Contains(body, "<img") {
			t.Errorf("%s: raw markup in JSON body", p)
		}
	}
}
