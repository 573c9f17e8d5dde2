package claim

import (
	"strings"

	"wirewatch/internal/nlp/ner"
)

// mention is a named actor seen in the item, used to resolve pronouns, surnames
// and bare titles ("de minister") to the full name.
type mention struct {
	actor Actor
	role  string // role key ("minister van defensie", "president")
	pos   int    // byte offset in the item text (-1 for the headline)
}

// itemCtx holds what resolution needs while one item is processed.
type itemCtx struct {
	ents     []ner.Entity // from the tagger; may be empty
	text     string
	mentions []mention
	speakers []Actor // speakers of the claims found so far, in order
}

// roleKey reduces a title to its head and portfolio: "Oekraïense minister van
// Defensie" → "minister van defensie", "Russische defensieminister" → "defensieminister".
func (e *Extractor) roleKey(ts []tok, p np) string {
	if p.head < 0 {
		return ""
	}
	end := p.head + 1
	if p.nameA > p.head {
		end = p.nameA
	} else if p.nameA < 0 {
		end = p.j
		if p.vanSub != nil {
			end = p.vanSub.i - 1
		}
	}
	var b strings.Builder
	for k := p.head; k < end && k < len(ts); k++ {
		if ts[k].kind != 'w' {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		low := ts[k].low
		if i := strings.LastIndexByte(low, '-'); i >= 0 && k == p.head {
			low = low[i+1:]
		}
		b.WriteString(low)
	}
	return b.String()
}

func rolesMatch(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return a == b || strings.HasSuffix(a, b) || strings.HasSuffix(b, a) ||
		strings.HasPrefix(a, b+" ") || strings.HasPrefix(b, a+" ")
}

// countryOfNP finds a country in an NP's modifiers or van-phrase.
func (e *Extractor) countryOfNP(ts []tok, p np) string {
	if p.cc != "" {
		return p.cc
	}
	end := p.j
	if p.head >= 0 {
		end = p.head
	} else if p.nameA >= 0 {
		end = p.nameA
	}
	for k := p.ci; k < end && k < len(ts); k++ {
		if c, ok := e.tbl.adjs[ts[k].low]; ok {
			return c.code
		}
		// "EU-buitenlandchef", "VN-mensenrechtenchef", "NAVO-topman"
	}
	if p.head >= 0 {
		low := ts[p.head].low
		if i := strings.IndexByte(low, '-'); i > 0 {
			if a, ok := e.tbl.actors[low[:i]]; ok && a.country != "" {
				return a.country
			}
			if c, ok := e.tbl.countries[low[:i]]; ok {
				return c.code
			}
		}
	}
	if p.vanSub != nil {
		a := e.actorOfNP(nil, ts, *p.vanSub)
		if a.Country != nil {
			return *a.Country
		}
	}
	// "ministerie in Moskou", "bestuurder in Hongkong".
	for k := p.ci; k < p.j && k < len(ts); k++ {
		if k > 0 && ts[k-1].is("in") {
			if c, ok := e.tbl.countries[ts[k].low]; ok {
				return c.code
			}
			if c, ok := e.tbl.metonyms[ts[k].low]; ok {
				return c.code
			}
		}
	}
	return ""
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// actorOfNP normalises the actor an NP names. ctx may be nil (no item context).
func (e *Extractor) actorOfNP(ctx *itemCtx, ts []tok, p np) Actor {
	country := e.countryOfNP(ts, p)
	role := e.roleKey(ts, p)
	if p.nameA >= 0 {
		nm := joinToks(ts, p.nameA, p.nameB)
		low := strings.ToLower(nm)
		if a, ok := e.tbl.actors[low]; ok {
			out := Actor{Name: a.name, Type: a.typ, Country: strp(a.country), Roles: a.roles}
			if role != "" && p.titled {
				out.Roles = appendRole(out.Roles, joinToks(ts, p.ci, p.nameA))
			}
			return out
		}
		if c, ok := e.tbl.countries[low]; ok && (p.head < 0 || p.headTyp != "person") {
			return Actor{Name: c.name, Type: "country", Country: strp(c.code)}
		}
		if c, ok := e.tbl.metonyms[low]; ok && p.head < 0 {
			return Actor{Name: nm, Type: "government", Country: strp(c.code)}
		}
		if c, ok := e.tbl.demonyms[low]; ok && p.head < 0 {
			return Actor{Name: nm, Type: "country", Country: strp(c.code)}
		}
		// A surname or first mention seen earlier in the item.
		if ctx != nil {
			if m, ok := ctx.bySurname(low); ok {
				if m.Country == nil && country != "" {
					m.Country = strp(country)
				}
				return m
			}
		}
		if ctx != nil && p.head < 0 {
			switch ctx.entType(ts[p.nameA].start, ts[p.nameB-1].end, nm) {
			case "PER":
				return Actor{Name: nm, Type: "person", Country: strp(country)}
			case "ORG":
				typ := "organization"
				if nameKind(ts, p.nameA, p.nameB) == "media" {
					typ = "media"
				}
				return Actor{Name: nm, Type: typ, Country: strp(country)}
			}
		}
		// A name after a role noun is a person ("woordvoerder Esmaeil Baqaei"); after
		// an institution noun it is that institution ("de krant De Telegraaf").
		typ := "person"
		switch {
		case p.head >= 0 && (p.headTyp == "media" || p.headTyp == "organization" || p.headTyp == "group" || p.headTyp == "military"):
			typ = p.headTyp
		case nameKind(ts, p.nameA, p.nameB) != "":
			typ = nameKind(ts, p.nameA, p.nameB)
		case p.head < 0 && !strings.Contains(nm, " "):
			typ = "unknown"
		}
		a := Actor{Name: nm, Type: typ, Country: strp(country)}
		if p.head >= 0 {
			a.Roles = []string{joinToks(ts, p.ci, p.nameA)}
		}
		return a
	}
	// No name: a title, an institution or a generic source.
	content := joinToks(ts, p.ci, p.j)
	low := strings.ToLower(content)
	if a, ok := e.tbl.actors[low]; ok {
		return Actor{Name: a.name, Type: a.typ, Country: strp(a.country), Roles: a.roles}
	}
	typ := p.headTyp
	switch typ {
	case "person":
		typ = "government" // unnamed officials speak for a government
	case "":
		typ = "unknown" // "de historicus"
	}
	if p.vanSub != nil && country == "" {
		sub := e.actorOfNP(ctx, ts, *p.vanSub)
		if sub.Type == "organization" || sub.Type == "person" && sub.Country != nil && len(*sub.Country) > 2 {
			typ = "organization"
		}
	}
	a := Actor{Name: content, Type: typ, Country: strp(country)}
	if p.headTyp == "person" && ctx != nil {
		pos := -1
		if p.ci < len(ts) {
			pos = ts[p.ci].start
		}
		if m, ok := ctx.byRole(role, country, pos); ok {
			return m
		}
	}
	if p.headTyp == "person" || strings.HasSuffix(low, "woordvoerder") {
		a.Roles = []string{content}
	}
	return a
}

func appendRole(rs []string, r string) []string {
	r = strings.TrimSpace(r)
	if r == "" {
		return rs
	}
	for _, x := range rs {
		if strings.EqualFold(x, r) {
			return rs
		}
	}
	out := make([]string, 0, len(rs)+1)
	out = append(out, rs...)
	return append(out, r)
}

// joinToks joins the words of ts[a:b] with single spaces.
func joinToks(ts []tok, a, b int) string {
	if a < 0 || b > len(ts) || a >= b {
		return ""
	}
	if b-a == 1 {
		return ts[a].text
	}
	var sb strings.Builder
	for k := a; k < b; k++ {
		if ts[k].kind == 'p' && ts[k].text != "&" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(ts[k].text)
	}
	return sb.String()
}

// bySurname finds an earlier mention whose name ends with (or is) the given name.
func (c *itemCtx) bySurname(low string) (Actor, bool) {
	for i := len(c.mentions) - 1; i >= 0; i-- {
		m := c.mentions[i]
		if m.actor.Type != "person" {
			continue
		}
		n := strings.ToLower(m.actor.Name)
		if n == low || strings.HasSuffix(n, " "+low) {
			return m.actor, true
		}
	}
	return Actor{}, false
}

// byRole finds a named person in the item whose title matches role, preferring
// the latest mention; countries must agree when both are known.
func (c *itemCtx) byRole(role, country string, pos int) (Actor, bool) {
	if role == "" {
		return Actor{}, false
	}
	// Latest mention before pos first, then the first one after it.
	order := make([]int, 0, len(c.mentions))
	for i := len(c.mentions) - 1; i >= 0; i-- {
		if c.mentions[i].pos <= pos {
			order = append(order, i)
		}
	}
	for i := range c.mentions {
		if c.mentions[i].pos > pos {
			order = append(order, i)
		}
	}
	for _, i := range order {
		m := c.mentions[i]
		if m.actor.Type != "person" {
			continue
		}
		if country != "" && m.actor.Country != nil && *m.actor.Country != country {
			continue
		}
		if rolesMatch(m.role, role) {
			return m.actor, true
		}
		for _, r := range m.actor.Roles {
			if rolesMatch(strings.ToLower(r), role) {
				return m.actor, true
			}
		}
	}
	return Actor{}, false
}

// nameKind guesses organisations and media from words in a name
// ("Nederlandsche Bank", "Kyiv Independent Times").
func nameKind(ts []tok, a, b int) string {
	if b-a < 2 {
		return ""
	}
	for k := a; k < b; k++ {
		low := ts[k].low
		if i := strings.LastIndexByte(low, '-'); i >= 0 {
			low = low[i+1:] // "Atoomenergie-agentschap"
		}
		if mediaWords[low] {
			return "media"
		}
		if orgWords[low] {
			return "organization"
		}
	}
	return ""
}

// entType is the tagger's type for the span [start,end) with text nm, or "".
func (c *itemCtx) entType(start, end int, nm string) string {
	for _, en := range c.ents {
		if en.Start <= start && en.End >= end && strings.Contains(en.Text, nm) {
			return en.Type
		}
	}
	return ""
}
