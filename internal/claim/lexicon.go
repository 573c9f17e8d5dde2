package claim

import "strings"

// Word lists for Dutch attribution. All entries are lower case.

// cueVerbs are finite forms of reporting verbs (present and past, singular and plural).
var cueVerbs = words(`
zegt zeg zeggen zei zeiden
meldt melden meldde meldden
stelt stellen stelde stelden
verklaart verklaren verklaarde verklaarden
schrijft schrijven schreef schreven
waarschuwt waarschuwen waarschuwde waarschuwden
benadrukt benadrukken benadrukte benadrukten
beweert beweren beweerde beweerden
ontkent ontkennen ontkende ontkenden
noemt noemen noemde noemden
bevestigt bevestigen bevestigde bevestigden
meent menen meende meenden
denkt denken dacht dachten
verzekert verzekeren verzekerde verzekerden
antwoordt antwoorden antwoordde antwoordden
berichten bericht berichtte berichtten
concludeert concluderen concludeerde concludeerden
erkent erkennen erkende erkenden
onderstreept onderstrepen onderstreepte onderstreepten
twittert twitterde
verwijt verwijten verweet verweten
weerlegt weerlegde weerlegden
vertelt vertellen vertelde vertelden
claimt claimen claimde claimden
vreest vrezen vreesde vreesden
dreigt dreigen dreigde dreigden
eist eisen eiste eisten
beschuldigt beschuldigen beschuldigde beschuldigden
weerspreekt weerspreken weersprak weerspraken
verwerpt verwerpen verwierp verwierpen
betwist betwisten betwistte betwistten
bestempelt bestempelen bestempelde bestempelden
belooft beloven beloofde beloofden
kondigt kondigde
reageert reageerde reageerden
aangaf
rapporteert rapporteren rapporteerde rapporteerden onthult onthullen onthulde onthulden
herhaalt herhalen herhaalde herhaalden vermoedt vermoeden vermoedde vermoedden
schat schatten schatte schatten verwacht verwachten verwachtte verwachtten
gelooft geloven geloofde geloofden vindt vinden vond vonden tweet tweette tweetten
`)

// cueParticiples follow an auxiliary ("heeft ... gezegd").
var cueParticiples = words(`
gezegd gemeld gesteld verklaard geschreven gewaarschuwd benadrukt beweerd ontkend
genoemd bevestigd gemeend verzekerd geantwoord bericht geconcludeerd erkend
onderstreept verteld geclaimd gevreesd gedreigd geëist beschuldigd weersproken
verworpen bestempeld verdedigd overgebracht aangekondigd toegegeven laten
bekendgemaakt meegedeeld aangegeven onthuld gerapporteerd toegevoegd herhaald getweet
tegengesproken weerlegd ontkracht gereageerd betwist
`)

// weakCues are verbs that only count as a cue with a dat-clause or quote following
// (they are common in narration otherwise).
var weakCues = words(`belooft beloven beloofde beloofden dreigt dreigen dreigde dreigden
eist eisen eiste eisten vreest vrezen vreesde vreesden denkt denken dacht dachten
meent menen meende meenden kondigt kondigde reageert reageerde reageerden
vermoedt vermoeden vermoedde vermoedden schat schatten schatte verwacht verwachten verwachtte
verwachtten gelooft geloven geloofde geloofden vindt vinden vond vonden`)

// separable reporting verbs: finite form → particle(s) that must follow in the sentence.
var separableCues = map[string][]string{
	"laat": {"weten"}, "liet": {"weten"}, "lieten": {"weten"}, "laten": {"weten"},
	"houdt": {"voor"}, "hield": {"voor"}, "houden": {"voor"}, "hielden": {"voor"},
	"geeft": {"aan", "toe", "schuld"}, "gaf": {"aan", "toe", "schuld"}, "gaven": {"aan", "toe", "schuld"}, "geven": {"aan", "toe", "schuld"},
	"deelt": {"mee", "mede"}, "deelde": {"mee", "mede"}, "deelden": {"mee", "mede"},
	"vulde": {"aan"}, "vult": {"aan"}, "vulden": {"aan"},
	"maakt": {"bekend"}, "maakte": {"bekend"}, "maakten": {"bekend"},
	"spreekt": {"tegen"}, "sprak": {"tegen"}, "spreken": {"tegen"}, "spraken": {"tegen"},
	"wijst": {"erop", "hand"}, "wees": {"erop", "hand"}, "wezen": {"erop", "hand"},
	"roept": {"op"}, "riep": {"op"}, "riepen": {"op"},
	"kondigt": {"aan"}, "kondigde": {"aan"}, "kondigden": {"aan"},
	"voegt": {"toe"}, "voegde": {"toe"}, "voegden": {"toe"},
}

// spreekVerbs take "van" as a cue: "De organisatoren spreken van 40.000 deelnemers".
var spreekVerbs = words(`spreekt spreken sprak spraken`)

// weakParticiples only count with a quotation, colon or dat-clause in the sentence:
// "heeft sancties aangekondigd" is narration, "heeft "geschokt" gereageerd" a claim.
var weakParticiples = words(`gereageerd aangekondigd`)

// postModifiers open a phrase after a subject's head: "bronnen binnen de regering".
var postModifiers = words(`van binnen uit bij in rond`)

// countVerbs report a source's own count when a number follows ("telde 140 doden").
var countVerbs = words(`telt tellen telde telden`)

