"""Speaker registry for the stancewire sample corpus.

EVERY PERSON HERE IS FICTIONAL. Countries and institutions are real; the people holding the
roles are invented. ``kind`` is "person", "anonymous" or "organisation" (matching
``extractors.quotes.Quote.speaker_kind``).

``arc`` documents the intended stance trajectory on the two targets of topics/ukraine-security.toml
(``nato_membership`` and ``security_guarantees``); the per-quote ground truth lives in the articles.
"""

SPEAKERS = {
    # --- recurring, named, fictional ---------------------------------------------------------
    "verbytska": dict(name="Halyna Verbytska", kind="person", gender="f", country="Ukraine",
                      role="Deputy Foreign Minister of Ukraine",
                      arc="pro membership and pro guarantees throughout; guarantees are 'no substitute' for membership"),
    "savchuk": dict(name="Dmytro Savchuk", kind="person", gender="m", country="Ukraine",
                    role="adviser to the head of Ukraine's presidential office",
                    arc="pro both throughout; pushes for binding, Article 5-style guarantees"),
    "vollmer": dict(name="Karsten Vollmer", kind="person", gender="m", country="Germany",
                    role="German Defence Minister",
                    arc="membership: con/conditional ('premature while the war continues') in 2023 -> "
                        "pro ('an irreversible path to membership') by mid-2024; guarantees: hedged -> pro"),
    "ferrand": dict(name="Camille Ferrand", kind="person", gender="f", country="France",
                    role="French Minister Delegate for Europe",
                    arc="guarantees: hedged ('something between') in 2023 -> pro from early 2024; "
                        "membership: hedged -> pro in 2024"),
    "nowicki_t": dict(name="Tomasz Nowicki", kind="person", gender="m", country="Poland",
                      role="General, Deputy Chief of the Polish General Staff",
                      arc="pro both throughout; membership is 'the only lasting guarantee'"),
    "nowicki_p": dict(name="Paweł Nowicki", kind="person", gender="m", country="Poland",
                      role="Polish MP, member of the Sejm agriculture committee",
                      arc="DIFFERENT PERSON from General Tomasz Nowicki. membership: con/conditional during "
                          "the 2023 grain dispute -> hedged early 2024 -> pro by July 2024; guarantees hedged"),
    "berenyi": dict(name="Zoltán Berényi", kind="person", gender="m", country="Hungary",
                    role="Hungarian State Secretary for Foreign Affairs",
                    arc="con on membership throughout ('escalation'); con/hedged on guarantees"),
    "thornbury": dict(name="Rebecca Thornbury", kind="person", gender="f", country="United States",
                      role="US Deputy Assistant Secretary of State for European Affairs",
                      arc="membership: hedged/conditional ('not yet', 'when conditions are met') -> "
                          "'bridge to membership' (pro, hedged) 2024; guarantees: pro throughout"),
    "kemble": dict(name="Alistair Kemble", kind="person", gender="m", country="United Kingdom",
                   role="British Minister for Europe",
                   arc="pro both throughout; UK signs the first bilateral security agreement (Jan 2024)"),
    "tammsalu": dict(name="Liina Tammsalu", kind="person", gender="f", country="Estonia",
                     role="Estonian Foreign Minister",
                     arc="pro both throughout; 'Ukraine belongs in NATO'"),
    "aasland": dict(name="Henrik Aasland", kind="person", gender="m", country="NATO",
                    role="NATO Assistant Secretary General for Political Affairs",
                    arc="membership: neutral/hedged in 2023 -> pro ('irreversible') in 2024"),
    "zimin": dict(name="Arkady Zimin", kind="person", gender="m", country="Russia",
                  role="Kremlin spokesman",
                  arc="con on both throughout ('provocation', 'red line')"),
    "achterberg": dict(name="Miriam Achterberg", kind="person", gender="f", country="Netherlands",
                       role="senior fellow at the Hague Centre for Security Futures (fictional think tank)",
                       arc="analyst; hedges on both"),
    "whitcombe": dict(name="Jonas Whitcombe", kind="person", gender="m", country="United States",
                      role="analyst at the Potomac Strategy Group (fictional think tank)",
                      arc="analyst; sceptical of an early invitation (con/hedged), neutral on guarantees"),
    # --- anonymous and collective sources ----------------------------------------------------
    "anon_diplomat_ce": dict(name="a senior diplomat from Central Europe", kind="anonymous"),
    "anon_two_people": dict(name="two people familiar with the talks", kind="anonymous"),
    "anon_officials": dict(name="officials", kind="anonymous"),
    "anon_diplomats": dict(name="diplomats", kind="anonymous"),
    "anon_ua_officials": dict(name="Ukrainian officials", kind="anonymous"),
    "anon_kyiv_officials": dict(name="officials in Kyiv", kind="anonymous"),
    "anon_eu_diplomats": dict(name="EU diplomats", kind="anonymous"),
    "anon_nato_official": dict(name="a NATO official", kind="anonymous"),
    "anon_western_diplomat": dict(name="a Western diplomat", kind="anonymous"),
    "anon_aide": dict(name="a congressional aide", kind="anonymous"),
    # --- organisations ------------------------------------------------------------------------
    "org_kremlin": dict(name="the Kremlin", kind="organisation", country="Russia"),
    "org_ru_mfa": dict(name="the Russian foreign ministry", kind="organisation", country="Russia"),
    "org_ua_mfa": dict(name="Ukraine's foreign ministry", kind="organisation", country="Ukraine"),
    "org_hu_mfa": dict(name="the Hungarian foreign ministry", kind="organisation", country="Hungary"),
    "org_nato_leaders": dict(name="NATO leaders", kind="organisation", country="NATO"),
    # --- off-topic, fictional ------------------------------------------------------------------
    "ellery": dict(name="Margaret Ellery", kind="person", gender="f", country="United Kingdom",
                   role="finance lead, Northgate Borough Council (fictional town)", arc="off-topic"),
    "reinholt": dict(name="Tobias Reinholt", kind="person", gender="m", country="Germany",
                     role="chief economist at Lindqvist Bank (fictional)", arc="off-topic"),
    "pelletier": dict(name="Sandro Pelletier", kind="person", gender="m", country="France",
                      role="head coach of Valmont FC (fictional club)", arc="off-topic"),
    "brodeur": dict(name="Lise Brodeur", kind="person", gender="f", country="France",
                    role="captain of Valmont FC (fictional club)", arc="off-topic"),
}
