// Breton names of the four départements, the Région and the main communes, as the Ofis publik ar
// brezhoneg fixes them (KerOfis, its database of official Breton place names: https://kerofis.bzh):
// people write "Kemper" or "Penn-ar-Bed" as readily as "Quimper" or "Finistère". Communes whose
// Breton name is spelt like the French one (Brest, Dinan, Redon, Douarnenez…) need no entry.
// Each entry is [official French name (COG), Breton name]: the French name lets a text search
// read Breton without loading the territory, and a test checks it against the COG.

/** INSEE code → [French name, Breton name]. */
export const BRETON_COMMUNE_NAMES: Readonly<Record<string, readonly [string, string]>> = Object.freeze({
  '22070': ['Guingamp', 'Gwengamp'],
  '22093': ['Lamballe-Armor', 'Lambal-Arvor'],
  '22113': ['Lannion', 'Lannuon'],
  '22136': ['Loudéac', 'Loudieg'],
  '22162': ['Paimpol', 'Pempoull'],
  '22168': ['Perros-Guirec', 'Perroz-Gireg'],
  '22278': ['Saint-Brieuc', 'Sant-Brieg'],
  '22362': ['Tréguier', 'Landreger'],
  '29024': ['Carhaix-Plouguer', 'Karaez-Plougêr'],
  '29026': ['Châteaulin', 'Kastellin'],
  '29039': ['Concarneau', 'Konk-Kerne'],
  '29042': ['Crozon', 'Kraozon'],
  '29075': ['Guipavas', 'Gwipavaz'],
  '29103': ['Landerneau', 'Landerne'],
  '29105': ['Landivisiau', 'Landivizio'],
  '29151': ['Morlaix', 'Montroulez'],
  '29189': ['Plougastel-Daoulas', 'Plougastell-Daoulaz'],
  '29220': ['Pont-l’Abbé', 'Pont-’n-Abad'],
  '29232': ['Quimper', 'Kemper'],
  '29233': ['Quimperlé', 'Kemperle'],
  '29239': ['Roscoff', 'Rosko'],
  '29259': ['Saint-Pol-de-Léon', 'Kastell-Paol'],
  '35051': ['Cesson-Sévigné', 'Saozon-Sevigneg'],
  '35093': ['Dinard', 'Dinarzh'],
  '35115': ['Fougères', 'Felger'],
  '35238': ['Rennes', 'Roazhon'],
  '35288': ['Saint-Malo', 'Sant-Maloù'],
  '35360': ['Vitré', 'Gwitreg'],
  '56007': ['Auray', 'Alre'],
  '56083': ['Hennebont', 'Henbont'],
  '56098': ['Lanester', 'Lannarstêr'],
  '56121': ['Lorient', 'An Oriant'],
  '56162': ['Ploemeur', 'Plañvour'],
  '56165': ['Ploërmel', 'Ploermael'],
  '56178': ['Pontivy', 'Pondi'],
  '56186': ['Quiberon', 'Kiberen'],
  '56260': ['Vannes', 'Gwened'],
});

/** Code of the département → [French name, Breton name]. */
export const BRETON_DEPARTEMENT_NAMES: Readonly<Record<string, readonly [string, string]>> = Object.freeze({
  '22': ['Côtes-d’Armor', 'Aodoù-an-Arvor'],
  '29': ['Finistère', 'Penn-ar-Bed'],
  '35': ['Ille-et-Vilaine', 'Il-ha-Gwilen'],
  '56': ['Morbihan', 'Mor-Bihan'],
});

export const BRETON_REGION_NAME: readonly [string, string] = ['Bretagne', 'Breizh'];
