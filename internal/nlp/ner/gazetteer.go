package ner

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Gazetteer entry types (bit pairs in tokInfo.gaz).
const (
	gazLOC = iota
	gazPER
	gazORG
	gazMISC
)

var gazTypeNames = [...]string{"LOC", "PER", "ORG", "MISC"}

// maxGazLen is the longest name, in tokens, that the gazetteer matches.
const maxGazLen = 5

// gazetteer maps lower-cased, space-joined token sequences to a type bit set.
type gazetteer struct {
	names map[string]uint8 // name -> 1<<type bits
}

func newGazetteer() *gazetteer { return &gazetteer{names: map[string]uint8{}} }

// add puts a name in, tokenised the way the tagger's input is (punctuation apart).
func (g *gazetteer) add(name string, typ int) {
	toks := simpleTokens(name)
	if len(toks) == 0 || len(toks) > maxGazLen {
		return
	}
	key := strings.ToLower(strings.Join(toks, " "))
	g.names[key] |= 1 << typ
}

// mark sets each token's gazetteer bits from longest matches that start with a
// capitalised token (so "van" or "goes" in running text never match a place).
func (g *gazetteer) mark(infos []tokInfo) {
	if len(g.names) == 0 {
		return
	}
	var sb strings.Builder
	for i := 0; i < len(infos); {
		if !infos[i].initCap {
			i++
			continue
		}
		best, bestTypes := 0, uint8(0)
		sb.Reset()
		for n := 1; n <= maxGazLen && i+n <= len(infos); n++ {
			if n > 1 {
				sb.WriteByte(' ')
			}
			sb.WriteString(infos[i+n-1].lower)
			if types, ok := g.names[sb.String()]; ok && infos[i+n-1].isPunct == false {
				best, bestTypes = n, types
			}
		}
		if best == 0 {
			i++
			continue
		}
		for typ := 0; typ < 4; typ++ {
			if bestTypes&(1<<typ) == 0 {
				continue
			}
			infos[i].gaz |= 1 << (2 * typ)
			for k := 1; k < best; k++ {
				infos[i+k].gaz |= 1 << (2*typ + 1)
			}
		}
		i += best
	}
}

// sortedNames lists the entries in a fixed order for encoding.
func (g *gazetteer) sortedNames() []string {
	out := make([]string, 0, len(g.names))
	for k := range g.names {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// LoadGazetteer reads countries_nl.tsv and cities/*.tsv under dir (the shared
// gazetteer-nl folder) and adds the hand-made list of current-conflict names.
func loadGazetteer(dir string) (*gazetteer, error) {
	g := newGazetteer()
	if err := readTSV(filepath.Join(dir, "countries_nl.tsv"), func(col map[string]string) {
		for _, n := range strings.Split(col["all_names_nl"], "|") {
			g.add(n, gazLOC)
		}
		g.add(col["name_nl"], gazLOC)
	}); err != nil {
		return nil, err
	}
	cities, err := filepath.Glob(filepath.Join(dir, "cities", "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("list cities in %s: %w", dir, err)
	}
	for _, p := range cities {
		if err := readTSV(p, func(col map[string]string) {
			g.add(col["name"], gazLOC)
			g.add(col["name_nl"], gazLOC)
		}); err != nil {
			return nil, err
		}
	}
	addHandNames(g)
	return g, nil
}

func readTSV(path string, row func(map[string]string)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open gazetteer %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var header []string
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = fields
			continue
		}
		col := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(fields) {
				col[h] = strings.TrimSpace(fields[i])
			}
		}
		row(col)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read gazetteer %s: %w", path, err)
	}
	return nil
}

// addHandNames adds names from current conflicts that the GeoNames list lacks or
// spells the old way, in the spellings Dutch news uses.
func addHandNames(g *gazetteer) {
	for _, n := range handLOC {
		g.add(n, gazLOC)
	}
	for _, n := range handPER {
		g.add(n, gazPER)
	}
	for _, n := range handORG {
		g.add(n, gazORG)
	}
	for _, n := range handMISC {
		g.add(n, gazMISC)
	}
}

