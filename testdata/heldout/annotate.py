#!/usr/bin/env python3
"""Writes testdata/heldout/*.gold.json from the hand annotations below.

The pages in this directory were written for wirewatch (fictional events, own
sentences) and annotated by hand BEFORE the system was run on them, following
shared/gold/SCHEMA.md and ANNOTATION-NOTES.md. This script only formats the
annotations and checks them mechanically: every claim fragment, cue word and
quantity text must occur verbatim in its item; dispute ids must exist. Item
segmentation (dateline, age, first_words) is read from the page layout itself.

Run: python3 testdata/heldout/annotate.py
"""
import json, re, sys, os
D = os.path.dirname(os.path.abspath(__file__))
N = None
def C(item, frag, spk, al, an, at, ac, mode='indirect', cue=None, stance='assert', disp=None, **kw):
    return dict(item=item, frag=frag, spk=spk, al=al, an=an, at=at, ac=ac, mode=mode, cue=cue, stance=stance, disp=disp, kw=kw)
def Q(item, text, value, unit, cat, low=None, high=None, approx=False, zone='body'):
    return dict(item=item, text=text, value=value, low=low, high=high, approx=approx, unit=unit, category=cat, zone=zone)
def NQ(item, text, reason):
    return dict(item=item, text=text, reason=reason)

