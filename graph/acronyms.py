"""Short forms Norwegian staff type for bodies whose registers spell them out: "UiO" for
Universitetet i Oslo, "NAV" for Arbeids- og velferdsetaten. A search for a short form also
looks for the names it stands for, so it finds an imported actor that has no alias for it.

Each is the body's own short form, as it uses it of itself; the names are those in
Enhetsregisteret (with the English names the bodies use), and the former names they had in
2014–2023 registers.
"""

from __future__ import annotations

from graph.text import name_key

ACRONYMS: dict[str, tuple[str, ...]] = {
    "UiO": ("Universitetet i Oslo", "University of Oslo"),
    "UiB": ("Universitetet i Bergen", "University of Bergen"),
    "UiT": ("UiT Norges arktiske universitet", "Universitetet i Tromsø", "UiT The Arctic University of Norway"),
    "NTNU": ("Norges teknisk-naturvitenskapelige universitet", "Norwegian University of Science and Technology"),
    "NMBU": ("Norges miljø- og biovitenskapelige universitet", "Norwegian University of Life Sciences"),
    "UiA": ("Universitetet i Agder", "University of Agder"),
    "UiS": ("Universitetet i Stavanger", "University of Stavanger"),
    "USN": ("Universitetet i Sørøst-Norge", "University of South-Eastern Norway"),
    "HVL": ("Høgskulen på Vestlandet", "Western Norway University of Applied Sciences"),
    "OsloMet": ("OsloMet – storbyuniversitetet", "Høgskolen i Oslo og Akershus"),
    "NAV": ("Arbeids- og velferdsetaten", "Arbeids- og velferdsdirektoratet", "Norwegian Labour and Welfare Administration"),
    "KS": ("Kommunesektorens organisasjon", "Kommunenes Sentralforbund"),
    "NHO": ("Næringslivets Hovedorganisasjon", "Confederation of Norwegian Enterprise"),
    "SSB": ("Statistisk sentralbyrå", "Statistics Norway"),
    "FHI": ("Folkehelseinstituttet", "Norwegian Institute of Public Health"),
    "NVE": ("Norges vassdrags- og energidirektorat",),
    "DFØ": ("Direktoratet for forvaltning og økonomistyring",),
    "Digdir": ("Digitaliseringsdirektoratet", "Norwegian Digitalisation Agency"),
    "Difi": ("Direktoratet for forvaltning og IKT", "Direktoratet for forvaltning og ikt"),
    "KMD": ("Kommunal- og moderniseringsdepartementet",),
    "KDD": ("Kommunal- og distriktsdepartementet",),
    "HOD": ("Helse- og omsorgsdepartementet",),
    "NFD": ("Nærings- og fiskeridepartementet",),
    "KD": ("Kunnskapsdepartementet",),
    "Forskningsrådet": ("Norges forskningsråd", "Research Council of Norway"),
}
_BY_KEY = {name_key(short): names for short, names in ACRONYMS.items()}


def spelled_out(text: str) -> tuple[str, ...]:
    """The names a short form stands for ("uio" -> Universitetet i Oslo, …); none for other text."""
    return _BY_KEY.get(name_key(text.strip()), ())
