// Package corpus generates realistic, varied Dutch wire pages for tests and
// benchmarks: a lead article and sidebar briefs built from sentence templates
// with random actors, places and numbers. Every page comes both as raw text
// (for the full pipeline) and as a ready analyze.Result whose claims follow
// from the templates (for store tests and benchmarks that should not depend
// on the analysis). Output is deterministic for a seed and page number.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"wirewatch/internal/analyze"
	"wirewatch/internal/claim"
	"wirewatch/internal/nlp/ner"
	"wirewatch/internal/nlp/quantity"
	"wirewatch/internal/page"
)

// Actor is a generated speaker.
type Actor struct {
	Name, Type, Country string
	Role                string // for persons
}

// Actors are the speakers the generator uses (invented persons, generic institutions).
var Actors = []Actor{
	{"Oekraïens leger", "military", "UA", ""},
	{"Russisch ministerie van Defensie", "government", "RU", ""},
	{"Kremlin", "government", "RU", ""},
	{"Israëlisch leger", "military", "IL", ""},
	{"Hamas", "group", "", ""},
	{"Verenigde Naties", "organization", "", ""},
	{"Rode Kruis", "organization", "", ""},
	{"NAVO", "organization", "", ""},
	{"Pavel Orlov", "person", "RU", "minister"},
	{"Anna Kovalenko", "person", "UA", "gouverneur"},
	{"Jeroen de Wit", "person", "NL", "minister"},
	{"Miriam Haddad", "person", "LB", "woordvoerder"},
	{"Yusuf Demir", "person", "TR", "president"},
	{"Elena Morozova", "person", "RU", "woordvoerder"},
	{"Tomas Varga", "person", "HU", "premier"},
	{"Syrisch Observatorium voor de Mensenrechten", "organization", "", ""},
}

// Places are datelines and claim places.
var Places = []string{
	"KIEV", "CHARKOV", "ODESSA", "MOSKOU", "GAZA", "RAFAH", "BEIROET", "DAMASCUS", "BAGDAD", "TEHERAN",
	"WASHINGTON", "BRUSSEL", "DEN HAAG", "JERUZALEM", "ALEPPO", "ANKARA", "BOEDAPEST", "GENÈVE",
}

var agencies = [][]string{{"ANP"}, {"ANP", "AFP"}, {"ANP", "RTR"}, {"ANP", "DPA"}, {"ANP", "AFP", "RTR"}, {"ANP", "AP"}}

var sections = []string{"Buitenland", "Buitenland", "Buitenland", "Politiek", "Economie"}

// counted are the nouns a claim's figure counts, per quantity category.
var counted = []struct{ cat, noun, verb string }{
	{quantity.Killed, "burgers", "zijn omgekomen"},
	{quantity.Killed, "soldaten", "zijn gedood"},
	{quantity.Wounded, "mensen", "raakten gewond"},
	{quantity.Captured, "militairen", "zijn gevangengenomen"},
	{quantity.Fled, "inwoners", "zijn gevlucht"},
	{quantity.Soldiers, "extra troepen", "worden naar het front gestuurd"},
	{quantity.Executions, "gevangenen", "zijn geëxecuteerd"},
}

var events = []string{
	"een aanval met drones", "een raketaanval", "beschietingen", "een luchtaanval", "gevechten",
	"een bombardement", "een grondoffensief", "een aanslag",
}

var fillers = []string{
	"De situatie in de regio blijft gespannen.",
	"Er wordt al weken hevig gevochten om de stad.",
	"Onafhankelijke bevestiging van de cijfers is niet mogelijk.",
	"Hulporganisaties waarschuwen voor een humanitaire ramp.",
	"Het overleg over een wapenstilstand ligt stil.",
	"De internationale gemeenschap roept beide partijen op tot terughoudendheid.",
	"Volgens waarnemers is de toon van het conflict verhard.",
	"De stroomvoorziening in grote delen van het land is uitgevallen.",
	"Diplomaten spreken van een gevaarlijke escalatie.",
	"Eerder deze week werden ook doelen in het oosten getroffen.",
}

var headlines = []string{
	"Zware verliezen bij %s", "%s: opnieuw doden na aanval", "Onrust in %s houdt aan", "Nieuwe beschietingen rond %s",
	"Spanning rond %s loopt op", "Hulp voor %s komt moeizaam op gang", "Ontkenning na aanval op %s",
}

// Generator makes pages. It is not safe for concurrent use of one page
// number's randomness across goroutines, but Page may be called concurrently.
type Generator struct {
	seed uint64
	base time.Time
	// BriefsPerPage is how many briefs a page carries; briefs overlap between
	// neighbouring pages so the same item is seen on several pages.
	BriefsPerPage int
}

