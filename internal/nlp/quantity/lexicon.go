package quantity

// Word lists the extractor leans on. Keys are lower case.

// multipliers follow a number as a separate word: "1,5 miljoen", "zes miljard".
var multipliers = map[string]float64{
	"duizend": 1e3, "miljoen": 1e6, "miljoenen": 0, "mln": 1e6, "mln.": 1e6, "miljard": 1e9,
	"mld": 1e9, "mld.": 1e9, "mrd": 1e9, "mrd.": 1e9, "biljoen": 1e12,
}

// vaguePlurals are quantities without a value ("duizenden", "tientallen").
var vaguePlurals = map[string]bool{
	"tientallen": true, "honderden": true, "duizenden": true, "tienduizenden": true,
	"honderdduizenden": true, "miljoenen": true, "tienmiljoenen": true, "honderdmiljoenen": true,
	"miljarden": true, "honderdtallen": true, "dozijnen": true,
}

// vagueLead may stand before a vague plural and belongs to its text ("enkele tientallen").
var vagueLead = map[string]bool{"enkele": true, "vele": true, "ettelijke": true}

// Prefixes before a number, longest first where they share words.
type prefix struct {
	words  []string
	approx bool
	floor  bool // value = low = N
	cap    bool // value = high = N
}

var prefixes = []prefix{
	{words: []string{"ten", "minste"}, floor: true},
	{words: []string{"meer", "dan"}, floor: true},
	{words: []string{"minder", "dan"}, cap: true},
	{words: []string{"om", "en", "nabij"}, approx: true},
	{words: []string{"naar", "schatting"}, approx: true},
	{words: []string{"rond", "de"}, approx: true},
	{words: []string{"zo'n"}, approx: true},
	{words: []string{"zo’n"}, approx: true},
	{words: []string{"ongeveer"}, approx: true},
	{words: []string{"circa"}, approx: true},
	{words: []string{"ca."}, approx: true},
	{words: []string{"bijna"}, approx: true},
	{words: []string{"ruim"}, approx: true},
	{words: []string{"pakweg"}, approx: true},
	{words: []string{"zowat"}, approx: true},
	{words: []string{"nagenoeg"}, approx: true},
	{words: []string{"minstens"}, floor: true},
	{words: []string{"tenminste"}, floor: true},
	{words: []string{"zeker"}, floor: true},
	{words: []string{"minimaal"}, floor: true},
	{words: []string{"maximaal"}, cap: true},
	{words: []string{"hooguit"}, cap: true},
	{words: []string{"hoogstens"}, cap: true},
	{words: []string{"tot", "wel"}, cap: true},
}

// rangeWords join the two ends of a range: "300 tot 500", "10 à 20", "5000-8000".
var rangeWords = map[string]bool{"tot": true, "à": true, "a": true, "-": true, "–": true}

// timeUnits make a number a duration, age, date or clock time, which are no quantities.
var timeUnits = map[string]bool{
	"seconde": true, "seconden": true, "sec": true, "minuut": true, "minuten": true, "min": true,
	"uur": true, "uren": true, "kwartier": true, "dag": true, "dagen": true, "etmaal": true,
	"etmalen": true, "nacht": true, "nachten": true, "week": true, "weken": true, "weekend": true,
	"weekenden": true, "maand": true, "maanden": true, "jaar": true, "jaren": true, "jaartje": true,
	"eeuw": true, "eeuwen": true, "decennium": true, "decennia": true, "keer": true, "maal": true,
	"jaargang": true, "seizoen": true, "seizoenen": true, "generaties": true,
}

// months make a number a date ("3 maart", "maart 2024").
var months = map[string]bool{
	"januari": true, "februari": true, "maart": true, "april": true, "mei": true, "juni": true,
	"juli": true, "augustus": true, "september": true, "oktober": true, "november": true,
	"december": true, "jan.": true, "feb.": true, "febr.": true, "mrt.": true, "apr.": true,
	"jun.": true, "jul.": true, "aug.": true, "sep.": true, "sept.": true, "okt.": true,
	"nov.": true, "dec.": true,
}

// yearLead are words before a bare four-digit number that make it a year.
var yearLead = map[string]bool{
	"in": true, "sinds": true, "sedert": true, "van": true, "vanaf": true, "tot": true, "voor": true,
	"na": true, "begin": true, "eind": true, "einde": true, "medio": true, "halverwege": true,
	"zomer": true, "winter": true, "voorjaar": true, "najaar": true, "lente": true, "herfst": true,
	"jaar": true, "jaren": true, "anno": true, "rond": true, "omstreeks": true, "per": true,
}

