// Package analyze runs the whole analysis of one page: page parsing, Dutch NLP
// and claim extraction. Its Result is the JSON line of `wirewatch parse`.
package analyze

import (
	"fmt"
	"time"

	"wirewatch/internal/claim"
	"wirewatch/internal/nlp"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
)

// Version names the analysis; stored with every item so old analyses can be found and redone.
const Version = "0.1.0"

// Item is a page item with what the analysis found in it.
type Item struct {
	page.Item
	Entities   []ner.Entity        `json:"entities"`
	Quantities []quantity.Quantity `json:"quantities"`
	Claims     []claim.Claim       `json:"claims"`
}

// Result is the analysis of one page (one line of `wirewatch parse`).
type Result struct {
	Page  page.Page `json:"page"`
	Items []Item    `json:"items,omitempty"`
	Error string    `json:"error,omitempty"`
}

// Analyzer holds the loaded models. It is safe for concurrent use.
type Analyzer struct {
	tagger ner.Tagger
	claims *claim.Extractor
	cache  *itemCache
}

// cacheItems is how many recently analysed items an Analyzer remembers (per
// generation); a site's sidebar holds a few dozen.
const cacheItems = 2048

// New loads the models.
func New() (*Analyzer, error) {
	t, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("load NER model: %w", err)
	}
	c, err := claim.NewExtractor()
	if err != nil {
		return nil, fmt.Errorf("load actor table: %w", err)
	}
	return &Analyzer{tagger: t, claims: c, cache: newItemCache(cacheItems)}, nil
}

// WithExtractor replaces the claim extractor (for a user actor file).
func (a *Analyzer) WithExtractor(e *claim.Extractor) *Analyzer {
	b := *a
	b.claims = e
	b.cache = newItemCache(cacheItems) // other actors, other claims
	return &b
}

// WithoutCache returns an analyser that analyses every item afresh
// (benchmarks of the analysis itself).
func (a *Analyzer) WithoutCache() *Analyzer {
	b := *a
	b.cache = nil
	return &b
}

// Page analyses one page. A page that cannot be parsed gives a Result with Error set
// and a non-nil error; the Page header is filled as far as known.
func (a *Analyzer) Page(source string, raw []byte, capturedAt *time.Time) (Result, error) {
	p, items, err := page.Parse(source, raw, capturedAt)
	if err != nil {
		err = fmt.Errorf("%s: %w", source, err)
		return Result{Page: p, Error: err.Error()}, err
	}
	res := Result{Page: p, Items: make([]Item, 0, len(items))}
	all := make([][]claim.Claim, len(items))
	for i, it := range items {
		out := a.Item(it)
		res.Items = append(res.Items, out)
		all[i] = out.Claims
	}
	a.claims.LinkDisputes(all)
	for i := range res.Items {
		res.Items[i].Claims = all[i]
	}
	return res, nil
}

// Item analyses one item without dispute linking across the page.
func (a *Analyzer) Item(it page.Item) Item {
	out := Item{Item: it}
	headline := ""
	if it.Headline != nil {
		headline = *it.Headline
	}
	key := cacheKey(it.ID, headline)
	if c, ok := a.cache.get(key, it.Text); !ok || !c.fill(&out) {
		sents := nlp.Sentences(it.Text)
		out.Entities = a.tagger.Entities(it.Text, sents)
		out.Quantities = quantity.Extract(it.Text, sents)
		out.Claims = a.claims.Extract(claim.Input{
			ItemID: it.ID, Headline: headline, Text: it.Text, Sentences: sents,
			Entities: out.Entities, Quantities: out.Quantities,
		})
		if c, err := newCachedItem(it.Text, &out); err == nil {
			a.cache.put(key, c)
		}
	}
	if out.Entities == nil {
		out.Entities = []ner.Entity{}
	}
	if out.Quantities == nil {
		out.Quantities = []quantity.Quantity{}
	}
	if out.Claims == nil {
		out.Claims = []claim.Claim{}
	}
	if out.Subheadings == nil {
		out.Subheadings = []string{}
	}
	return out
}