// plainAdjectives are uninflected adjectives that stand before a title or an
// institution: "speciaal rapporteur", "het koninklijk paleis".
var plainAdjectives = words(`speciaal voormalig waarnemend interim demissionair plaatsvervangend
koninklijk nationaal internationaal federaal regionaal centraal openbaar hoog oud`)

// possessives open a subject phrase: "Zijn woordvoerder".
var possessives = words(`zijn haar hun`)

// auxiliaries that take a participle cue.
var auxVerbs = words(`heeft hebben had hadden is zijn was waren`)

// denyVerbs mark a denial by themselves.
var denyVerbs = words(`weerlegt weerlegde weerlegden weerlegd ontkracht ontkrachtte
tegengesproken ontkent ontkennen ontkende ontkenden ontkend weerspreekt weerspreken
weersprak weerspraken weersproken verwerpt verwerpen verwierp verwierpen verworpen
betwist betwisten betwistte betwistten`)

// dismissal words: "noemt het desinformatie", "bestempelde ... als leugens".
var dismissWords = words(`leugen leugens gelogen desinformatie nepnieuws propaganda onzin
onwaar onwaarheid onwaarheden fake verzinsel verzinsels verzonnen misleidend laster
lasterlijk ongegrond ongefundeerd eenzijdig onjuist absurd overdreven verdraaid vals
fantasie fantasieën kletskoek nonsens lachwekkend belachelijk sprookje sprookjes fabeltje fabeltjes
verdichtsel verdichtsels gefabriceerd`)

// dismissVerbs: verbs that, with a dismissal word, deny ("noemt ... leugens").
var dismissVerbs = words(`noemt noemen noemde noemden genoemd bestempelt bestempelen bestempelde
bestempelden bestempeld gaat ging afdoen doet deed`)

// reportNouns are nominal speech acts: "berichten in Russische media dat ...".
var reportNouns = words(`berichten bericht beweringen bewering uitspraken uitspraak claims claim
verklaringen verklaring dreigementen dreigement waarschuwingen waarschuwing schattingen schatting
cijfers rapport rapporten beschuldigingen beschuldiging ramingen raming gegevens berekeningen`)

// targetNouns are what a denial rejects: "de uitspraken van X".
var targetNouns = words(`uitspraken uitspraak beweringen bewering berichten bericht claims claim
verklaringen verklaring cijfers beschuldigingen beschuldiging verhalen verhaal`)

// determiners and possessives that open a noun phrase.
var determiners = words(`de het een den der zijn haar hun diens dat die deze dit onze ons`)

// pronouns that can stand for a speaker.
var pronouns = words(`hij zij ze die deze`)

// npStop are lower-case words that end a noun phrase.
var npStop = words(`dat die dit zegt zei is was zijn waren zou zouden heeft hebben had hadden
wordt worden werd werden gaat gaan ging op in tegen tijdens bij na met via voor over
ook al nog niet wel maar en of om te aan uit door naar tot sinds vanuit zich er
daarbij daarover verder echter inmiddels waarschijnlijk vooral zaterdag zondag maandag
dinsdag woensdag donderdag vrijdag gisteren vandaag eerder later`)

// nameParticles may sit inside a personal name.
var nameParticles = words(`van der den de al bin ben von la le el da dos du ter ten`)

// roleOpeners can start a title before a name without a determiner ("minister", "president").
var questionWords = words(`wie wat waarom hoe wanneer waar welke welk of hoeveel`)

// dayAdverbs often stand first in a sentence before the finite verb.
var frontAdverbs = words(`in op bij na tijdens volgens tegenover eerder later ook daarna daarop intussen
inmiddels gisteren vandaag zaterdag zondag maandag dinsdag woensdag donderdag vrijdag
vorige afgelopen deze dinsdagavond vanochtend vanmiddag vanavond vannacht daarom toen nu
zo eveneens bovendien verder tegelijk tegelijkertijd toch wel onlangs gisteravond eergisteren
vanmorgen dan maar en echter tevens ondertussen daar hier vervolgens nadien voorts ten slotte
tenslotte inderdaad ook wel al nog steeds opnieuw wederom ook al desondanks tevens evenwel`)

// timeWord reports sentence-initial time adverbs like "Maandagochtend", "Zondagavond".
func timeWord(low string) bool {
	for _, suf := range [...]string{"ochtend", "middag", "avond", "nacht", "morgen"} {
		if strings.HasSuffix(low, suf) && len(low) > len(suf) {
			return true
		}
	}
	return false
}

// orgWords in a multi-word name mark an organisation, mediaWords a medium.
var orgWords = words(`comité hof college agentschap bank association institute instituut fonds fund partij party raad council commissie
committee ministerie ministry agency agentschap groep group bond vereniging stichting organisatie
organization organisation unie union federatie federation corporation company maatschappij
universiteit university ziekenhuis hospital rechtbank hof court`)

var mediaWords = words(`times post news journal krant dagblad telegraaf tribune herald gazette courant
nieuwsblad standaard tv radio omroep zender press pers`)

func words(s string) map[string]bool {
	m := map[string]bool{}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				m[s[start:i]] = true
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return m
}

// nonSpeakers are subjects that never name a source of their own.
var nonSpeakers = words(`wie wat we wij ik je jij u men iemand niemand iedereen alles er
waarom hoe wanneer welke welk`)

// documentNouns carry a source's statement: "Dat staat in een verklaring van X".
var documentNouns = words(`verklaring rapport persbericht brief bericht statement mededeling
communiqué verslag update`)