// New returns a generator whose pages are captured from base on, one every 7 minutes.
func New(seed uint64, base time.Time) *Generator {
	return &Generator{seed: seed, base: base, BriefsPerPage: 6}
}

// Doc is one generated page.
type Doc struct {
	Source     string
	Raw        []byte
	CapturedAt time.Time
	Result     analyze.Result
}

type sentence struct {
	text  string
	claim *claim.Claim // nil for filler
	qty   *quantity.Quantity
}

// Page generates page i.
func (g *Generator) Page(i int) Doc {
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)*2+1))
	at := g.base.Add(time.Duration(i) * 7 * time.Minute).UTC()
	place := Places[rng.IntN(len(Places))]
	art := g.item(rng, fmt.Sprintf("a%d", i), place, true, at.Add(-time.Duration(rng.IntN(90))*time.Minute))
	items := []analyze.Item{art}
	var raw strings.Builder
	raw.WriteString(*art.Headline + "\n")
	writeBody(&raw, art)
	raw.WriteString("Meer over " + art.Section + "\n")
	for k := range g.BriefsPerPage {
		// Brief b appears on pages b/2 … b/2+BriefsPerPage/2: neighbours share briefs.
		b := i*2 + k
		brng := rand.New(rand.NewPCG(g.seed^0x9e3779b97f4a7c15, uint64(b)))
		bt := g.base.Add(time.Duration(b) * 7 * time.Minute / 2)
		br := g.item(brng, fmt.Sprintf("b%d", b), Places[brng.IntN(len(Places))], false, bt)
		items = append(items, br)
		mins := int(at.Sub(bt).Minutes())
		if mins < 1 {
			mins = 1
		}
		fmt.Fprintf(&raw, "%d minuten geleden", mins)
		writeBody(&raw, br)
	}
	for n := range items {
		items[n].N = n
	}
	body := []byte(raw.String())
	sum := sha256.Sum256(body)
	src := fmt.Sprintf("gen/%05d_%s.txt", i, hex.EncodeToString(sum[:4]))
	return Doc{
		Source: src, Raw: body, CapturedAt: at,
		Result: analyze.Result{
			Page:  page.Page{ID: hex.EncodeToString(sum[:]), Source: src, Format: page.FormatText, CapturedAt: &at, Raw: body},
			Items: items,
		},
	}
}

func writeBody(b *strings.Builder, it analyze.Item) {
	dl := it.Dateline
	b.WriteString(strings.Join(dl.Places, "/") + " (" + strings.Join(dl.Agencies, "/") + ") - ")
	b.WriteString(strings.ReplaceAll(it.Text, "\n", "\n"))
	b.WriteString("\n")
}

// item builds one item with its sentences, quantities and claims.
func (g *Generator) item(rng *rand.Rand, key, place string, article bool, published time.Time) analyze.Item {
	n := 2 + rng.IntN(2)
	if article {
		n = 5 + rng.IntN(6)
	}
	var sents []sentence
	for range n {
		if rng.IntN(3) == 0 {
			sents = append(sents, sentence{text: fillers[rng.IntN(len(fillers))]})
		} else {
			sents = append(sents, g.claimSentence(rng, place))
		}
	}
	// Text: sentences in paragraphs of two.
	var text strings.Builder
	var claims []claim.Claim
	var qs []quantity.Quantity
	var ents []ner.Entity
	for k, s := range sents {
		if k > 0 {
			if k%2 == 0 {
				text.WriteString("\n")
			} else {
				text.WriteString(" ")
			}
		}
		start := text.Len()
		text.WriteString(s.text)
		end := text.Len()
		if s.qty != nil {
			q := *s.qty
			if off := strings.Index(s.text, q.Text); off >= 0 {
				q.Start, q.End = start+off, start+off+len(q.Text)
			}
			qs = append(qs, q)
		}
		if s.claim != nil {
			c := *s.claim
			c.Start, c.End = start, end
			if off := strings.Index(s.text, c.Speaker); off >= 0 {
				ents = append(ents, ner.Entity{Text: c.Speaker, Type: entType(c.Actor.Type), Start: start + off, End: start + off + len(c.Speaker)})
			}
			claims = append(claims, c)
		}
	}
	dl := &page.Dateline{Places: []string{place}, Agencies: agencies[rng.IntN(len(agencies))]}
	body := text.String()
	sum := sha256.Sum256([]byte(strings.Join(dl.Places, "/") + "\x00" + body))
	id := hex.EncodeToString(sum[:16])
	for k := range claims {
		cs := sha256.Sum256(fmt.Appendf(nil, "%s:%d:%d", id, claims[k].Start, claims[k].End))
		claims[k].ID = hex.EncodeToString(cs[:12])
	}
	// Denials on the page dispute the page's earlier claims by their target.
	for k := range claims {
		if claims[k].Stance != "deny" {
			continue
		}
		for j := range k {
			if claims[j].Stance == "assert" && strings.EqualFold(claims[j].Actor.Name, claims[k].Target) {
				claims[k].Disputes = append(claims[k].Disputes, claims[j].ID)
			}
		}
	}
	it := analyze.Item{
		Item: page.Item{
			ID: id, Kind: page.KindBrief, Dateline: dl, Section: sections[rng.IntN(len(sections))],
			Subheadings: []string{}, Text: body, Paragraphs: strings.Split(body, "\n"),
		},
		Entities: nonNil(ents), Quantities: nonNil(qs), Claims: nonNil(claims),
	}
	if article {
		h := fmt.Sprintf(headlines[rng.IntN(len(headlines))], titleCase(place))
		it.Kind, it.Headline = page.KindArticle, &h
		p := published.UTC()
		it.PublishedAt = &p
	} else {
		age := "enkele minuten geleden"
		it.Age = &age
	}
	return it
}

