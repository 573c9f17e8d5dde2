package analyze

import (
	"slices"
	"sync"

	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/nlp/quantity"
)

// itemCache remembers the analysis of recently seen items. News sites print
// the same sidebar briefs on every page for hours, so most items of a crawl
// were analysed a moment ago; an item's analysis depends only on its headline
// and text, which the key and the stored text pin down. Two generations of at
// most size entries each: when the current one fills, the older is dropped.
type itemCache struct {
	mu        sync.Mutex
	size      int
	cur, prev map[string]*cachedItem
}

type cachedItem struct {
	text       string
	entities   []ner.Entity
	quantities []quantity.Quantity
	claims     []claim.Claim
}

func newItemCache(size int) *itemCache {
	return &itemCache{size: size, cur: map[string]*cachedItem{}}
}

func cacheKey(id, headline string) string { return id + "\x00" + headline }

func (c *itemCache) get(key, text string) (*cachedItem, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.cur[key]
	if !ok {
		if v, ok = c.prev[key]; ok {
			c.putLocked(key, v)
		}
	}
	if !ok || v.text != text {
		return nil, false
	}
	return v, true
}

func (c *itemCache) put(key string, v *cachedItem) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(key, v)
}

func (c *itemCache) putLocked(key string, v *cachedItem) {
	if len(c.cur) >= c.size {
		c.prev, c.cur = c.cur, make(map[string]*cachedItem, c.size)
	}
	c.cur[key] = v
}

// fill copies the cached analysis into out. Callers (dispute linking, JSON
// encoding, the store) may append to a claim's Disputes, so claims and their
// Disputes are copied; the other slices are read-only downstream but copied
// too so that no caller can change what the next page gets.
func (v *cachedItem) fill(out *Item) {
	out.Entities = slices.Clone(v.entities)
	out.Quantities = slices.Clone(v.quantities)
	out.Claims = cloneClaims(v.claims)
}

func cloneClaims(cs []claim.Claim) []claim.Claim {
	out := slices.Clone(cs)
	for i := range out {
		out[i].Disputes = slices.Clone(out[i].Disputes)
		out[i].Quantities = slices.Clone(out[i].Quantities)
		out[i].Places = slices.Clone(out[i].Places)
		out[i].Actor.Roles = slices.Clone(out[i].Actor.Roles)
	}
	return out
}