AGE = re.compile(r'^(\d+) (minuten|minuut|uur) geleden')
DL = re.compile("^([A-ZÀ-Ý][A-ZÀ-Ý\\- /']*) \\(([A-Z/]+)\\) - ")
def segment(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    if lines[-1] == '': lines = lines[:-1]
    head = lines[0]
    i = lines.index('Meer uit Buitenland')
    body = lines[1:i]
    briefs = lines[i+1:]
    items = []
    m = DL.match(body[0])
    items.append(dict(n=0, kind='article', headline=head, dl=m, text='\n'.join([body[0][m.end():]] + body[1:]), age=None))
    prev_age = None
    for k, l in enumerate(briefs):
        a = AGE.match(l)
        rest = l
        if a:
            items[-1]['age'] = a.group(0)
            rest = l[a.end():]
        if rest == '':
            continue
        m = DL.match(rest)
        items.append(dict(n=len(items), kind='brief', headline=None, dl=m, text=rest[m.end():], age=None))
    return items

def mins(age):
    if age is None: return None
    a = AGE.match(age)
    n = int(a.group(1))
    return n * 60 if a.group(2) == 'uur' else n

def build(name, claims, quants, nonq):
    path = os.path.join(D, name)
    items = segment(path)
    pfx = name[:3]
    out_items = []
    by_item = {}
    counters = {}
    for c in claims:
        k = counters.get(c['item'], 0) + 1
        counters[c['item']] = k
        c['id'] = f"{pfx}-{c['item']}-{k}"
        by_item.setdefault(c['item'], []).append(c)
    for it in items:
        txt = it['text']
        hl = it['headline'] or ''
        gcl = []
        for c in by_item.get(it['n'], []):
            src = hl if c['mode'] == 'headline' else txt
            assert c['frag'] in src, (name, c['id'], c['frag'])
            if c['cue'] and c['cue'] != ':':
                for w in c['cue'].split():
                    assert w.lower() in (src.lower()), (name, c['id'], c['cue'])
            qs = [ {k: q[k] for k in ('text','value','low','high','approx','unit','category')} for q in quants if q['item'] == it['n'] and q['text'] in c['frag'] and (q['zone']=='headline') == (c['mode']=='headline')]
            d = dict(id=c['id'], sentence=c['frag'], speaker=c['spk'], speaker_aliases=c['al'],
                     actor=dict(name=c['an'], type=c['at'], country=c['ac']), mode=c['mode'], cue=c['cue'],
                     stance=c['stance'], disputes=(f"{pfx}-{c['disp']}" if c['disp'] else None), quantities=qs)
            for kk, vv in c['kw'].items():
                if kk in ('continues',): vv = f"{pfx}-{vv}"
                if kk == 'also_disputes': vv = [f"{pfx}-{x}" for x in vv]
                d[kk] = vv
            gcl.append(d)
        m = it['dl']
        out_items.append(dict(n=it['n'], kind=it['kind'], headline=it['headline'],
            dateline=dict(places=m.group(1).split('/'), agencies=m.group(2).split('/')),
            age=it['age'], age_minutes=mins(it['age']), first_words=' '.join(txt.split()[:5]), claims=gcl))
    gq = []
    for q in quants:
        src = items[q['item']]['headline'] if q['zone'] == 'headline' else items[q['item']]['text']
        assert q['text'] in src, (name, q['text'])
        d = dict(item=q['item'], **{k: q[k] for k in ('text','value','low','high','approx','unit','category','zone')})
        d['claims'] = [c['id'] for c in claims if c['item'] == q['item'] and q['text'] in c['frag']]
        gq.append(d)
    for q in nonq:
        assert q['text'] in items[q['item']]['text'] or q['text'] in (items[q['item']]['headline'] or ''), (name, q['text'])
    ids = {c['id'] for c in claims}
    for c in claims:
        if c['disp']: assert f"{pfx}-{c['disp']}" in ids, c
    g = dict(page=name, annotator_note="Hand-annotated held-out page written for wirewatch (fictional events); conventions of shared/gold/ANNOTATION-NOTES.md.",
             items=out_items, quantities=gq, entities=[], non_quantities=nonq)
    with open(path + '.gold.json', 'w', encoding='utf-8') as f:
        json.dump(g, f, ensure_ascii=False, indent=2); f.write('\n')
    print(name, len(out_items), 'items', len(claims), 'claims', len(gq), 'quantities')

P, G, M, ME, O, GR, U = 'person', 'government', 'military', 'media', 'organization', 'group', 'unknown'
# ---------------- h01
gov = ['gouverneur Oleh Synjehoebov', 'Oleh Synjehoebov', 'Synjehoebov', 'gouverneur', 'de gouverneur']
mod = ['Russische ministerie van Defensie', 'ministerie van Defensie', 'Het Russische ministerie van Defensie', 'het ministerie', 'ministerie']
ukr = ['staatsbedrijf Ukrenergo', 'Ukrenergo', 'Het bedrijf', 'bedrijf']
build('h01_charkiv_energie.txt', [
  C(0, 'Kyiv: Russische raketten troffen energiecentrale bij Charkiv', 'Kyiv', [], 'Kyiv', G, 'UA', mode='headline', cue=':'),
  C(0, 'zijn minstens zestig mensen gewond geraakt', 'gouverneur Oleh Synjehoebov', gov, 'Oleh Synjehoebov', P, 'UA', cue='maakte bekend'),
  C(0, 'Onder de gewonden zou ook een meisje van 9 jaar zijn', 'gouverneur Oleh Synjehoebov', gov, 'Oleh Synjehoebov', P, 'UA', cue=None, continues='0-2'),
  C(0, 'Volgens de gouverneur vielen er ook zeven doden', 'gouverneur', gov, 'Oleh Synjehoebov', P, 'UA', cue='volgens'),
  C(0, 'Rusland in de nacht 48 drones en vier kruisraketten', 'Oekraïense luchtmacht', ['De Oekraïense luchtmacht', 'luchtmacht'], 'Oekraïense luchtmacht', M, 'UA', cue='liet weten'),
  C(0, 'De meeste daarvan zouden zijn onderschept', 'Oekraïense luchtmacht', ['luchtmacht'], 'Oekraïense luchtmacht', M, 'UA', cue=None, continues='0-5'),
  C(0, 'Onze luchtverdediging heeft de stad gered', 'president Volodymyr Zelensky', ['Volodymyr Zelensky', 'Zelensky', 'president'], 'Volodymyr Zelensky', P, 'UA', mode='direct', cue='benadrukte'),
  C(0, 'weerspreekt dat er een burgerdoel is geraakt', 'Russische ministerie van Defensie', mod, 'Russische ministerie van Defensie', G, 'RU', cue='weerspreekt', stance='deny', disp='0-2', also_disputes=['0-1']),
  C(0, 'alleen "militaire infrastructuur" werd aangevallen', 'ministerie', mod, 'Russische ministerie van Defensie', G, 'RU', cue='stelt', contradicts=['0-2']),
  C(0, 'noemde de berichten over burgerslachtoffers nepnieuws', 'Kremlinwoordvoerder Dmitri Peskov', ['Dmitri Peskov', 'Peskov', 'Kremlinwoordvoerder'], 'Dmitri Peskov', P, 'RU', cue='noemde', stance='deny', disp='0-2', also_disputes=['0-3', '0-4']),
  C(0, 'ruim de helft van de Oekraïense energiecapaciteit vernietigd', 'staatsbedrijf Ukrenergo', ukr, 'Ukrenergo', O, 'UA', cue='meldt'),
  C(0, 'stroomonderbrekingen van zes uur per dag nodig kunnen zijn', 'Het bedrijf', ukr, 'Ukrenergo', O, 'UA', cue='waarschuwde'),
  C(1, 'Rusland heeft drieduizend soldaten naar de grensregio Belgorod gestuurd', 'persbureau TASS', ['TASS', 'het persbureau TASS'], 'TASS', ME, 'RU', cue='meldt'),
  C(1, 'gaat het om eenheden die eerder in Zaporizja vochten', 'ingewijden', [], 'ingewijden', U, None, cue='volgens'),
  C(2, 'de maatregel zeker tot het voorjaar blijft gelden', 'Premier Donald Tusk', ['Donald Tusk', 'Tusk'], 'Donald Tusk', P, 'PL', cue='maakte bekend'),
  C(3, 'is gestegen tot 3,7 miljoen', 'VN-vluchtelingenorganisatie UNHCR', ['UNHCR'], 'UNHCR', O, None, cue='zegt'),
  C(3, 'ruim 150.000 ontheemden bij', 'organisatie', ['de organisatie', 'UNHCR', 'VN-vluchtelingenorganisatie UNHCR'], 'UNHCR', O, None, cue='volgens'),
  C(4, 'de aanval tientallen kilometers achter het front werd uitgevoerd', 'Bronnen binnen de Oekraïense veiligheidsdienst SBU', ['Bronnen', 'Oekraïense veiligheidsdienst SBU', 'SBU'], 'SBU', G, 'UA', cue='melden'),
  C(5, 'Nederland levert nog dit jaar 14 F-16-toestellen extra aan Oekraïne', 'minister van Defensie Ruben Brekelmans', ['Ruben Brekelmans', 'Brekelmans'], 'Ruben Brekelmans', P, 'NL', cue='bevestigde', via='Reuters'),
  C(6, 'Europa zich moet voorbereiden op "jaren van dreiging"', 'Duitse bondskanselier Friedrich Merz', ['De Duitse bondskanselier Friedrich Merz', 'bondskanselier Friedrich Merz', 'Friedrich Merz', 'Merz'], 'Friedrich Merz', P, 'DE', cue='waarschuwde'),
  C(7, 'Laat de wapens zwijgen in Oekraïne', 'paus Leo XIV', ['Leo XIV', 'paus'], 'Leo XIV', P, None, mode='direct', cue='zei'),
], [
  Q(0, 'minstens zestig mensen', 60, 'mensen', 'wounded', low=60),
  Q(0, 'zeven doden', 7, 'doden', 'killed'),
  Q(0, '48 drones', 48, 'drones', 'count'),
  Q(0, 'vier kruisraketten', 4, 'kruisraketten', 'count'),
  Q(1, 'drieduizend soldaten', 3000, 'soldaten', 'soldiers'),
  Q(3, '3,7 miljoen', 3700000, 'Oekraïners', 'fled'),
  Q(3, 'ruim 150.000 ontheemden', 150000, 'ontheemden', 'fled', approx=True),
  Q(4, 'tientallen kilometers', None, 'kilometers', 'distance', approx=True),
  Q(5, '14 F-16-toestellen', 14, 'F-16-toestellen', 'count'),
  Q(7, 'tienduizenden mensen', None, 'mensen', 'count', approx=True),
], [
  NQ(0, 'een meisje van 9 jaar', 'age'), NQ(0, 'februari 2022', 'date'), NQ(0, 'zes uur per dag', 'duration'),
  NQ(0, 'ruim de helft', 'fraction, not a count'), NQ(3, 'de afgelopen drie maanden', 'duration'), NQ(7, 'één dag', 'duration'),
])
# ---------------- h02
moh = ['door Hamas geleide ministerie van Volksgezondheid', 'ministerie van Volksgezondheid', 'Het ministerie', 'ministerie']
idf = ['Het Israëlische leger', 'Israëlische leger', 'leger']
build('h02_gaza_school.txt', [
  C(0, 'Hamas: Israëlische aanval op school in Gaza-Stad eiste tientallen levens', 'Hamas', [], 'Hamas', GR, 'PS', mode='headline', cue=':'),
  C(0, 'minstens 34 mensen gedood', 'door Hamas geleide ministerie van Volksgezondheid', moh, 'ministerie van Volksgezondheid in Gaza', G, 'PS', cue='volgens'),
  C(0, 'In de school zouden honderden ontheemden onderdak hebben gezocht', 'door Hamas geleide ministerie van Volksgezondheid', moh, 'ministerie van Volksgezondheid in Gaza', G, 'PS', cue=None, continues='0-2'),
  C(0, 'bijna 300 gewonden sinds vrijdagochtend', 'ministerie', moh, 'ministerie van Volksgezondheid in Gaza', G, 'PS', cue='meldt'),
  C(0, 'een "commandocentrum van Hamas" in het gebouw had aangevallen', 'Israëlische leger', idf, 'Israëlische leger', M, 'IL', cue='liet weten'),
  C(0, 'We hebben maatregelen genomen om burgerslachtoffers te beperken', 'legerwoordvoerder', ['een legerwoordvoerder'], 'Israëlische leger', M, 'IL', mode='direct', cue='zei', via='Reuters'),
  C(0, 'Hamas wees de beschuldigingen van de hand', 'Hamas', [], 'Hamas', GR, 'PS', cue='wees van de hand', stance='deny', disp='0-5'),
  C(0, 'ligt er een voorstel voor een bestand van zes weken', 'ingewijden', [], 'ingewijden', U, None, cue='volgens'),
  C(0, 'Er komt geen akkoord zolang Hamas wapens heeft', 'Israëlische premier Benjamin Netanyahu', ['De Israëlische premier Benjamin Netanyahu', 'premier Benjamin Netanyahu', 'Benjamin Netanyahu', 'Netanyahu'], 'Benjamin Netanyahu', P, 'IL', mode='direct', cue=':'),
  C(1, 'vier mensen om het leven gekomen', 'Libanese staatspersbureau NNA', ['het Libanese staatspersbureau NNA', 'staatspersbureau NNA', 'NNA'], 'NNA', ME, 'LB', cue='meldt'),
  C(1, 'het raketten had afgevuurd op een kazerne', 'Hezbollah', [], 'Hezbollah', GR, 'LB', cue='liet weten'),
  C(2, 'dat soldaten hulpkonvooien bij Rafah hebben beschoten', 'Israëlische leger', idf, 'Israëlische leger', M, 'IL', cue='ontkende', stance='deny', disp='2-2'),
  C(2, 'daarbij twee chauffeurs om het leven kwamen', 'Palestijnse hulpverleners', ['hulpverleners'], 'Palestijnse hulpverleners', GR, 'PS', cue='gemeld'),
  C(3, 'heeft "diep geschokt" gereageerd', 'VN-chef António Guterres', ['António Guterres', 'Guterres'], 'António Guterres', P, None, cue='gereageerd'),
  C(3, 'is de bescherming van scholen "geen vrijblijvende zaak"', 'VN-chef António Guterres', ['António Guterres', 'Guterres', 'hem'], 'António Guterres', P, None, cue='volgens'),
  C(4, 'tientallen olijfbomen vernield', 'bewoners van het dorp Turmus Ayya', ['bewoners'], 'bewoners van Turmus Ayya', GR, 'PS', cue='zeggen', via='AFP'),
  C(4, 'dat de zaak wordt onderzocht', 'woordvoerder van het Israëlische leger', ['Een woordvoerder van het Israëlische leger', 'woordvoerder', 'Israëlische leger'], 'Israëlische leger', M, 'IL', cue='zegt'),
  C(5, 'ruim 800 vrachtwagens met hulpgoederen', 'Egyptische Rode Halve Maan', ['de Egyptische Rode Halve Maan', 'Rode Halve Maan'], 'Egyptische Rode Halve Maan', O, 'EG', cue='meldt'),
  C(5, 'De organisatie verwijt Israël dat de controles', 'organisatie', ['De organisatie', 'Egyptische Rode Halve Maan'], 'Egyptische Rode Halve Maan', O, 'EG', cue='verwijt'),
  C(6, 'ongeveer 15.000 mensen op de been', 'politie', ['de politie'], 'politie', G, 'NL', cue='schat'),
  C(6, 'spreken van ruim 40.000 deelnemers', 'organisatoren', ['De organisatoren'], 'organisatoren', GR, 'NL', cue='spreken van', contradicts=['6-1']),
  C(7, 'zou plannen hebben om de Tempelberg vaker open te stellen', 'krant Haaretz', ['de krant Haaretz', 'Haaretz'], 'Haaretz', ME, 'IL', cue='meldt'),
  C(7, 'noemde het bericht nepnieuws', 'kantoor van de premier', ['Het kantoor van de premier', 'kantoor'], 'kantoor van de Israëlische premier', G, 'IL', cue='noemde', stance='deny', disp='7-1'),
], [
  Q(0, 'tientallen levens', None, 'levens', 'killed', approx=True, zone='headline'),
  Q(0, 'minstens 34 mensen', 34, 'mensen', 'killed', low=34),
  Q(0, 'honderden ontheemden', None, 'ontheemden', 'fled', approx=True),
  Q(0, 'bijna 300 gewonden', 300, 'gewonden', 'wounded', approx=True),
  Q(0, 'tussen de 20 en 30 gijzelaars', None, 'gijzelaars', 'captured', low=20, high=30),
  Q(1, 'vier mensen', 4, 'mensen', 'killed'),
  Q(2, 'twee chauffeurs', 2, 'chauffeurs', 'killed'),
  Q(4, 'tientallen olijfbomen', None, 'olijfbomen', 'count', approx=True),
  Q(5, 'ruim 800 vrachtwagens', 800, 'vrachtwagens', 'count', approx=True),
  Q(6, 'ongeveer 15.000 mensen', 15000, 'mensen', 'count', approx=True),
  Q(6, 'ruim 40.000 deelnemers', 40000, 'deelnemers', 'count', approx=True),
], [NQ(0, 'al maanden', 'duration'), NQ(0, 'zes weken', 'duration')])
# ---------------- h03
who = ['Wereldgezondheidsorganisatie (WHO)', 'de Wereldgezondheidsorganisatie', 'WHO', 'organisatie', 'de organisatie']
unhcr = ['De VN-vluchtelingenorganisatie UNHCR', 'UNHCR', 'organisatie', 'de organisatie']
arts = ['Een arts', 'arts van een van de laatste werkende ziekenhuizen', 'Een arts van een van de laatste werkende ziekenhuizen']
build('h03_darfur.txt', [
  C(0, 'VN: 1,2 miljoen vluchtelingen uit Darfur in Tsjaad', 'VN', [], 'VN', O, None, mode='headline', cue=':'),
  C(0, 'hebben sinds april ruim 1200 doden geëist', 'Wereldgezondheidsorganisatie', who, 'WHO', O, None, cue='zegt'),
  C(0, 'zijn de meeste slachtoffers burgers', 'organisatie', who, 'WHO', O, None, cue='volgens'),
  C(0, 'dat er dagelijks tussen de 20 en 30 gewonden worden binnengebracht', 'arts', arts, 'arts in El Fasher', P, 'SD', cue='zei', via='AFP'),
  C(0, 'We hebben geen verband en geen bloed meer', 'arts', arts, 'arts in El Fasher', P, 'SD', mode='direct', continues='0-4'),
  C(0, 'Kinderen sterven op de gang', 'arts', arts, 'arts in El Fasher', P, 'SD', mode='direct', continues='0-4'),
  C(0, 'De RSF ontkent dat haar strijders burgers aanvallen', 'RSF', ['De RSF'], 'Rapid Support Forces', GR, 'SD', cue='ontkent', stance='deny'),
  C(0, 'het leger "de bevolking als schild gebruikt"', 'groep', ['de groep', 'RSF'], 'Rapid Support Forces', GR, 'SD', cue='stelt'),
  C(0, 'Volgens het Soedanese leger klopt daar niets van', 'Soedanese leger', ['het Soedanese leger', 'leger'], 'Soedanese leger', M, 'SD', cue='volgens', stance='deny', disp='0-8'),
  C(0, 'inmiddels 1,2 miljoen Soedanezen naar buurland Tsjaad zijn gevlucht', 'VN-vluchtelingenorganisatie UNHCR', unhcr, 'UNHCR', O, None, cue='meldt'),
  C(0, 'vooral om vrouwen en kinderen jonger dan 12 jaar', 'organisatie', unhcr, 'UNHCR', O, None, cue='volgens'),
  C(1, 'de controle over de luchthaven van Khartoem te hebben heroverd', 'Soedanese leger', ['Het Soedanese leger', 'leger'], 'Soedanese leger', M, 'SD', cue='zegt'),
  C(1, 'De RSF weerspreekt dat', 'RSF', ['De RSF'], 'Rapid Support Forces', GR, 'SD', cue='weerspreekt', stance='deny', disp='1-1'),
  C(2, 'zijn aan beide kanten enkele duizenden militairen samengetrokken', 'diplomaten in de regio', ['diplomaten'], 'diplomaten', U, None, cue='volgens'),
  C(3, 'zijn zeker 47 mensen omgekomen', 'Keniaanse Rode Kruis', ['het Keniaanse Rode Kruis', 'Rode Kruis'], 'Keniaanse Rode Kruis', O, 'KE', cue='bekendgemaakt'),
  C(4, 'het geld "direct bij de mensen" moet terechtkomen', 'Eurocommissaris Hadja Lahbib', ['Hadja Lahbib', 'Lahbib'], 'Hadja Lahbib', P, None, cue='benadrukte'),
  C(5, 'in hoger beroep te gaan', 'advocaat van de man', ['De advocaat van de man', 'advocaat'], 'advocaat', P, None, cue='laat weten'),
  C(6, 'worden zeker zestig mensen vermist', 'Internationale Organisatie voor Migratie', ['Internationale Organisatie voor Migratie (IOM)', 'IOM'], 'IOM', O, None, cue='volgens'),
  C(6, 'zou tot nu toe negen overlevenden uit zee hebben gehaald', 'Internationale Organisatie voor Migratie', ['IOM'], 'IOM', O, None, cue=None, continues='6-1'),
  C(7, 'zij "verantwoordelijk zijn voor gruwelijke misdaden"', 'Minister van Buitenlandse Zaken Yvette Cooper', ['Yvette Cooper', 'Cooper'], 'Yvette Cooper', P, 'GB', cue='zei'),
], [
  Q(0, '1,2 miljoen vluchtelingen', 1200000, 'vluchtelingen', 'fled', zone='headline'),
  Q(0, 'ruim 1200 doden', 1200, 'doden', 'killed', approx=True),
  Q(0, 'tussen de 20 en 30 gewonden', None, 'gewonden', 'wounded', low=20, high=30),
  Q(0, '1,2 miljoen Soedanezen', 1200000, 'Soedanezen', 'fled'),
  Q(2, 'enkele duizenden militairen', None, 'militairen', 'soldiers', approx=True),
  Q(3, 'zeker 47 mensen', 47, 'mensen', 'killed', low=47),
  Q(3, 'Duizenden inwoners', None, 'inwoners', 'fled', approx=True),
  Q(4, '400 miljoen euro', 400000000, 'euro', 'money'),
  Q(6, 'zeker zestig mensen', 60, 'mensen', 'other', low=60),
  Q(6, 'negen overlevenden', 9, 'overlevenden', 'count'),
  Q(7, 'twee commandanten', 2, 'commandanten', 'count'),
], [NQ(0, 'sinds april', 'date'), NQ(0, 'al maanden', 'duration'), NQ(0, '12 jaar', 'age'), NQ(5, '25 jaar cel', 'duration (sentence)'), NQ(5, '1994', 'year')])
# ---------------- h04
ara = ['de Iraanse minister van Buitenlandse Zaken Abbas Araghchi', 'minister van Buitenlandse Zaken Abbas Araghchi', 'Abbas Araghchi', 'Araghchi', 'Hij', 'Iran']
build('h04_iran_waarschuwing.txt', [
  C(0, 'Iran zal "verpletterend" reageren op elke aanval op zijn nucleaire installaties', 'Iraanse minister van Buitenlandse Zaken Abbas Araghchi', ara, 'Abbas Araghchi', P, 'IR', cue='zei'),
  C(0, 'zijn land "geen oorlog zoekt"', 'Iraanse minister van Buitenlandse Zaken Abbas Araghchi', ara, 'Abbas Araghchi', P, 'IR', cue='benadrukte'),
  C(0, 'er "aanvullende middelen" naar de regio gaan', 'Pentagon', ['Het Pentagon'], 'Pentagon', G, 'US', cue='bevestigde'),
  C(0, 'het om ruim vijfduizend militairen gaat', 'Amerikaanse functionaris', ['een Amerikaanse functionaris', 'functionaris'], 'Amerikaanse functionaris', G, 'US', cue='zei', via='Reuters'),
  C(0, 'heeft Iran inmiddels genoeg verrijkt uranium voor meerdere kernwapens', 'Internationaal Atoomenergieagentschap', ['Internationaal Atoomenergieagentschap (IAEA)', 'het Internationaal Atoomenergieagentschap', 'IAEA'], 'IAEA', O, None, cue='volgens'),
  C(0, 'Teheran wees de beschuldigingen van de hand', 'Teheran', [], 'Teheran', G, 'IR', cue='wees van de hand', stance='deny', disp='0-5'),
  C(0, 'Onze inspecteurs hebben al drie maanden geen toegang gehad', 'IAEA-directeur Rafael Grossi', ['Rafael Grossi', 'Grossi'], 'Rafael Grossi', P, None, mode='direct', cue=':'),
  C(0, 'Iran dit jaar al minstens 900 mensen heeft geëxecuteerd', 'Amnesty International', ['Mensenrechtenorganisatie Amnesty International', 'Amnesty'], 'Amnesty International', O, None, cue='maakte bekend'),
  C(0, 'noemden het rapport "vol leugens"', 'Iraanse staatsmedia', ['staatsmedia'], 'Iraanse staatsmedia', ME, 'IR', cue='noemden', stance='deny', disp='0-8'),
  C(1, 'zijn drie militairen lichtgewond geraakt', 'Amerikaanse Centraal Commando', ['het Amerikaanse Centraal Commando (CENTCOM)', 'Centraal Commando', 'CENTCOM'], 'CENTCOM', M, 'US', cue='meldt'),
  C(1, 'achter de aanval te zitten', 'pro-Iraanse militie', ['Een pro-Iraanse militie', 'militie'], 'pro-Iraanse militie', GR, 'IQ', cue='zegt'),
  C(2, 'smokkelde het schip brandstof', 'Iraanse Revolutionaire Garde', ['de Iraanse Revolutionaire Garde', 'Revolutionaire Garde'], 'Revolutionaire Garde', M, 'IR', cue='volgens'),
  C(2, 'De rederij ontkende dat', 'rederij', ['De rederij'], 'rederij', O, None, cue='ontkende', stance='deny', disp='2-1'),
  C(3, 'worden volgende week hervat', 'Europese diplomaat', ['een Europese diplomaat', 'diplomaat'], 'Europese diplomaat', G, None, cue='liet weten', via='Reuters'),
  C(4, '31 verdachten opgepakt', 'staatspersbureau Anadolu', ['het staatspersbureau Anadolu', 'Anadolu'], 'Anadolu', ME, 'TR', cue='meldt'),
  C(5, 'de hitte de komende dagen aanhoudt', 'brandweer', ['De brandweer'], 'brandweer', G, 'ES', cue='waarschuwde'),
  C(6, 'hij "binnen twee weken" beslist over nieuwe sancties', 'President Donald Trump', ['Donald Trump', 'Trump'], 'Donald Trump', P, 'US', cue='zegt'),
  C(6, 'er gesprekken gaande zijn met Israël', 'woordvoerder Karoline Leavitt', ['Zijn woordvoerder Karoline Leavitt', 'Karoline Leavitt', 'Leavitt'], 'Karoline Leavitt', P, 'US', cue='bevestigde'),
], [
  Q(0, 'twee extra vliegdekschepen', 2, 'vliegdekschepen', 'count'),
  Q(0, 'ruim vijfduizend militairen', 5000, 'militairen', 'soldiers', approx=True),
  Q(0, 'minstens 900 mensen', 900, 'mensen', 'executions', low=900),
  Q(1, 'drie militairen', 3, 'militairen', 'wounded'),
  Q(2, '24 bemanningsleden', 24, 'bemanningsleden', 'captured'),
  Q(4, 'zes provincies', 6, 'provincies', 'count'),
  Q(4, '31 verdachten', 31, 'verdachten', 'captured'),
  Q(5, 'ruim 12.000 hectare', 12000, 'hectare', 'other', approx=True),
], [NQ(0, 'drie maanden', 'duration'), NQ(0, '2015', 'year'), NQ(3, 'bijna vijf maanden', 'duration'), NQ(6, 'binnen twee weken', 'duration')])
# ---------------- h05
sohr = ['Het Syrisch Observatorium voor de Mensenrechten', 'Syrisch Observatorium voor de Mensenrechten', 'Observatorium', 'De organisatie', 'organisatie']
sha = ['Interim-president Ahmed al-Sharaa', 'Ahmed al-Sharaa', 'al-Sharaa', 'Hij']
build('h05_latakia.txt', [
  C(0, "Syrische regering: 'Rust in Latakia hersteld'", 'Syrische regering', [], 'Syrische regering', G, 'SY', mode='headline', cue=':'),
  C(0, 'de controle over de kuststad Latakia naar eigen zeggen volledig hersteld', 'Syrische regering', ['De Syrische regering', 'staatspersbureau SANA', 'SANA'], 'Syrische regering', G, 'SY', cue='naar eigen zeggen', via='SANA'),
  C(0, 'zouden 86 strijders van beide kanten zijn omgekomen', 'staatspersbureau SANA', ['het staatspersbureau SANA', 'SANA', 'Syrische regering'], 'SANA', ME, 'SY', cue=None, continues='0-2'),
  C(0, 'spreekt van veel meer slachtoffers', 'Syrisch Observatorium voor de Mensenrechten', sohr, 'Syrisch Observatorium voor de Mensenrechten', O, None, cue='spreekt van', contradicts=['0-3']),
  C(0, 'De organisatie telde zeker 140 doden', 'organisatie', sohr, 'Syrisch Observatorium voor de Mensenrechten', O, None, cue='telde'),
  C(0, 'Syrische functionarissen weerspraken die cijfers', 'Syrische functionarissen', ['functionarissen'], 'Syrische regering', G, 'SY', cue='weerspraken', stance='deny', disp='0-5', also_disputes=['0-4']),
  C(0, 'de rust "voorgoed" is teruggekeerd', 'Interim-president Ahmed al-Sharaa', sha, 'Ahmed al-Sharaa', P, 'SY', cue='zei'),
  C(0, 'Wie de wapens neerlegt, heeft niets te vrezen', 'Interim-president Ahmed al-Sharaa', sha, 'Ahmed al-Sharaa', P, 'SY', mode='direct', continues='0-7'),
  C(0, 'de daders van geweld tegen burgers zouden worden berecht', 'Interim-president Ahmed al-Sharaa', sha, 'Ahmed al-Sharaa', P, 'SY', cue='beloofde'),
  C(0, 'bijna een half miljoen Syrische vluchtelingen uit het buitenland teruggekeerd', 'VN', ['de VN'], 'VN', O, None, cue='volgens'),
  C(0, 'Libanon de terugkeer van nog eens honderdduizenden Syriërs wil versnellen', 'woordvoerder van de Libanese regering', ['Een woordvoerder van de Libanese regering', 'woordvoerder', 'Libanese regering'], 'Libanese regering', G, 'LB', cue='liet weten'),
  C(1, 'ging het om een autobom', 'Witte Helmen', ['de Witte Helmen'], 'Witte Helmen', O, 'SY', cue='volgens'),
  C(2, '17 Koerdische strijders te hebben "geneutraliseerd"', 'Turkije', [], 'Turkije', 'country', 'TR', cue='zegt'),
  C(2, 'noemde het bericht nepnieuws', 'Koerdische SDF', ['De Koerdische SDF', 'SDF'], 'SDF', GR, 'SY', cue='noemde', stance='deny', disp='2-1'),
  C(3, 'het ging om bijna vier miljoen pillen', 'leger', ['Het leger'], 'Jordaanse leger', M, 'JO', cue='maakte bekend'),
  C(4, 'de stap "geen blanco cheque" is', 'EU-buitenlandchef Kaja Kallas', ['Kaja Kallas', 'Kallas'], 'Kaja Kallas', P, None, cue='zei'),
  C(5, 'aangehouden op verdenking van het plannen van een aanslag', 'Noorse politie', ['de Noorse politie', 'politie'], 'Noorse politie', G, 'NO', cue='meldt'),
  C(5, 'ontkent de man alle beschuldigingen', 'man', ['de man', 'zijn advocaat', 'advocaat'], 'verdachte', P, None, cue='ontkent', stance='deny', disp='5-1', via='advocaat'),
  C(6, 'de meesten uit Syrië en Afghanistan afkomstig waren', 'Griekse kustwacht', ['De Griekse kustwacht', 'kustwacht'], 'Griekse kustwacht', G, 'GR', cue='zegt'),
  C(7, 'hij "om persoonlijke redenen" stopt', 'VN-gezant voor Syrië Geir Pedersen', ['De VN-gezant voor Syrië Geir Pedersen', 'Geir Pedersen', 'Pedersen', 'Hij'], 'Geir Pedersen', P, None, cue='liet weten'),
], [
  Q(0, '86 strijders', 86, 'strijders', 'killed'),
  Q(0, 'zeker 140 doden', 140, 'doden', 'killed', low=140),
  Q(0, 'tientallen burgers', None, 'burgers', 'killed', approx=True),
  Q(0, 'bijna een half miljoen Syrische vluchtelingen', 500000, 'vluchtelingen', 'fled', approx=True),
  Q(0, 'honderdduizenden Syriërs', None, 'Syriërs', 'fled', approx=True),
  Q(1, 'zeker acht doden', 8, 'doden', 'killed', low=8),
  Q(1, 'ruim twintig gewonden', 20, 'gewonden', 'wounded', approx=True),
  Q(2, '17 Koerdische strijders', 17, 'strijders', 'killed'),
  Q(3, 'bijna vier miljoen pillen', 4000000, 'pillen', 'count', approx=True),
  Q(6, 'zeker 300 migranten', 300, 'migranten', 'count', low=300),
], [NQ(0, 'de afgelopen vier dagen', 'duration'), NQ(0, 'december 2024', 'date'), NQ(5, '34-jarige', 'age'), NQ(7, 'ruim zes jaar', 'duration')])
# ---------------- h06
mod6 = ['het Russische ministerie van Defensie', 'Russische ministerie van Defensie', 'ministerie van Defensie']
loeb = ['De Oekraïense ombudsman Dmytro Loebinets', 'Oekraïense ombudsman Dmytro Loebinets', 'ombudsman Dmytro Loebinets', 'Dmytro Loebinets', 'Loebinets', 'Hij']
zel = ['President Zelensky', 'Zelensky']
build('h06_gevangenenruil.txt', [
  C(0, 'in totaal 390 krijgsgevangenen uitgewisseld', 'Russische ministerie van Defensie', mod6, 'Russische ministerie van Defensie', G, 'RU', cue='meldt'),
  C(0, 'ook zeven burgers zijn vrijgelaten', 'Bronnen binnen de Oekraïense regering', ['Bronnen', 'Oekraïense regering'], 'Oekraïense regering', G, 'UA', cue='melden'),
  C(0, 'Onze mensen zijn thuis', 'President Zelensky', zel, 'Volodymyr Zelensky', P, 'UA', mode='direct', cue='reageerde'),
  C(0, 'We brengen ze allemaal terug', 'President Zelensky', zel, 'Volodymyr Zelensky', P, 'UA', mode='direct', continues='0-3'),
  C(0, 'zitten nog altijd meer dan achtduizend Oekraïners in Russische gevangenschap', 'Kyiv', [], 'Kyiv', G, 'UA', cue='volgens'),
  C(0, 'Oekraïense gevangenen in Rusland "goed worden behandeld"', 'Russische parlementslid Leonid Sloetski', ['Het Russische parlementslid Leonid Sloetski', 'parlementslid Leonid Sloetski', 'Leonid Sloetski', 'Sloetski'], 'Leonid Sloetski', P, 'RU', cue='zei', via='Interfax'),
  C(0, 'Dmytro Loebinets wees dat van de hand', 'Oekraïense ombudsman Dmytro Loebinets', loeb, 'Dmytro Loebinets', P, 'UA', cue='wees van de hand', stance='deny', disp='0-6'),
  C(0, 'teruggekeerde soldaten gemiddeld twintig kilo zijn afgevallen', 'Oekraïense ombudsman Dmytro Loebinets', loeb, 'Dmytro Loebinets', P, 'UA', cue='zegt', contradicts=['0-6']),
  C(0, 'martelingen van Oekraïense gevangenen "wijdverbreid en systematisch" zijn', 'VN-onderzoekscommissie', ['Een VN-onderzoekscommissie'], 'VN-onderzoekscommissie', O, None, cue='concludeerde'),
  C(0, 'het rapport "eenzijdig" is', 'Kremlin', ['Het Kremlin'], 'Kremlin', G, 'RU', cue='laat weten', stance='deny', disp='0-9'),
  C(1, 'gaat het om zo\'n 900 voertuigen', 'politie', ['de politie'], 'politie', G, 'BE', cue='volgens'),
  C(2, 'naschokken mogelijk zijn', 'Japanse meteorologisch instituut', ['Het Japanse meteorologisch instituut', 'meteorologisch instituut', 'instituut'], 'Japanse meteorologisch instituut', G, 'JP', cue='waarschuwde'),
  C(2, 'Er zijn volgens de autoriteiten geen doden gevallen', 'autoriteiten', ['de autoriteiten'], 'Japanse autoriteiten', G, 'JP', cue='volgens'),
  C(3, 'is een meerderheid van de rechters kritisch', 'ingewijden', [], 'ingewijden', U, None, cue='volgens'),
  C(3, 'zegt "vol vertrouwen" te zijn over de uitkomst', 'Witte Huis', ['Het Witte Huis'], 'Witte Huis', G, 'US', cue='zegt'),
  C(4, 'sprak van "een laffe daad"', 'President Gustavo Petro', ['Gustavo Petro', 'Petro'], 'Gustavo Petro', P, 'CO', cue='sprak van'),
  C(4, 'De ELN ontkende betrokkenheid', 'ELN', ['De ELN'], 'ELN', GR, 'CO', cue='ontkende', stance='deny'),
  C(6, 'hij "binnen een maand" met een voorstel komt', 'Minister Éric Lombard', ['Éric Lombard', 'Lombard'], 'Éric Lombard', P, 'FR', cue='laat weten'),
  C(7, 'zeker 1,5 miljoen mensen getroffen door zware moessonregens', 'persbureau PTI', ['het persbureau PTI', 'PTI'], 'PTI', ME, 'IN', cue='meldt'),
  C(7, 'Ruim tachtig mensen kwamen om het leven', 'persbureau PTI', ['PTI'], 'PTI', ME, 'IN', cue=None, continues='7-1', implicit=True),
], [
  Q(0, 'honderden krijgsgevangenen', None, 'krijgsgevangenen', 'captured', approx=True, zone='headline'),
  Q(0, '390 krijgsgevangenen', 390, 'krijgsgevangenen', 'captured'),
  Q(0, 'zeven burgers', 7, 'burgers', 'captured'),
  Q(0, 'meer dan achtduizend Oekraïners', 8000, 'Oekraïners', 'captured', low=8000),
  Q(0, 'twintig kilo', 20, 'kilo', 'other'),
  Q(1, 'honderden tractoren', None, 'tractoren', 'count', approx=True),
  Q(1, "zo'n 900 voertuigen", 900, 'voertuigen', 'count', approx=True),
  Q(4, 'zes agenten', 6, 'agenten', 'killed'),
  Q(5, '330', 330, 'stemmen', 'count'),
  Q(5, '205 stemmen', 205, 'stemmen', 'count'),
  Q(7, 'zeker 1,5 miljoen mensen', 1500000, 'mensen', 'other', low=1500000),
  Q(7, 'Ruim tachtig mensen', 80, 'mensen', 'killed', approx=True),
], [NQ(0, 'eerder dit jaar', 'relative time'), NQ(2, 'geen doden', 'negation, not a number'), NQ(6, 'binnen een maand', 'duration')])

build('h07_bekaa.txt', [
  C(0, 'Libanon: Israël schendt bestand met luchtaanvallen', 'Libanon', [], 'Libanon', 'country', 'LB', mode='headline', cue=':'),
  C(0, 'elf mensen om het leven, onder wie drie kinderen', 'Libanese ministerie van Gezondheid', ['het Libanese ministerie van Gezondheid', 'ministerie van Gezondheid', 'ministerie'], 'Libanese ministerie van Gezondheid', G, 'LB', cue='volgens'),
  C(0, 'sprak van "een flagrante schending" van het bestand', 'Premier Nawaf Salam', ['Nawaf Salam', 'Salam'], 'Nawaf Salam', P, 'LB', cue='sprak van'),
  C(0, 'het wapendepots van Hezbollah heeft getroffen', 'Israëlische leger', ['Het Israëlische leger', 'leger'], 'Israëlische leger', M, 'IL', cue='zegt'),
  C(0, 'Hezbollah probeert zich opnieuw te bewapenen', 'defensieminister Israel Katz', ['Israel Katz', 'Katz'], 'Israel Katz', P, 'IL', mode='direct', cue='aldus'),
  C(0, 'Hezbollah zelf wees de beschuldiging van de hand', 'Hezbollah', [], 'Hezbollah', GR, 'LB', cue='wees van de hand', stance='deny', disp='0-4', also_disputes=['0-5']),
  C(0, 'dreigt de escalatie de parlementsverkiezingen van mei in gevaar te brengen', 'diplomaten in Beiroet', ['diplomaten'], 'diplomaten', U, None, cue='volgens'),
  C(0, 'belde zondag met Salam en drong aan op terughoudendheid', 'Élysée', ['het Élysée'], 'Élysée', G, 'FR', cue='meldt'),
  C(1, 'een Israëlisch vrachtschip in de Rode Zee met drones te hebben aangevallen', "Houthi's", ["De Houthi's", "Houthi's in Jemen"], "Houthi's", GR, 'YE', cue='zeggen'),
  C(1, 'een schip schade had opgelopen', 'Britse maritieme agentschap UKMTO', ['het Britse maritieme agentschap UKMTO', 'agentschap UKMTO', 'UKMTO'], 'UKMTO', G, 'GB', cue='bevestigde'),
  C(2, 'Terreurgroep IS heeft de aanslag opgeëist', 'persbureau Amaq', ['het persbureau Amaq', 'Amaq'], 'Amaq', ME, None, cue='meldt'),
  C(3, 'Iran heeft een Franse toerist vrijgelaten', 'Franse minister van Buitenlandse Zaken Jean-Noël Barrot', ['de Franse minister van Buitenlandse Zaken Jean-Noël Barrot', 'Jean-Noël Barrot', 'Barrot'], 'Jean-Noël Barrot', P, 'FR', cue='bekendgemaakt'),
  C(4, 'Rusland blijft de grootste dreiging voor onze veiligheid', 'Minister van Defensie Pål Jonson', ['Pål Jonson', 'Jonson'], 'Pål Jonson', P, 'SE', mode='direct', cue=':'),
  C(5, 'werd het vuur veroorzaakt door een defecte accu', 'brandweer', ['de brandweer'], 'brandweer', G, 'US', cue='volgens'),
  C(6, 'de zaak "politiek gemotiveerd" is', 'advocaat', ['Haar advocaat'], 'advocaat van Jevgenia Lysova', P, None, cue='zegt'),
  C(6, 'zich niet met rechtszaken te bemoeien', 'Kremlin', ['Het Kremlin'], 'Kremlin', G, 'RU', cue='liet weten'),
  C(7, 'de wind de komende dagen gaat liggen', 'autoriteiten', ['De autoriteiten'], 'Zuid-Afrikaanse autoriteiten', G, 'ZA', cue='verwachten'),
], [
  Q(0, 'elf mensen', 11, 'mensen', 'killed'),
  Q(0, 'drie kinderen', 3, 'kinderen', 'killed'),
  Q(2, 'zeker negen doden', 9, 'doden', 'killed', low=9),
  Q(4, '2,5 miljard kronen', 2500000000, 'kronen', 'money'),
  Q(5, 'vijf mensen', 5, 'mensen', 'killed'),
  Q(7, 'ruim 4000 mensen', 4000, 'mensen', 'fled', approx=True),
], [NQ(0, 'mei', 'date'), NQ(3, 'bijna drie jaar', 'duration'), NQ(4, 'volgend jaar', 'date'), NQ(5, 'een kind van vier', 'age'), NQ(6, 'zes jaar strafkolonie', 'duration (sentence)')])
build('h08_witkoff.txt', [
  C(0, "Zelensky: 'Geen vrede zonder veiligheidsgaranties'", 'Zelensky', [], 'Volodymyr Zelensky', P, 'UA', mode='headline', cue=':'),
  C(0, 'Oekraïne zal geen akkoord tekenen dat het land weerloos achterlaat', 'president Volodymyr Zelensky', ['Volodymyr Zelensky', 'Zelensky', 'Oekraïne'], 'Volodymyr Zelensky', P, 'UA', cue='gezegd'),
  C(0, 'eist Moskou nog altijd dat Oekraïense troepen zich terugtrekken', 'Zelensky', ['Volodymyr Zelensky'], 'Volodymyr Zelensky', P, 'UA', cue='volgens'),
  C(0, 'de gesprekken "constructief" waren verlopen', 'Witkoff', ['Steve Witkoff'], 'Steve Witkoff', P, 'US', cue='zei'),
  C(0, 'Washington aandringt op een snelle wapenstilstand', 'Bronnen rond de Oekraïense delegatie', ['Bronnen', 'Oekraïense delegatie'], 'Oekraïense delegatie', G, 'UA', cue='zeggen'),
  C(0, 'Het Kremlin ontkende dat Rusland nieuwe eisen heeft gesteld', 'Kremlin', ['Het Kremlin'], 'Kremlin', G, 'RU', cue='ontkende', stance='deny', disp='0-3'),
  C(0, 'Onze positie is al maanden dezelfde', 'woordvoerder Dmitri Peskov', ['Dmitri Peskov', 'Peskov'], 'Dmitri Peskov', P, 'RU', mode='direct', cue='zei', via='RIA Novosti'),
  C(0, "veroverden Russische eenheden de afgelopen week zo'n 90 vierkante kilometer", 'Amerikaanse denktank ISW', ['de Amerikaanse denktank ISW', 'denktank ISW', 'ISW'], 'ISW', O, 'US', cue='volgens'),
  C(1, 'Estland heeft een Russisch vrachtschip aan de ketting gelegd', 'Estse marine', ['de Estse marine', 'marine'], 'Estse marine', M, 'EE', cue='maakte bekend'),
  C(1, 'Moskou spreekt van "piraterij"', 'Moskou', [], 'Moskou', G, 'RU', cue='spreekt van'),
  C(2, 'de groep in totaal 150.000 euro aan kiezers uitbetaalde', 'politie', ['De politie'], 'Moldavische politie', G, 'MD', cue='stelt'),
  C(3, 'bijna 200.000 mensen voor het geweld op de vlucht geslagen', 'VN', ['de VN'], 'VN', O, None, cue='volgens'),
  C(3, 'beschuldigt buurland Rwanda ervan de rebellen te steunen', 'regering in Kinshasa', ['De regering in Kinshasa', 'regering'], 'Congolese regering', G, 'CD', cue='beschuldigt'),
  C(3, 'wat Rwanda ontkent', 'Rwanda', [], 'Rwanda', 'country', 'RW', cue='ontkent', stance='deny', disp='3-2'),
  C(4, 'De aanklager verwijt hem de dood van minstens 40 gevangenen', 'aanklager', ['De aanklager'], 'aanklager van het Internationaal Strafhof', P, None, cue='verwijt'),
  C(5, 'het herstel "enkele dagen" kan duren', 'ministerie van Energie', ['Het ministerie van Energie', 'ministerie'], 'Cubaanse ministerie van Energie', G, 'CU', cue='meldt'),
  C(6, 'Noord-Korea heeft twee ballistische raketten in zee afgevuurd', 'Zuid-Koreaanse generale staf', ['de Zuid-Koreaanse generale staf', 'generale staf'], 'Zuid-Koreaanse generale staf', M, 'KR', cue='meldt'),
  C(6, 'kwamen de raketten neer buiten de Japanse economische zone', 'Japan', [], 'Japan', 'country', 'JP', cue='volgens'),
], [
  Q(0, "zo'n 90 vierkante kilometer", 90, 'kilometer', 'other', approx=True),
  Q(2, '14 mensen', 14, 'mensen', 'captured'),
  Q(2, '150.000 euro', 150000, 'euro', 'money'),
  Q(3, 'bijna 200.000 mensen', 200000, 'mensen', 'fled', approx=True),
  Q(4, 'minstens 40 gevangenen', 40, 'gevangenen', 'killed', low=40),
  Q(6, 'twee ballistische raketten', 2, 'raketten', 'count'),
], [NQ(0, 'al maanden', 'duration'), NQ(0, 'de afgelopen week', 'duration'), NQ(3, 'sinds vorige week', 'relative time'), NQ(5, 'enkele dagen', 'duration')])
# ---------------- h09 (written and annotated after the rule work on h01-h08; scored once before changes)
mod9 = ['Het Russische ministerie van Defensie', 'Russische ministerie van Defensie', 'ministerie van Defensie']
kon = ['gouverneur Veniamin Kondratjev', 'Veniamin Kondratjev', 'Kondratjev', 'gouverneur Veniamin Kondratjev van de regio Krasnodar']
build('h09_novorossiejsk.txt', [
  C(0, 'Rusland: Oekraïense drones troffen olieterminal in Novorossiejsk', 'Rusland', [], 'Rusland', 'country', 'RU', mode='headline', cue=':'),
  C(0, 'een olieterminal in de Russische havenstad Novorossiejsk getroffen', 'gouverneur Veniamin Kondratjev', kon, 'Veniamin Kondratjev', P, 'RU', cue='verklaarde'),
  C(0, 'Er zouden drie werknemers gewond zijn geraakt', 'gouverneur Veniamin Kondratjev', kon, 'Veniamin Kondratjev', P, 'RU', cue=None, continues='0-2'),
  C(0, 'staat een opslagtank nog altijd in brand', 'Russische media', ['media'], 'Russische media', ME, 'RU', cue='volgens'),
  C(0, 'de luchtverdediging in totaal 112 drones heeft neergeschoten', 'Russische ministerie van Defensie', mod9, 'Russische ministerie van Defensie', G, 'RU', cue='stelt'),
  C(0, 'de aanval de Russische olie-export "gevoelig" treft', 'Kyiv', ['woordvoerder van de marine', 'woordvoerder'], 'Kyiv', G, 'UA', cue='liet weten'),
  C(0, 'de operatie maanden was voorbereid', 'Oekraïense veiligheidsbron', ['Een Oekraïense veiligheidsbron', 'veiligheidsbron'], 'Oekraïense veiligheidsbron', G, 'UA', cue='zei', via='BBC'),
  C(0, 'noemde de aanval "een terroristische daad"', 'Kremlinwoordvoerder Dmitri Peskov', ['Dmitri Peskov', 'Peskov'], 'Dmitri Peskov', P, 'RU', cue='noemde'),
  C(0, 'Kyiv "een hoge prijs" zal betalen', 'Oud-president Dmitri Medvedev', ['Dmitri Medvedev', 'Medvedev'], 'Dmitri Medvedev', P, 'RU', cue='schreef'),
  C(1, 'zijn meer dan 70 betogers opgepakt', 'ombudsman', ['de ombudsman'], 'Georgische ombudsman', G, 'GE', cue='volgens'),
  C(1, 'noemde de demonstranten "door het buitenland betaalde provocateurs"', 'Premier Irakli Kobachidze', ['Irakli Kobachidze', 'Kobachidze'], 'Irakli Kobachidze', P, 'GE', cue='noemde'),
  C(2, 'de maatregel "pijnlijk" is voor vrachtwagenchauffeurs', 'Minister van Binnenlandse Zaken Vladislav Kondratovič', ['Vladislav Kondratovič', 'Kondratovič'], 'Vladislav Kondratovič', P, 'LT', cue='erkende'),
  C(3, 'Roemenië heeft resten van een Russische drone gevonden', 'Roemeense ministerie van Defensie', ['Het Roemeense ministerie van Defensie', 'ministerie van Defensie'], 'Roemeense ministerie van Defensie', G, 'RO', cue='bevestigd'),
  C(3, 'Moskou betwist dat het om een Russisch toestel gaat', 'Moskou', [], 'Moskou', G, 'RU', cue='betwist', stance='deny', disp='3-1'),
  C(4, "De verdachte zou in ruil daarvoor zo'n 40.000 euro hebben ontvangen", 'NRC', [], 'NRC', ME, 'NL', cue='schrijft'),
  C(5, 'bijna 2000 krijgsgevangenen heeft bezocht', 'Internationale Rode Kruis', ['Het Internationale Rode Kruis', 'Rode Kruis'], 'Internationale Rode Kruis', O, None, cue='zegt', via='AFP'),
  C(5, 'Beide landen zouden hun medewerking hebben toegezegd', 'Internationale Rode Kruis', ['Rode Kruis'], 'Internationale Rode Kruis', O, None, cue=None, continues='5-1'),
  C(6, "Wij dragen dan alle risico's", 'premier Bart De Wever', ['Bart De Wever', 'De Wever'], 'Bart De Wever', P, 'BE', mode='direct', cue='verklaarde'),
  C(7, 'meer dan een miljoen militairen heeft verloren aan doden en gewonden', 'Britse ministerie van Defensie', ['Het Britse ministerie van Defensie', 'ministerie van Defensie'], 'Britse ministerie van Defensie', G, 'GB', cue='schat'),
  C(7, 'Moskou noemt die schattingen ongegrond', 'Moskou', [], 'Moskou', G, 'RU', cue='noemt', stance='deny', disp='7-1'),
], [
  Q(0, 'drie werknemers', 3, 'werknemers', 'wounded'),
  Q(0, '112 drones', 112, 'drones', 'count'),
  Q(0, "zes regio's", 6, "regio's", 'count'),
  Q(1, 'tienduizenden mensen', None, 'mensen', 'count', approx=True),
  Q(1, 'meer dan 70 betogers', 70, 'betogers', 'captured', low=70),
  Q(4, "zo'n 40.000 euro", 40000, 'euro', 'money', approx=True),
  Q(5, 'bijna 2000 krijgsgevangenen', 2000, 'krijgsgevangenen', 'captured', approx=True),
  Q(6, 'ruim 200 miljard euro', 200000000000, 'euro', 'money', approx=True),
  Q(7, 'meer dan een miljoen militairen', 1000000, 'militairen', 'killed_or_wounded', low=1000000),
], [NQ(0, 'maanden', 'duration'), NQ(4, '41-jarige', 'age'), NQ(7, 'februari 2022', 'date')])
# ---------------- h10 (as h09)
lind = ['speciaal rapporteur Maria Lindqvist', 'rapporteur Maria Lindqvist', 'Maria Lindqvist', 'Lindqvist']
build('h10_gaza_rapport.txt', [
  C(0, "VN-rapporteur: hulp aan Gaza 'stelselmatig geblokkeerd'", 'VN-rapporteur', [], 'Maria Lindqvist', P, None, mode='headline', cue=':'),
  C(0, 'Israël houdt volgens een VN-rapporteur stelselmatig voedsel en medicijnen', 'VN-rapporteur', ['een VN-rapporteur'] + lind, 'Maria Lindqvist', P, None, cue='volgens'),
  C(0, 'zeker 600 vrachtwagens per week aan de grens worden opgehouden', 'speciaal rapporteur Maria Lindqvist', lind, 'Maria Lindqvist', P, None, cue='schrijft'),
  C(0, 'is een half miljoen mensen in het noorden van de strook', 'rapport', ['het rapport'] + lind, 'Maria Lindqvist', P, None, cue='volgens'),
  C(0, 'verwierp het rapport als "eenzijdig en vol feitelijke fouten"', 'Israëlische ministerie van Buitenlandse Zaken', ['Het Israëlische ministerie van Buitenlandse Zaken', 'ministerie van Buitenlandse Zaken'], 'Israëlische ministerie van Buitenlandse Zaken', G, 'IL', cue='verwierp', stance='deny', disp='0-3', also_disputes=['0-1', '0-2', '0-4']),
  C(0, 'Israël dagelijks honderden vrachtwagens doorlaat', 'woordvoerder', ['Een woordvoerder'], 'Israëlische ministerie van Buitenlandse Zaken', G, 'IL', cue='zei', contradicts=['0-3']),
  C(0, 'de onderhandelingen over de vrijlating van de laatste gijzelaars zijn vastgelopen', 'Israëlische media', ['media'], 'Israëlische media', ME, 'IL', cue='melden'),
  C(0, 'Hamas heeft nog zeker acht lichamen van gijzelaars in handen', 'Israëlische leger', ['het Israëlische leger', 'leger'], 'Israëlische leger', M, 'IL', cue='stelt'),
  C(0, 'De bal ligt bij Israël', 'Hamas-functionaris', ['Een Hamas-functionaris', 'functionaris'], 'Hamas', GR, 'PS', mode='direct', cue=':', via='Al Jazeera'),
  C(1, 'Iran heeft een vermeende spion voor de Israëlische geheime dienst Mossad opgehangen', 'Iraanse justitiële persbureau Mizan', ['het Iraanse justitiële persbureau Mizan', 'persbureau Mizan', 'Mizan'], 'Mizan', ME, 'IR', cue='meldt'),
  C(1, 'De man zou gevoelige informatie over kerncentrales hebben doorgespeeld', 'Iraanse justitiële persbureau Mizan', ['Mizan'], 'Mizan', ME, 'IR', cue=None, continues='1-1'),
  C(2, 'Lokale artsen gaven de RSF de schuld', 'Lokale artsen', ['artsen'], 'lokale artsen', GR, 'SD', cue='gaven'),
  C(3, 'tussen de 10 en 15 militairen zijn geëvacueerd', 'legerbron', ['Een legerbron'], 'Libanese leger', M, 'LB', cue='zegt'),
  C(4, 'de grens "eindelijk" wordt beschermd', 'Minister Pete Hegseth', ['Pete Hegseth', 'Hegseth'], 'Pete Hegseth', P, 'US', cue='zei'),
  C(5, 'gewaarschuwd voor "een regionale ontploffing"', 'koninklijk paleis', ['het koninklijk paleis', 'Koning Abdullah van Jordanië', 'Koning Abdullah'], 'Jordaanse koninklijk paleis', G, 'JO', cue='meldt'),
  C(6, 'klopt het bericht van Der Spiegel over een exportstop niet', 'regeringswoordvoerder Stefan Kornelius', ['Stefan Kornelius', 'Kornelius'], 'Stefan Kornelius', P, 'DE', cue='volgens', stance='deny'),
  C(7, 'waren er ruim 5000 deelnemers', 'organisatoren', ['de organisatoren'], 'organisatoren', GR, 'SE', cue='volgens'),
], [
  Q(0, 'zeker 600 vrachtwagens', 600, 'vrachtwagens', 'count', low=600),
  Q(0, 'een half miljoen mensen', 500000, 'mensen', 'other'),
  Q(0, 'honderden vrachtwagens', None, 'vrachtwagens', 'count', approx=True),
  Q(0, 'zeker acht lichamen', 8, 'lichamen', 'killed', low=8),
  Q(2, 'zeker 23 mensen', 23, 'mensen', 'killed', low=23),
  Q(3, 'twee posten', 2, 'posten', 'count'),
  Q(3, 'tussen de 10 en 15 militairen', None, 'militairen', 'fled', low=10, high=15),
  Q(4, '1500 extra militairen', 1500, 'militairen', 'soldiers'),
  Q(7, 'een tiental mensen', 10, 'mensen', 'captured', approx=True),
  Q(7, 'ruim 5000 deelnemers', 5000, 'deelnemers', 'count', approx=True),
], [NQ(0, 'per week', 'rate, not a count')])