// idLead are words before a number that make it a label, not a count ("artikel 5").
var idLead = map[string]bool{
	"artikel": true, "nummer": true, "nr.": true, "nr": true, "pagina": true, "blz.": true,
	"paragraaf": true, "hoofdstuk": true, "resolutie": true, "lijn": true, "route": true,
	"snelweg": true, "kamer": true, "zaal": true, "versie": true, "fase": true, "groep": true,
	"level": true, "niveau": true, "code": true, "vlucht": true, "editie": true, "stap": true,
	"bus": true, "tram": true, "spoor": true, "perron": true, "covid": true,
}

// singularUnits are units that count things without a plural form.
var singularUnits = map[string]string{
	"euro": Money, "dollar": Money, "roebel": Money, "pond": Money, "yen": Money, "yuan": Money,
	"frank": Money, "hryvnia": Money, "rial": Money, "shekel": Money, "lira": Money, "rand": Money,
	"kilometer": Distance, "km": Distance, "meter": Distance, "mijl": Distance, "zeemijl": Distance,
	"kilometers": Distance, "meters": Distance, "mijlen": Distance, "zeemijlen": Distance,
	"procent": Other, "%": Other, "procentpunt": Other, "man": Soldiers, "ton": Other, "kilo": Other,
	"liter": Other, "vaten": Other, "vat": Other, "hectare": Other, "graden": Other, "stuks": Count,
	"euro's": Money, "kuub": Other, "fte": Count, "dollars": Money, "roebels": Money, "cent": Money,
	"kroon": Money, "kronen": Money, "dinar": Money, "dinars": Money, "dirham": Money, "roepie": Money,
	"roepies": Money, "franken": Money, "ponden": Money, "shekels": Money, "zloty": Money, "forint": Money,
	"real": Money, "peso": Money, "pesos": Money, "won": Money, "riyal": Money, "lire": Money,
	"hryvnja": Money, "toman": Money, "naira": Money, "birr": Money,
}

// currencySymbols stand before a number: "€ 5 miljoen".
var currencySymbols = map[string]string{"€": "euro", "$": "dollar", "£": "pond", "₽": "roebel", "¥": "yen"}

// nounCategories give the category a counted noun implies on its own.
var nounCategories = map[string]string{
	"doden": Killed, "dode": Killed, "lichamen": Killed, "lijken": Killed, "doodsslachtoffers": Killed, "omgekomenen": Killed, "gesneuvelden": Killed,
	"gewonden": Wounded, "gewonde": Wounded, "zwaargewonden": Wounded,
	"krijgsgevangenen": Captured, "gevangenen": Captured, "gijzelaars": Captured, "arrestanten": Captured,
	"gedetineerden": Captured, "arrestaties": Captured, "aanhoudingen": Captured,
	"soldaten": Soldiers, "militairen": Soldiers, "troepen": Soldiers, "manschappen": Soldiers,
	"strijders": Soldiers, "mariniers": Soldiers, "huurlingen": Soldiers, "militieleden": Soldiers,
	"vluchtelingen": Fled, "ontheemden": Fled, "asielzoekers": Fled, "evacués": Fled,
	"dienstplichtigen": Recruited, "rekruten": Recruited, "reservisten": Recruited, "vrijwilligers": Recruited,
	"inwoners": Population, "bewoners": Population, "migranten": Population, "burgers": Count,
	"zetels": Seats, "kamerzetels": Seats,
	"executies": Executions, "doodstraffen": Executions, "terechtstellingen": Executions,
	"doodvonnissen": Executions,
}

// people are nouns for persons whose category the verb decides.
var people = map[string]bool{
	"mensen": true, "personen": true, "burgers": true, "slachtoffers": true, "kinderen": true,
	"vrouwen": true, "mannen": true, "inwoners": true, "bewoners": true, "migranten": true,
	"militairen": true, "soldaten": true, "troepen": true, "strijders": true, "agenten": true,
	"demonstranten": true, "betogers": true, "journalisten": true, "gevangenen": true,
	"dienstplichtigen": true, "manschappen": true, "mariniers": true, "politieagenten": true,
	"man": true, "leden": true, "medewerkers": true, "werknemers": true, "passagiers": true,
	"chauffeurs": true, "verdachten": true, "bemanningsleden": true, "hulpverleners": true,
	"artsen": true, "leerlingen": true, "scholieren": true, "studenten": true, "toeristen": true,
	"patiënten": true, "boeren": true, "arbeiders": true, "reddingswerkers": true, "jongeren": true,
	"vissers": true, "mijnwerkers": true, "pelgrims": true, "bezoekers": true, "zeelieden": true,
	"opvarenden": true, "inzittenden": true,
}