func (g *Generator) claimSentence(rng *rand.Rand, place string) sentence {
	a := Actors[rng.IntN(len(Actors))]
	speaker := a.Name
	if a.Role != "" && rng.IntN(2) == 0 {
		speaker = a.Role + " " + a.Name
	}
	ct := counted[rng.IntN(len(counted))]
	v := float64(1 + rng.IntN(400))
	if rng.IntN(5) == 0 {
		v *= 100
	}
	num := fmt.Sprintf("%.0f", v)
	ev := events[rng.IntN(len(events))]
	where := titleCase(Places[rng.IntN(len(Places))])
	c := claim.Claim{
		Speaker: speaker, Actor: claim.Actor{Name: a.Name, Type: a.Type}, Mode: "indirect", Stance: "assert",
		Disputes: []string{}, Places: []string{where},
	}
	if a.Country != "" {
		country := a.Country
		c.Actor.Country = &country
	}
	if a.Role != "" {
		c.Actor.Roles = []string{a.Role}
	}
	q := &quantity.Quantity{Text: num + " " + ct.noun, Value: &v, Unit: ct.noun, Category: ct.cat}
	var text string
	// Denials are rarer than assertions, as on the wire.
	k := rng.IntN(12)
	switch {
	case k < 3:
		c.Cue = "zegt"
		c.Content = fmt.Sprintf("bij %s op %s %s %s %s", ev, where, num, ct.noun, ct.verb)
		text = fmt.Sprintf("%s zegt dat %s.", capitalize(speaker), c.Content)
	case k < 6:
		c.Cue = "volgens"
		c.Content = fmt.Sprintf("%s %s %s bij %s in %s", num, ct.noun, ct.verb, ev, where)
		text = fmt.Sprintf("Volgens %s %s.", speaker, c.Content)
	case k < 8:
		c.Mode, c.Cue = "direct", "zei"
		c.Content = fmt.Sprintf("Bij %s in %s %s %s %s", ev, where, ct.verb, num, ct.noun)
		text = fmt.Sprintf("\"%s\", zei %s.", c.Content, speaker)
	case k == 8:
		t := Actors[rng.IntN(len(Actors))]
		c.Stance, c.Cue, c.Target = "deny", "ontkent", t.Name
		c.Content = fmt.Sprintf("er bij %s in %s %s %s %s", ev, where, num, ct.noun, ct.verb)
		text = fmt.Sprintf("%s ontkent de bewering van %s dat %s.", capitalize(speaker), t.Name, c.Content)
	default:
		c.Cue = "meldt"
		c.Content = fmt.Sprintf("%s %s %s na %s", num, ct.noun, ct.verb, ev)
		text = fmt.Sprintf("%s meldt dat %s.", capitalize(speaker), c.Content)
	}
	c.Sentence = text
	c.Quantities = []quantity.Quantity{*q}
	return sentence{text: text, claim: &c, qty: q}
}

func entType(actorType string) string {
	switch actorType {
	case "person":
		return "PER"
	default:
		return "ORG"
	}
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = capitalize(w)
	}
	return strings.Join(words, " ")
}

func capitalize(s string) string {
	for i := range s {
		if i > 0 {
			return strings.ToUpper(s[:i]) + s[i:]
		}
	}
	return strings.ToUpper(s)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
