// The shared behaviour runner's own rules (tests/vectors/behaviour/README.md): the files it lays out.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { fileBytes, vectors } from './behaviour.mjs';

test("a scenario's .png starts with the vectors' fileHeaders bytes, the rest of every file is i % 251", () => {
  const header = Buffer.from(vectors.fileHeaders['.png'], 'hex');
  const files = new Map(fileBytes({ 'Images\\shot.png': 4096, 'app.msixupload': 300 }));
  const png = files.get('Images/shot.png');
  assert.equal(png.length, 4096);
  assert.deepEqual(Buffer.from(png.subarray(0, header.length)), header);
  assert.equal(png[header.length], header.length % 251);
  assert.deepEqual([...files.get('app.msixupload').subarray(0, 3)], [0, 1, 2]);
  assert.equal(files.get('app.msixupload')[260], 260 % 251);
});