var handLOC = []string{
	// Ukraine and Russia
	"Oekraïne", "Rusland", "Wit-Rusland", "Belarus", "Kyiv", "Kiev", "Kiëv", "Charkiv", "Charkov", "Kharkiv",
	"Bachmoet", "Bakhmut", "Koersk", "Cherson", "Zaporizja", "Zaporizhzhia", "Donetsk", "Loehansk", "Luhansk",
	"Marioepol", "Mariupol", "Mykolajiv", "Odesa", "Odessa", "Dnipro", "Avdiivka", "Avdijivka", "Pokrovsk",
	"Kramatorsk", "Slovjansk", "Sloviansk", "Melitopol", "Belgorod", "Brjansk", "Krim", "Donbas", "Donbass",
	"Soemy", "Sumy", "Lviv", "Lemberg", "Toretsk", "Tsjasiv Jar", "Vovtsjansk", "Kupiansk", "Koepjansk",
	"Severodonetsk", "Lysytsjansk", "Izjoem", "Boetsja", "Irpin", "Energodar", "Enerhodar", "Nova Kachovka",
	"Sebastopol", "Moskou", "Sint-Petersburg", "Transnistrië", "Moldavië", "Kertsj", "Zwarte Zee",
	"Oost-Oekraïne", "Zuid-Oekraïne", "Dnjepr", "Vuhledar", "Kurachove", "Robotyne", "Tsjernihiv", "Poltava",
	"Chmelnytsky", "Vinnytsja", "Zjytomyr", "Rivne", "Loetsk", "Oezjhorod", "Ternopil",
	// Middle East
	"Gaza", "Gazastrook", "Rafah", "Chan Younis", "Khan Younis", "Jabalia", "Beit Lahia", "Deir al-Balah",
	"Nuseirat", "Gaza-Stad", "Westelijke Jordaanoever", "Westoever", "Jenin", "Nablus", "Hebron", "Ramallah",
	"Jeruzalem", "Oost-Jeruzalem", "Tel Aviv", "Israël", "Libanon", "Beiroet", "Syrië", "Damascus", "Aleppo",
	"Idlib", "Irak", "Bagdad", "Iran", "Teheran", "Jemen", "Sanaa", "Hodeida", "Rode Zee", "Golanhoogvlakte",
	"Sinaï", "Egypte", "Caïro", "Jordanië", "Amman", "Qatar", "Doha", "Saudi-Arabië", "Riyad", "Turkije",
	"Ankara", "Istanbul", "Negev", "Sderot", "Kfar Aza", "Be'eri", "Ashkelon", "Eilat", "Haifa",
	// Elsewhere, often in the same news
	"Soedan", "Khartoum", "Darfur", "El Fasher", "Sahel", "Mali", "Niger", "Burkina Faso", "Congo", "Goma",
	"Myanmar", "Taiwan", "Washington", "Brussel", "Den Haag", "Straatsburg", "Genève", "Peking", "Pyongyang",
	"Noord-Korea", "Zuid-Korea", "Verenigde Staten", "VS", "Europa", "Nagorno-Karabach", "Armenië", "Azerbeidzjan",
	"Georgië", "Polen", "Litouwen", "Letland", "Estland", "Finland", "Kaliningrad", "Venezuela", "Haïti",
}

var handPER = []string{
	"Zelensky", "Zelenski", "Zelenskyy", "Volodymyr Zelensky", "Poetin", "Vladimir Poetin", "Sjojgoe",
	"Sergej Sjojgoe", "Lavrov", "Sergej Lavrov", "Peskov", "Dmitri Peskov", "Gerasimov", "Valeri Gerasimov",
	"Medvedev", "Dmitri Medvedev", "Prigozjin", "Jevgeni Prigozjin", "Kadyrov", "Ramzan Kadyrov",
	"Lukasjenko", "Aleksandr Lukasjenko", "Belousov", "Andrej Belousov", "Navalny", "Aleksej Navalny",
	"Zacharova", "Maria Zacharova", "Nebenzja",
	"Kuleba", "Dmytro Kuleba", "Sybiha", "Reznikov", "Oleksii Reznikov", "Oemerov", "Roestem Oemerov",
	"Zaloezjny", "Valeri Zaloezjny", "Syrsky", "Oleksandr Syrsky", "Jermak", "Andri Jermak", "Boedanov",
	"Kyrylo Boedanov", "Sjmyhal", "Denys Sjmyhal", "Klitschko", "Vitali Klitschko", "Podoljak",
	"Netanyahu", "Benjamin Netanyahu", "Gallant", "Yoav Gallant", "Katz", "Israel Katz", "Herzog",
	"Isaac Herzog", "Gantz", "Benny Gantz", "Ben-Gvir", "Smotrich", "Lapid", "Yair Lapid",
	"Sinwar", "Yahya Sinwar", "Haniyeh", "Ismail Haniyeh", "Deif", "Mohammed Deif", "Nasrallah",
	"Hassan Nasrallah", "Qassem", "Abbas", "Mahmoud Abbas", "Khamenei", "Ali Khamenei", "Raisi",
	"Pezeshkian", "Assad", "Bashar al-Assad", "al-Sharaa", "Erdogan", "Recep Tayyip Erdogan",
	"Trump", "Donald Trump", "Biden", "Joe Biden", "Harris", "Kamala Harris", "Vance", "JD Vance",
	"Rubio", "Marco Rubio", "Hegseth", "Pete Hegseth", "Witkoff", "Steve Witkoff", "Blinken",
	"Antony Blinken", "Austin", "Lloyd Austin", "Sullivan", "Jake Sullivan", "Kellogg",
	"Stoltenberg", "Jens Stoltenberg", "Rutte", "Mark Rutte", "Von der Leyen", "Ursula von der Leyen",
	"Borrell", "Josep Borrell", "Kallas", "Kaja Kallas", "Macron", "Emmanuel Macron", "Scholz",
	"Olaf Scholz", "Merz", "Friedrich Merz", "Starmer", "Keir Starmer", "Sunak", "Meloni",
	"Giorgia Meloni", "Orbán", "Viktor Orbán", "Tusk", "Donald Tusk", "Duda", "Schoof", "Dick Schoof",
	"Brekelmans", "Ruben Brekelmans", "Veldkamp", "Caspar Veldkamp", "Xi", "Xi Jinping", "Kim Jong-un",
	"Guterres", "António Guterres", "Grossi", "Rafael Grossi", "Lazzarini", "Modi", "Lula",
}

