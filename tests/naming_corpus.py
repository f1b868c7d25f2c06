"""A corpus of Dutch note sentences from neighbourhood meetings, each with its public text.

The people (``PEOPLE``) are residents whose surnames are ordinary Dutch words — Bakker, de Wit,
Kok, Groen, Bos, de Groot, Visser, Mulder, de Haan, van der Meer — with a few who agreed to be
named (Sanne de Vries of the gemeente, Els de Jong of the corporatie, wijkagent Kees Koning),
two with initials, and three people of an earlier meeting of the process (Yusuf Amrani and Ria
de Graaf without consent, Noor Dekker with). Two Sannes share a first name (one may be named),
two Rias too (neither may).

Each case is a sentence as a note-taker types it (notes, decisions, action points, card texts)
and the sentence the public version must show: no name of anybody without consent, and no
ordinary word changed. ``doubt`` lists the words a case must list for review (left as typed).
"""

from __future__ import annotations

from dataclasses import dataclass

from models.domain import Consent

N, INI, A = Consent.NAAM, Consent.INITIALEN, Consent.ANONIEM

#: (id, name, consent, of this meeting). The public labels follow from the ids: the anonymous
#: attendees are Bewoner 1 … 9 in id order.
PEOPLE: tuple[tuple[int, str, Consent, bool], ...] = (
    (1, "Henk Bakker", A, True),  # Bewoner 1
    (2, "Karin de Wit", A, True),  # Bewoner 2
    (3, "Wilma Kok", A, True),  # Bewoner 3
    (4, "Sanne Groen", A, True),  # Bewoner 4
    (5, "Sanne de Vries", N, True),  # gemeente
    (6, "Jan van der Meer", INI, True),  # J.v.d.M.
    (7, "Pieter Bos", A, True),  # Bewoner 5
    (8, "Fatima de Groot", A, True),  # Bewoner 6
    (9, "Ahmed Visser", A, True),  # Bewoner 7
    (10, "Els de Jong", N, True),  # corporatie
    (11, "Mohammed Mulder", A, True),  # Bewoner 8
    (12, "Ria Smit", INI, True),  # R.S.
    (13, "Kees Koning", N, True),  # wijkagent
    (14, "Anouk de Haan", A, True),  # Bewoner 9
    (101, "Yusuf Amrani", A, False),  # earlier meeting: [naam weggelaten]
    (102, "Ria de Graaf", A, False),  # earlier meeting: [naam weggelaten]
    (103, "Noor Dekker", N, False),  # earlier meeting, agreed to be named
)
#: Every name that must never appear in the public version.
HIDDEN = tuple(name for _id, name, consent, _here in PEOPLE if consent != N)

W = "[naam weggelaten]"
MAIL = "[e-mailadres weggelaten]"
PHONE = "[telefoonnummer weggelaten]"


@dataclass(frozen=True)
class Case:
    category: str
    text: str
    public: str
    doubt: tuple[str, ...] = ()


def same(category: str, text: str, doubt: tuple[str, ...] = ()) -> Case:
    """A sentence the public version shows exactly as typed."""
    return Case(category, text, text, doubt)


