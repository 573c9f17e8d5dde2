package claim

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strings"
)

//go:embed actors.tsv
var shippedActors string

// actorEntry is one known actor of the alias table.
type actorEntry struct {
	name    string
	typ     string
	country string // "" = none
	roles   []string
}

// countryEntry is one country with its Dutch names, adjectives, demonyms and metonyms.
type countryEntry struct {
	code string
	name string // canonical Dutch name
}

// ActorTable maps aliases (lower-cased) to actors. It is read-only after loading.
type ActorTable struct {
	actors    map[string]*actorEntry   // alias → actor
	countries map[string]*countryEntry // country name → country
	adjs      map[string]*countryEntry // adjective → country ("russische")
	demonyms  map[string]*countryEntry // demonym → country ("britten")
	metonyms  map[string]*countryEntry // capital or seat → country ("moskou", "kremlin")
	nouns     map[string]string        // generic head noun → actor type
	places    map[string]bool          // other place names (cities, regions, seas)
	maxWords  int                      // longest alias in words
}

func newActorTable() *ActorTable {
	return &ActorTable{
		actors: map[string]*actorEntry{}, countries: map[string]*countryEntry{},
		adjs: map[string]*countryEntry{}, demonyms: map[string]*countryEntry{},
		metonyms: map[string]*countryEntry{}, nouns: map[string]string{}, places: map[string]bool{}, maxWords: 1,
	}
}

// LoadActors reads an actor file (the format of the shipped actors.tsv) from path.
func LoadActors(path string) (*ActorTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open actor file: %w", err)
	}
	defer f.Close()
	t := newActorTable()
	if err := t.read(strings.NewReader(shippedActors), "actors.tsv"); err != nil {
		return nil, err
	}
	if err := t.read(f, path); err != nil {
		return nil, err
	}
	return t, nil
}

// read adds the rows of r to t; later rows override earlier ones.
func (t *ActorTable) read(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		col := func(i int) string {
			if i < len(f) {
				return strings.TrimSpace(f[i])
			}
			return ""
		}
		switch col(0) {
		case "country":
			if len(f) < 3 || col(1) == "" || col(2) == "" {
				return fmt.Errorf("%s:%d: country needs CODE and names", name, line)
			}
			names := splitAlt(col(2))
			c := &countryEntry{code: col(1), name: names[0]}
			for _, n := range names {
				t.countries[lower(n)] = c
				t.noteWords(n)
			}
			for _, a := range splitAlt(col(3)) {
				t.adjs[lower(a)] = c
			}
			for _, d := range splitAlt(col(4)) {
				t.demonyms[lower(d)] = c
			}
			for _, m := range splitAlt(col(5)) {
				t.metonyms[lower(m)] = c
				t.noteWords(m)
			}
		case "actor":
			names := splitAlt(col(1))
			if len(names) == 0 {
				return fmt.Errorf("%s:%d: actor needs a name", name, line)
			}
			typ := col(2)
			if !validType(typ) {
				return fmt.Errorf("%s:%d: unknown actor type %q", name, line, typ)
			}
			cc := col(3)
			if cc == "-" {
				cc = ""
			}
			a := &actorEntry{name: names[0], typ: typ, country: cc, roles: splitAlt(col(4))}
			for _, n := range names {
				t.actors[lower(n)] = a
				t.noteWords(n)
			}
		case "place":
			for _, n := range splitAlt(col(1)) {
				t.places[lower(n)] = true
				t.noteWords(n)
			}
		case "noun":
			typ := col(2)
			if !validType(typ) {
				return fmt.Errorf("%s:%d: unknown actor type %q", name, line, typ)
			}
			for _, n := range splitAlt(col(1)) {
				t.nouns[lower(n)] = typ
			}
		default:
			return fmt.Errorf("%s:%d: unknown row kind %q", name, line, col(0))
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

func (t *ActorTable) noteWords(s string) {
	if n := len(strings.Fields(s)); n > t.maxWords {
		t.maxWords = n
	}
}

func validType(s string) bool {
	switch s {
	case "person", "government", "military", "media", "organization", "country", "group", "unknown":
		return true
	}
	return false
}

func splitAlt(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func lower(s string) string { return strings.ToLower(s) }

// nounType gives the type of a generic head noun, also for compounds that end in
// one ("defensieminister", "regeringswoordvoerder"). ok is false for other words.
func (t *ActorTable) nounType(w string) (string, bool) {
	lw := lower(w)
	if typ, ok := t.nouns[lw]; ok {
		return typ, true
	}
	// Compounds: "EU-buitenlandchef", "veiligheidsfunctionaris".
	if i := strings.LastIndexByte(lw, '-'); i >= 0 {
		if typ, ok := t.nouns[lw[i+1:]]; ok {
			return typ, true
		}
	}
	// Plurals: "premiers", "woordvoerders", "ministers".
	if strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "n") {
		if typ, ok := t.nouns[lw[:len(lw)-1]]; ok {
			return typ, true // "premiers", "getuigen"
		}
	}
	if strings.HasSuffix(lw, "en") && len(lw) > 5 {
		if typ, ok := t.nouns[lw[:len(lw)-2]]; ok {
			return typ, true // "artsen", "diplomaten"
		}
	}
	for k := 3; k+3 <= len(lw); k++ {
		if typ, ok := t.nouns[lw[k:]]; ok && len(lw)-k >= 4 {
			return typ, true
		}
	}
	return "", false
}
