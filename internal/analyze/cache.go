package analyze

import (
	"encoding/json"
	"strings"
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

// cachedItem is kept encoded: a decoded copy shares nothing with earlier
// results (callers may change theirs), and the entry holds no substring of
// the page it came from (which would keep the whole page in memory).
type cachedItem struct {
	text string // a copy of the item text
	data []byte // JSON cachedAnalysis
}

type cachedAnalysis struct {
	Entities   []ner.Entity        `json:"e"`
	Quantities []quantity.Quantity `json:"q"`
	Claims     []claim.Claim       `json:"c"`
}

func newCachedItem(text string, it *Item) (*cachedItem, error) {
	b, err := json.Marshal(cachedAnalysis{it.Entities, it.Quantities, it.Claims})
	if err != nil {
		return nil, err
	}
	return &cachedItem{text: strings.Clone(text), data: b}, nil
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

// fill decodes the cached analysis into out.
func (v *cachedItem) fill(out *Item) bool {
	var a cachedAnalysis
	if err := json.Unmarshal(v.data, &a); err != nil {
		return false
	}
	out.Entities, out.Quantities, out.Claims = a.Entities, a.Quantities, a.Claims
	return true
}