CASES: tuple[Case, ...] = (
    # ---------------------------------------------------- every surname-word used as a word
    same("words", "Meer groen in de wijk: bakker op de hoek", ("Meer",)),
    same("words", "We willen meer schaduw op het plein."),
    same("words", "Het speeltoestel is te groot voor de kleine kinderen."),
    same("words", "De kinderen spelen graag in het bos achter de school."),
    same("words", "De kok van het wijkcentrum maakt soep voor de buurtmaaltijd."),
    same("words", "De muur wordt wit geschilderd."),
    same("words", "Er komt een visser bij de vijver zitten."),
    same("words", "Jong en oud doen mee aan de schoonmaakactie."),
    same("words", "De koning van de buurt is de man met de grootste tuin."),
    same("words", "De haan van de kinderboerderij kraait elke ochtend."),
    same("words", "De graaf van Holland gaf de stad rechten, vertelt de gids."),
    same("words", "Groene daken helpen tegen hitte."),
    same("words", "De bakkers in de straat doen mee."),
    same("words", "Er moet meer groen komen op het schoolplein."),
    same("words", "Bij de bakker op de hoek hangt de poster."),
    same("words", "De bomen in het bos worden gesnoeid."),
    same("words", "Het is niet groot genoeg, maar het is een begin."),
    same("words", "De gemeente plant meer bomen en meer struiken."),
    same("words", "Het groen langs de singel wordt beter onderhouden."),
    same("words", "De koks van de kookclub koken voor de ouderen."),
    same("words", "De muren zijn wit en de deuren groen."),
    same("words", "Meer bankjes en meer schaduw, zegt de werkgroep.", ("Meer",)),
    same("words", "Een grote groep jongeren wil een voetbalkooi."),
    same("words", "De groenstrook bij de Bakkerstraat wordt een bloemenweide."),
    same("words", "In het Wijkbos komen nieuwe paden."),
    same("words", "Het Groene Dak organiseert een open dag."),
    same("words", "De smid repareert het hek bij de ingang."),
    same("words", "Er zwemt een meerkoet in de vijver."),
    same("words", "Het meer bij het park is te vies om in te zwemmen."),
    same("words", "De vissers klagen over het vuil in de haven."),
    same("words", "Wit brood of bruin brood, dat maakt de kok niet uit.", ("Wit",)),
    same("words", "Groot onderhoud staat gepland voor 2027.", ("Groot",)),
    same("words", "Bos en heide zijn beschermd gebied.", ("Bos",)),
    same("words", "Koning Willem-Alexander opende het park in 2015."),
    same("words", "Mulder is een oud woord voor molenaar.", ("Mulder",)),
    same("words", "De haan op de kerktoren is opnieuw verguld."),
    same("words", "Visser of niet, iedereen mag vissen in de vijver.", ("Visser",)),
    same("words", "Zo groot als een voetbalveld."),
    same("words", "Er is meer nodig dan een nieuwe bank."),
    same("words", "De kinderen vinden het bos spannend en het groen mooi."),
    same("words", "Een bakker uit de buurt levert de koffiebroodjes."),
    same("words", "De wit-groene vlag hangt bij het wijkcentrum."),
    same("words", "Haan en kip lopen los in de tuin.", ("Haan",)),
    same("words", "De haan kraait, de kok kookt en de bakker bakt."),
    same("words", "Een groene, koele buurt: meer bomen, meer water."),
    same("words", "Koffie bij de bakker na afloop."),
    same("words", "In het bos bij de Kokkelkamp wordt gesnoeid."),
    same("words", "Na de bakker gaan we naar het bos."),
    same("words", "Koningsdag valt dit jaar op zaterdag."),
    same("words", "Er zijn groenbakken voor iedere flat."),
    same("words", "Het wordt een groot feest voor jong en oud."),
    same("words", "Veel bewoners willen meer groen, minder stenen en een groter plein."),
    same("words", "Gevolg: kinderen spelen op straat in plaats van in het bos."),
    same("words", "Kaart: te weinig groen en te veel stenen."),
    same("words", "Besluit: de bakker op de hoek mag zijn terras uitbreiden."),
    same("words", "De vijver is meer een plas dan een meer."),
    same("words", "Wie wordt de nieuwe kok van het buurthuis?"),
    same("words", "Het hek is wit, het bankje groen en de prullenbak groot."),
    same("words", "Reageren kan tot 01-12-2026."),
    same("words", "Het budget is 85.000 euro, inclusief btw."),
    same("words", "Ik vries de overgebleven soep in voor de volgende buurtmaaltijd."),
    same("words", "De graaf van het kasteel en de koning van het schaakspel: twee spelletjes."),
    # ------------------------------------ a surname-word starting a sentence: listed, kept
    same("sentence start", "Groen is de kleur van de hoop.", ("Groen",)),
    same("sentence start", "Bakker is een mooi beroep, zegt de kinderraad.", ("Bakker",)),
    same("sentence start", "Kok worden is haar droom.", ("Kok",)),
    same("sentence start", "GROEN IN DE WIJK", ("GROEN",)),
    same("sentence start", "(Groen is belangrijk voor de buurt.)", ("Groen",)),
    same("sentence start", "Meer groen!", ("Meer",)),
    same("sentence start", "Het Bos is een mooi park.", ("Bos",)),
    same("sentence start", "Stichting Groen Licht helpt mee.", ("Groen",)),
    same("sentence start", "Zaterdag: Kok en kelner gezocht voor het buurtfeest.", ("Kok",)),
    # ----------------------------------------------------------------- after a title
    Case("title", "Mevrouw Bakker vraagt of de stoep breder kan.",
         "Bewoner 1 vraagt of de stoep breder kan."),
    Case("title", "Meneer Bos meldt dat de lantaarnpaal kapot is.",
         "Bewoner 5 meldt dat de lantaarnpaal kapot is."),
    Case("title", "mevrouw Van der Meer stelt voor om bloembakken te plaatsen.",
         "J.v.d.M. stelt voor om bloembakken te plaatsen."),
    Case("title", "Volgens dhr. Kok is de bus vaak te laat.",
         "Volgens Bewoner 3 is de bus vaak te laat."),
    Case("title", "Fam. Groen heeft een buurtbarbecue georganiseerd.",
         "Bewoner 4 heeft een buurtbarbecue georganiseerd."),
    Case("title", "Mw. De Wit en dhr. De Groot bieden hun hulp aan.",
         "Bewoner 2 en Bewoner 6 bieden hun hulp aan."),
    Case("title", "De heer Visser wil een hondenuitlaatplek.",
         "Bewoner 7 wil een hondenuitlaatplek."),
    Case("title", "Buurvrouw Mulder zorgt voor de sleutel van de schuur.",
         "Bewoner 8 zorgt voor de sleutel van de schuur."),
    Case("title", "meneer de Haan vraagt naar de planning.",
         "Bewoner 9 vraagt naar de planning."),
    Case("title", "Ook mevrouw kok vindt het een goed idee.",
         "Ook Bewoner 3 vindt het een goed idee."),
    Case("title", "Het voorstel van familie Bakker wordt besproken.",
         "Het voorstel van Bewoner 1 wordt besproken."),
    same("title", "Mevrouw Pietersen van nummer 12 belde over overlast.",
         ("Mevrouw Pietersen",)),
    same("title", "Dhr. Jansen kwam niet opdagen.", ("Dhr. Jansen",)),
    same("title", "Mevrouw De Jong van de corporatie legt het uit."),
    same("title", "Wijkagent Koning loopt vaker een ronde."),
    same("title", "Volgens meneer De Boer is het plein te donker.", ("meneer De Boer",)),
    # ------------------------------------------------------- whole names and first names
    Case("name", "Henk Bakker opent de vergadering.", "Bewoner 1 opent de vergadering."),
    Case("name", "karin de wit schrijft de brief.", "Bewoner 2 schrijft de brief."),
    Case("name", "Wilma vraagt naar de speeltuin.", "Bewoner 3 vraagt naar de speeltuin."),
    Case("name", "Het voorstel van Pieter is aangenomen.",
         "Het voorstel van Bewoner 5 is aangenomen."),
    Case("name", "Ahmed en Mohammed maken de planning.",
         "Bewoner 7 en Bewoner 8 maken de planning."),
    Case("name", "Fatima de Groot heeft foto's gemaakt van de losse tegels.",
         "Bewoner 6 heeft foto's gemaakt van de losse tegels."),
    Case("name", "Anouk zegt dat de speeltuin te klein is.",
         "Bewoner 9 zegt dat de speeltuin te klein is."),
    Case("name", "Jan van der Meer maakt een tekening.", "J.v.d.M. maakt een tekening."),
    Case("name", "Ria Smit neemt de notulen.", "R.S. neemt de notulen."),
    Case("name", "Ria neemt contact op met de school.", f"{W} neemt contact op met de school."),
    Case("name", "HENK BAKKER", "Bewoner 1"),
    Case("name", "Afspraak met Bakker over de container.",
         "Afspraak met Bewoner 1 over de container."),
    Case("name", "Het idee komt van Bos.", "Het idee komt van Bewoner 5."),
    Case("name", "Navragen bij Visser of de tuin klaar is.",
         "Navragen bij Bewoner 7 of de tuin klaar is."),
    Case("name", "Kok en Mulder hebben geholpen.", "Bewoner 3 en Bewoner 8 hebben geholpen."),
    Case("name", "pieter bos en wilma kok ruimen op.", "Bewoner 5 en Bewoner 3 ruimen op."),
    Case("name", "Henk zei dat hij kan helpen.", "Bewoner 1 zei dat hij kan helpen."),
    Case("name", "Smit regelt de koffie.", "R.S. regelt de koffie."),
    Case("name", "De buurt bedankt Karin voor haar inzet.",
         "De buurt bedankt Bewoner 2 voor haar inzet."),
    Case("name", "Mohammed Mulder en Anouk de Haan gaan langs de deuren.",
         "Bewoner 8 en Bewoner 9 gaan langs de deuren."),
    Case("name", "Mulder vraagt of het hek dicht kan.", "Bewoner 8 vraagt of het hek dicht kan."),
    Case("name", "Groen meldt dat de lantaarn kapot is.",
         "Bewoner 4 meldt dat de lantaarn kapot is."),
    Case("name", "Visser belt de gemeente.", "Bewoner 7 belt de gemeente."),
    Case("name", "Ook Kok is het eens met het plan.", "Ook Bewoner 3 is het eens met het plan."),
    Case("name", "Bij de meer dan honderd reacties was er één van Bos.",
         "Bij de meer dan honderd reacties was er één van Bewoner 5."),
    Case("name", "Stel voor om meer groen te planten, zegt Karin.",
         "Stel voor om meer groen te planten, zegt Bewoner 2."),
    Case("name", "Idee van Pieter: een moestuin.", "Idee van Bewoner 5: een moestuin."),
    Case("name", "Actie: Wilma vraagt offerte aan bij de kok van het wijkcentrum.",
         "Actie: Bewoner 3 vraagt offerte aan bij de kok van het wijkcentrum."),
    Case("name", "Volgens K. de Wit en H. Bakker is het te duur.",
         "Volgens Bewoner 2 en Bewoner 1 is het te duur."),
    Case("name", "Fatima en Henk hebben de bomen geteld: meer dan dertig.",
         "Bewoner 6 en Bewoner 1 hebben de bomen geteld: meer dan dertig."),
    # ----------------------------------------------------------------------- possessives
    Case("possessive", "Ahmeds voorstel krijgt steun.", "Bewoner 7's voorstel krijgt steun."),
    Case("possessive", "Het plan van Karins werkgroep is klaar.",
         "Het plan van Bewoner 2's werkgroep is klaar."),
    Case("possessive", "Bakker's tuin ligt aan de achterkant.",
         "Bewoner 1's tuin ligt aan de achterkant."),
    Case("possessive", "Henks fiets staat in de gang.", "Bewoner 1's fiets staat in de gang."),
    Case("possessive", "Wilma's kleinzoon speelt er vaak.",
         "Bewoner 3's kleinzoon speelt er vaak."),
    Case("possessive", "De Wits hond blaft 's nachts.", "Bewoner 2's hond blaft 's nachts."),
    Case("possessive", "Anouks buren klagen niet.", "Bewoner 9's buren klagen niet."),
    Case("possessive", "Mohammed's zoon speelt voetbal.", "Bewoner 8's zoon speelt voetbal."),
    # ------------------------------------------------------------------------- particles
    Case("particle", "Karin de Wit en De Groot zijn het eens.",
         "Bewoner 2 en Bewoner 6 zijn het eens."),
    Case("particle", "Volgens van der Meer is de begroting rond.",
         "Volgens J.v.d.M. is de begroting rond."),
    Case("particle", "Van der Meer heeft het budget berekend.",
         "J.v.d.M. heeft het budget berekend."),
    Case("particle", "De Haan wil de bomen houden.", "Bewoner 9 wil de bomen houden."),
    Case("particle", "Ook de Groot is voor.", "Ook Bewoner 6 is voor."),
    Case("particle", "Het plan van De Wit gaat naar de gemeente.",
         "Het plan van Bewoner 2 gaat naar de gemeente."),
    same("particle", "Achter de wit geschilderde muur staat de container."),
    Case("particle", "Zij vindt het te groot en de Groot vindt het te klein.",
         "Zij vindt het te groot en Bewoner 6 vindt het te klein."),
    Case("particle", "DE WIT en DE GROOT tekenen.", "Bewoner 2 en Bewoner 6 tekenen."),
    # ----------------------------------------------------------------------------- lists
    Case("list", "Bakker, Bos en De Wit zijn het eens.",
         "Bewoner 1, Bewoner 5 en Bewoner 2 zijn het eens."),
    Case("list", "Afgemeld: Kok, Groen en Mulder.", "Afgemeld: Bewoner 3, Bewoner 4 en Bewoner 8."),
    Case("list", "Aanwezig waren Visser, De Haan en Smit.",
         "Aanwezig waren Bewoner 7, Bewoner 9 en R.S."),
    Case("list", "Groen en Bakker regelen de vergunning.",
         "Bewoner 4 en Bewoner 1 regelen de vergunning."),
    Case("list", "Bos, Kok en Koning lopen mee.", "Bewoner 5, Bewoner 3 en Koning lopen mee."),
    Case("list", "Besluit: Bakker en De Wit maken een plan voor het groen.",
         "Besluit: Bewoner 1 en Bewoner 2 maken een plan voor het groen."),
    # ----------------------------------------------------------------------- parentheses
    Case("parentheses", "De actie van Yusuf (kinderraad) loopt.",
         f"De actie van {W} (kinderraad) loopt."),
    Case("parentheses", "Het voorstel (Bakker) wordt uitgewerkt.",
         "Het voorstel (Bewoner 1) wordt uitgewerkt."),
    Case("parentheses", "Er komen twee bankjes (idee van Wilma).",
         "Er komen twee bankjes (idee van Bewoner 3)."),
    Case("parentheses", "De werkgroep (Anouk, Pieter en Karin) komt maandag bij elkaar.",
         "De werkgroep (Bewoner 9, Bewoner 5 en Bewoner 2) komt maandag bij elkaar."),
    same("parentheses", "De gemeente (Sanne de Vries) komt met een voorstel."),
    # ---------------------------------------------------- invisible and look-alike letters
    Case("invisible", "Wilma\u200bKok kwam later.", "Bewoner 3 kwam later."),
    Case("invisible", "Henk\u00a0Bakker belt de aannemer.", "Bewoner 1 belt de aannemer."),
    Case("invisible", "Pie\u00adter regelt de tent.", "Bewoner 5 regelt de tent."),
    Case("invisible", "Ka\u0301rin de Wit tekent.", "Bewoner 2 tekent."),
    Case("invisible", "Mevrouw \u041a\u043e\u043a belde.", "Bewoner 3 belde."),
    Case("invisible", "\uff21\uff48\uff4d\uff45\uff44 heeft de sleutel.",
         "Bewoner 7 heeft de sleutel."),
    Case("invisible", "Karin\u2060de\u2060Wit", "Bewoner 2"),
    Case("invisible", "Anouk\u202fde\u202fHaan belt.", "Bewoner 9 belt."),
    Case("invisible", "Wil\u200bma en Hen\u200dk", "Bewoner 3 en Bewoner 1"),
    Case("invisible", "Fatima\u2009de\u2009Groot", "Bewoner 6"),
    # -------------------------------------------------------------- e-mail and telephone
    Case("contact", "Mail naar wilma.kok@buurtmail.nl voor vragen.",
         f"Mail naar {MAIL} voor vragen."),
    Case("contact", "Bel Henk op 06-12345678.", f"Bel Bewoner 1 op {PHONE}."),
    Case("contact", "Het nummer van de wijkagent is 0612 345 678.",
         f"Het nummer van de wijkagent is {PHONE}."),
    Case("contact", "Contact: info@wijkcentrum.nl of +31 6 12345678.",
         f"Contact: {MAIL} of {PHONE}."),
    Case("contact", "Sanne de Vries (s.devries@gemeente.nl) stuurt de stukken.",
         f"Sanne de Vries ({MAIL}) stuurt de stukken."),
    Case("contact", "Bel 010-1234567 voor de container.", f"Bel {PHONE} voor de container."),
    Case("contact", "Reacties naar henkbakker@gmail.com of 0031 (0)6 1234 5678.",
         f"Reacties naar {MAIL} of {PHONE}."),
    # ------------------------------------------------------------------ shared first names
    Case("shared", "Sanne vraagt of er een vergunning nodig is.",
         f"{W} vraagt of er een vergunning nodig is.", ("Sanne",)),
    same("shared", "Sanne de Vries legt de regels uit."),
    Case("shared", "Sanne Groen wil helpen met de tuin.", "Bewoner 4 wil helpen met de tuin."),
    Case("shared", "Volgens Sanne kan het in maart.", f"Volgens {W} kan het in maart.", ("Sanne",)),
    # ------------------------------------------------------------ people of earlier meetings
    Case("earlier", "De actie van Yusuf (kinderraad) loopt; mevrouw De Graaf meldt dat de "
         "school meedoet.",
         f"De actie van {W} (kinderraad) loopt; {W} meldt dat de school meedoet."),
    Case("earlier", "Yusuf Amrani heeft de petitie opgehaald.", f"{W} heeft de petitie opgehaald."),
    Case("earlier", "Amrani stuurt de foto's.", f"{W} stuurt de foto's."),
    same("earlier", "Noor Dekker van de vorige keer is er weer."),
    Case("earlier", "Ria de Graaf kon niet komen.", f"{W} kon niet komen."),
    # -------------------------------------------------------- people who agreed to be named
    same("consent", "Els de Jong van de corporatie neemt de klacht mee."),
    same("consent", "Kees Koning loopt vaker een ronde."),
    same("consent", "De Vries en De Jong (gemeente en corporatie) zijn er."),
    same("consent", "Els en Kees zijn het eens met Sanne de Vries."),
)  # fmt: skip

#: Fields that hold people (who of an action point): (typed, public, doubt).
PERSON_FIELDS: tuple[Case, ...] = (
    Case("who", "Bakker", "Bewoner 1"),
    Case("who", "Groen", "Bewoner 4"),
    Case("who", "henk", "Bewoner 1"),
    Case("who", "Bakker en De Wit", "Bewoner 1 en Bewoner 2"),
    Case("who", "Sanne", W, ("Sanne",)),
    same("who", "gemeente"),
    same("who", "Kees Koning"),
    same("who", "de kok van het wijkcentrum"),
    same("who", "Pietersen", ("Pietersen",)),
    Case("who", "Yusuf", W),
)
