package claim

import "strings"

// np is a noun phrase naming a (possible) speaker, as token indices of a sentence.
type np struct {
	i, j    int  // whole phrase [i,j), determiner included
	ci      int  // content start (after the determiner)
	head    int  // index of the head noun, -1 when the phrase is only a name
	nameA   int  // names [nameA,nameB), -1 when none
	nameB   int  //
	titled  bool // names follow the head directly ("minister Sergej Sjojgoe")
	pron    bool // a pronoun ("hij", "ze", "die")
	vanSub  *np  // object of a "van" phrase ("woordvoerder van NAVO-topman Mark Rutte")
	headTyp string
	cc      string // country set from context ("De Duitse en Franse ministers, A en B")
}

// portfolios follow "minister(ie) van" as part of the title.
var portfolios = words(`defensie financiën justitie buitenlandse binnenlandse economische zaken
volksgezondheid onderwijs landbouw energie klimaat handel sociale asiel migratie infrastructuur
veiligheid`)

// adjective-like lower-case words that can precede a head ("hoogste", "anonieme").
func adjLike(low string) bool {
	return plainAdjectives[low] || strings.HasSuffix(low, "e") && len(low) > 3 && !strings.HasSuffix(low, "ie") ||
		strings.HasSuffix(low, "isch") && len(low) > 6 // uninflected before a neuter noun: "meteorologisch instituut"
}

// hyphenParticle reports an Arabic-style name with a lower-case particle:
// "al-Sharaa", "el-Sisi", "bin-Salman".
func hyphenParticle(w string) bool {
	i := strings.IndexByte(w, '-')
	if i < 1 || i > 4 || i+1 >= len(w) {
		return false
	}
	switch w[:i] {
	case "al", "el", "ad", "as", "ash", "at", "az", "bin", "ben", "abu", "abd":
		c := w[i+1]
		return c >= 'A' && c <= 'Z'
	}
	return false
}

// voorName reports how many tokens of a "voor" phrase inside a name or title
// follow at ts[j]: "Organisatie voor Migratie", "gezant voor Syrië",
// "Observatorium voor de Mensenrechten". 0 when none.
func voorName(ts []tok, j int) int {
	if j+1 >= len(ts) || !ts[j].is("voor") {
		return 0
	}
	k := j + 1
	if (ts[k].is("de") || ts[k].is("het")) && k+1 < len(ts) {
		k++
	}
	if ts[k].kind != 'w' || !ts[k].cap || npStop[ts[k].low] || frontAdverbs[ts[k].low] {
		return 0
	}
	// "organisatie voor Palestijnse vluchtelingen": an adjective takes its noun along.
	if strings.HasSuffix(ts[k].low, "e") && k+1 < len(ts) && ts[k+1].kind == 'w' && !ts[k+1].cap &&
		!npStop[ts[k+1].low] && !determiners[ts[k+1].low] && !cueVerbs[ts[k+1].low] && !auxVerbs[ts[k+1].low] {
		k++
	}
	return k + 1 - j
}

// participialModifier reports how many tokens a "door X geleide" modifier takes
// at ts[j] ("het door Hamas geleide ministerie"); 0 when none.
func participialModifier(ts []tok, j int) int {
	if !ts[j].is("door") {
		return 0
	}
	for m := j + 1; m < len(ts) && m <= j+4; m++ {
		if ts[m].kind != 'w' {
			return 0
		}
		if !ts[m].cap && strings.HasPrefix(ts[m].low, "ge") && adjLike(ts[m].low) && m+1 < len(ts) && ts[m+1].kind == 'w' {
			return m + 1 - j
		}
	}
	return 0
}