// Verb and participle cues in the sentence, matched on lower-case tokens.
var (
	killedCues = map[string]bool{
		"gedood": true, "omgekomen": true, "gesneuveld": true, "sneuvelden": true,
		"sneuvelde": true, "doodgeschoten": true, "vermoord": true, "omgebracht": true,
		"gesneuvelde": true, "vermoorde": true, "omgebrachte": true, "verdronken": true, "verdronk": true,
		"stierven": true, "overleden": true, "doden": true, "gedode": true,
		"onthoofd": true, "doodden": true, "doodde": true, "geneutraliseerd": true,
	}
	// executionCues: the state killing people it sentenced.
	executionCues = map[string]bool{
		"geëxecuteerd": true, "executeerde": true, "executeerden": true, "terechtgesteld": true,
		"terechtgestelde": true, "opgehangen": true,
	}
	woundedCues  = map[string]bool{"gewond": true, "verwond": true, "gewonden": true}
	capturedCues = map[string]bool{
		"gevangengenomen": true, "gearresteerd": true, "opgepakt": true, "krijgsgevangen": true,
		"aangehouden": true, "ontvoerd": true, "gegijzeld": true, "gevangen": true, "vastgezet": true,
		"gedetineerd": true, "arresteerde": true, "arresteerden": true, "opgesloten": true,
		"gearresteerde": true, "ontvoerde": true, "gegijzelde": true, "opgepakte": true,
		"vrijgelaten": true, "uitgewisseld": true, "gevangenschap": true, "vastgehouden": true,
	}
	fledCues = map[string]bool{
		"gevlucht": true, "ontvlucht": true, "ontvluchten": true, "vluchtten": true, "vluchtte": true,
		"vluchten": true, "geëvacueerd": true, "ontheemd": true, "vluchtelingen": true, "uitgeweken": true,
		"weggevlucht": true, "evacueerden": true, "ontvluchtten": true, "emigreerden": true, "uittocht": true,
		"ontlopen": true, "ontkomen": true, "verlaten": true, "ontsnapt": true, "ontsnapten": true,
	}
	recruitedCues = map[string]bool{
		"gerekruteerd": true, "geworven": true, "gemobiliseerd": true, "opgeroepen": true,
		"geronseld": true, "dienstplichtigen": true, "mobiliseerde": true, "ingelijfd": true,
		"gemobiliseerde": true, "gerekruteerde": true,
	}
	// Nouns and infinitives about recruiting are weak cues: people flee or evade a
	// mobilisation as often as they are mobilised, so any other cue wins.
	weakRecruitedCues = map[string]bool{
		"mobilisatie": true, "mobiliseren": true, "rekruteren": true, "werven": true, "ronselen": true,
		"dienstplicht": true, "rekrutering": true, "werving": true,
	}
)

// notUnit are words that follow a number but are not its counted noun.
var notUnit = map[string]bool{
	"van": true, "de": true, "het": true, "een": true, "in": true, "op": true, "aan": true, "bij": true,
	"met": true, "voor": true, "naar": true, "uit": true, "over": true, "door": true, "om": true,
	"tot": true, "en": true, "of": true, "maar": true, "zijn": true, "waren": true, "is": true,
	"was": true, "werden": true, "worden": true, "wordt": true, "werd": true, "hebben": true,
	"heeft": true, "had": true, "hadden": true, "kunnen": true, "zullen": true, "zouden": true,
	"moeten": true, "mogen": true, "willen": true, "raakten": true, "kwamen": true, "gingen": true,
	"die": true, "dat": true, "dan": true, "als": true, "er": true, "nog": true, "al": true,
	"ook": true, "niet": true, "meer": true, "minder": true, "per": true,
	"tegen": true, "tussen": true, "onder": true, "boven": true, "na": true, "zo": true, "te": true,
	"geleden": true, "later": true, "eerder": true, "lang": true, "oud": true, "jong": true, "ver": true,
	"waarvan": true, "waaronder": true, "stuk": true, "daarvan": true, "ervan": true,
	"allemaal": true, "samen": true, "tegelijk": true, "zelf": true, "elk": true, "ieder": true,
	"wel": true, "toe": true, "plus": true, "min": true, "keer": true, "hiervan": true, "achter": true,
}
