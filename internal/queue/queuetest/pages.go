// Package queuetest holds helpers for the scale-out tests and benchmarks: a
// generator of Dutch wire pages and NATS servers (single and clustered) run
// as subprocesses on free loopback ports.
package queuetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The templates are written for these tests, in the style of a Dutch wire
// page: headline, dateline, body, then a sidebar of briefs each glued to the
// age of the one before.
var (
	places = []string{"KYIV", "MOSKOU", "CHARKIV", "ODESA", "BELGOROD", "DNIPRO", "ZAPORIZJA", "LVIV", "BRUSSEL", "WARSCHAU"}
	agency = []string{"ANP", "ANP/RTR", "ANP/AFP", "ANP/DPA", "ANP/RTR/AFP"}
	actors = []struct{ speaker, role string }{
		{"Volodymyr Zelensky", "De Oekraïense president"},
		{"Dmitri Peskov", "Kremlinwoordvoerder"},
		{"Sergej Lavrov", "De Russische minister van Buitenlandse Zaken"},
		{"Oleksandr Syrsky", "Legerchef"},
		{"Mark Rutte", "NAVO-chef"},
		{"Kaja Kallas", "EU-buitenlandchef"},
		{"Vitali Klitsjko", "De burgemeester van Kyiv"},
		{"Andrzej Duda", "De Poolse president"},
	}
	ministries = []string{"Het Russische ministerie van Defensie", "De Oekraïense luchtmacht", "De Oekraïense generale staf", "Het Britse ministerie van Defensie"}
	numbers    = []string{"twaalf", "zeventien", "tientallen", "honderden", "ruim 40", "zeker 23", "bijna 300", "1250", "drie", "acht"}
	nouns      = []struct{ noun, verb string }{
		{"drones", "neergeschoten"}, {"raketten", "onderschept"}, {"soldaten", "gedood"},
		{"burgers", "gewond geraakt"}, {"tanks", "vernietigd"}, {"gevangenen", "uitgewisseld"},
	}
	subjects = []string{"de energievoorziening", "de graanexport", "de onderhandelingen", "de mobilisatie", "de luchtverdediging", "de wederopbouw"}
	ages     = []string{"4 minuten geleden", "11 minuten geleden", "27 minuten geleden", "45 minuten geleden", "1 uur geleden", "2 uur geleden", "3 uur geleden"}
)

// Generator makes deterministic pages from a seed.
type Generator struct {
	r      *rand.Rand
	briefs []string
}

// NewGenerator returns a generator; the same seed gives the same pages.
// Briefs come from a pool, so the same brief appears on several pages.
func NewGenerator(seed uint64) *Generator {
	g := &Generator{r: rand.New(rand.NewPCG(seed, seed^0x5eed))}
	for i := 0; i < 40; i++ {
		g.briefs = append(g.briefs, g.brief(i))
	}
	return g
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

func (g *Generator) dateline() string {
	p := pick(g.r, places)
	if g.r.IntN(4) == 0 {
		p += "/" + pick(g.r, places)
	}
	return fmt.Sprintf("%s (%s) - ", p, pick(g.r, agency))
}

func (g *Generator) brief(i int) string {
	a := pick(g.r, actors)
	n := pick(g.r, nouns)
	switch i % 3 {
	case 0:
		return fmt.Sprintf("%s%s heeft %s gezegd dat er %s %s zijn %s. Volgens %s gaat het om de zwaarste aanval van de week (brief %d).",
			g.dateline(), a.speaker, pick(g.r, []string{"maandag", "dinsdag", "woensdag", "zaterdag"}), pick(g.r, numbers), n.noun, n.verb, a.speaker, i)
	case 1:
		return fmt.Sprintf("%s%s meldt dat %s %s %s heeft. Onafhankelijke bevestiging ontbreekt nog (brief %d).",
			g.dateline(), pick(g.r, ministries), pick(g.r, numbers), n.noun, n.verb, i)
	default:
		return fmt.Sprintf("%s%s ontkent dat %s is vastgelopen. \"Dat is niet waar\", aldus %s in een verklaring (brief %d).",
			g.dateline(), a.role, pick(g.r, subjects), a.speaker, i)
	}
}

// Page returns page number n (distinct text for every n).
func (g *Generator) Page(n int) []byte {
	a := pick(g.r, actors)
	b := pick(g.r, actors)
	nn := pick(g.r, nouns)
	subj := pick(g.r, subjects)
	var s strings.Builder
	fmt.Fprintf(&s, "%s: %s %s bij %s (bericht %d)\n", a.speaker, pick(g.r, numbers), nn.noun, title(pick(g.r, places)), n)
	fmt.Fprintf(&s, "%s%s zegt dat er in de afgelopen nacht %s %s zijn %s. %s sprak van een \"zware nacht\" voor het land.\n",
		g.dateline(), a.role+" "+a.speaker, pick(g.r, numbers), nn.noun, nn.verb, a.speaker)
	fmt.Fprintf(&s, "%s verklaarde volgens persbureau Interfax dat de cijfers overdreven zijn. Over %s werd niets gezegd.\n", b.speaker, subj)
	if g.r.IntN(2) == 0 {
		s.WriteString("Reactie\n")
	}
	fmt.Fprintf(&s, "Volgens waarnemers kan het nog %d dagen duren voordat %s weer op gang komt. Het is bericht nummer %d van vandaag.\n",
		2+g.r.IntN(20), subj, n)
	s.WriteString("Meer uit Buitenland\n")
	k := 3 + g.r.IntN(3)
	order := g.r.Perm(len(g.briefs)) // distinct briefs on one page
	for i := 0; i < k; i++ {
		if i > 0 {
			s.WriteString(ages[min(i-1, len(ages)-1)])
		}
		s.WriteString(g.briefs[order[i]])
		s.WriteByte('\n')
	}
	s.WriteString(ages[min(k-1, len(ages)-1)] + "\n")
	return []byte(s.String())
}

// title turns "KYIV" into "Kyiv".
func title(s string) string {
	r := []rune(strings.ToLower(s))
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}