// parseNP reads a noun phrase starting at ts[i]. depth limits nested "van" phrases.
func (e *Extractor) parseNP(ts []tok, i, depth int) (np, bool) {
	p := np{i: i, head: -1, nameA: -1, nameB: -1}
	if i >= len(ts) || ts[i].kind != 'w' {
		return p, false
	}
	if pronouns[ts[i].low] {
		p.ci, p.j, p.pron = i, i+1, true
		return p, true
	}
	j := i
	nameDe := false
	if determiners[ts[j].low] && j+1 < len(ts) && ts[j+1].kind == 'w' {
		// "De Vries", "De Telegraaf": an article that belongs to a name, known or
		// capitalised inside a sentence ("zegt De Jager").
		nameDe = ts[j].cap && ts[j+1].cap && (e.knownName(ts[j].low+" "+ts[j+1].low) ||
			i > 0 && ts[i-1].kind == 'w' && (ts[j].low == "de" || ts[j].low == "den"))
		if !nameDe {
			j++
		}
	}
	p.ci = j
	tbl := e.tbl
	if j > i {
		j += participialModifier(ts, j)
	}
	for j < len(ts) {
		t := ts[j]
		if t.kind != 'w' {
			break
		}
		if w := voorName(ts, j); w > 0 && (p.head >= 0 || p.nameA >= 0) && p.vanSub == nil {
			named := p.nameA >= 0 && p.nameB == j
			j += w
			if named {
				p.nameB = j // part of the name: "Internationale Organisatie voor Migratie"
			}
			continue
		}
		if t.cap || hyphenParticle(t.text) {
			if p.nameA < 0 && p.head < 0 && !(nameDe && j == i) && (npStop[t.low] || frontAdverbs[t.low] || determiners[t.low]) {
				break // "Volgens", "Ook", "Toch" opening a sentence are no names
			}
			_, isAdj := tbl.adjs[t.low]
			if !isAdj && (strings.HasSuffix(t.low, "se") || strings.HasSuffix(t.low, "sche")) && j+1 < len(ts) && !ts[j+1].cap {
				isAdj = true // "Baltische staat", "Europese instellingen"
			}
			if !isAdj && j == 0 && adjLike(t.low) && j+1 < len(ts) && ts[j+1].kind == 'w' && !ts[j+1].cap &&
				!e.knownName(t.low) && !e.isPlace(t.low) {
				if _, noun := tbl.nounType(ts[j+1].low); noun {
					isAdj = true // sentence-initial "Lokale artsen", "Speciaal rapporteur"
				}
			}
			if isAdj && p.head < 0 && p.nameA < 0 && j+1 < len(ts) && ts[j+1].kind == 'w' && !npStop[ts[j+1].low] {
				j++
				continue
			}
			// "Duitse en Franse ministers": coordinated adjectives.
			if isAdj && p.head < 0 && p.nameA < 0 && j+2 < len(ts) && ts[j+1].is("en") {
				if _, ok := tbl.adjs[ts[j+2].low]; ok {
					j += 3
					continue
				}
			}
			if p.head < 0 && p.nameA < 0 {
				if typ, ok := tbl.nounType(t.low); ok && !e.knownName(t.low) {
					p.head, p.headTyp = j, typ
					j++
					continue
				}
			}
			if p.nameA < 0 {
				p.nameA = j
				p.titled = p.head >= 0 && j == p.head+1 || p.head >= 0 && ts[j-1].kind == 'w' && portfolios[ts[j-1].low]
			}
			j++
			p.nameB = j
			continue
		}
		low := t.low
		// Name particles inside a name: "Ursula von der Leyen", "Daniella van Laarhoven".
		// After a first name only, so "Mark Rutte van de VVD" stays two phrases.
		if p.nameA >= 0 && p.nameB == j && nameParticles[low] && j+1 < len(ts) && ts[j+1].kind == 'w' {
			k := j
			for k < len(ts) && k < j+3 && ts[k].kind == 'w' && !ts[k].cap && nameParticles[ts[k].low] {
				k++
			}
			if k < len(ts) && ts[k].cap && ts[k].kind == 'w' && (low != "van" && low != "de" && low != "den" ||
				p.nameB-p.nameA == 1 && !e.knownName(ts[k].low) && !e.isPlace(ts[k].low)) {
				j = k
				continue
			}
		}
		if low == "van" && (p.head >= 0 || p.nameA >= 0) && j+1 < len(ts) {
			// "minister van Defensie", "ministerie van Buitenlandse Zaken".
			if p.head >= 0 && p.nameA < 0 && ts[j+1].cap && portfolios[ts[j+1].low] {
				j += 2
				for j < len(ts) && ts[j].cap && portfolios[ts[j].low] {
					j++
				}
				continue
			}
			if depth < 2 && p.nameA < 0 {
				if sub, ok := e.parseNP(ts, j+1, depth+1); ok && !sub.pron {
					p.vanSub = &sub
					j = sub.j
				}
			}
			break
		}
		// "media als CBS en CNN"
		if low == "als" && p.head >= 0 && p.nameA < 0 && j+1 < len(ts) {
			k := j + 1
			for k < len(ts) && ts[k].kind == 'w' {
				switch {
				case ts[k].cap:
					k++
					continue
				case (ts[k].low == "en" || determiners[ts[k].low]) && k+1 < len(ts) && ts[k+1].kind == 'w' &&
					(ts[k+1].cap || determiners[ts[k+1].low] && k+2 < len(ts) && ts[k+2].cap):
					k++
					continue
				}
				break
			}
			if k > j+1 && ts[k-1].cap {
				j = k
			}
			break
		}
		// "bestuurder in Hongkong": a role tied to a place.
		if low == "in" && p.head >= 0 && p.nameA < 0 && j+1 < len(ts) && ts[j+1].cap && e.isPlace(ts[j+1].low) {
			j += 2
			break
		}
		if npStop[low] || determiners[low] || p.head >= 0 || p.nameA >= 0 || low == "van" {
			break // "van" is never a head: "een van de ziekenhuizen"
		}
		if typ, ok := tbl.nounType(low); ok {
			p.head, p.headTyp = j, typ
			j++
			continue
		}
		if reportNouns[low] || questionWords[low] {
			break
		}
		if j == p.ci && j+1 < len(ts) && ts[j+1].cap && ts[j+1].kind == 'w' && !frontAdverbs[ts[j+1].low] {
			// An unknown title before a name: "ondernemersvereniging VNO-NCW".
			p.head = j
			j++
			continue
		}
		if adjLike(low) && j+1 < len(ts) && ts[j+1].kind == 'w' && !npStop[ts[j+1].low] {
			j++
			continue
		}
		if j > p.ci || j > i {
			// An unknown noun after a determiner or modifier ("de schrijver").
			p.head = j
			j++
			continue
		}
		break
	}
	if j == p.ci || p.head < 0 && p.nameA < 0 {
		return p, false
	}
	p.j = j
	return p, true
}

