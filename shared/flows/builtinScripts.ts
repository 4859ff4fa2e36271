import type { Script } from './script';

/**
 * The scripts Hostdeck ships, in English and Bahasa Indonesia. Words for the worst minutes of an
 * event, written calmly in advance: contain first, then apologise, then continue or close.
 */
export const BUILTIN_SCRIPTS: readonly Script[] = [
  {
    id: 'builtin-continue-en',
    name: 'Apologise and continue',
    language: 'en',
    description: 'Contain the intrusion, apologise, and resume the meeting.',
    steps: [
      { kind: 'action', action: 'contain' },
      {
        kind: 'say',
        text: 'Ladies and gentlemen, we apologise for the disruption a moment ago. Some accounts that were not invited joined {event} and behaved unacceptably. They have been removed and the meeting is now secured.',
      },
      {
        kind: 'chat',
        text: 'We apologise for the disruption. Uninvited accounts have been removed and the meeting is secured. — {organizer}',
      },
      { kind: 'confirm', text: 'Ready to let participants speak and share again?' },
      { kind: 'action', action: 'restore' },
      { kind: 'say', text: 'Thank you for your patience. Let us continue where we left off.' },
    ],
  },
  {
    id: 'builtin-close-en',
    name: 'Apologise and close',
    language: 'en',
    description:
      'Contain the intrusion, apologise aloud and in the chat, thank everyone, count down ten seconds, and end the meeting for all.',
    steps: [
      { kind: 'action', action: 'contain' },
      {
        kind: 'say',
        text: 'Ladies and gentlemen, we sincerely apologise for the disruption. Uninvited accounts joined {event} and displayed offensive content. We have removed them, and out of respect for all of you we will close the meeting now.',
      },
      {
        kind: 'chat',
        text: 'We apologise for the disruption. {organizer} is closing this meeting now. Thank you for attending; follow-up information will be shared through official channels.',
      },
      {
        kind: 'say',
        text: 'Thank you all for your participation and your understanding. The summary and next steps will be shared through our official channels. The meeting will close in ten seconds.',
      },
      { kind: 'wait', seconds: 10, text: 'Closing in' },
      { kind: 'action', action: 'endForAll' },
    ],
  },
  {
    id: 'builtin-continue-id',
    name: 'Minta maaf dan lanjutkan',
    language: 'id',
    description: 'Amankan rapat dari penyusup, sampaikan permintaan maaf, lalu lanjutkan rapat.',
    steps: [
      { kind: 'action', action: 'contain' },
      {
        kind: 'say',
        text: 'Bapak dan Ibu sekalian, kami mohon maaf atas gangguan tadi. Beberapa akun yang tidak diundang masuk ke {event} dan berperilaku tidak pantas. Akun-akun tersebut sudah dikeluarkan dan rapat kini sudah diamankan.',
      },
      {
        kind: 'chat',
        text: 'Mohon maaf atas gangguan tadi. Akun yang tidak diundang sudah dikeluarkan dan rapat sudah diamankan. — {organizer}',
      },
      { kind: 'confirm', text: 'Siap mengizinkan peserta berbicara dan berbagi layar kembali?' },
      { kind: 'action', action: 'restore' },
      { kind: 'say', text: 'Terima kasih atas kesabaran Bapak dan Ibu. Mari kita lanjutkan acara.' },
    ],
  },
  {
    id: 'builtin-close-id',
    name: 'Minta maaf dan tutup',
    language: 'id',
    description:
      'Amankan rapat, sampaikan permintaan maaf secara lisan dan di obrolan, ucapkan terima kasih, hitung mundur sepuluh detik, lalu akhiri rapat untuk semua.',
    steps: [
      { kind: 'action', action: 'contain' },
      {
        kind: 'say',
        text: 'Bapak dan Ibu sekalian, kami mohon maaf yang sebesar-besarnya atas gangguan tadi. Akun-akun yang tidak diundang masuk ke {event} dan menampilkan konten yang tidak pantas. Kami telah mengeluarkan mereka, dan demi menghormati Bapak dan Ibu sekalian, rapat ini akan kami tutup sekarang.',
      },
      {
        kind: 'chat',
        text: 'Mohon maaf atas gangguan tadi. {organizer} menutup rapat ini sekarang. Terima kasih atas kehadiran Bapak/Ibu; informasi lanjutan akan disampaikan melalui kanal resmi.',
      },
      {
        kind: 'say',
        text: 'Terima kasih atas partisipasi dan pengertian Bapak dan Ibu sekalian. Ringkasan dan langkah selanjutnya akan kami sampaikan melalui kanal resmi. Rapat akan ditutup dalam sepuluh detik.',
      },
      { kind: 'wait', seconds: 10, text: 'Ditutup dalam' },
      { kind: 'action', action: 'endForAll' },
    ],
  },
];
