// Writes the pack screen's five sounds as small 16-bit mono WAV files: `node resources/sounds/generate.mjs`.
// Each is built from plain sine tones so it can be regenerated and changed here, not fetched from anywhere.
// They differ in pitch, rhythm and length, so a packer who is not looking at the screen still tells them apart.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 44100;

/** notes: [frequency Hz (0 = silence), duration s]; a short fade at both ends of each note avoids clicks. */
function render(notes, { volume = 0.6, harmonics = [1] } = {}) {
  const samples = [];
  for (const [frequency, seconds] of notes) {
    const count = Math.round(seconds * RATE);
    const fade = Math.min(Math.round(0.006 * RATE), Math.floor(count / 2));
    for (let i = 0; i < count; i += 1) {
      const envelope = Math.min(1, i / fade, (count - 1 - i) / fade);
      let value = 0;
      if (frequency > 0) {
        for (const [n, harmonic] of harmonics.entries()) value += Math.sin((2 * Math.PI * frequency * harmonic * i) / RATE) / (n + 1);
      }
      samples.push(value * envelope * volume);
    }
  }
  return samples;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const sounds = {
  // One short high beep: the sound heard hundreds of times a day, so it is the quietest and shortest.
  ok: render([[1568, 0.09]], { volume: 0.5 }),
  // A rising major arpeggio: the order is done.
  complete: render([[1047, 0.09], [1319, 0.09], [1568, 0.09], [2093, 0.2]], { volume: 0.55 }),
  // Two quick mid beeps: this item is in the order, but there are enough of it already.
  over: render([[880, 0.08], [0, 0.05], [880, 0.08]], { volume: 0.6, harmonics: [1, 2] }),
  // A low, rough buzz: this item does not belong in this order.
  wrong: render([[196, 0.4]], { volume: 0.7, harmonics: [1, 2, 3, 4, 5] }),
  // Falling two-tone: nobody knows this code.
  unknown: render([[660, 0.14], [440, 0.22]], { volume: 0.6, harmonics: [1, 3] }),
};

for (const [name, samples] of Object.entries(sounds)) writeFileSync(join(import.meta.dirname, `${name}.wav`), wav(samples));
console.log(`wrote ${Object.keys(sounds).length} sounds`);