// knownName reports whether a capitalised word is a known actor, country or place
// rather than a role noun ("Kremlin" is both).
func (e *Extractor) knownName(low string) bool {
	if _, ok := e.tbl.actors[low]; ok {
		return true
	}
	if _, ok := e.tbl.countries[low]; ok {
		return true
	}
	_, ok := e.tbl.metonyms[low]
	return ok
}

func (e *Extractor) isPlace(low string) bool {
	if _, ok := e.tbl.countries[low]; ok {
		return true
	}
	if e.tbl.places[low] {
		return true
	}
	_, ok := e.tbl.metonyms[low]
	return ok
}

// coordinated reads "X en Y" starting at i: the phrases, and the end.
func (e *Extractor) coordinated(ts []tok, i int) ([]np, int, bool) {
	first, ok := e.parseNP(ts, i, 0)
	if !ok {
		return nil, i, false
	}
	out := []np{first}
	j := first.j
	for j+1 < len(ts) && ts[j].is("en") {
		nxt, ok := e.parseNP(ts, j+1, 0)
		if !ok || nxt.pron {
			break
		}
		out = append(out, nxt)
		j = nxt.j
	}
	return out, j, true
}

// spanText is the text of tokens [a,b).
func spanText(text string, ts []tok, a, b int) string {
	if a < 0 || b <= a || b > len(ts) {
		return ""
	}
	return text[ts[a].start:ts[b-1].end]
}

// speakerSpan gives the token range that names the speaker: the names for a
// titled person ("Sergej Sjojgoe"), else the phrase without its determiner.
func (p np) speakerSpan() (int, int) {
	if p.titled && p.nameA >= 0 && p.nameB == p.j {
		return p.nameA, p.nameB
	}
	if p.head < 0 && p.nameA >= 0 && p.nameB == p.j {
		return p.nameA, p.nameB
	}
	return p.ci, p.j
}