var handORG = []string{
	"Hezbollah", "Hamas", "Islamitische Jihad", "Houthi's", "Houthi", "Hayat Tahrir al-Sham", "HTS",
	"Islamitische Staat", "IS", "Taliban", "al-Qaida", "Wagner", "Wagnergroep", "Wagner-groep",
	"NAVO", "NATO", "VN", "Verenigde Naties", "Veiligheidsraad", "EU", "Europese Unie", "Europese Commissie",
	"Europees Parlement", "Kremlin", "Pentagon", "Witte Huis", "IDF", "Israëlisch leger", "Knesset", "Doema",
	"FSB", "SBU", "GUR", "Mossad", "Shin Bet", "CIA", "Rode Kruis", "Internationale Rode Kruis", "Rode Halve Maan",
	"IAEA", "OVSE", "UNRWA", "WHO", "Unicef", "UNHCR", "OCHA", "Amnesty International", "Human Rights Watch",
	"Artsen zonder Grenzen", "Internationaal Strafhof", "ICC", "Internationaal Gerechtshof", "IMF", "Wereldbank",
	"ANP", "AFP", "Reuters", "RTR", "DPA", "AP", "Associated Press", "TASS", "RIA Novosti", "Interfax",
	"Ukrinform", "Oekrinform", "CNN", "BBC", "Al Jazeera", "NOS", "RTL Nieuws", "The New York Times",
	"Washington Post", "Financial Times", "The Guardian", "Kyiv Independent", "Gazprom", "Rosatom",
	"Naftogaz", "Energoatom", "Defensie", "Buitenlandse Zaken", "Tweede Kamer", "G7", "G20", "BRICS",
}

var handMISC = []string{
	"Russische", "Russisch", "Russen", "Rus", "Oekraïense", "Oekraïens", "Oekraïners", "Oekraïner",
	"Israëlische", "Israëlisch", "Israëliërs", "Palestijnse", "Palestijns", "Palestijnen", "Amerikaanse",
	"Amerikaans", "Amerikanen", "Iraanse", "Libanese", "Syrische", "Jemenitische", "Europese", "Nederlandse",
	"Duitse", "Franse", "Britse", "Poolse", "Chinese", "Noord-Koreaanse", "Wit-Russische", "Turkse",
	"Egyptische", "Qatarese", "Arabische", "Westerse", "HIMARS", "Patriot", "F-16", "F-35", "Leopard",
	"Storm Shadow", "ATACMS", "Shahed", "Iskander", "Kinzjal", "Oreshnik", "Iron Dome",
}

// simpleTokens splits text on spaces and puts leading and trailing punctuation
// apart, like CoNLL-2002 tokenisation; used for gazetteer names and the clustering corpus.
func simpleTokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		lead := 0
		for lead < len(f) && strings.IndexByte(leadPunct, f[lead]) >= 0 {
			out = append(out, f[lead:lead+1])
			lead++
		}
		f = f[lead:]
		var tail []string
		for len(f) > 0 && strings.IndexByte(trailPunct, f[len(f)-1]) >= 0 {
			tail = append(tail, f[len(f)-1:])
			f = f[:len(f)-1]
		}
		if f != "" {
			out = append(out, f)
		}
		for j := len(tail) - 1; j >= 0; j-- {
			out = append(out, tail[j])
		}
	}
	return out
}

const (
	leadPunct  = "\"'([{«"
	trailPunct = "\"'.,:;!?)]}»"
)
