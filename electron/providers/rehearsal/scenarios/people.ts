import type { SeededRandom } from '../random';
import type { Person } from '../timeline';

// Fictional people and institutions, shaped like the audience of a provincial election webinar.
const FIRST_NAMES = [
  'Ahmad',
  'Budi',
  'Siti',
  'Rina',
  'Dewi',
  'Agus',
  'Hendra',
  'Yusuf',
  'Made',
  'Nyoman',
  'Putu',
  'Fitri',
  'Indah',
  'Rudi',
  'Bambang',
  'Sri',
  'Eko',
  'Joko',
  'Ratna',
  'Andi',
  'Hasan',
  'Nurul',
  'Lestari',
  'Teguh',
  'Bayu',
  'Citra',
  'Dian',
  'Fajar',
  'Gita',
  'Hadi',
  'Irfan',
  'Kartika',
  'Lukman',
  'Maya',
  'Novi',
  'Prasetyo',
  'Rahmat',
  'Sari',
  'Taufik',
  'Umar',
  'Vina',
  'Wahyu',
  'Yanti',
  'Zainal',
  'Ketut',
  'Ayu',
  'Benny',
  'Dimas',
] as const;

const LAST_NAMES = [
  'Santoso',
  'Wulandari',
  'Pratama',
  'Hidayat',
  'Saputra',
  'Kusuma',
  'Nugroho',
  'Siregar',
  'Harahap',
  'Simanjuntak',
  'Lubis',
  'Wijaya',
  'Setiawan',
  'Rahman',
  'Hakim',
  'Susanto',
  'Purnama',
  'Gunawan',
  'Halim',
  'Syahputra',
  'Manurung',
  'Situmorang',
  'Pangaribuan',
  'Daulay',
  'Nasution',
  'Tanjung',
  'Sembiring',
] as const;

const TITLES = ['', '', '', 'Dr. ', 'Ir. ', 'H. ', 'Hj. ', 'Drs. '] as const;

interface Institution {
  name: string;
  domain: string;
  /** Panelists speak with video on. */
  panel: boolean;
}

const INSTITUTIONS: readonly Institution[] = [
  { name: 'KPU Provinsi', domain: 'kpu-prov.example', panel: true },
  { name: 'Bawaslu Provinsi', domain: 'bawaslu-prov.example', panel: true },
  { name: 'Polda', domain: 'polda.example', panel: true },
  { name: 'Korem', domain: 'korem.example', panel: false },
  { name: 'Kejaksaan Tinggi', domain: 'kejati.example', panel: false },
  { name: 'Pengadilan Tinggi', domain: 'pt.example', panel: false },
  { name: 'DPRD Provinsi', domain: 'dprd-prov.example', panel: true },
  { name: 'Sekretariat Daerah', domain: 'setda-prov.example', panel: false },
  { name: 'Kesbangpol', domain: 'kesbangpol.example', panel: false },
  { name: 'Dinas Kominfo', domain: 'kominfo-prov.example', panel: false },
  { name: 'KPU Kabupaten', domain: 'kpu-kab.example', panel: false },
  { name: 'Partai Nusantara Maju', domain: 'pnm.example', panel: false },
  { name: 'Partai Karya Rakyat', domain: 'pkr.example', panel: false },
  { name: 'Harian Suara Daerah', domain: 'suaradaerah.example', panel: false },
  { name: 'TV Lokal Nusantara', domain: 'tvln.example', panel: false },
];

const CLIENTS = ['Windows desktop', 'macOS desktop', 'Android', 'iOS', 'Web browser'] as const;

/** The moderator's own account, present from the start. */
export function moderator(): Person {
  return {
    key: 'host',
    displayName: 'Moderator KPU Provinsi',
    role: 'host',
    identity: { userId: 'u-host', email: 'moderator@kpu-prov.example', client: 'Windows desktop', organisation: 'KPU Provinsi' },
    audio: true,
    video: true,
    alerts: [],
    intruder: false,
  };
}

/** `count` distinct invited officials, deterministic for a given random stream. */
export function officials(random: SeededRandom, count: number): Person[] {
  const people: Person[] = [];
  const used = new Set<string>();
  while (people.length < count) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    if (used.has(`${first} ${last}`)) continue;
    used.add(`${first} ${last}`);
    const institution = random.pick(INSTITUTIONS);
    const isPanelist = institution.panel && people.filter((p) => p.role === 'panelist').length < 6;
    const index = people.length + 1;
    people.push({
      key: `o${index}`,
      displayName: `${random.pick(TITLES)}${first} ${last} (${institution.name})`,
      role: isPanelist ? 'panelist' : 'attendee',
      identity: {
        userId: `u-${1000 + index}`,
        email: `${first}.${last}@${institution.domain}`.toLowerCase(),
        client: random.pick(CLIENTS),
        ip: `192.0.2.${index}`,
        organisation: institution.name,
      },
      audio: false,
      video: isPanelist,
      alerts: [],
      intruder: false,
    });
  }
  return people;
}
