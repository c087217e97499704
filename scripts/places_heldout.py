"""Fresh fixtures written after the rules were frozen (not used for tuning): places geocoding accuracy."""
from sourcetrace.nlp import get_nlp
import sourcetrace
from sourcetrace.ingest import article_from_string
H = [
 ("Floodwaters cut the highway between Lahore and Multan, and officials in Punjab said rescue teams from Rawalpindi had been sent.",
  [("Lahore","PAK","city"),("Multan","PAK","city"),("Punjab","PAK","admin1"),("Rawalpindi","PAK","city")]),
 ("Farmers in Punjab and Haryana blocked roads leading to New Delhi, while police in Amritsar detained dozens.",
  [("Punjab","IND","admin1"),("Haryana","IND","admin1"),("New Delhi","IND","city"),("Amritsar","IND","city")]),
 ("The delegation flew from Nairobi to Mogadishu, then on to Kismayo, according to a statement from Somalia's foreign ministry.",
  [("Nairobi","KEN","city"),("Mogadishu","SOM","city"),("Kismayo","SOM","city"),("Somalia","SOM","country")]),
 ("Wildfires forced evacuations near Athens and on the island of Evia, Greek officials said, as crews arrived from Cyprus and Italy.",
  [("Athens","GRC","city"),("Evia","GRC","admin1"),("Cyprus","CYP","country"),("Italy","ITA","country")]),
 ("A storm system moving across Texas brought tornadoes to Dallas and hail to Austin before heading toward Louisiana.",
  [("Texas","USA","admin1"),("Dallas","USA","city"),("Austin","USA","city"),("Louisiana","USA","admin1")]),
 ("Ministers from Japan and South Korea met in Tokyo to discuss shipments through the port of Busan.",
  [("Japan","JPN","country"),("South Korea","KOR","country"),("Tokyo","JPN","city"),("Busan","KOR","city")]),
 ("Protests spread from Tehran to Isfahan and Shiraz, and Iran's government restricted internet access nationwide.",
  [("Tehran","IRN","city"),("Isfahan","IRN","city"),("Shiraz","IRN","city"),("Iran","IRN","country")]),
 ("Prosecutors in Hamburg and Munich opened cases against the company, and Germany's finance ministry in Berlin declined to comment.",
  [("Hamburg","DEU","city"),("Munich","DEU","city"),("Germany","DEU","country"),("Berlin","DEU","city")]),
 ("Aid convoys left Amman for the border crossing near Daraa, and the UN said supplies would reach Damascus by Friday.",
  [("Amman","JOR","city"),("Daraa","SYR","city"),("Damascus","SYR","city")]),
 ("The airline added flights from Toronto and Vancouver to London, and from Montreal to Paris, starting in June.",
  [("Toronto","CAN","city"),("Vancouver","CAN","city"),("London","GBR","city"),("Montreal","CAN","city"),("Paris","FRA","city")]),
]
nlp = get_nlp()
n = found = cc = both = 0
for text, gold in H:
    a = sourcetrace.analyze(article_from_string(text, id="h"), nlp=nlp)
    for s, c, f in gold:
        n += 1
        i = text.find(s)
        hit = next((p for p in a.places if p.start < i + len(s) and i < p.end), None)
        if hit is None:
            print("  missed:", s); continue
        found += 1; cc += hit.country == c; both += hit.country == c and hit.feature == f
        if hit.country != c or hit.feature != f: print("  wrong:", s, c, f, "->", hit.name, hit.country, hit.feature)
    golds = {g[0] for g in gold}
    for p in a.places:
        if not any(p.text in g or g in p.text for g in golds): print("  extra:", p.text, p.name, p.country, p.feature)
print(f"held-out fixtures: {n} gold mentions, found {found} ({found/n:.0%}), right country {cc}/{found} ({cc/found:.1%}), right country+feature {both}/{found}; end to end {both}/{n} = {both/n:.1%}")
